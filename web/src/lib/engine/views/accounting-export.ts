// The accounting CSV export as the worker answers it: it reads every stored invoice, what
// this browser exported before in the format, the profile and the accounts itself, and
// answers the file as a Blob (handed to the page without copying its text) with the ids and
// numbers to remember. The page only saves the file: a year of a large MSP's invoices is
// never read or written out on the main thread.
import type { ExportFormat } from '../../../../../shared/export/formats.ts';
import type { ModuleDef } from '../../../../../shared/schema/module.ts';
import type { Contract } from '../../../../../shared/schema/workspace.ts';
import type { TrueupDb } from '../../db/database.ts';
import { exportedSoFar, type ExportedRef } from '../../billing/export-memory.ts';

export interface AccountingExportQuery {
  format: ExportFormat;
  /** What this browser has not exported yet in the format (with reversals owed), or what was issued in a range. */
  range: 'pending' | 'dates';
  /** Issue days, inclusive (range 'dates'); '' or absent leaves that end open. */
  from?: string;
  to?: string;
}

export interface AccountingExport {
  /** The CSV file in the format's import template; null when there is nothing to export. */
  csv: Blob | null;
  /** What the file holds, to remember once it is saved. */
  invoices: ExportedRef[];
  reversals: ExportedRef[];
}

/** The export of the stored invoices for a query; config is the workspace's currency, contracts and modules. */
export async function accountingExport(db: TrueupDb, config: { currency: string; contracts: readonly Contract[]; modules: readonly ModuleDef[] }, query: AccountingExportQuery): Promise<AccountingExport> {
  // papaparse, the formats and the profile's schema (zod) load with the first export, not with the worker
  const [{ exportCsv, exportDocuments, notYetExported }, { currentAccounts, currentProfile }] = await Promise.all([
    import('../../../../../shared/export/index.ts'), import('../../billing/parties.ts'),
  ]);
  const all = (await db.invoices.toArray()).filter((r) => r.deleted !== true);
  const [profile, accounts, exported] = await Promise.all([currentProfile(db), currentAccounts(db), exportedSoFar(db, query.format)]);
  const request = query.range === 'pending'
    ? { format: query.format, reversals: notYetExported(all, exported).reversals, skip: exported.invoices }
    : { format: query.format, from: query.from || undefined, to: query.to || undefined };
  const documents = exportDocuments(all, request);
  const ref = ({ id, number }: ExportedRef): ExportedRef => ({ id, number });
  const invoices = documents.filter((d) => !d.reversal).map((d) => ref(d.invoice));
  const reversals = documents.filter((d) => d.reversal).map((d) => ref(d.invoice));
  if (documents.length === 0) return { csv: null, invoices, reversals };
  const text = exportCsv(all, { currency: config.currency, accounts, contracts: config.contracts, modules: config.modules, profile }, request);
  return { csv: new Blob([text], { type: 'text/csv' }), invoices, reversals };
}
