import { z } from 'zod';
import { change, changeTable } from './changes.ts';
import { invoice } from './invoice.ts';
import { moduleDef } from './module.ts';
import { isoDay, moduleId } from './primitives.ts';
import { upload } from './upload.ts';

// Request and answer shapes of the edge API, shared by the worker, which validates with
// them and publishes them as OpenAPI, and the SPA's edge client (web/src/lib/sync/edge.ts).

/** Every error answer: a code, a message and, for invalid input, every problem by path. */
export const apiError = z.object({
  error: z.object({
    code: z.enum(['invalid', 'unauthorized', 'forbidden', 'not_found', 'conflict', 'payload_too_large', 'unsupported_media_type', 'internal', 'bad_gateway']),
    message: z.string(),
    issues: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  }),
});

/** A pull cursor: opaque to clients, pass back as `since`. */
export const pullCursor = z.string().regex(/^\d{1,15}$/, { error: 'must be a cursor returned by an earlier pull' });

/** `?since=&limit=` of the pulls. */
export const pullQuery = z.object({
  since: pullCursor.optional(),
  limit: z.string().regex(/^\d{1,4}$/, { error: 'must be a whole number from 1 to 1000' })
    .transform(Number)
    .refine((n) => n >= 1 && n <= 1000, { error: 'must be a whole number from 1 to 1000' })
    .optional(),
});

/**
 * `?since=&limit=` of GET /v1/uploads, and what narrows it: `from` (days on or after),
 * `before` (days before) and `until` (stored at or before that cursor). A browser's first
 * pull takes the recent days first and the older ones after its figures show
 * (docs/edge-storage.md#uploads-recent-first).
 */
export const uploadsPullQuery = pullQuery.extend({
  from: isoDay.optional(),
  before: isoDay.optional(),
  until: pullCursor.optional(),
});

/** The answer of a stored upload (or several, for a CSV spanning days). */
export const uploadAnswer = z.object({
  uploads: z.array(z.object({ module: moduleId, date: isoDay, orgs: z.number().int(), status: z.enum(['stored', 'unchanged']), cursor: pullCursor })),
});

/** GET /v1/uploads: module-days stored or replaced after the cursor, oldest first. */
export const uploadPull = z.object({
  uploads: z.array(upload), cursor: pullCursor, more: z.boolean(),
  /** Module-days stored after this page, for progress ("pulled 200 of 3,650"). */
  remaining: z.number().int().optional(),
});

/** One module of GET /v1/modules: its definition and its latest upload. */
export const moduleStatus = moduleDef.safeExtend({
  custom: z.boolean(),
  lastUploadDate: isoDay.nullable(),
  orgCount: z.number().int(),
});
export const moduleList = z.object({ modules: z.array(moduleStatus) });
/** POST /v1/modules answer: the added module. */
export const moduleAnswer = z.object({ module: moduleDef });

/** POST /v1/changes answer; `numbers` holds the invoice numbers the edge assigned (or had assigned) to posted invoices of the push. */
export const changePushAnswer = z.object({
  accepted: z.number().int(),
  cursor: pullCursor,
  numbers: z.record(z.string(), z.string()),
});

/** GET /v1/changes: everyone's changes after the cursor, in the order the edge stored them. */
export const changePull = z.object({ changes: z.array(change), cursor: pullCursor, more: z.boolean() });

/**
 * Where a snapshot page ends: the snapshot's change cursor and the last record served, as
 * `<cursor>~<table>~<record id>`. Opaque to clients: pass back as `after`.
 */
export const snapshotAfter = z.string().refine(
  (text) => /^\d{1,15}~[A-Za-z]{1,40}~[\s\S]{1,1000}$/.test(text) && changeTable.safeParse(text.split('~')[1]).success,
  { error: 'must be the "after" of an earlier snapshot page' },
);

/** `?after=&limit=` of GET /v1/snapshot; `limit` counts records. */
export const snapshotQuery = z.object({ after: snapshotAfter.optional(), limit: pullQuery.shape.limit });

/**
 * GET /v1/snapshot: the change log compacted, a page of records at a time, in (table, id)
 * order. Per record, the winning value of each field with the clock that set it, as changes
 * (one per clock) that merge to exactly the state the whole log merges to. Once `more` is
 * false, pull GET /v1/changes?since=`cursor` for what came after.
 * Unlike the log, an invoice's `lines[i].daily` list comes packed where it packs (`packedDays`
 * of shared/schema/invoice.ts; unpack with unpackDays of shared/invoice/packed-days.ts): the
 * day objects are most of a large MSP's snapshot, which a new browser downloads on its first open.
 */
export const snapshotPage = z.object({
  changes: z.array(change).describe(
    'Changes as in GET /v1/changes, except that an invoice line\'s `daily` list may come packed: '
    + '`{ from, quantities, carried?, estimated? }`, the consecutive days from `from`, a quantity each, '
    + 'the carried and estimated days by position (0-based). Days that do not pack come as the list.',
  ),
  /** Records in this page. */
  records: z.number().int(),
  /** Records per table in the whole snapshot: on the first page only (no `after`). */
  totals: z.record(z.string(), z.number().int()).optional(),
  /** The change cursor the snapshot is as of: continue GET /v1/changes from here. */
  cursor: pullCursor,
  /** Pass as `after` for the next page; null on the last one. */
  after: snapshotAfter.nullable(),
  more: z.boolean(),
});

/** POST /v1/shares: publish a frozen invoice. */
export const shareRequest = z.object({
  invoice,
  expiresAt: z.iso.datetime({ offset: true, error: 'must be an ISO time such as 2026-12-31T00:00:00Z' }).optional(),
});
export const shareAnswer = z.object({ id: z.string(), token: z.string(), url: z.string() });

/** POST /v1/keys: a module upload key (`module`) or another admin token (`admin: true`). */
export const keyRequest = z.object({
  module: moduleId.optional(),
  admin: z.literal(true).optional(),
  label: z.string().max(200, { error: 'must be at most 200 characters' }).default(''),
}).refine((k) => (k.module === undefined) !== (k.admin === undefined), { error: 'give either module or admin: true', path: ['module'] });
export const keyAnswer = z.object({ id: z.string(), token: z.string(), kind: z.enum(['admin', 'module']), module: moduleId.nullable() });
export const keyInfo = z.object({
  id: z.string(), kind: z.enum(['admin', 'module']), module: moduleId.nullable(), label: z.string(),
  createdAt: z.string(), revokedAt: z.string().nullable(),
});
export const keyList = z.object({ keys: z.array(keyInfo) });

export type ApiError = z.infer<typeof apiError>;
export type UploadPull = z.infer<typeof uploadPull>;
export type UploadAnswer = z.infer<typeof uploadAnswer>;
export type ModuleStatus = z.infer<typeof moduleStatus>;
export type ChangePushAnswer = z.infer<typeof changePushAnswer>;
export type ChangePull = z.infer<typeof changePull>;
export type SnapshotPage = z.infer<typeof snapshotPage>;
export type ShareRequest = z.infer<typeof shareRequest>;
export type ShareAnswer = z.infer<typeof shareAnswer>;
