import Papa from 'papaparse';
import { moduleIndex } from '../catalog/lookup.ts';
import type { Invoice, InvoiceLine } from '../schema/invoice.ts';
import type { Account, Contract } from '../schema/workspace.ts';
import type { ModuleDef } from '../schema/module.ts';
import { escapeCell } from './cell.ts';

/** The columns of the accounting export, in order: one row per posted invoice line. */
export const ACCOUNTING_COLUMNS = [
  'invoiceNumber', 'account', 'accountId', 'period', 'module', 'service', 'kind', 'originalPeriod',
  'quantity', 'unitPrice', 'amount', 'currency', 'postedAt',
] as const;

export type AccountingRow = Record<(typeof ACCOUNTING_COLUMNS)[number], string>;

/** Where the export looks names up when a line does not carry them itself. */
export interface AccountingLookup {
  accounts: readonly Account[];
  contracts: readonly Contract[];
  modules?: readonly ModuleDef[];
  currency: string;
}

/**
 * The rows of an accounting import for the posted invoices among `invoices` (drafts and
 * voided ones are skipped: accounting only ever sees numbers that stand), ordered by
 * invoice number then line order.
 */
export function accountingRows(invoices: readonly Invoice[], lookup: AccountingLookup): AccountingRow[] {
  const accounts = new Map(lookup.accounts.map((a) => [a.id, a.name]));
  const services = new Map<string, { name: string; unitPrice: string }>();
  for (const c of lookup.contracts) for (const s of c.services) services.set(`${c.id}\u0000${s.id}`, { name: s.name, unitPrice: s.unitPrice });
  const modules = moduleIndex(lookup.modules ?? []);
  const posted = invoices.filter((inv) => inv.status === 'posted').sort(byNumber);
  const rows: AccountingRow[] = [];
  for (const inv of posted) {
    for (const line of inv.lines) rows.push(row(inv, line, accounts, services, modules, lookup.currency));
  }
  return rows;
}

/** Columns that hold numbers: written as they are, never escaped (a credit's amount is "-5.00"). */
const NUMBER_COLUMNS: ReadonlySet<string> = new Set(['quantity', 'unitPrice', 'amount']);

/**
 * The accounting export as CSV text (RFC 4180, header row, CRLF line ends). Text cells that
 * a spreadsheet would run as a formula are escaped (see cell.ts); number cells never are.
 */
export function accountingCsv(invoices: readonly Invoice[], lookup: AccountingLookup): string {
  const rows = accountingRows(invoices, lookup);
  const data = rows.map((r) => ACCOUNTING_COLUMNS.map((c) => (NUMBER_COLUMNS.has(c) ? r[c] : escapeCell(r[c]))));
  return Papa.unparse({ fields: [...ACCOUNTING_COLUMNS], data }, { newline: '\r\n', escapeFormulae: false });
}

function row(
  inv: Invoice, line: InvoiceLine, accounts: Map<string, string>,
  services: Map<string, { name: string; unitPrice: string }>, modules: Map<string, ModuleDef>, currency: string,
): AccountingRow {
  const service = services.get(`${line.contractId}\u0000${line.serviceId}`);
  return {
    // A posting made offline has no number until the edge assigns one; the id keeps it traceable.
    invoiceNumber: inv.number ?? `pending:${inv.id ?? ''}`,
    account: inv.accountName ?? accounts.get(inv.accountId) ?? inv.accountId,
    accountId: inv.accountId,
    period: inv.period,
    module: line.moduleName ?? (line.module === null ? '' : modules.get(line.module)?.name ?? line.module),
    service: line.serviceName ?? service?.name ?? line.description ?? line.serviceId ?? '',
    kind: line.kind,
    originalPeriod: line.kind === 'adjustment' ? line.period : '',
    quantity: line.quantity,
    unitPrice: line.unitPrice ?? service?.unitPrice ?? '',
    amount: line.amount,
    currency: inv.currency ?? currency,
    postedAt: inv.postedAt ?? '',
  };
}

function byNumber(a: Invoice, b: Invoice): number {
  const x = a.number ?? '\uffff';
  const y = b.number ?? '\uffff';
  return x < y ? -1 : x > y ? 1 : 0;
}
