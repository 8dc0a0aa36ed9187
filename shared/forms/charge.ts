import { listIssues } from '../schema/issues.ts';
import { charge, type Charge } from '../schema/charge.ts';
import type { FormResult } from './contract.ts';

/** A one-off charge or credit as typed (a credit has a negative unit price). */
export interface ChargeDraft {
  id: string;
  accountId: string;
  period: string;
  description: string;
  quantity: string;
  unitPrice: string;
  taxable: boolean;
  /** Blank: no cost. */
  unitCost: string;
}

/** Validates a charge form with the workspace's charge schema; a blank quantity is 1. */
export function validateCharge(draft: ChargeDraft): FormResult<Charge> {
  const cost = draft.unitCost.trim();
  const parsed = charge.safeParse({
    id: draft.id,
    accountId: draft.accountId,
    period: draft.period.trim(),
    description: draft.description.trim(),
    quantity: draft.quantity.trim() === '' ? '1' : draft.quantity.trim(),
    unitPrice: draft.unitPrice.trim(),
    taxable: draft.taxable,
    unitCost: cost === '' ? null : cost,
    corrects: null,
  });
  if (!parsed.success) return { ok: false, issues: listIssues(parsed.error) };
  return { ok: true, value: parsed.data };
}
