import { describe, expect, it } from 'vitest';
import { tempFile, trueup } from '../support/cli.ts';

const days = (from: number, to: number, quantity: number) => Array.from({ length: to - from + 1 }, (_, i) => ({
  module: 'datto-rmm', date: `2026-10-${String(from + i).padStart(2, '0')}`, orgs: [{ orgId: 's-17', name: 'Brass Building Supplies LLC', metrics: { AllDevicesMetric: quantity } }],
}));

// A workspace document (docs/billing-rules.md#workspace-document), with October's uploads: 10 devices on days 1–15, 11 on 16–31.
const example = {
  version: 1, currency: 'USD', asOf: '2026-10-31',
  modules: [], enabledModules: ['datto-rmm', 'datto-edr'],
  accounts: [{ id: 'a1', name: 'Brass Building Supplies' }],
  orgMappings: [{ module: 'datto-rmm', orgId: 's-17', accountId: 'a1' }],
  contracts: [{
    id: 'c1', accountId: 'a1', name: 'Managed Services', startDate: '2026-01-01', endDate: null,
    services: [{ id: 's1', name: 'Desktop Monitoring', unitPrice: '5.00', unitCost: '1.20', billing: 'daily' }],
    serviceMappings: [
      { module: 'datto-rmm', billingType: 'AllDevicesMetric', serviceId: 's1' },
      { module: 'datto-rmm', billingType: 'PrinterMetric', ignore: true }],
  }],
  uploads: [...days(1, 15, 10), ...days(16, 31, 11)],
  invoices: [],
};

// each step starts node processes: generous on a busy machine
describe('npm run trueup -- bill', { timeout: 30_000 }, () => {
  it('prints the period\'s invoices in the workspace document\'s shape', async () => {
    const { code, stdout, stderr } = await trueup(['bill', await tempFile(example), '2026-10']);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const result = JSON.parse(stdout) as Record<string, unknown>;
    // Σ = 150 + 176 = 326 device-days over 31 days → 10.5161; 5 × 326 / 31 = 52.58; 1.20 × 326 / 31 = 12.62.
    expect(result).toMatchObject({
      period: '2026-10', asOf: '2026-10-31', currency: 'USD',
      invoices: [{ accountId: 'a1', period: '2026-10', status: 'draft', number: null, total: '52.58', lines: [
        { kind: 'item', contractId: 'c1', serviceId: 's1', module: 'datto-rmm', period: '2026-10', quantity: '10.5161', amount: '52.58', cost: '12.62', estimated: false },
      ] }],
    });
  });

  it('takes --as-of and projects the days after it', async () => {
    const { code, stdout } = await trueup(['bill', await tempFile(example), '2026-10', '--as-of', '2026-10-20']);
    expect(code).toBe(0);
    const result = JSON.parse(stdout) as { asOf: string; invoices: { lines: { estimated: boolean }[] }[] };
    expect(result.asOf).toBe('2026-10-20');
    expect(result.invoices[0]?.lines[0]?.estimated).toBe(true);
  });

  it('prints no invoices for a month without billing', async () => {
    const { code, stdout } = await trueup(['bill', await tempFile(example), '2025-12']);
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toEqual({ period: '2025-12', asOf: '2026-10-31', currency: 'USD', invoices: [] });
  });

  it('fails with every problem by path and nothing on stdout', async () => {
    const bad = {
      ...example,
      accounts: [{ id: 'a1', name: '' }],
      orgMappings: [{ module: 'datto-rmm', orgId: 's-17', accountId: 'nobody' }],
      uploads: [{ module: 'datto-rmm', date: '2026-10-32', orgs: [{ orgId: 's-17', metrics: { AllDevicesMetric: -1 } }] }],
    };
    const result = await trueup(['bill', await tempFile(bad), '2026-10']);
    expect(result.code).not.toBe(0);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('accounts[0].name');
    expect(result.stderr).toContain('uploads[0].date');
    expect(result.stderr).toContain('uploads[0].orgs[0].metrics.AllDevicesMetric');
  });

  it('fails on cross-reference problems, a bad period, a missing file, invalid JSON', async () => {
    const unknownAccount = await trueup(['bill', await tempFile({ ...example, orgMappings: [{ module: 'datto-rmm', orgId: 's-17', accountId: 'nobody' }] }), '2026-10']);
    expect(unknownAccount).toMatchObject({ stdout: '' });
    expect(unknownAccount.code).not.toBe(0);
    expect(unknownAccount.stderr).toContain('orgMappings[0].accountId');
    const file = await tempFile(example);
    const [badMonth, shortMonth, noMonth, missing, invalid] = await Promise.all([
      trueup(['bill', file, '2026-13']), trueup(['bill', file, '2026-1']), trueup(['bill', file]),
      trueup(['bill', '/nonexistent.json', '2026-10']), trueup(['bill', await tempFile('{not json'), '2026-10']),
    ]);
    for (const result of [badMonth, shortMonth, noMonth, missing]) {
      expect(result.code).not.toBe(0);
      expect(result.stdout).toBe('');
    }
    expect(badMonth.stderr).toContain('period');
    expect(invalid.code).not.toBe(0);
    expect(invalid.stdout).toBe('');
    expect(invalid.stderr).toMatch(/not valid JSON/);
  }, 30_000);
});

describe('npm run trueup -- bill: the invoice an MSP can send', () => {
  // Brass pays IL sales tax, has a flat fee from 16 October, a tiered backup service and a credit.
  const sendable = {
    ...example, asOf: '2026-11-02',
    profile: { name: 'Northwind IT', address: ['1 Main St'], paymentTermsDays: 30 },
    accounts: [{ id: 'a1', name: 'Brass Building Supplies', billing: { legalName: 'Brass Building Supplies LLC', paymentTermsDays: 15, tax: { name: 'IL sales tax', rate: '6.25' } } }],
    contracts: [{
      ...example.contracts[0],
      services: [
        { id: 's1', name: 'Desktop Monitoring', unitPrice: '5.00', unitCost: '1.20', billing: 'period-end', tiers: [{ upTo: '10', unitPrice: '5.00', flatFee: '2.00' }, { upTo: null, unitPrice: '4.00' }] },
        { id: 's0', name: 'Managed services', unitPrice: '310.00', billing: 'fixed' },
      ],
    }],
    charges: [{ id: 'ch1', accountId: 'a1', period: '2026-10', description: 'Goodwill credit', quantity: '1', unitPrice: '-10.00' }],
  };
  const withFee = { ...sendable, contracts: [{ ...sendable.contracts[0], startDate: '2026-10-16' }] };

  it('prints subtotal, taxes, basis and charge lines of a draft', async () => {
    const { code, stdout } = await trueup(['bill', await tempFile(withFee), '2026-10']);
    expect(code).toBe(0);
    const [invoice] = (JSON.parse(stdout) as { invoices: unknown[] }).invoices;
    // From 16 October (16 of 31 days): tiers (10 × 5.00 + 2.00 + 1 × 4.00) × 16/31 = 28.90; fee 310.00 × 16/31 = 160.00.
    expect(invoice).toMatchObject({
      subtotal: '178.90', taxes: [{ name: 'IL sales tax', rate: '6.25', taxable: '178.90', amount: '11.18' }], total: '190.08',
      lines: [
        { kind: 'item', module: 'datto-rmm', quantity: '11.0000', amount: '28.90', basis: '(10 × 5.00 + 2.00 + 1 × 4.00) × 16/31 days (graduated)' },
        { kind: 'item', module: null, serviceId: 's0', quantity: '1.0000', unitPrice: '310.00', amount: '160.00', basis: '1 × 310.00 × 16/31 days' },
        { kind: 'charge', chargeId: 'ch1', description: 'Goodwill credit', corrects: null, quantity: '1.0000', unitPrice: '-10.00', amount: '-10.00' },
      ],
    });
  });

  it('prints a posted invoice with its frozen terms, parties and dates', async () => {
    const posted = {
      ...sendable,
      invoices: [{
        id: 'a1/2026-10/1', accountId: 'a1', period: '2026-10', status: 'posted', number: 'INV-000001', subtotal: '52.58', taxes: [], total: '52.58',
        issueDate: '2026-11-01', dueDate: '2026-11-16', from: { name: 'Northwind IT', address: ['1 Main St'] }, billTo: { name: 'Brass Building Supplies' }, usageCursor: '31',
        lines: [{ kind: 'item', contractId: 'c1', serviceId: 's1', module: 'datto-rmm', period: '2026-10', quantity: '10.5161', amount: '52.58', cost: '12.62', estimated: false,
          unitPrice: '5.00', unitCost: '1.20', billing: 'daily', minimumQuantity: null, includedQuantity: null, tiers: null, tierMode: null, taxable: true,
          activeFrom: '2026-10-01', activeTo: '2026-10-31', sources: { orgIds: ['s-17'], billingTypes: ['AllDevicesMetric'] } }],
      }],
    };
    const { code, stdout } = await trueup(['bill', await tempFile(posted), '2026-10']);
    expect(code).toBe(0);
    expect((JSON.parse(stdout) as { invoices: unknown[] }).invoices).toEqual([posted.invoices[0]]);
  });
});
