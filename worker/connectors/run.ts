// One run of a tenant's connector: open its credentials, read the vendor, store the day's
// upload through the same path as POST /v1/uploads, record how it went.
import { isConnectorModule } from '../../shared/schema/connectors.ts';
import { formatPath, parseOrThrow, ValidationError } from '../../shared/schema/issues.ts';
import { upload as uploadSchema, uploadCatalogIssues } from '../../shared/schema/upload.ts';
import { edgeNow } from '../clock.ts';
import type { Env } from '../env.ts';
import { ApiFailure } from '../errors.ts';
import { tenantModules } from '../store/modules.ts';
import { putUploads, type StoredUpload } from '../store/uploads.ts';
import type { Connector, ConnectorInput } from './connector.ts';
import { connectorKey, open, seal } from './crypto.ts';
import { DEFAULT_RETRY, realWait, type RetryPolicy, type Wait } from './http.ts';
import { hostProblem } from './hosts.ts';
import { connectorFor } from './registry.ts';
import { findConnector, recordRun, saveToken, type ConnectorRow } from './store.ts';
import { VendorError } from './vendor-error.ts';

export interface RunOptions {
  trigger: 'manual' | 'schedule';
  wait?: Wait;
  retry?: RetryPolicy;
}

/** What sealed values of a connector are bound to: another tenant's row cannot be swapped in. */
export function sealContext(tenantId: string, module: string, what: 'credentials' | 'token'): string {
  return `${tenantId}/${module}/${what}`;
}

interface Credentials {
  apiKey: string;
  apiSecret: string;
}

export function parseCredentials(text: string | null): Credentials | null {
  if (text === null) return null;
  try {
    const value: unknown = JSON.parse(text);
    if (typeof value === 'object' && value !== null && 'apiKey' in value && 'apiSecret' in value
      && typeof value.apiKey === 'string' && typeof value.apiSecret === 'string') return { apiKey: value.apiKey, apiSecret: value.apiSecret };
  } catch {
    return null;
  }
  return null;
}

/** The connector of a module, or 404. */
export function requireConnector(module: string): Connector {
  const connector = isConnectorModule(module) ? connectorFor(module) : null;
  if (!connector) throw new ApiFailure('not_found', `there is no connector for module "${module}"`);
  return connector;
}

/** A saved connector row, or 404. */
export async function requireSaved(env: Env, tenantId: string, module: string): Promise<ConnectorRow> {
  const row = await findConnector(env.DB, tenantId, module);
  if (!row) throw new ApiFailure('not_found', `the ${module} connector is not set up; PUT /v1/connectors/${module} first`);
  return row;
}

/** Everything a connector reads with, from its saved row. */
async function inputOf(env: Env, row: ConnectorRow, connector: Connector, options: RunOptions): Promise<ConnectorInput> {
  const key = await connectorKey(env);
  const problem = hostProblem(row.api_url, connector.hosts, env.CONNECTOR_ALLOW_HOSTS);
  if (problem) throw new VendorError(`the saved API URL may not be used: ${problem}. Save the connector again with the vendor's URL.`);
  const credentials = parseCredentials(await open(key, row.credentials, sealContext(row.tenant_id, row.module, 'credentials')));
  if (!credentials) throw new VendorError('the saved API key and secret cannot be opened with this CONNECTOR_KEY (was the secret changed?); save them again.');
  const token = row.token === null ? null : await open(key, row.token, sealContext(row.tenant_id, row.module, 'token'));
  return { apiUrl: row.api_url, ...credentials, token, wait: options.wait ?? realWait, retry: options.retry ?? DEFAULT_RETRY };
}

/** A failure in plain words, for the run record and the answer. */
function describe(connector: Connector, error: unknown): string {
  if (error instanceof VendorError) return error.message;
  if (error instanceof ValidationError) {
    const shown = error.issues.slice(0, 5).map((i) => `${i.path}: ${i.message}`).join('; ');
    return `what ${connector.vendor} sent could not be stored as an upload (${shown}${error.issues.length > 5 ? '; …' : ''})`;
  }
  if (error instanceof ApiFailure) return error.message;
  return `an unexpected error stopped the run (${error instanceof Error ? error.name : 'unknown'})`;
}

/**
 * Runs a tenant's connector for a day and records the run. Answers the stored upload;
 * a failed run is recorded and thrown as a 502 naming the vendor's problem.
 */
export async function runConnector(env: Env, tenantId: string, module: string, date: string, options: RunOptions): Promise<StoredUpload> {
  const connector = requireConnector(module);
  const row = await requireSaved(env, tenantId, module);
  const startedAt = new Date(edgeNow(env)).toISOString();
  let pages = 0;
  let devices = 0;
  let orgs = 0;
  try {
    const input = await inputOf(env, row, connector, options);
    const output = await connector.read(input, date);
    pages = output.pages;
    devices = output.devices;
    const day = parseOrThrow(uploadSchema, output.upload, 'upload');
    const catalog = uploadCatalogIssues(day, await tenantModules(env.DB, tenantId));
    if (catalog.length > 0) throw new ValidationError(catalog.map((i) => ({ path: formatPath(i.path), message: i.message })), 'upload');
    orgs = day.orgs.length;
    const [stored] = await putUploads(env.DB, tenantId, [day], new Date(edgeNow(env)).toISOString());
    if (!stored) throw new Error('the upload was not stored');
    if (output.token !== input.token) {
      const key = await connectorKey(env);
      await saveToken(env.DB, tenantId, module, output.token === null ? null : await seal(key, output.token, sealContext(tenantId, module, 'token')));
    }
    await recordRun(env.DB, tenantId, module, {
      trigger: options.trigger, startedAt, finishedAt: new Date(edgeNow(env)).toISOString(), date, status: 'ok', pages, devices, orgs, error: null,
    });
    return stored;
  } catch (error) {
    const message = describe(connector, error);
    await recordRun(env.DB, tenantId, module, {
      trigger: options.trigger, startedAt, finishedAt: new Date(edgeNow(env)).toISOString(), date, status: 'failed', pages, devices, orgs, error: message,
    });
    if (error instanceof ApiFailure && error.code !== 'bad_gateway') throw error;
    throw new ApiFailure('bad_gateway', `the ${module} connector run failed: ${message}`);
  }
}
