import { addMonths } from '../dates/period.ts';
import { lineAmount, priceUnits } from '../money/amount.ts';
import { formatAmount } from '../money/amount.ts';
import { formatQuantity, parseScaled, QTY_SCALE } from '../money/scaled.ts';
import type { InvoiceLine } from '../schema/invoice.ts';
import type { Charge } from '../schema/charge.ts';
import type { PostedIndex } from './posted.ts';
import type { OrderedLine } from './lines.ts';

/** A charge line due on an account's invoice. */
export interface DueCharge extends OrderedLine {
  accountId: string;
}

/**
 * The charges due on period's invoices (see docs/billing-rules.md#charges): a charge is
 * billed on its own period's invoice, or, when that one is already posted without it, on
 * the account's earliest later invoice that is not posted. A charge already on a posted
 * invoice is done.
 */
export function dueCharges(charges: readonly Charge[], period: string, currency: string, posted: PostedIndex, accounts?: ReadonlySet<string>): DueCharge[] {
  if (charges.length === 0) return [];
  const due: DueCharge[] = [];
  charges.forEach((charge, index) => {
    if (charge.period > period || posted.billsCharge(charge.id)) return;
    if (accounts && !accounts.has(charge.accountId)) return;
    if (landingPeriod(charge, posted.periods(charge.accountId)) !== period) return;
    const { line, amount } = chargeLine(charge, currency);
    due.push({ accountId: charge.accountId, line, amount, contractIndex: Number.MAX_SAFE_INTEGER, serviceIndex: index });
  });
  return due;
}

/** The period whose invoice bills a charge: its own, else the first later one of the account without a posted invoice. */
export function landingPeriod(charge: Pick<Charge, 'period'>, periods: ReadonlyMap<string, unknown> | undefined): string {
  let period = charge.period;
  while (periods?.has(period)) period = addMonths(period, 1);
  return period;
}

/** A charge as an invoice line: amount = quantity × unit price, rounded once. */
export function chargeLine(charge: Charge, currency: string): { line: InvoiceLine; amount: bigint } {
  const quantity = parseScaled(charge.quantity, QTY_SCALE);
  const amount = lineAmount(priceUnits(charge.unitPrice), quantity, 1n, 1n, currency);
  const cost = charge.unitCost === null ? null : lineAmount(priceUnits(charge.unitCost), quantity, 1n, 1n, currency);
  const line: InvoiceLine = {
    kind: 'charge',
    contractId: null,
    serviceId: null,
    module: null,
    period: charge.period,
    chargeId: charge.id,
    description: charge.description,
    corrects: charge.corrects,
    unitPrice: charge.unitPrice,
    unitCost: charge.unitCost,
    taxable: charge.taxable,
    quantity: formatQuantity(quantity),
    amount: formatAmount(amount, currency),
    cost: cost === null ? null : formatAmount(cost, currency),
    margin: cost === null ? null : formatAmount(amount - cost, currency),
    estimated: false,
  };
  return { line, amount };
}
