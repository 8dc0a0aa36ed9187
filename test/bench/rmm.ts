import { execFileSync } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { rmmUpload } from '../../shared/rmm/upload.ts';
import { pick, seededRandom } from '../../scripts/demo/random.ts';

const CLASSES: [string, string, string][] = [
  ['device', 'Desktop', 'Workstation'], ['device', 'Laptop', 'Notebook'], ['device', 'Server', 'Server'],
  ['printer', 'Printer', 'Laser'], ['esxihost', 'ESXi', 'Host'], ['rmmnetworkdevice', 'Network', 'Router'],
  ['rmmnetworkdevice', 'Network', 'Firewall'], ['device', 'Smartphone', 'Phone'], ['unknown', 'Other', 'Other'],
];

/** A seeded Datto RMM device list of `count` devices over `sites` sites. */
export function deviceList(count: number, sites: number, seed = 7): unknown[] {
  const random = seededRandom(seed);
  return Array.from({ length: count }, (_, i) => {
    const site = Math.floor(random() * sites);
    const [deviceClass, category, type] = pick(random, CLASSES);
    return {
      uid: `dev-${i}`, siteUid: `site-${site}`, siteName: `Client ${site}`, deviceClass,
      deviceType: { category, type }, suspended: false, deleted: random() < 0.02,
      approved: random() > 0.01, groups: random() < 0.02 ? ['_NotBillable_'] : [],
    };
  });
}

/** Datto RMM device list → upload: in-process and through the command line, 10,000 devices. */
export async function bench(): Promise<Record<string, unknown>> {
  const devices = deviceList(10_000, 400);
  const start = performance.now();
  rmmUpload(devices, '2026-10-01');
  const inProcessMs = performance.now() - start;
  const file = join(await mkdtemp(join(tmpdir(), 'trueup-bench-')), 'devices.json');
  await writeFile(file, JSON.stringify(devices));
  const cliStart = performance.now();
  execFileSync(process.execPath, ['cli/trueup.ts', 'rmm', file, '2026-10-01'], { stdio: ['ignore', 'ignore', 'inherit'] });
  const cliMs = performance.now() - cliStart;
  console.table({ 'rmmUpload, 10,000 devices': { ms: inProcessMs.toFixed(1) }, 'trueup rmm CLI (incl. Node start)': { ms: cliMs.toFixed(1) } });
  return { devices: 10_000, inProcessMs: Math.round(inProcessMs * 10) / 10, cliMs: Math.round(cliMs) };
}
