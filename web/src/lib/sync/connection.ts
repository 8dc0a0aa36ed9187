// Where the edge is and how to prove we are the admin: kept in IndexedDB (meta), set in
// Settings or handed over once in the address (#token=… from `npm start`).
import type { TrueupDb } from '../db/database.ts';
import { getMeta, setMeta } from '../db/meta.ts';
import type { EdgeConnection } from './edge.ts';

/** The edge URL to use: the saved one, or the app's own origin (the edge serves the app). */
export function resolveEdgeUrl(saved: string | undefined, origin: string): string {
  const url = (saved ?? '').trim() || origin;
  return url.replace(/\/+$/, '');
}

/** The saved connection, or null when no admin token is known yet. */
export async function loadConnection(db: TrueupDb, origin: string): Promise<EdgeConnection | null> {
  const token = await getMeta(db, 'adminToken');
  if (!token) return null;
  return { baseUrl: resolveEdgeUrl(await getMeta(db, 'edgeUrl'), origin), token };
}

/** Saves the connection settings. */
export async function saveConnection(db: TrueupDb, edgeUrl: string, token: string): Promise<void> {
  await setMeta(db, 'edgeUrl', edgeUrl.trim());
  await setMeta(db, 'adminToken', token.trim());
}

/**
 * Takes an admin token from the address fragment (`#token=…`), stores it, and returns the
 * fragment without it, so the token does not linger in the address bar or history.
 */
export async function adoptTokenFromHash(db: TrueupDb, hash: string): Promise<string | null> {
  const params = new URLSearchParams(hash.replace(/^#/, ''));
  const token = params.get('token');
  if (!token) return null;
  await setMeta(db, 'adminToken', token);
  const edge = params.get('edge');
  if (edge) await setMeta(db, 'edgeUrl', edge);
  params.delete('token');
  params.delete('edge');
  const rest = params.toString();
  return rest ? `#${rest}` : '';
}
