import type { BillingMode } from '../../../../shared/schema/pricing.ts';
// How money, quantities and periods read on screen and on invoices. Amounts are exact
// decimal strings; Intl formats the string itself (no float ever holds an amount).
import { minorDigits } from '../../../../shared/money/currency.ts';

const money = new Map<string, Intl.NumberFormat>();

/** "$1,234.50" for ("1234.50", "USD"); "-$3.20" for a credit. */
export function formatMoney(amount: string, currency: string): string {
  let format = money.get(currency);
  if (!format) {
    const digits = minorDigits(currency);
    format = new Intl.NumberFormat('en-US', { style: 'currency', currency, minimumFractionDigits: digits, maximumFractionDigits: digits });
    money.set(currency, format);
  }
  return format.format(amount as `${number}`);
}

const prices = new Map<string, Intl.NumberFormat>();

/** A unit price with the currency's digits, and up to 4 when it has them ("$0.0125"). */
export function formatPrice(price: string, currency: string): string {
  let format = prices.get(currency);
  if (!format) {
    format = new Intl.NumberFormat('en-US', { style: 'currency', currency, minimumFractionDigits: minorDigits(currency), maximumFractionDigits: 4 });
    prices.set(currency, format);
  }
  return format.format(price as `${number}`);
}

const quantityFormat = new Intl.NumberFormat('en-US', { minimumFractionDigits: 0, maximumFractionDigits: 4 });

/** "1,234.5" for "1234.5000": the engine's 4 decimals without trailing zeros. */
export function formatQty(quantity: string): string {
  return quantityFormat.format(quantity as `${number}`);
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** "November 2026" for "2026-11". */
export function periodLabel(period: string): string {
  const month = MONTHS[Number(period.slice(5, 7)) - 1] ?? period.slice(5, 7);
  return `${month} ${period.slice(0, 4)}`;
}

/** "30 Nov 2026" for "2026-11-30". */
export function dayLabel(day: string): string {
  const month = (MONTHS[Number(day.slice(5, 7)) - 1] ?? '').slice(0, 3);
  return `${Number(day.slice(8, 10))} ${month} ${day.slice(0, 4)}`;
}

/** The one-line explanation of each billing mode, as forms and tooltips show it. */
export const MODE_HELP: Record<BillingMode, string> = {
  daily: 'Prorated daily: each day bills its own quantity (Σ daily quantities ÷ days in the month).',
  'period-end': 'True-up at period end: the quantity on the last day, for the days the contract was active.',
  peak: 'Peak: the highest daily quantity of the month, for the days the contract was active.',
  fixed: 'Fixed fee: the unit price × quantity each month, prorated for part months.',
};

export const MODE_LABEL: Record<BillingMode, string> = {
  daily: 'Daily (prorated)',
  'period-end': 'Period end (true-up)',
  peak: 'Peak',
  fixed: 'Fixed fee',
};
