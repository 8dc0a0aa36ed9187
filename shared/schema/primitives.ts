import { z } from 'zod';
import { isIsoDay, isPeriod } from '../dates/day.ts';
import { numberToDecimalText, parseScaled, QTY_SCALE } from '../money/scaled.ts';
import { CURRENCY_PATTERN } from '../money/currency.ts';
import { isWellFormed } from './text-limits.ts';

/** An ISO calendar day YYYY-MM-DD that exists. */
export const isoDay = z.string().refine(isIsoDay, { error: 'must be a calendar day written YYYY-MM-DD' });

/** A month YYYY-MM. */
export const period = z.string().refine(isPeriod, { error: 'must be a month written YYYY-MM' });

/** An ISO 4217 currency code. */
export const currency = z.string().regex(CURRENCY_PATTERN, { error: 'must be an ISO 4217 code such as USD' });

/** A non-empty identifier without surrounding spaces. */
export const id = z.string().min(1, { error: 'must not be empty' }).max(200, { error: 'must be at most 200 characters' })
  .refine(isWellFormed, { error: 'must be well-formed Unicode (no lone surrogates)' });

/** Module ids: lower-case words joined by dashes, like datto-rmm. */
export const moduleId = z.string().max(64, { error: 'must be at most 64 characters' }).regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, { error: 'must be a module id such as datto-rmm' });

/** Billing type ids: letters and digits, like AllDevicesMetric. */
export const billingTypeId = z.string().max(100, { error: 'must be at most 100 characters' }).regex(/^[A-Za-z][A-Za-z0-9_]*$/, { error: 'must be a billing type id such as AllDevicesMetric' });

function checkDecimal(value: string | number, scale: number, what: string): string | null {
  try {
    const text = typeof value === 'number' ? numberToDecimalText(value) : value;
    const units = parseScaled(text, scale);
    return units < 0n ? `${what} must not be negative` : null;
  } catch (error) {
    return `${what} must be a non-negative decimal with at most ${scale} decimal places (${(error as Error).message})`;
  }
}

/** A usage quantity: a non-negative number or decimal string (≤ 4 dp), or a boolean (1 / 0). */
export const quantity = z.union([z.number(), z.string(), z.boolean()], { error: 'must be a number, a decimal string or a boolean' })
  .superRefine((value, ctx) => {
    if (typeof value === 'boolean') return;
    if (typeof value === 'string' && value.length > 64) {
      ctx.addIssue({ code: 'custom', message: 'must be at most 64 characters' });
      return;
    }
    // A JSON number past 2^53 has already lost digits when it is parsed; only text keeps them.
    if (typeof value === 'number' && Math.abs(value) > Number.MAX_SAFE_INTEGER) {
      ctx.addIssue({ code: 'custom', message: 'is above 2^53 as a JSON number, so its digits are lost: send it as a decimal string such as "123456789012345678"' });
      return;
    }
    const problem = checkDecimal(value, QTY_SCALE, 'quantity');
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });

/** A unit price or cost: a non-negative decimal string with at most 4 decimal places. */
export const price = z.string().superRefine((value, ctx) => {
  if (!/^\d+(\.\d+)?$/.test(value)) ctx.addIssue({ code: 'custom', message: 'must be a decimal string such as "5.00"' });
  else {
    const problem = checkDecimal(value, 4, 'price');
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  }
});

/** An amount of money as a decimal string (sign allowed). */
export const amount = z.string().regex(/^-?\d+(\.\d+)?$/, { error: 'must be a decimal string such as "52.50"' });

/** A quantity as printed by the engine: a decimal string with 4 decimals. */
export const quantityText = z.string().regex(/^-?\d+\.\d{4}$/, { error: 'must be a decimal string with 4 decimals' });

/** A unit price that may be negative (a credit): a decimal string with at most 4 decimal places. */
export const signedPrice = z.string().superRefine((value, ctx) => {
  if (!/^-?\d+(\.\d+)?$/.test(value)) ctx.addIssue({ code: 'custom', message: 'must be a decimal string such as "250.00" or "-50.00"' });
  else if ((value.split('.')[1] ?? '').length > 4) ctx.addIssue({ code: 'custom', message: 'must have at most 4 decimal places' });
});

/** A whole number of days, such as payment terms. */
export const dayCount = z.number({ error: 'must be a whole number of days' }).int({ error: 'must be a whole number of days' }).min(0, { error: 'must not be negative' }).max(3650, { error: 'must be at most 3650 days' });

/** A tax rate in percent: a non-negative decimal string with at most 4 decimal places, such as "6.25". */
export const taxRate = z.string().superRefine((value, ctx) => {
  if (!/^\d+(\.\d+)?$/.test(value)) ctx.addIssue({ code: 'custom', message: 'must be a percentage written as a decimal string such as "6.25"' });
  else if ((value.split('.')[1] ?? '').length > 4) ctx.addIssue({ code: 'custom', message: 'must have at most 4 decimal places' });
  else if (parseScaled(value, 4) > 1_000_000n) ctx.addIssue({ code: 'custom', message: 'must be at most 100' });
});
