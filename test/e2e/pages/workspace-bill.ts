// The workspace as the app exports it (Settings), and what `trueup bill` computes from it:
// the end-to-end check that the screens and the command line bill the same to the cent.
import { execFileSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import type { Invoice } from '../../../shared/schema/invoice.ts';
import type { Workspace } from '../../../shared/schema/workspace.ts';
import type { AppPage } from './app.ts';
import { SettingsPage } from './settings.ts';

const ROOT = new URL('../../../', import.meta.url).pathname;

export interface BillOutput { period: string; asOf: string; currency: string; invoices: Invoice[] }

/** Exports the workspace into `dir/<name>.json` and bills `period` from it (as of `asOf`, default the CLI's today). */
export async function exportAndBill(app: AppPage, page: Page, dir: string, name: string, period: string, asOf?: string): Promise<{ ws: Workspace; bill: BillOutput }> {
  await app.nav('Settings');
  const file = join(dir, `${name}.json`);
  await new SettingsPage(page).exportTo(file);
  const args = [join(ROOT, 'cli/trueup.ts'), 'bill', file, period, ...(asOf === undefined ? [] : ['--as-of', asOf])];
  const out = execFileSync(process.execPath, args, { encoding: 'utf8' });
  return { ws: JSON.parse(await readFile(file, 'utf8')) as Workspace, bill: JSON.parse(out) as BillOutput };
}
