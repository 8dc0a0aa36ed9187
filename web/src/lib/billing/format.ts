import type { BillingMode } from '../../../../shared/schema/pricing.ts';
// Money, quantities and dates read the same in the app, its print and the shared page:
// the pure formatting lives in shared/format and is re-exported here for the screens.
export { formatMoney, formatPrice } from '../../../../shared/format/money.ts';
export { formatQty } from '../../../../shared/format/quantity.ts';
export { dayLabel, periodLabel } from '../../../../shared/format/dates.ts';

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
