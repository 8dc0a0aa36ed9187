import { z } from 'zod';
import { listIssues } from '../schema/issues.ts';
import { billingMode, contract, contractService, type Contract, type ContractService } from '../schema/workspace.ts';
import type { Issue } from '../schema/issues.ts';

/** A contract service as typed in a form: every field text, blanks meaning "none". */
export interface ServiceDraft {
  id: string;
  name: string;
  unitPrice: string;
  unitCost: string;
  billing: string;
}

/** A contract as typed in a form. */
export interface ContractDraft {
  id: string;
  accountId: string;
  name: string;
  startDate: string;
  endDate: string;
  services: ServiceDraft[];
}

export type FormResult<T> = { ok: true; value: T } | { ok: false; issues: Issue[] };

/** Blank → null, and surrounding spaces never reach a price. */
function optionalText(text: string): string | null {
  const trimmed = text.trim();
  return trimmed === '' ? null : trimmed;
}

function serviceInput(draft: ServiceDraft): unknown {
  return {
    id: draft.id,
    name: draft.name.trim(),
    unitPrice: draft.unitPrice.trim(),
    unitCost: optionalText(draft.unitCost),
    billing: draft.billing,
  };
}

const contractForm = contract.superRefine((c, ctx) => {
  if (c.endDate !== null && c.endDate < c.startDate) ctx.addIssue({ code: 'custom', path: ['endDate'], message: 'must not be before the start date' });
  const names = new Set<string>();
  c.services.forEach((s, i) => {
    const key = s.name.toLowerCase();
    if (names.has(key)) ctx.addIssue({ code: 'custom', path: ['services', i, 'name'], message: `another service is already named "${s.name}"` });
    names.add(key);
  });
});

/**
 * Validates a contract form with the workspace's own schemas: prices and costs must be
 * exact decimals (at most 4 places), dates real days, the end not before the start.
 * Service mappings are edited elsewhere and passed through untouched.
 */
export function validateContract(draft: ContractDraft, serviceMappings: Contract['serviceMappings'] = []): FormResult<Contract> {
  const input = {
    id: draft.id,
    accountId: draft.accountId,
    name: draft.name.trim(),
    startDate: draft.startDate.trim(),
    endDate: optionalText(draft.endDate),
    services: draft.services.map(serviceInput),
    serviceMappings: serviceMappings.filter((m) => m.ignore || draft.services.some((s) => s.id === m.serviceId)),
  };
  return toResult(contractForm.safeParse(input));
}

/** Validates one service row of the form. */
export function validateService(draft: ServiceDraft): FormResult<ContractService> {
  return toResult(contractService.safeParse(serviceInput(draft)));
}

/** The form's view of a stored contract. */
export function contractDraft(c: Contract): ContractDraft {
  return {
    id: c.id, accountId: c.accountId, name: c.name, startDate: c.startDate, endDate: c.endDate ?? '',
    services: c.services.map((s) => ({ id: s.id, name: s.name, unitPrice: s.unitPrice, unitCost: s.unitCost ?? '', billing: s.billing })),
  };
}

/** The billing modes, in the order a form offers them. */
export const BILLING_MODES = billingMode.options;

function toResult<T>(parsed: z.ZodSafeParseResult<T>): FormResult<T> {
  return parsed.success ? { ok: true, value: parsed.data } : { ok: false, issues: listIssues(parsed.error) };
}
