import { z } from 'zod';
import { billingTypeId, id, isoDay, quantity } from './primitives.ts';
import { orgName } from './upload.ts';

/** The columns of a CSV upload, in order. */
export const CSV_COLUMNS = ['date', 'orgId', 'orgName', 'billingType', 'quantity'] as const;

/** One row of a CSV upload: date,orgId,orgName,billingType,quantity; its fields have the upload schema's limits. */
export const csvRow = z.object({
  date: isoDay,
  orgId: id,
  orgName: orgName.default(''),
  billingType: billingTypeId,
  quantity,
});

export type CsvRow = z.infer<typeof csvRow>;
