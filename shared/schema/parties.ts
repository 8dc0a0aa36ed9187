import { z } from 'zod';
import { dayCount, taxRate } from './primitives.ts';

const text = (max: number) => z.string().max(max, { error: `must be at most ${max} characters` });
const addressLines = z.array(text(200)).max(6, { error: 'at most 6 address lines' });

/** The most a logo may weigh, as a data: URL (≤ 200 KB). */
export const LOGO_MAX_BYTES = 200 * 1024;

export const logo = z.string()
  .regex(/^data:image\/(png|jpeg|gif|webp|svg\+xml);base64,[A-Za-z0-9+/]+=*$/, { error: 'must be an image as a data: URL (PNG, JPEG, GIF, WebP or SVG)' })
  .refine((url) => Math.floor((url.length - url.indexOf(',') - 1) * 3 / 4) <= LOGO_MAX_BYTES, { error: 'must be at most 200 KB' });

export const DATE_FORMATS = ['MM/DD/YYYY', 'DD/MM/YYYY', 'YYYY-MM-DD'] as const;

/** Settings of the accounting exports (README "Accounting exports"). */
export const exportSettings = z.object({
  dateFormat: z.enum(DATE_FORMATS, { error: 'must be MM/DD/YYYY, DD/MM/YYYY or YYYY-MM-DD' }).default('MM/DD/YYYY'),
  incomeAccountCode: text(50).optional(),
  exemptTaxName: text(100).optional(),
});

/** The MSP as it appears on its invoices (docs/billing-rules.md#parties-and-dates). */
export const profile = z.object({
  name: text(200).default(''),
  address: addressLines.default([]),
  email: text(200).optional(),
  phone: text(100).optional(),
  taxId: text(100).optional(),
  logo: logo.optional(),
  paymentTermsDays: dayCount.optional(),
  footer: text(2000).optional(),
  export: exportSettings.optional(),
});

/** An account's tax: a named rate, or null for an exempt account. */
export const accountTax = z.object({ name: text(100).min(1, { error: 'must not be empty' }), rate: taxRate }).nullable();

/** An account's billing details (docs/billing-rules.md#parties-and-dates). */
export const accountBilling = z.object({
  legalName: text(300).optional(),
  address: addressLines.optional(),
  email: text(200).optional(),
  reference: text(200).optional(),
  paymentTermsDays: dayCount.optional(),
  externalId: text(200).optional(),
  tax: accountTax.optional(),
});

/** Who an invoice is from, frozen at posting. */
export const invoiceFrom = profile.omit({ export: true });

/** Who an invoice is for, frozen at posting: the account's name and billing details. */
export const billTo = accountBilling.extend({ name: z.string() });

export type Profile = z.infer<typeof profile>;
export type ExportSettings = z.infer<typeof exportSettings>;
export type AccountBilling = z.infer<typeof accountBilling>;
export type AccountTax = z.infer<typeof accountTax>;
export type InvoiceFrom = z.infer<typeof invoiceFrom>;
export type BillTo = z.infer<typeof billTo>;
