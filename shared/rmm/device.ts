import { z } from 'zod';

const text = z.string().nullable().optional();

/** A device as the Datto RMM API v2 returns it, plus trueup's `approved` and `groups`. */
export const rmmDevice = z.object({
  uid: z.string().optional(),
  siteUid: z.string().trim().min(1, { error: 'must not be empty' }),
  siteName: z.string().nullable().optional(),
  deviceClass: z.string({ error: 'must be a string such as "device"' }),
  deviceType: z.object({ category: text, type: text }).nullable().optional(),
  suspended: z.boolean().optional(),
  deleted: z.boolean().default(false),
  approved: z.boolean().default(true),
  groups: z.array(z.string()).default([]),
});

/** A bare device array. */
export const rmmDeviceArray = z.array(rmmDevice);

/** The API's page object `{ devices: [...] }`; other page fields are ignored. */
export const rmmDevicePage = z.object({ devices: rmmDeviceArray });

/** Which of the two accepted shapes to validate against, so errors keep their paths. */
export function deviceListSchema(input: unknown): typeof rmmDeviceArray | typeof rmmDevicePage {
  return Array.isArray(input) ? rmmDeviceArray : rmmDevicePage;
}

export type RmmDevice = z.infer<typeof rmmDevice>;
