import { execFile } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);

async function trueup(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, ['cli/trueup.ts', ...args]);
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

async function tempFile(content: unknown): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'trueup-rmm-'));
  const path = join(dir, 'devices.json');
  await writeFile(path, JSON.stringify(content));
  return path;
}

describe('npm run trueup -- rmm', () => {
  it('prints the upload of a device list', async () => {
    const file = await tempFile([{ siteUid: 's1', siteName: 'Alpha', deviceClass: 'device', deviceType: { category: 'Laptop', type: 'Notebook' } }]);
    const { code, stdout } = await trueup(['rmm', file, '2026-10-01']);
    expect(code).toBe(0);
    const upload = JSON.parse(stdout) as { module: string; orgs: { orgId: string; metrics: Record<string, number> }[] };
    expect(upload.module).toBe('datto-rmm');
    expect(upload.orgs[0]?.metrics).toMatchObject({ AllDevicesMetric: 1, LaptopMetric: 1, DesktopLaptopMetric: 1 });
  });
  it('fails with every problem by path and nothing on stdout', async () => {
    const file = await tempFile([{ siteUid: '', deviceClass: 'device' }, { siteUid: 'x' }]);
    const { code, stdout, stderr } = await trueup(['rmm', file, '2026-10-01']);
    expect(code).not.toBe(0);
    expect(stdout).toBe('');
    expect(stderr).toContain('[0].siteUid');
    expect(stderr).toContain('[1].deviceClass');
  });
  it('fails on a bad date, a missing file and invalid JSON', async () => {
    const file = await tempFile([]);
    expect((await trueup(['rmm', file, '2026-13-01'])).code).not.toBe(0);
    expect((await trueup(['rmm', '/nonexistent.json', '2026-10-01'])).code).not.toBe(0);
    const bad = join(await mkdtemp(join(tmpdir(), 'trueup-rmm-')), 'bad.json');
    await writeFile(bad, '{not json');
    const result = await trueup(['rmm', bad, '2026-10-01']);
    expect(result.code).not.toBe(0);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/not valid JSON/);
  });
});
