// The local edge's secrets live in .dev.vars (git-ignored), which wrangler dev reads:
// connectors need CONNECTOR_KEY to seal credentials, so npm start makes one when missing.
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './wrangler.ts';

/** Adds a random CONNECTOR_KEY to .dev.vars unless it has one; answers whether it made one. */
export function ensureConnectorKey(root: string = ROOT): boolean {
  const file = join(root, '.dev.vars');
  const text = existsSync(file) ? readFileSync(file, 'utf8') : '';
  if (/^\s*CONNECTOR_KEY\s*=/m.test(text)) return false;
  const line = `CONNECTOR_KEY="${randomBytes(32).toString('base64')}"\n`;
  writeFileSync(file, text === '' || text.endsWith('\n') ? text + line : `${text}\n${line}`, { mode: 0o600 });
  return true;
}
