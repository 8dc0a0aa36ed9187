import { describe, expect, it } from 'vitest';
import { tempFile, trueup } from '../support/cli.ts';

// each step starts node processes: generous on a busy machine
describe('npm run trueup -- rmm', { timeout: 30_000 }, () => {
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
    const result = await trueup(['rmm', await tempFile('{not json'), '2026-10-01']);
    expect(result.code).not.toBe(0);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/not valid JSON/);
  });
});
