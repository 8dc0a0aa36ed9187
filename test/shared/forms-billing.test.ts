import { describe, expect, it } from 'vitest';
import {
  addPriceChange, emptyService, profileDraft, serviceDraft, validateAccountBilling, validateCharge, validateContract, validateProfile, validateService,
  type AccountBillingDraft, type ChargeDraft, type ContractDraft, type ServiceDraft,
} from '../../shared/forms/index.ts';

const service = (over: Partial<ServiceDraft>): ServiceDraft => ({ ...emptyService('s1'), name: 'Workstations', unitPrice: '5.00', ...over });
const paths = (result: { ok: boolean; issues?: { path: string }[] }) => (result.ok ? [] : (result.issues ?? []).map((i) => i.path));
const messages = (result: { ok: true } | { ok: false; issues: { path: string; message: string }[] }) => (result.ok ? [] : result.issues.map((i) => `${i.path}: ${i.message}`));

/** A data: URL of an image of `bytes` bytes. */
function logoOf(bytes: number): string {
  return `data:image/png;base64,${'A'.repeat(Math.ceil(bytes / 3) * 4)}`;
}

describe('service options in the contract form', () => {
  it('a fixed fee keeps its quantity and drops the usage options', () => {
    const result = validateService(service({ name: 'Managed services', billing: 'fixed', unitPrice: '1500.00', quantity: '2', includedQuantity: '10', tiers: [{ upTo: '', unitPrice: '1', flatFee: '' }] }));
    expect(result).toEqual({ ok: true, value: { id: 's1', name: 'Managed services', billing: 'fixed', unitPrice: '1500.00', unitCost: null, quantity: '2' } });
  });

  it('a usage service keeps minimum, included units, graduated tiers with flat fees, no tax and its account code', () => {
    const result = validateService(service({
      name: 'Backup', billing: 'peak', unitPrice: '', minimumQuantity: '20', includedQuantity: '10', taxable: false, accountCode: '210',
      tiers: [{ upTo: '10', unitPrice: '12.00', flatFee: '25.00' }, { upTo: '', unitPrice: '9.00', flatFee: '' }],
    }));
    expect(result).toEqual({ ok: true, value: {
      id: 's1', name: 'Backup', billing: 'peak', unitPrice: '0', unitCost: null, minimumQuantity: '20', includedQuantity: '10',
      tiers: [{ upTo: '10', unitPrice: '12.00', flatFee: '25.00' }, { upTo: null, unitPrice: '9.00' }], tierMode: 'graduated', taxable: false, accountCode: '210',
    } });
  });

  it('refuses a tier list that is not ascending, naming the tier', () => {
    const result = validateService(service({ tiers: [{ upTo: '50', unitPrice: '4', flatFee: '' }, { upTo: '10', unitPrice: '3', flatFee: '' }, { upTo: '', unitPrice: '2', flatFee: '' }] }));
    expect(messages(result)).toEqual(['tiers[1].upTo: tiers must be in strictly ascending order of upTo']);
  });

  it('refuses an open tier before the last one', () => {
    const result = validateService(service({ tiers: [{ upTo: '', unitPrice: '4', flatFee: '' }, { upTo: '10', unitPrice: '3', flatFee: '' }] }));
    expect(paths(result)).toEqual(['tiers[0].upTo', 'tiers[1].upTo']);
  });

  it('refuses a negative included quantity and a minimum written as a word', () => {
    const result = validateService(service({ includedQuantity: '-5', minimumQuantity: 'ten' }));
    expect(messages(result).sort()).toEqual(['includedQuantity: must not be negative', 'minimumQuantity: must be a decimal string such as "5.00"']);
  });

  it('refuses a fixed fee that billing types are still mapped to, naming them', () => {
    const draft: ContractDraft = { id: 'c1', accountId: 'a1', name: 'MSA', startDate: '2026-10-16', endDate: '', services: [service({ billing: 'fixed' })] };
    const result = validateContract(draft, [{ module: 'datto-rmm', billingType: 'AllDevicesMetric', serviceId: 's1' }]);
    expect(messages(result)).toEqual(['services[0].billing: a fixed fee takes no billing types: unmap AllDevicesMetric on the Service mapping tab first']);
  });

  it('adds a new price from a month, replacing one from the same month, kept in month order', () => {
    const first = addPriceChange(service({}), '2027-01', '5.50');
    expect(first.ok && first.value.priceChanges).toEqual([{ from: '2027-01', unitPrice: '5.50' }]);
    const second = first.ok ? addPriceChange(first.value, '2026-12', '5.25') : first;
    const third = second.ok ? addPriceChange(second.value, '2027-01', '5.75') : second;
    expect(third.ok && third.value.priceChanges).toEqual([{ from: '2026-12', unitPrice: '5.25' }, { from: '2027-01', unitPrice: '5.75' }]);
    expect(third.ok && validateService(third.value)).toEqual({ ok: true, value: expect.objectContaining({ unitPrice: '5.00', priceChanges: [{ from: '2026-12', unitPrice: '5.25' }, { from: '2027-01', unitPrice: '5.75' }] }) });
  });

  it('refuses a new price that is not a price, or a month that is not one', () => {
    expect(paths(addPriceChange(service({}), '2027-01', 'abc'))).toEqual(['newPrice']);
    expect(paths(addPriceChange(service({}), '2027-13', '5.00'))).toEqual(['newPriceFrom']);
  });
});

describe('the MSP profile form ("Your business")', () => {
  const typed = { ...profileDraft(undefined), name: 'Northwind IT', address: '1 Main St\n\n Springfield, IL 62701 ', email: 'billing@northwind.example', paymentTermsDays: '30', incomeAccountCode: '200' };

  it('given a filled form, then blank lines and fields are left out', () => {
    expect(validateProfile(typed)).toEqual({ ok: true, value: {
      name: 'Northwind IT', address: ['1 Main St', 'Springfield, IL 62701'], email: 'billing@northwind.example', paymentTermsDays: 30,
      export: { dateFormat: 'MM/DD/YYYY', incomeAccountCode: '200' },
    } });
  });

  it('refuses a 2 MB logo and accepts one of 200 KB', () => {
    expect(messages(validateProfile({ ...typed, logo: logoOf(2 * 1024 * 1024) }))).toEqual(['logo: must be at most 200 KB']);
    expect(validateProfile({ ...typed, logo: logoOf(200 * 1024 - 2) }).ok).toBe(true);
  });

  it('refuses terms of "thirty" days, a broken e-mail and a file that is not an image', () => {
    const result = validateProfile({ ...typed, paymentTermsDays: 'thirty', email: 'billing', logo: 'data:text/plain;base64,AAAA' });
    expect(paths(result).sort()).toEqual(['email', 'logo', 'paymentTermsDays']);
  });

  it('round-trips through the form', () => {
    const saved = validateProfile(typed);
    expect(saved.ok && validateProfile(profileDraft(saved.value))).toEqual(saved);
  });
});

describe("an account's billing details form", () => {
  const typed: AccountBillingDraft = { legalName: 'Brass Building Supplies LLC', address: '9 Dock Rd', email: 'ap@brass.example', reference: 'PO-7781', paymentTermsDays: '15', tax: 'rate', taxName: 'IL sales tax', taxRate: '6.25' };

  it('given a taxed account, then the rate and its name are kept', () => {
    expect(validateAccountBilling(typed)).toEqual({ ok: true, value: { legalName: 'Brass Building Supplies LLC', address: ['9 Dock Rd'], email: 'ap@brass.example', reference: 'PO-7781', paymentTermsDays: 15, tax: { name: 'IL sales tax', rate: '6.25' } } });
  });

  it('refuses a tax rate of "abc" and one over 100, naming the rate', () => {
    expect(messages(validateAccountBilling({ ...typed, taxRate: 'abc' }))).toEqual(['tax.rate: must be a percentage written as a decimal string such as "6.25"']);
    expect(paths(validateAccountBilling({ ...typed, taxRate: '101' }))).toEqual(['tax.rate']);
    expect(paths(validateAccountBilling({ ...typed, taxName: ' ' }))).toEqual(['tax.name']);
  });

  it('an exempt account stores tax null; an untaxed one stores no tax; the rate typed is then ignored', () => {
    expect(validateAccountBilling({ ...typed, tax: 'exempt', taxRate: 'abc' })).toEqual({ ok: true, value: expect.objectContaining({ tax: null }) });
    const none = validateAccountBilling({ ...typed, tax: 'none', taxRate: 'abc' });
    expect(none.ok && 'tax' in none.value).toBe(false);
  });
});

describe('a one-off charge or credit', () => {
  const typed: ChargeDraft = { id: 'ch1', accountId: 'a1', period: '2026-10', description: ' Onboarding ', quantity: '', unitPrice: '250.00', taxable: true, unitCost: '' };

  it('a blank quantity is one and a blank cost none', () => {
    expect(validateCharge(typed)).toEqual({ ok: true, value: { id: 'ch1', accountId: 'a1', period: '2026-10', description: 'Onboarding', quantity: '1', unitPrice: '250.00', taxable: true, unitCost: null, corrects: null } });
  });

  it('a credit has a negative unit price, but never a negative quantity or cost', () => {
    expect(validateCharge({ ...typed, description: 'Goodwill credit', unitPrice: '-50.00', taxable: false }).ok).toBe(true);
    expect(paths(validateCharge({ ...typed, quantity: '-1', unitCost: '-3', description: '' })).sort()).toEqual(['description', 'quantity', 'unitCost']);
  });
});

describe('the form view of a stored service', () => {
  it('shows a tiered service\'s stored "0" unit price blank, and saves it as "0" again', () => {
    const stored = { id: 's2', name: 'Backup', billing: 'peak' as const, unitPrice: '0', tiers: [{ upTo: '10', unitPrice: '12.00', flatFee: '25.00' }, { upTo: null, unitPrice: '9.00' }], tierMode: 'graduated' as const };
    const draft = serviceDraft(stored);
    expect(draft.unitPrice).toBe('');
    expect(validateService(draft)).toEqual({ ok: true, value: { ...stored, unitCost: null } });
  });
});
