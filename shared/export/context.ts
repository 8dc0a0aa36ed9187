import { moduleIndex } from '../catalog/lookup.ts';
import type { ModuleDef } from '../schema/module.ts';
import type { AccountTax, BillTo, ExportSettings, Profile } from '../schema/parties.ts';
import type { Invoice } from '../schema/invoice.ts';
import type { Account, Contract } from '../schema/workspace.ts';

/** What an export reads besides the invoices: the workspace's names, codes and settings. */
export interface ExportSource {
  currency: string;
  accounts: readonly Account[];
  contracts: readonly Contract[];
  modules?: readonly ModuleDef[] | undefined;
  profile?: Profile | undefined;
}

/** The lookups of one export, built once. */
export interface ExportContext {
  currency: string;
  settings: { dateFormat: ExportSettings['dateFormat']; incomeAccountCode: string; exemptTaxName: string };
  paymentTermsDays: number;
  account(id: string): Account | undefined;
  service(contractId: string | null | undefined, serviceId: string | null | undefined): { name: string; unitPrice: string; accountCode?: string | undefined } | undefined;
  moduleName(id: string): string;
}

/** The exempt tax name when the settings name none (SPEC example and Xero's own name). */
export const DEFAULT_EXEMPT_TAX_NAME = 'Tax Exempt';

export function exportContext(source: ExportSource): ExportContext {
  const accounts = new Map(source.accounts.map((a) => [a.id, a]));
  const services = new Map<string, { name: string; unitPrice: string; accountCode?: string | undefined }>();
  for (const c of source.contracts) for (const s of c.services) services.set(`${c.id}\u0000${s.id}`, { name: s.name, unitPrice: s.unitPrice, accountCode: s.accountCode });
  const modules = moduleIndex(source.modules ?? []);
  const settings = source.profile?.export;
  return {
    currency: source.currency,
    settings: {
      dateFormat: settings?.dateFormat ?? 'MM/DD/YYYY',
      incomeAccountCode: settings?.incomeAccountCode ?? '',
      exemptTaxName: settings?.exemptTaxName ?? DEFAULT_EXEMPT_TAX_NAME,
    },
    paymentTermsDays: source.profile?.paymentTermsDays ?? 30,
    account: (id) => accounts.get(id),
    service: (contractId, serviceId) => services.get(`${contractId ?? ''}\u0000${serviceId ?? ''}`),
    moduleName: (id) => modules.get(id)?.name ?? id,
  };
}

/** Who the invoice is for: as frozen at posting, else (older documents) the account as it is now. */
export function invoiceParty(invoice: Invoice, context: ExportContext): BillTo {
  if (invoice.billTo) return invoice.billTo;
  const account = context.account(invoice.accountId);
  return { ...(account?.billing ?? {}), name: invoice.accountName ?? account?.name ?? invoice.accountId };
}

/** The invoice's tax rate: the frozen party's, else the one its taxes name; null when exempt. */
export function invoiceTax(invoice: Invoice, context: ExportContext): NonNullable<AccountTax> | null {
  const party = invoiceParty(invoice, context);
  if (party.tax !== undefined) return party.tax;
  const first = invoice.taxes?.[0];
  return first ? { name: first.name, rate: first.rate } : null;
}
