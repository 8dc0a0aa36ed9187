// What each IndexedDB table holds. Config tables mirror the workspace document (docs/billing-rules.md#workspace-document)
// record by record, with the change log's `deleted` tombstone; uploads and the org
// directory are pulled from the edge; outbox, clocks and meta belong to the sync.
import type { Account, Contract, Invoice, ModuleDef, OrgMapping, Upload, Change, ChangeTable, Json } from '../../../../shared/index.ts';
import type { Charge, Profile } from '../../../../shared/schema/workspace.ts';
import type { StoredDays } from '../../../../shared/schema/invoice.ts';
import type { DayCells } from '../../../../shared/usage/store.ts';

/** Every config row: its record id and whether it has been deleted. */
export interface ConfigRow {
  id: string;
  deleted?: boolean;
}

export type AccountRow = ConfigRow & Account;
/** Keyed `<module>:<orgId>` (module ids never contain a colon). */
export type OrgMappingRow = ConfigRow & OrgMapping;
export type ContractRow = ConfigRow & Contract;
/** One row per module id that has ever been switched on or off. */
export type EnabledModuleRow = ConfigRow & { enabled: boolean };
/** Custom modules only; the catalog is built in. */
export type ModuleRow = ConfigRow & ModuleDef;
/** Posted and voided invoices; `number` is null until the edge has numbered it. Since schema version 3 the lines' `daily` lists live in `invoiceDaily` (read whole invoices with loadInvoice). */
export type InvoiceRow = ConfigRow & Invoice & { id: string };
/** Tenant-wide settings that sync: a single row with id `workspace`; the MSP profile is one field (saved whole). */
export type SettingsRow = ConfigRow & { currency?: string; profile?: Profile };
/** One-off charges and credits on an account's invoice for a period, corrections of posted months too. */
export type ChargeRow = ConfigRow & Charge;

/** An upload as pulled (schema versions 1–2 only; version 3 moved them to usageModules / usageDays). */
export type UploadRow = Upload;

/**
 * A module's indexes in the compact usage store (docs/usage-store.md): the module-day rows
 * name orgs, billing types and org names by their position here. Positions never move:
 * the lists only grow, so a stored day stays readable.
 */
export interface UsageModuleRow {
  module: string;
  orgIds: string[];
  types: string[];
  names: string[];
  /** The data version that last changed it. */
  seq: number;
}

/**
 * One module-day, whole, as typed arrays: the orgs present (with their name's index) and
 * each reported (org, type) cell's quantity in 10^-4 units; a value that is not such an
 * exact integer is NaN in `values` with its raw value in `raws` (by cell position).
 */
export type UsageDayRow = DayCells & {
  module: string;
  date: string;
  cursor?: string;
  /** The data version that wrote it: the engine worker reads only rows newer than what it has. */
  seq: number;
};

/** The frozen daily quantities of a posted invoice, by line position (null: a line without days; packed, see shared/invoice/packed-days.ts), kept apart from its row. */
export interface InvoiceDailyRow {
  id: string;
  lines: (StoredDays | null)[];
}

/** Every organization a module has reported, with the name it last used. */
export interface OrgRow {
  module: string;
  orgId: string;
  name: string;
  firstDate: string;
  lastDate: string;
}

/** A local change waiting to be pushed, in the order it was made. */
export interface OutboxRow {
  seq?: number;
  change: Change;
}

/**
 * A local change the edge refused (its clock far ahead, its fields too deep or too heavy):
 * moved out of the outbox so later edits still sync, and shown to the admin with the reason.
 */
export interface NotSyncedRow {
  seq?: number;
  change: Change;
  /** The edge's words for what is wrong, with the path (e.g. `fields must not be nested deeper than 32 levels`). */
  reason: string;
  /** ISO time it was set aside. */
  at: string;
}

/** The clock that last set each field of a config record (the merge state). */
export interface ClockRow {
  table: ChangeTable;
  id: string;
  clocks: Record<string, string>;
  /** The data version of the write that last changed the record (schema version 3). */
  seq?: number;
}

export interface MetaRow {
  key: string;
  value: Json;
}

/** The config tables, by their change-log name. */
export interface ConfigRows {
  accounts: AccountRow;
  orgMappings: OrgMappingRow;
  contracts: ContractRow;
  enabledModules: EnabledModuleRow;
  modules: ModuleRow;
  invoices: InvoiceRow;
  settings: SettingsRow;
  charges: ChargeRow;
}

export const CONFIG_TABLES = ['accounts', 'orgMappings', 'contracts', 'enabledModules', 'modules', 'invoices', 'settings', 'charges'] as const satisfies readonly ChangeTable[];

/** The key of an org mapping record. */
export function orgMappingId(module: string, orgId: string): string {
  return `${module}:${orgId}`;
}

export const SETTINGS_ID = 'workspace';
