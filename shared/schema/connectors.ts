import { z } from 'zod';
import { isoDay, moduleId } from './primitives.ts';

// Pull connectors: the edge reads a vendor's API and stores the day's upload itself.
// Shapes shared by the worker (validation and OpenAPI) and the SPA.

/** The modules a connector can fill, in the order the SPA lists them. */
export const CONNECTOR_MODULES = ['datto-rmm', 'datto-bcdr', 'datto-saas-protection'] as const;
export type ConnectorModule = (typeof CONNECTOR_MODULES)[number];

export function isConnectorModule(module: string): module is ConnectorModule {
  return (CONNECTOR_MODULES as readonly string[]).includes(module);
}

function isUrl(text: string): boolean {
  try {
    return new URL(text).protocol.startsWith('http');
  } catch {
    return false;
  }
}

const secret = z.string().trim().min(1, { error: 'must not be empty' }).max(500, { error: 'must be at most 500 characters' });

/**
 * PUT /v1/connectors/:module: where the vendor's API is and the credentials to read it.
 * The credentials are write-only; they may be left out to keep the saved ones.
 */
export const connectorSettingsRequest = z.object({
  apiUrl: z.string().trim().max(500, { error: 'must be at most 500 characters' })
    .refine(isUrl, { error: 'must be a URL such as https://concord-api.centrastage.net' })
    .optional(),
  apiKey: secret.optional(),
  apiSecret: secret.optional(),
});
export type ConnectorSettingsRequest = z.infer<typeof connectorSettingsRequest>;

/** One recorded run of a connector. */
export const connectorRun = z.object({
  startedAt: z.string(),
  finishedAt: z.string(),
  date: isoDay,
  status: z.enum(['ok', 'failed']),
  pages: z.number().int(),
  devices: z.number().int(),
  orgs: z.number().int(),
  /** What went wrong, in plain words; null when the run worked. */
  error: z.string().nullable(),
});
export type ConnectorRun = z.infer<typeof connectorRun>;

/** A connector as GET /v1/connectors lists it: never its credentials. */
export const connectorInfo = z.object({
  module: moduleId,
  settings: z.object({ apiUrl: z.string() }),
  lastRun: connectorRun.nullable(),
  nextRunAt: z.string(),
});
export type ConnectorInfo = z.infer<typeof connectorInfo>;

export const connectorList = z.object({ connectors: z.array(connectorInfo) });

/** POST /v1/connectors/:module/run?date= */
export const connectorRunQuery = z.object({ date: isoDay.optional() });

export const connectorRunAnswer = z.object({
  upload: z.object({ module: moduleId, date: isoDay, orgCount: z.number().int() }),
  status: z.enum(['stored', 'unchanged']),
});
export type ConnectorRunAnswer = z.infer<typeof connectorRunAnswer>;

/** POST /v1/connectors/:module/test: the sign-in and one page, nothing stored. */
export const connectorTestAnswer = z.object({
  ok: z.boolean(),
  /** Plain words for the admin: what was read, or the vendor's error. */
  message: z.string(),
});
export type ConnectorTestAnswer = z.infer<typeof connectorTestAnswer>;
