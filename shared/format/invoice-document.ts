// The invoice as a document, worked out once for every surface that shows it: the app's
// invoice page, its print/PDF and the shared page render this and nothing else, so they
// show the same parties, dates, lines, taxes and marks with the same money formatting.
import { dayNumber } from '../dates/day.ts';
import { lineGroup } from '../invoice/line-group.ts';
import { amountUnits, formatAmount } from '../money/amount.ts';
import type { Invoice, InvoiceLine } from '../schema/invoice.ts';
import type { BillTo, InvoiceFrom } from '../schema/parties.ts';
import { dayLabel, periodLabel } from './dates.ts';
import { formatMoney, formatPrice } from './money.ts';
import { formatQty } from './quantity.ts';

export interface DocumentRow {
  kind: InvoiceLine['kind'];
  description: string;
  /** How the amount arises (basis), the period an adjustment corrects, estimated days. */
  notes: string[];
  quantity: string;
  unitPrice: string;
  amount: string;
}

export interface DocumentGroup {
  key: string;
  name: string;
  rows: DocumentRow[];
  subtotal: string;
}

export interface DocumentParty {
  name: string;
  lines: string[];
}

export interface InvoiceDocumentView {
  title: 'Invoice' | 'Credit note';
  number: string;
  /** VOID: voided, or a duplicate post to void; PREVIEW: a pending invoice. */
  mark: 'VOID' | 'PREVIEW' | null;
  /** What the mark means, in words, on the document itself. */
  notice: string | null;
  logo: string | null;
  from: DocumentParty | null;
  billTo: DocumentParty;
  facts: { label: string; value: string }[];
  groups: DocumentGroup[];
  subtotal: string;
  taxes: { label: string; amount: string }[];
  total: string;
  /** What the client owes: null once void (nothing is due) and on a preview. */
  amountDue: string | null;
  footer: string | null;
}

export interface DocumentOptions {
  /** The account's current name, when the invoice does not carry a frozen party. */
  accountName?: string | undefined;
  currency?: string | undefined;
  /** The party the invoice is from when it carries none (a pending invoice: the profile now). */
  from?: InvoiceFrom | undefined;
  /** A pending invoice: its parties as they are now. */
  billTo?: BillTo | undefined;
  /** A pending invoice: the day its figures are as of. */
  asOf?: string | undefined;
  /** A duplicate post: the number of the post that stands. */
  duplicateOf?: string | undefined;
  /** Voided: when (ISO day or time), if known. */
  voidedAt?: string | undefined;
}

function partyLines(party: { address?: string[] | undefined; email?: string | undefined; phone?: string | undefined; taxId?: string | undefined }): string[] {
  return [...(party.address ?? []), party.email, party.phone, party.taxId ? `Tax ID ${party.taxId}` : undefined]
    .filter((line): line is string => typeof line === 'string' && line !== '');
}

function row(line: InvoiceLine, invoicePeriod: string, currency: string): DocumentRow {
  const notes: string[] = [];
  let description: string;
  if (line.kind === 'charge') {
    description = line.description ?? 'Charge';
    if (line.corrects) notes.push(`Corrects ${periodLabel(line.corrects)}`);
    else if (line.period !== invoicePeriod) notes.push(`For ${periodLabel(line.period)}`);
  } else {
    description = line.serviceName ?? line.serviceId ?? '';
    if (line.kind === 'adjustment') {
      const change = line.oldQuantity !== undefined && line.newQuantity !== undefined ? `: quantity ${formatQty(line.oldQuantity)} → ${formatQty(line.newQuantity)}` : '';
      notes.push(`Adjustment for ${periodLabel(line.period)}${change}`);
    }
  }
  if (line.basis) notes.push(line.basis);
  if (line.estimated) notes.push('Includes estimated days');
  return {
    kind: line.kind,
    description,
    notes,
    quantity: formatQty(line.quantity),
    unitPrice: line.unitPrice === null || line.unitPrice === undefined ? '' : formatPrice(line.unitPrice, currency),
    amount: formatMoney(line.amount, currency),
  };
}

function groups(invoice: Invoice, currency: string): DocumentGroup[] {
  const byKey = new Map<string, { name: string; lines: InvoiceLine[] }>();
  for (const line of invoice.lines) {
    const { key, name } = lineGroup(line);
    const group = byKey.get(key) ?? { name, lines: [] };
    group.lines.push(line);
    byKey.set(key, group);
  }
  return [...byKey].map(([key, group]) => ({
    key,
    name: group.name,
    rows: group.lines.map((line) => row(line, invoice.period, currency)),
    subtotal: formatMoney(formatAmount(group.lines.reduce((sum, line) => sum + amountUnits(line.amount, currency), 0n), currency), currency),
  }));
}

function termsText(issueDate: string | undefined, dueDate: string | undefined, days: number | undefined): string | null {
  const n = issueDate && dueDate ? dayNumber(dueDate) - dayNumber(issueDate) : days;
  if (n === undefined) return null;
  return n === 0 ? 'Due on receipt' : `Net ${n} days`;
}

/** The document of an invoice: posted (frozen parties), voided, a duplicate post, or a pending preview. */
export function invoiceDocument(invoice: Invoice, options: DocumentOptions = {}): InvoiceDocumentView {
  const currency = invoice.currency ?? options.currency ?? 'USD';
  const credit = invoice.creditNote ?? invoice.total.startsWith('-');
  const preview = invoice.status === 'draft';
  const voided = invoice.status === 'voided' || options.duplicateOf !== undefined;
  const from = invoice.from ?? options.from;
  const billTo = invoice.billTo ?? options.billTo ?? { name: invoice.accountName ?? options.accountName ?? invoice.accountId };
  const subtotal = invoice.subtotal ?? invoice.total;
  const voidedAt = invoice.voidedAt ?? options.voidedAt;
  const notice = invoice.status === 'voided'
    ? `This ${credit ? 'credit note' : 'invoice'} was voided${voidedAt ? ` on ${dayLabel(voidedAt.slice(0, 10))}` : ''}. Nothing is due.`
    : options.duplicateOf !== undefined
      ? `Duplicate post: ${options.duplicateOf} is the invoice for this month. Void this one; nothing is due on it.`
      : preview ? `Preview — not an invoice, figures as of ${dayLabel(options.asOf ?? invoice.period + '-01')}` : null;
  // A pending invoice has not been issued: it has no issue or due date yet.
  const issueDate = preview ? undefined : invoice.issueDate ?? invoice.postedAt?.slice(0, 10);
  const terms = termsText(issueDate, invoice.dueDate, preview ? billTo.paymentTermsDays ?? from?.paymentTermsDays ?? 30 : undefined);
  const facts = [
    { label: credit ? 'Credit note no.' : 'Invoice no.', value: invoice.number ?? (preview ? 'Not issued' : 'Number pending') },
    ...(issueDate ? [{ label: 'Issue date', value: dayLabel(issueDate) }] : []),
    ...(invoice.dueDate && !preview ? [{ label: 'Due date', value: dayLabel(invoice.dueDate) }] : []),
    ...(terms ? [{ label: 'Terms', value: terms }] : []),
    { label: 'Period', value: periodLabel(invoice.period) },
    ...(billTo.reference ? [{ label: 'Reference', value: billTo.reference }] : []),
    ...(!issueDate && !preview && invoice.postedAt ? [{ label: 'Posted', value: dayLabel(invoice.postedAt.slice(0, 10)) }] : []),
  ];
  return {
    title: credit ? 'Credit note' : 'Invoice',
    number: invoice.number ?? (preview ? 'Preview' : 'number pending'),
    mark: voided ? 'VOID' : preview ? 'PREVIEW' : null,
    notice,
    logo: from?.logo ?? null,
    from: from ? { name: from.name, lines: partyLines(from) } : null,
    billTo: {
      name: billTo.legalName || billTo.name,
      lines: [...(billTo.legalName && billTo.legalName !== billTo.name ? [`(${billTo.name})`] : []), ...partyLines(billTo)],
    },
    facts,
    groups: groups(invoice, currency),
    subtotal: formatMoney(subtotal, currency),
    taxes: (invoice.taxes ?? []).map((tax) => ({
      label: `${tax.name} ${tax.rate}% on ${formatMoney(tax.taxable, currency)}`,
      amount: formatMoney(tax.amount, currency),
    })),
    total: formatMoney(invoice.total, currency),
    amountDue: voided || preview ? null : formatMoney(invoice.total, currency),
    footer: from?.footer ?? null,
  };
}
