// Connector rows in D1: settings with sealed credentials, and the run record.
import type { ConnectorRun } from '../../shared/schema/connectors.ts';

export interface ConnectorRow {
  tenant_id: string;
  module: string;
  api_url: string;
  credentials: string;
  token: string | null;
}

export async function findConnector(db: D1Database, tenantId: string, module: string): Promise<ConnectorRow | null> {
  return db.prepare('SELECT tenant_id, module, api_url, credentials, token FROM connectors WHERE tenant_id = ?1 AND module = ?2')
    .bind(tenantId, module).first<ConnectorRow>();
}

/** Every tenant's connectors, for the nightly run. */
export async function allConnectors(db: D1Database): Promise<ConnectorRow[]> {
  const { results } = await db.prepare('SELECT tenant_id, module, api_url, credentials, token FROM connectors ORDER BY tenant_id, module').all<ConnectorRow>();
  return results;
}

export async function saveConnector(db: D1Database, row: Omit<ConnectorRow, 'token'>, now: string): Promise<void> {
  // New credentials or a new URL make any kept token worthless.
  await db.prepare(
    `INSERT INTO connectors (tenant_id, module, api_url, credentials, token, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, NULL, ?5, ?5)
     ON CONFLICT (tenant_id, module) DO UPDATE SET api_url = excluded.api_url, credentials = excluded.credentials, token = NULL, updated_at = excluded.updated_at`,
  ).bind(row.tenant_id, row.module, row.api_url, row.credentials, now).run();
}

export async function saveToken(db: D1Database, tenantId: string, module: string, token: string | null): Promise<void> {
  await db.prepare('UPDATE connectors SET token = ?3 WHERE tenant_id = ?1 AND module = ?2').bind(tenantId, module, token).run();
}

/** Removes a connector and its run record; false when there was none. */
export async function deleteConnector(db: D1Database, tenantId: string, module: string): Promise<boolean> {
  const [removed] = await db.batch([
    db.prepare('DELETE FROM connectors WHERE tenant_id = ?1 AND module = ?2').bind(tenantId, module),
    db.prepare('DELETE FROM connector_runs WHERE tenant_id = ?1 AND module = ?2').bind(tenantId, module),
  ]);
  return (removed?.meta.changes ?? 0) > 0;
}

export interface RunRecord extends ConnectorRun {
  trigger: 'manual' | 'schedule';
}

export async function recordRun(db: D1Database, tenantId: string, module: string, run: RunRecord): Promise<void> {
  await db.prepare(
    `INSERT INTO connector_runs (tenant_id, module, trigger, started_at, finished_at, date, status, pages, devices, orgs, error)
     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)`,
  ).bind(tenantId, module, run.trigger, run.startedAt, run.finishedAt, run.date, run.status, run.pages, run.devices, run.orgs, run.error).run();
}

interface ListRow {
  module: string;
  api_url: string;
  started_at: string | null;
  finished_at: string | null;
  date: string | null;
  status: 'ok' | 'failed' | null;
  pages: number | null;
  devices: number | null;
  orgs: number | null;
  error: string | null;
}

/** A tenant's connectors with their latest run; never the credentials. */
export async function listConnectors(db: D1Database, tenantId: string): Promise<{ module: string; apiUrl: string; lastRun: ConnectorRun | null }[]> {
  const { results } = await db.prepare(
    `SELECT c.module, c.api_url, r.started_at, r.finished_at, r.date, r.status, r.pages, r.devices, r.orgs, r.error
     FROM connectors c LEFT JOIN connector_runs r ON r.id = (
       SELECT MAX(id) FROM connector_runs WHERE tenant_id = c.tenant_id AND module = c.module)
     WHERE c.tenant_id = ?1 ORDER BY c.module`,
  ).bind(tenantId).all<ListRow>();
  return results.map((r) => ({
    module: r.module,
    apiUrl: r.api_url,
    lastRun: r.status === null || r.started_at === null || r.finished_at === null || r.date === null ? null : {
      startedAt: r.started_at, finishedAt: r.finished_at, date: r.date, status: r.status,
      pages: r.pages ?? 0, devices: r.devices ?? 0, orgs: r.orgs ?? 0, error: r.error,
    },
  }));
}
