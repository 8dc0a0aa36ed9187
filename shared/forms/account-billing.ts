import { listIssues } from '../schema/issues.ts';
import { accountBilling, type AccountBilling } from '../schema/parties.ts';
import type { FormResult } from './contract.ts';
import { days, defined, emailIssues, lines, optional } from './text-fields.ts';

/** How an account is taxed: not at all (no tax set), at a named rate, or exempt. */
export type TaxChoice = 'none' | 'rate' | 'exempt';

/** An account's "Billing details" form as typed. */
export interface AccountBillingDraft {
  legalName: string;
  /** One address line per line. */
  address: string;
  email: string;
  reference: string;
  paymentTermsDays: string;
  tax: TaxChoice;
  taxName: string;
  taxRate: string;
}

/** Validates an account's billing details; the tax rate and name are checked only when taxed at a rate. */
export function validateAccountBilling(draft: AccountBillingDraft): FormResult<AccountBilling> {
  const tax = draft.tax === 'rate' ? { name: draft.taxName.trim(), rate: draft.taxRate.trim() } : draft.tax === 'exempt' ? null : undefined;
  const input = defined({
    legalName: optional(draft.legalName),
    address: lines(draft.address),
    email: optional(draft.email),
    reference: optional(draft.reference),
    paymentTermsDays: days(draft.paymentTermsDays),
    tax,
  });
  const parsed = accountBilling.safeParse(input);
  const issues = [...(parsed.success ? [] : listIssues(parsed.error)), ...emailIssues(input.email)];
  if (!parsed.success || issues.length > 0) return { ok: false, issues };
  return { ok: true, value: parsed.data };
}

/** The form's view of stored billing details. */
export function accountBillingDraft(b: AccountBilling | undefined): AccountBillingDraft {
  const tax = b?.tax;
  return {
    legalName: b?.legalName ?? '', address: (b?.address ?? []).join('\n'), email: b?.email ?? '', reference: b?.reference ?? '',
    paymentTermsDays: b?.paymentTermsDays === undefined ? '' : String(b.paymentTermsDays),
    tax: tax === undefined ? 'none' : tax === null ? 'exempt' : 'rate', taxName: tax?.name ?? '', taxRate: tax?.rate ?? '',
  };
}
