// The one edge client of the SPA: a thin typed fetch with errors turned into sentences an
// admin can act on. Answers are checked with the edge's own answer schemas
// (shared/schema/api.ts); upload contents are trusted, because the edge validated them on
// the way in and re-checking a year of uploads would cost the pull most of its time.
import { z } from 'zod';
import { EdgeError, type EdgeConnection, type EdgeIssue } from './edge-error.ts';
import { changeTable, type Change } from '../../../../shared/schema/changes.ts';
import type { Invoice } from '../../../../shared/schema/invoice.ts';
import type { Upload } from '../../../../shared/schema/upload.ts';
import type { ModuleDef } from '../../../../shared/schema/module.ts';
import { apiError, changePull, changePushAnswer, moduleAnswer, moduleList, shareAnswer, snapshotPage, uploadPull, type ChangePull, type ChangePushAnswer, type ModuleStatus, type ShareAnswer, type SnapshotPage } from '../../../../shared/schema/api.ts';

export { EdgeError, type EdgeConnection, type EdgeErrorKind, type EdgeIssue } from './edge-error.ts';

async function failure(response: Response, baseUrl: string): Promise<EdgeError> {
  let detail = '';
  let issues: EdgeIssue[] = [];
  try {
    const parsed = apiError.safeParse(await response.json());
    if (parsed.success) {
      issues = parsed.data.error.issues ?? [];
      detail = parsed.data.error.message + (issues.length > 0 ? ': ' + issues.slice(0, 3).map((i) => `${i.path} ${i.message}`).join('; ') : '');
    }
  } catch {
    // not JSON: the status says enough
  }
  const status = response.status;
  if (status === 401) return new EdgeError('unauthorized', 'The edge did not accept the admin token. Check the token in Settings.', status);
  if (status === 403) return new EdgeError('forbidden', 'This token may not do that: use an admin token in Settings.', status);
  if (status === 404) return new EdgeError('server', `No trueup edge answers at ${baseUrl} (404). Check the edge URL in Settings.`, status);
  if (status >= 500) return new EdgeError('server', `The edge had a problem (${status})${detail ? `: ${detail}` : ''}. Your data is safe here; sync will try again.`, status);
  return new EdgeError('rejected', `The edge refused the request (${status})${detail ? `: ${detail}` : ''}.`, status, issues);
}

async function send(conn: EdgeConnection, path: string, init: RequestInit): Promise<Response> {
  if (!conn.token) throw new EdgeError('not-configured', 'Not connected yet: enter the admin token in Settings.');
  const doFetch = conn.fetch ?? globalThis.fetch.bind(globalThis);
  try {
    return await doFetch(`${conn.baseUrl}${path}`, {
      ...init,
      headers: { authorization: `Bearer ${conn.token}`, accept: 'application/json', ...(init.body ? { 'content-type': 'application/json' } : {}) },
    });
  } catch {
    throw new EdgeError('unreachable', `Can't reach the edge at ${conn.baseUrl}. Changes are kept on this device and sent when it is back.`);
  }
}

export async function call<T>(conn: EdgeConnection, path: string, schema: z.ZodType<T>, init: RequestInit = {}): Promise<T> {
  const response = await send(conn, path, init);
  if (!response.ok) throw await failure(response, conn.baseUrl);
  let body: unknown;
  try {
    body = await response.json();
  } catch {
    throw new EdgeError('server', `The edge at ${conn.baseUrl} answered with something that is not JSON. Check the edge URL in Settings.`);
  }
  const parsed = schema.safeParse(body);
  if (!parsed.success) throw new EdgeError('server', `The edge at ${conn.baseUrl} answered in an unexpected shape: ${parsed.error.issues[0]?.message ?? 'unknown'}.`);
  return parsed.data;
}

// Only the envelope is checked, without copying: a year of uploads is tens of megabytes.
const uploadsPage = uploadPull.extend({
  uploads: z.custom<Upload[]>((value) => Array.isArray(value) && value.every((u: unknown) =>
    typeof u === 'object' && u !== null && 'module' in u && typeof u.module === 'string'
    && 'date' in u && typeof u.date === 'string' && 'orgs' in u && Array.isArray(u.orgs)), { error: 'uploads must be a list of module-days' }),
});

// Changes are checked to their fields object, not into it: the edge validated every value on
// the way in, and walking 21,780 posted invoices' daily quantities through a recursive JSON
// schema would cost the first sync minutes.
const tables = new Set<string>(changeTable.options);
const pulledChanges = z.custom<Change[]>((value) => Array.isArray(value) && value.every((c: unknown) =>
  typeof c === 'object' && c !== null && 'table' in c && typeof c.table === 'string' && tables.has(c.table)
  && 'id' in c && typeof c.id === 'string' && 'hlc' in c && typeof c.hlc === 'string' && 'origin' in c && typeof c.origin === 'string'
  && 'fields' in c && typeof c.fields === 'object' && c.fields !== null && !Array.isArray(c.fields)), { error: 'changes must be a list of changes' });
const changesPage = changePull.extend({ changes: pulledChanges });
const snapshotChanges = snapshotPage.extend({ changes: pulledChanges });

const query = (params: Record<string, string | number | undefined>) => {
  const search = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== '') search.set(k, String(v));
  const text = search.toString();
  return text ? `?${text}` : '';
};

/** Which module-days a pull asks for: days on or after `from`, before `before`, stored at or before cursor `until`. */
export interface UploadsWindow {
  from?: string;
  before?: string;
  until?: string;
}

/** Uploads stored or replaced after the cursor (within the window), oldest first. */
export async function fetchUploads(conn: EdgeConnection, since: string | undefined, limit?: number, window: UploadsWindow = {}): Promise<{ uploads: Upload[]; cursor: string; more: boolean; remaining?: number | undefined }> {
  return call(conn, `/v1/uploads${query({ since, limit, ...window })}`, uploadsPage);
}

/** Everyone's config changes after the cursor. */
export async function fetchChanges(conn: EdgeConnection, since: string | undefined, limit?: number): Promise<ChangePull> {
  return call(conn, `/v1/changes${query({ since, limit })}`, changesPage);
}

/** A page of the compacted change log, for a browser that has never pulled changes. */
export async function fetchSnapshot(conn: EdgeConnection, after: string | null, limit?: number): Promise<SnapshotPage> {
  return call(conn, `/v1/snapshot${query({ after: after ?? undefined, limit })}`, snapshotChanges);
}

/** Pushes local changes; the edge answers the invoice numbers it assigned. */
export async function sendChanges(conn: EdgeConnection, changes: readonly Change[]): Promise<ChangePushAnswer> {
  return call(conn, '/v1/changes', changePushAnswer, { method: 'POST', body: JSON.stringify({ changes }) });
}

/** The catalog and custom modules with each one's last upload day and org count. */
export async function fetchModules(conn: EdgeConnection): Promise<ModuleStatus[]> {
  return (await call(conn, '/v1/modules', moduleList)).modules;
}

/** Adds a custom module at the edge (uploads for it are accepted from then on); it reaches every browser through the change log. */
export async function createModule(conn: EdgeConnection, def: ModuleDef): Promise<void> {
  await call(conn, '/v1/modules', moduleAnswer, { method: 'POST', body: JSON.stringify(def) });
}

/** Publishes a frozen invoice document; the answer carries the link (its token is shown only now). */
export async function publishShare(conn: EdgeConnection, invoice: Invoice): Promise<ShareAnswer> {
  return call(conn, '/v1/shares', shareAnswer, { method: 'POST', body: JSON.stringify({ invoice }) });
}

/** Revokes a share; one the edge no longer knows counts as revoked. */
export async function revokeShareAt(conn: EdgeConnection, id: string): Promise<void> {
  const response = await send(conn, `/v1/shares/${encodeURIComponent(id)}`, { method: 'DELETE' });
  if (!response.ok && response.status !== 404) throw await failure(response, conn.baseUrl);
}
