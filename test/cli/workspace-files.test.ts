// The command line reads workspace files as they stream: gzip as well as plain JSON, files
// larger than its read chunks, every problem of a bad upload deep inside named by path, and a
// file it cannot read reported as such (not as a wrong way of calling it).
import { writeFile } from 'node:fs/promises';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { computePeriod } from '../../shared/invoice/compute-period.ts';
import type { Upload } from '../../shared/schema/upload.ts';
import { workspace } from '../../shared/schema/workspace.ts';
import { workspaceDocumentText } from '../../shared/workspace-stream/write-document.ts';
import { tempFile, trueup } from '../support/cli.ts';
import { largeMsp } from './large-msp.ts';

const example = {
  version: 1, currency: 'USD', asOf: '2026-10-31', enabledModules: ['datto-rmm'],
  accounts: [{ id: 'a1', name: 'Brass Building Supplies' }],
  orgMappings: [{ module: 'datto-rmm', orgId: 's-17', accountId: 'a1' }],
  contracts: [{ id: 'c1', accountId: 'a1', name: 'Managed Services', startDate: '2026-01-01', endDate: null,
    services: [{ id: 's1', name: 'Desktop Monitoring', unitPrice: '5.00', unitCost: '1.20', billing: 'daily' }],
    serviceMappings: [{ module: 'datto-rmm', billingType: 'AllDevicesMetric', serviceId: 's1' }] }],
  // 10 devices on 1–15 October, 11 on 16–31.
  uploads: Array.from({ length: 31 }, (_, i) => ({ module: 'datto-rmm', date: `2026-10-${String(i + 1).padStart(2, '0')}`,
    orgs: [{ orgId: 's-17', name: 'Brass Building Supplies LLC', metrics: { AllDevicesMetric: i < 15 ? 10 : 11 } }] })),
};

/** A month of 200 accounts on 10 modules (about 12 MB, several read chunks), written as the export writes it. */
async function largeFile(change?: (upload: Upload, index: number) => void): Promise<{ path: string; text: string }> {
  const { head, uploads } = largeMsp({ accounts: 200, days: 31, lastDay: '2026-10-31', seed: 7 });
  let index = 0;
  function* changed() {
    for (const page of uploads()) {
      for (const u of page) change?.(u, index++);
      yield page;
    }
  }
  let text = '';
  for await (const piece of workspaceDocumentText(head, [], changed())) text += piece;
  return { path: await tempFile(text, 'large.json'), text };
}

describe('npm run trueup -- reading workspace files', { timeout: 120_000 }, () => {
  it('bills a gzip workspace exactly as the same plain one, whatever the file is named', async () => {
    const plain = await tempFile(example);
    const gzip = await tempFile('', 'workspace.json');
    await writeFile(gzip, gzipSync(JSON.stringify(example)));
    const [fromPlain, fromGzip] = await Promise.all([trueup(['bill', plain, '2026-10']), trueup(['bill', gzip, '2026-10'])]);
    expect(fromGzip.stderr).toBe('');
    expect(fromGzip.code).toBe(0);
    expect(fromGzip.stdout).toBe(fromPlain.stdout);
    expect(JSON.parse(fromGzip.stdout)).toMatchObject({ invoices: [{ accountId: 'a1', total: '52.58' }] });
  });

  it('reports a file it cannot read as such: missing, a folder, not JSON, cut short, a damaged gzip', async () => {
    const whole = gzipSync(JSON.stringify(example));
    const cutGzip = await tempFile('', 'cut.json.gz');
    await writeFile(cutGzip, whole.subarray(0, whole.length - 30));
    const cutJson = await tempFile(JSON.stringify(example).slice(0, 300));
    const notJson = await tempFile('{ "version": 1, "accounts": [} ');
    const folder = (await tempFile('{}')).replace(/\/input\.json$/, '');
    const cases: [string, RegExp][] = [
      ['/nonexistent/workspace.json', /^cannot read \/nonexistent\/workspace\.json: .*ENOENT/],
      [folder, /^cannot read .*: .*EISDIR/],
      [notJson, /^cannot read .*: it is not valid JSON/],
      [cutJson, /^cannot read .*: it is not valid JSON: unexpected end of the document/],
      [cutGzip, /^cannot read .*cut\.json\.gz: /],
    ];
    const results = await Promise.all(cases.map(([file]) => trueup(['suggest', file])));
    results.forEach((result, i) => {
      const [file, message] = cases[i] as [string, RegExp];
      expect(result.code, file).toBe(1);
      expect(result.stdout, file).toBe('');
      expect(result.stderr, file).toMatch(message);
      expect(result.stderr, file).not.toContain('usage');
    });
  });

  it('bills a file larger than its read chunks exactly as the whole document read at once', async () => {
    const { path, text } = await largeFile();
    const { code, stdout, stderr } = await trueup(['bill', path, '2026-10']);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const expected = computePeriod(workspace.parse(JSON.parse(text)), '2026-10');
    const printed = JSON.parse(stdout) as { invoices: unknown[] };
    expect(printed.invoices).toHaveLength(200);
    expect(printed).toEqual(JSON.parse(JSON.stringify({ period: expected.period, asOf: expected.asOf, currency: expected.currency, invoices: expected.invoices })));
  });

  it('names every problem of a bad upload deep in a large file by its path, and prints nothing', async () => {
    const { path, text } = await largeFile((u, i) => {
      if (i !== 287) return;
      const org = u.orgs[7];
      if (!org) throw new Error('the upload has orgs');
      org.orgId = '';
      org.metrics = { ...org.metrics, BogusMetric: 1, AllDevicesMetric: -2 };
    });
    const { code, stdout, stderr } = await trueup(['bill', path, '2026-10']);
    expect(code).toBe(1);
    expect(stdout).toBe('');
    const listed = stderr.split('\n').filter((line) => line.startsWith('  ')).map((line) => line.trim());
    // The same problems, in the same order, as the schema gives for the whole document.
    const whole = workspace.safeParse(JSON.parse(text));
    expect(whole.success).toBe(false);
    expect(listed).toEqual((whole.error?.issues ?? []).map((i) => `${i.path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('').replace(/^\./, '')}: ${i.message}`));
    expect(listed).toEqual([
      'uploads[287].orgs[7].orgId: must not be empty',
      'uploads[287].orgs[7].metrics.AllDevicesMetric: quantity must not be negative',
      // upload 287 is Compliance Manager's 8 October (10 modules × 31 days, in order)
      'uploads[287].orgs[7].metrics.BogusMetric: unknown billing type "BogusMetric" for module compliance-manager',
      'uploads[287].orgs[7].metrics.AllDevicesMetric: unknown billing type "AllDevicesMetric" for module compliance-manager',
    ]);
  });
});
