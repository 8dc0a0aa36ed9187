import { addDays, dayNumber } from '../dates/day.ts';
import { periodEnd } from '../dates/period.ts';
import { periodLabel } from '../format/dates.ts';
import { formatQty, plainQuantity } from '../format/quantity.ts';
import { amountUnits, formatAmount, lineAmount, priceUnits } from '../money/amount.ts';
import { quantityUnits } from '../money/scaled.ts';
import type { InvoiceLine } from '../schema/invoice.ts';
import type { BillTo } from '../schema/parties.ts';
import { invoiceParty, invoiceTax, type ExportContext } from './context.ts';
import { documentNumber, isCredit, issueDay, type ExportDocument } from './documents.ts';

/** One invoice line as every export format sees it; the formats only pick and order columns. */
export interface ExportLine {
  number: string;
  /** The invoice's own number (a reversal's file number differs). */
  originalNumber: string;
  party: BillTo;
  credit: boolean;
  reversal: boolean;
  currency: string;
  contactName: string;
  /** The invoice, due and service days (ISO); the formats write them in the export's date format. */
  issueDate: string;
  dueDate: string;
  serviceDate: string;
  termsDays: number;
  line: InvoiceLine;
  service: string;
  moduleName: string;
  /** What the line is, for a human: service or charge, and the period an adjustment corrects. */
  label: string;
  /** The label, and the basis where quantity × unit amount is 1 × amount. */
  description: string;
  /** Quantity and unit amount as the targets take them: their product, rounded, is `amount`. */
  quantity: string;
  unitAmount: string;
  /** The line's own quantity and unit price (the lines format), and its amount, signed. */
  rawQuantity: string;
  rawUnitPrice: string;
  amount: string;
  /** True when `quantity × unitAmount` is the line's own quantity × unit price; false: 1 × amount. */
  itemised: boolean;
  taxable: boolean;
  taxName: string;
  taxRate: string;
  accountCode: string;
}

function negate(decimal: string): string {
  if (decimal.startsWith('-')) return decimal.slice(1);
  return /^0(\.0*)?$/.test(decimal) ? decimal : `-${decimal}`;
}

/** True when the line's amount is its quantity × unit price, rounded once (no proration, tiers or minimums). */
function isQuantityTimesPrice(line: InvoiceLine, currency: string): boolean {
  if (line.unitPrice === null || line.unitPrice === undefined) return false;
  try {
    return lineAmount(priceUnits(line.unitPrice), quantityUnits(line.quantity), 1n, 1n, currency) === amountUnits(line.amount, currency);
  } catch {
    return false;
  }
}

function describe(line: InvoiceLine, invoicePeriod: string, service: string, moduleName: string): string {
  const what = moduleName ? `${service} (${moduleName})` : service;
  if (line.kind === 'adjustment') {
    const change = line.oldQuantity !== undefined && line.newQuantity !== undefined
      ? `, quantity ${formatQty(line.oldQuantity)} → ${formatQty(line.newQuantity)}` : '';
    return `Adjustment for ${periodLabel(line.period)}: ${what}${change}`;
  }
  if (line.kind === 'charge') {
    const text = line.description ?? service;
    if (line.corrects) return `${text} (correction of ${periodLabel(line.corrects)})`;
    return line.period !== invoicePeriod ? `${text} (${periodLabel(line.period)})` : text;
  }
  return `${what}, ${periodLabel(line.period)}`;
}

/** The export lines of one document, in invoice order. */
export function exportLines(document: ExportDocument, context: ExportContext): ExportLine[] {
  const { invoice } = document;
  const currency = invoice.currency ?? context.currency;
  const party = invoiceParty(invoice, context);
  const tax = invoiceTax(invoice, context);
  const posted = issueDay(invoice) ?? '';
  const termsDays = invoice.dueDate && posted ? dayNumber(invoice.dueDate) - dayNumber(posted) : party.paymentTermsDays ?? context.paymentTermsDays;
  // A reversal is dated the day the invoice was voided: that is when the credit arises.
  const issueDate = document.reversal ? invoice.voidedAt?.slice(0, 10) ?? posted : posted;
  const dueDate = document.reversal ? issueDate : invoice.dueDate ?? (posted ? addDays(posted, termsDays) : '');
  const sign = document.reversal ? negate : (text: string) => text;
  return invoice.lines.map((line) => {
    const found = context.service(line.contractId, line.serviceId);
    const service = line.kind === 'charge' ? line.description ?? 'Charge' : line.serviceName ?? found?.name ?? line.serviceId ?? '';
    const moduleName = line.module === null ? '' : line.moduleName ?? context.moduleName(line.module);
    const itemised = isQuantityTimesPrice(line, currency);
    const amount = sign(formatAmount(amountUnits(line.amount, currency), currency));
    const base = describe(line, invoice.period, service, moduleName);
    const taxable = tax !== null && line.taxable !== false;
    return {
      number: documentNumber(document),
      originalNumber: invoice.number ?? '',
      party,
      credit: isCredit(document),
      reversal: document.reversal,
      currency,
      contactName: party.legalName || party.name,
      issueDate,
      dueDate,
      serviceDate: line.kind === 'item' && line.activeTo ? line.activeTo : periodEnd(line.period),
      termsDays,
      line,
      service,
      moduleName,
      label: base,
      description: !itemised && line.basis ? `${base} — ${line.basis}` : base,
      quantity: itemised ? plainQuantity(line.quantity) : '1',
      unitAmount: itemised ? sign(line.unitPrice ?? '0') : amount,
      rawQuantity: line.quantity,
      rawUnitPrice: line.unitPrice === null || line.unitPrice === undefined ? '' : sign(line.unitPrice),
      amount,
      itemised,
      taxable,
      taxName: taxable && tax ? tax.name : context.settings.exemptTaxName,
      taxRate: taxable && tax ? tax.rate : '0',
      accountCode: (line.kind === 'charge' ? undefined : found?.accountCode) || context.settings.incomeAccountCode,
    };
  });
}
