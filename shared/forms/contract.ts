import { z } from 'zod';
import { formatPath, listIssues } from '../schema/issues.ts';
import { billingMode, contract, contractService, type Contract, type ContractService } from '../schema/workspace.ts';
import type { PriceChange } from '../schema/pricing.ts';
import type { Issue } from '../schema/issues.ts';

/** One price tier as typed: a blank upTo is the open last tier, a blank flat fee none. */
export interface TierDraft {
  upTo: string;
  unitPrice: string;
  flatFee: string;
}

/**
 * A contract service as typed in a form: every field text, blanks meaning "none". The
 * second-wave options are optional so a form that only knows the first ones still works.
 */
export interface ServiceDraft {
  id: string;
  name: string;
  unitPrice: string;
  unitCost: string;
  billing: string;
  /** Fixed fee: how many (blank: 1). */
  quantity?: string;
  minimumQuantity?: string;
  includedQuantity?: string;
  /** Empty: priced by the unit price alone. */
  tiers?: TierDraft[];
  tierMode?: string;
  /** Unticked: its lines are not taxed. */
  taxable?: boolean;
  accountCode?: string;
  /** Kept as entered ("new price from <month>"), checked with the schema on save. */
  priceChanges?: PriceChange[];
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

function tierInput(tier: TierDraft): Record<string, unknown> {
  const flatFee = optionalText(tier.flatFee);
  return { upTo: optionalText(tier.upTo), unitPrice: tier.unitPrice.trim(), ...(flatFee === null ? {} : { flatFee }) };
}

// Only the options that apply to the mode reach the service: a fixed fee has a quantity and
// no usage options; a usage service has no quantity. Blanks are left out, not stored empty.
function serviceInput(draft: ServiceDraft): Record<string, unknown> {
  const fixed = draft.billing === 'fixed';
  const tiers = fixed ? [] : (draft.tiers ?? []);
  const input: Record<string, unknown> = {
    id: draft.id,
    name: draft.name.trim(),
    // Tiers price the quantity themselves; the unit price is then only a fallback.
    unitPrice: tiers.length > 0 && draft.unitPrice.trim() === '' ? '0' : draft.unitPrice.trim(),
    unitCost: optionalText(draft.unitCost),
    billing: draft.billing,
  };
  const set = (field: string, value: string | undefined) => {
    const text = optionalText(value ?? '');
    if (text !== null) input[field] = text;
  };
  if (fixed) set('quantity', draft.quantity);
  else {
    set('minimumQuantity', draft.minimumQuantity);
    set('includedQuantity', draft.includedQuantity);
    if (tiers.length > 0) {
      input.tiers = tiers.map(tierInput);
      input.tierMode = draft.tierMode === undefined || draft.tierMode === '' ? 'graduated' : draft.tierMode;
    }
  }
  if (draft.taxable === false) input.taxable = false;
  set('accountCode', draft.accountCode);
  if (draft.priceChanges && draft.priceChanges.length > 0) input.priceChanges = [...draft.priceChanges].sort((a, b) => a.from.localeCompare(b.from));
  return input;
}

const contractForm = contract.superRefine((c, ctx) => {
  if (c.endDate !== null && c.endDate < c.startDate) ctx.addIssue({ code: 'custom', path: ['endDate'], message: 'must not be before the start date' });
  c.services.forEach((s, i) => {
    if (s.billing !== 'fixed') return;
    const mapped = c.serviceMappings.filter((m) => !m.ignore && m.serviceId === s.id);
    if (mapped.length > 0) ctx.addIssue({ code: 'custom', path: ['services', i, 'billing'], message: `a fixed fee takes no billing types: unmap ${mapped.map((m) => m.billingType).join(', ')} on the Service mapping tab first` });
  });
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
  return toResult(contractForm.safeParse(input), input);
}

/** Validates one service row of the form. */
export function validateService(draft: ServiceDraft): FormResult<ContractService> {
  const input = serviceInput(draft);
  return toResult(contractService.safeParse(input), input);
}

/**
 * A price change typed as "new price from <month>": the month and the unit price, checked
 * before it joins the service's list (a second change from the same month replaces the first).
 */
export function addPriceChange(draft: ServiceDraft, from: string, unitPrice: string): FormResult<ServiceDraft> {
  const change = { from: from.trim(), unitPrice: unitPrice.trim() };
  const others = (draft.priceChanges ?? []).filter((c) => c.from !== change.from);
  const parsed = contractService.safeParse({ ...serviceInput({ ...draft, priceChanges: [...others, change] }) });
  if (!parsed.success) {
    const issues = listIssues(parsed.error).filter((i) => i.path.startsWith('priceChanges'))
      .map((i) => ({ path: /\.unitPrice$/.test(i.path) ? 'newPrice' : /\.from$/.test(i.path) ? 'newPriceFrom' : i.path, message: i.message }));
    if (issues.length > 0) return { ok: false, issues };
  }
  return { ok: true, value: { ...draft, priceChanges: [...others, change].sort((a, b) => a.from.localeCompare(b.from)) } };
}

/** The form's view of a stored contract. */
export function contractDraft(c: Contract): ContractDraft {
  return {
    id: c.id, accountId: c.accountId, name: c.name, startDate: c.startDate, endDate: c.endDate ?? '',
    services: c.services.map(serviceDraft),
  };
}

/** The form's view of a stored service. */
export function serviceDraft(s: ContractService): ServiceDraft {
  return {
    // A tiered service's unit price is the "0" the form stored for it: shown blank ("set by tiers").
    id: s.id, name: s.name, unitPrice: (s.tiers ?? []).length > 0 && /^0+(\.0+)?$/.test(s.unitPrice) ? '' : s.unitPrice, unitCost: s.unitCost ?? '', billing: s.billing,
    quantity: s.quantity ?? '', minimumQuantity: s.minimumQuantity ?? '', includedQuantity: s.includedQuantity ?? '',
    tiers: (s.tiers ?? []).map((t) => ({ upTo: t.upTo ?? '', unitPrice: t.unitPrice, flatFee: t.flatFee ?? '' })),
    tierMode: s.tierMode ?? 'graduated', taxable: s.taxable !== false, accountCode: s.accountCode ?? '',
    priceChanges: s.priceChanges ?? [],
  };
}

/** A new, empty service row. */
export function emptyService(id: string): ServiceDraft {
  return { id, name: '', unitPrice: '', unitCost: '', billing: 'daily', quantity: '', minimumQuantity: '', includedQuantity: '', tiers: [], tierMode: 'graduated', taxable: true, accountCode: '', priceChanges: [] };
}

/** The billing modes, in the order a form offers them. */
export const BILLING_MODES = billingMode.options;

function toResult<T>(parsed: z.ZodSafeParseResult<T>, input: unknown): FormResult<T> {
  if (parsed.success) return { ok: true, value: parsed.data };
  // A price or quantity typed with a minus reads better as "must not be negative" than as
  // the schema's "must be a decimal string".
  const issues = parsed.error.issues.map((issue) => {
    const typed = valueAt(input, issue.path);
    const message = typeof typed === 'string' && /^-\d+(\.\d+)?$/.test(typed) ? 'must not be negative' : issue.message;
    return { path: formatPath(issue.path), message };
  });
  return { ok: false, issues };
}

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let value = input;
  for (const key of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}
