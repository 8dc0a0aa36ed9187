import { describe, expect, it } from 'vitest';
import { XERO_COLUMNS } from '../../shared/export/index.ts';
import { tempFile, trueup } from '../support/cli.ts';
import { parseCsv, recompute } from '../support/export-checks.ts';
import { exportWorkspace } from '../support/export-workspace.ts';

// Each case starts Node; on a busy machine that takes seconds.
describe('npm run trueup -- export', { timeout: 60_000 }, () => {
  it('prints the Xero CSV of the posted invoices issued in the range', async () => {
    const file = await tempFile(exportWorkspace());
    const { code, stdout, stderr } = await trueup(['export', file, '--format', 'xero', '--from', '2026-11-01', '--to', '2026-11-30']);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout.startsWith(`${XERO_COLUMNS.join(',')}\r\n`)).toBe(true);
    const { rows } = parseCsv(stdout);
    expect(Object.fromEntries(recompute(rows, { number: '*InvoiceNumber', quantity: '*Quantity', unit: '*UnitAmount' })))
      .toEqual({ 'INV-000001': '943.86', 'INV-000002': '-60.00' });
  });

  it('prints the QuickBooks Online and lines files, every invoice by default', async () => {
    const file = await tempFile(exportWorkspace());
    const [qbo, lines] = await Promise.all([trueup(['export', file, '--format=qbo']), trueup(['export', file, '--format', 'lines'])]);
    expect([qbo.code, lines.code]).toEqual([0, 0]);
    expect(parseCsv(qbo.stdout).rows.map((r) => r['Item amount'])).toEqual(['774.19', '210.00', '-50.00', '9.67', '-60.00', '1500.00']);
    expect(parseCsv(lines.stdout).rows.map((r) => `${r.invoiceNumber} ${r.kind} ${r.amount}`)).toEqual([
      'INV-000001 item 774.19', 'INV-000001 item 210.00', 'INV-000001 charge -50.00', 'INV-000001 adjustment 9.67',
      'INV-000002 charge -60.00', 'INV-000005 item 1500.00',
    ]);
  });

  it('refuses a bad format, bad days and a bad workspace, naming each, with nothing on stdout', async () => {
    const file = await tempFile(exportWorkspace());
    const [bad, reversed, broken, missing] = await Promise.all([
      trueup(['export', file, '--format', 'sage', '--from', '2026-02-30', '--to', 'soon']),
      trueup(['export', file, '--format', 'xero', '--from', '2026-12-01', '--to', '2026-11-01']),
      tempFile({ ...exportWorkspace(), profile: { export: { dateFormat: 'D.M.YY' } } }).then((f) => trueup(['export', f, '--format', 'xero'])),
      trueup(['export', file]),
    ]);
    expect(bad.code).not.toBe(0);
    expect(bad.stdout).toBe('');
    expect(bad.stderr).toContain('format: "sage" must be one of xero, qbo, lines');
    expect(bad.stderr).toContain('from: "2026-02-30"');
    expect(bad.stderr).toContain('to: "soon"');
    expect(reversed).toMatchObject({ stdout: '' });
    expect(reversed.stderr).toContain('to: must not be before --from 2026-12-01');
    expect(broken).toMatchObject({ stdout: '' });
    expect(broken.stderr).toContain('profile.export.dateFormat');
    expect(missing.code).not.toBe(0);
    expect(missing.stderr).toContain('missing --format');
  });
});
