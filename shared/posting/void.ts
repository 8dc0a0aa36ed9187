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
 * Voids a posted invoice (SPEC §6): it stays in the workspace as voided with its number
 * (never reused) and voidedAt, and its lines return to pending.
 */
export function voidInvoice(ws: Workspace, ref: InvoiceRef, options: { voidedAt: string }): Workspace {
  const index = ws.invoices.findIndex((i) => i.status === 'posted' && matches(i, ref));
  if (index < 0) throw new Error(`cannot void ${describe(ref)}: no such posted invoice`);
  const invoices = ws.invoices.slice();
  invoices[index] = { ...(ws.invoices[index] as Invoice), status: 'voided', voidedAt: options.voidedAt };
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
