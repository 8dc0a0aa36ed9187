import type { Invoice } from '../schema/invoice.ts';
import type { Workspace } from '../schema/workspace.ts';

/** Which posted invoice to void: by id, by number, or the posted one of an account and period. */
export type InvoiceRef = { id: string } | { number: string } | { accountId: string; period: string };

function matches(invoice: Invoice, ref: InvoiceRef): boolean {
  if ('id' in ref) return invoice.id === ref.id;
  if ('number' in ref) return invoice.number === ref.number;
  return invoice.accountId === ref.accountId && invoice.period === ref.period;
}

function describe(ref: InvoiceRef): string {
  if ('id' in ref) return `invoice ${ref.id}`;
  if ('number' in ref) return `invoice ${ref.number}`;
  return `the ${ref.period} invoice of account ${ref.accountId}`;
}

/**
 * What voiding changes on a posted invoice (docs/billing-rules.md#void): its status and
 * when; it keeps its number (never reused) and its lines return to pending. Only a posted
 * invoice can be voided.
 */
export function voidFields(invoice: Invoice, voidedAt: string): { status: 'voided'; voidedAt: string } {
  if (invoice.status !== 'posted') throw new Error(`cannot void invoice ${invoice.number ?? invoice.id ?? ''}: it is ${invoice.status}, not posted`);
  return { status: 'voided', voidedAt };
}

/** Voids a posted invoice of the workspace (the command line; the app records voidFields as an edit). */
export function voidInvoice(ws: Workspace, ref: InvoiceRef, options: { voidedAt: string }): Workspace {
  const index = ws.invoices.findIndex((i) => i.status === 'posted' && matches(i, ref));
  const invoice = ws.invoices[index];
  if (!invoice) throw new Error(`cannot void ${describe(ref)}: no such posted invoice`);
  const invoices = ws.invoices.slice();
  invoices[index] = { ...invoice, ...voidFields(invoice, options.voidedAt) };
  return { ...ws, invoices };
}

/** Gives a posted or voided invoice whose number is pending its number (what the edge does when a post syncs). */
export function assignInvoiceNumber(ws: Workspace, id: string, number: string): Workspace {
  const index = ws.invoices.findIndex((i) => i.id === id);
  const invoice = ws.invoices[index];
  if (!invoice) throw new Error(`unknown invoice "${id}"`);
  if (invoice.number !== null) throw new Error(`invoice ${id} already has number ${invoice.number}`);
  if (ws.invoices.some((i) => i.number === number)) throw new Error(`invoice number ${number} is already used`);
  const invoices = ws.invoices.slice();
  invoices[index] = { ...invoice, number };
  return { ...ws, invoices };
}
