// The edge's connector and key routes as the SPA uses them: connect a vendor, test it,
// run it now, read how its runs went; list, create and revoke module upload keys.
import { z } from 'zod';
import {
  connectorList, connectorRunAnswer, connectorTestAnswer, type ConnectorInfo, type ConnectorRunAnswer,
  type ConnectorSettingsRequest, type ConnectorTestAnswer,
} from '../../../../shared/schema/connectors.ts';
import { keyAnswer, keyList } from '../../../../shared/schema/api.ts';
import { call, type EdgeConnection } from './edge.ts';

export async function fetchConnectors(conn: EdgeConnection): Promise<ConnectorInfo[]> {
  return (await call(conn, '/v1/connectors', connectorList)).connectors;
}

const saved = z.object({ connector: z.object({ module: z.string(), settings: z.object({ apiUrl: z.string() }) }) });

/** Saves the settings; the key and secret go to the edge and are never shown again. */
export async function saveConnector(conn: EdgeConnection, module: string, settings: ConnectorSettingsRequest): Promise<void> {
  await call(conn, `/v1/connectors/${module}`, saved, { method: 'PUT', body: JSON.stringify(settings) });
}

/** Signs in and reads one page with the form's settings (blank fields: the saved ones). */
export async function testConnector(conn: EdgeConnection, module: string, settings: ConnectorSettingsRequest): Promise<ConnectorTestAnswer> {
  return call(conn, `/v1/connectors/${module}/test`, connectorTestAnswer, { method: 'POST', body: JSON.stringify(settings) });
}

/** Runs the connector now for the edge's today. */
export async function runConnectorNow(conn: EdgeConnection, module: string): Promise<ConnectorRunAnswer> {
  return call(conn, `/v1/connectors/${module}/run`, connectorRunAnswer, { method: 'POST' });
}

export type KeyInfo = z.infer<typeof keyList>['keys'][number];

export async function fetchKeys(conn: EdgeConnection): Promise<KeyInfo[]> {
  return (await call(conn, '/v1/keys', keyList)).keys;
}

/** A new module upload key: its token is in this answer only. */
export async function createModuleKey(conn: EdgeConnection, module: string, label: string): Promise<z.infer<typeof keyAnswer>> {
  return call(conn, '/v1/keys', keyAnswer, { method: 'POST', body: JSON.stringify({ module, label }) });
}

export async function revokeKey(conn: EdgeConnection, id: string): Promise<void> {
  const doFetch = conn.fetch ?? globalThis.fetch.bind(globalThis);
  const response = await doFetch(`${conn.baseUrl}/v1/keys/${encodeURIComponent(id)}`, { method: 'DELETE', headers: { authorization: `Bearer ${conn.token}` } });
  if (!response.ok && response.status !== 404) throw new Error(`The edge refused to revoke the key (${response.status}).`);
}
