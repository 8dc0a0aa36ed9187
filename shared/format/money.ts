// How money reads on every invoice surface (app, print, shared page): "$1,234.50" in the
// tenant's currency. Amounts stay exact decimal strings; Intl formats the string itself,
// so no float ever holds an amount.
import { minorDigits } from '../money/currency.ts';

const money = new Map<string, Intl.NumberFormat>();

/** "$1,234.50" for ("1234.50", "USD"); "-$3.20" for a credit; "¥1,200" for JPY. */
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
