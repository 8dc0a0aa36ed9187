// The compact usage store (docs/usage-store.md): per module an org index, a billing-type
// index and a name table, and per upload day only what changed from the upload day before
// (cells of (org, type) whose value changed, orgs that appeared, left or were renamed).
// Device counts change rarely, so a year of days costs little more than one day; a day's
// whole state is materialized by folding the changes in order (a cursor keeps the last
// fold, so reading a period walks forward). Quantities are integers of 10^-4 units in a
// Float64Array; a value that is not such an exact integer (past 2^53 units, or text the
// engine must refuse as it always did) is kept raw beside it (NaN marks it).
import { scaledInteger, QTY_SCALE } from '../money/scaled.ts';
import type { Upload, UploadOrg } from '../schema/upload.ts';

export type RawQuantity = number | string | boolean;

/**
 * A sparse list of cells and org presences: a whole day (what IndexedDB stores per
 * module-day) or the changes of a day from the day before (what the store keeps).
 */
export interface DayCells {
  /** Org indexes present on the day (whole) or whose presence / name changed (changes). */
  orgs: Int32Array;
  /** Their name indexes; -1: the org is absent from then on (changes only). */
  names: Int32Array;
  cellOrg: Int32Array;
  cellType: Int32Array;
  /** 10^-4 units; NaN where the value is kept raw. */
  values: Float64Array;
  /** Raw values of the NaN cells: cell position → value. */
  raws?: Map<number, RawQuantity>;
}

/** A day's whole state, dense: value of (org o, type t) at o × stride + t. */
export interface DayState {
  stride: number;
  orgCount: number;
  values: Float64Array;
  raws: Map<number, RawQuantity>;
  /** Name index per org, -1 when absent from the day's upload. */
  present: Int32Array;
}


/** A quantity as exact 10^-4 units when it is one, else NaN (kept raw). */
export function compactUnits(raw: RawQuantity): number {
  if (typeof raw === 'boolean') return raw ? 10_000 : 0;
  if (typeof raw === 'number') return raw >= 0 && raw < 1e11 ? Math.round(raw * 10_000) : NaN;
  return scaledInteger(raw, QTY_SCALE) ?? NaN;
}

/** One module's uploads, compactly. */
export class ModuleUsage {
  readonly module: string;
  readonly orgIds: string[] = [];
  readonly orgIndex = new Map<string, number>();
  readonly types: string[] = [];
  readonly typeIndex = new Map<string, number>();
  readonly names: string[] = [];
  readonly nameIndex = new Map<string, number>();
  /** Upload days, sorted; per day its cursor and its changes from the day before. */
  readonly days: string[] = [];
  readonly cursors: (string | undefined)[] = [];
  readonly changes: DayCells[] = [];
  #fold: (DayState & { pos: number }) | null = null;
  #epoch = 0;
  #seenAt = new Int32Array(0);
  #seenEpoch = new Int32Array(0);

  constructor(module: string) {
    this.module = module;
  }

  org(orgId: string): number {
    let i = this.orgIndex.get(orgId);
    if (i === undefined) {
      i = this.orgIds.length;
      this.orgIds.push(orgId);
      this.orgIndex.set(orgId, i);
    }
    return i;
  }

  type(billingType: string): number {
    let i = this.typeIndex.get(billingType);
    if (i === undefined) {
      i = this.types.length;
      this.types.push(billingType);
      this.typeIndex.set(billingType, i);
    }
    return i;
  }

  name(text: string): number {
    let i = this.nameIndex.get(text);
    if (i === undefined) {
      i = this.names.length;
      this.names.push(text);
      this.nameIndex.set(text, i);
    }
    return i;
  }

  /** The index of day in days, or -1. */
  dayIndex(day: string): number {
    const i = this.firstAtOrAfter(day);
    return this.days[i] === day ? i : -1;
  }

  /** The index of the first upload day at or after day (days.length when none). */
  firstAtOrAfter(day: string): number {
    let low = 0;
    let high = this.days.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if ((this.days[mid] as string) < day) low = mid + 1;
      else high = mid;
    }
    return low;
  }

  /** A JSON upload as a whole day of cells (interning its orgs, types and names). */
  cellsOf(upload: Pick<Upload, 'orgs'>): DayCells {
    const rows = upload.orgs as UploadOrg[];
    // Counted first, so the typed arrays are filled in place (no growing lists to collect).
    let count = 0;
    for (let r = 0; r < rows.length; r++) for (const _key in (rows[r] as UploadOrg).metrics) count++;
    const orgs = new Int32Array(rows.length);
    const names = new Int32Array(rows.length);
    const cellOrg = new Int32Array(count);
    const cellType = new Int32Array(count);
    const values = new Float64Array(count);
    let raws: Map<number, RawQuantity> | undefined;
    let present = 0;
    let n = 0;
    // Where each org of this upload was listed (by org index), to catch a repeated org.
    const epoch = ++this.#epoch;
    if (this.#seenAt.length < this.orgIds.length + rows.length) {
      const length = 2 * (this.orgIds.length + rows.length);
      const at = new Int32Array(length);
      at.set(this.#seenAt);
      const stamps = new Int32Array(length);
      stamps.set(this.#seenEpoch);
      this.#seenAt = at;
      this.#seenEpoch = stamps;
    }
    const lastKeys: string[] = [];
    const lastTypes: number[] = [];
    for (let r = 0; r < rows.length; r++) {
      const row = rows[r] as UploadOrg;
      const o = this.org(row.orgId);
      const name = this.name(row.name ?? '');
      // A repeated org (which the schema refuses) takes its last row's name; its metrics merge, later wins.
      if (this.#seenEpoch[o] === epoch) names[this.#seenAt[o] as number] = name;
      else {
        this.#seenEpoch[o] = epoch;
        this.#seenAt[o] = present;
        orgs[present] = o;
        names[present++] = name;
      }
      // Rows of a module list their keys in the same order: the type of the key at a
      // position is looked up once while it stays the same.
      let p = 0;
      const metrics = row.metrics;
      for (const key in metrics) {
        const raw = metrics[key];
        let t: number;
        if (lastKeys[p] === key) t = lastTypes[p] as number;
        else {
          t = this.type(key);
          lastKeys[p] = key;
          lastTypes[p] = t;
        }
        p++;
        if (raw === undefined) continue;
        const units = compactUnits(raw);
        cellOrg[n] = o;
        cellType[n] = t;
        values[n] = units;
        if (Number.isNaN(units)) (raws ??= new Map()).set(n, raw);
        n++;
      }
    }
    const cells: DayCells = {
      orgs: present === rows.length ? orgs : orgs.slice(0, present), names: present === rows.length ? names : names.slice(0, present),
      cellOrg: n === count ? cellOrg : cellOrg.slice(0, n), cellType: n === count ? cellType : cellType.slice(0, n), values: n === count ? values : values.slice(0, n),
    };
    if (raws) cells.raws = raws;
    return cells;
  }

  /**
   * Stores a whole module-day (an upload replaces its day whole): its changes from the
   * day before and the next day's changes from it are recomputed; nothing else moves.
   */
  putDay(date: string, cursor: string | undefined, whole: DayCells): void {
    let i = this.firstAtOrAfter(date);
    const replacing = this.days[i] === date;
    const nextIndex = replacing ? i + 1 : i;
    const next = nextIndex < this.days.length ? this.wholeDay(nextIndex) : null;
    const before = i > 0 ? this.stateAt(i - 1) : this.emptyState();
    const changes = diff(before, whole, this.orgIds.length, this.types.length);
    if (replacing) {
      this.changes[i] = changes;
      this.cursors[i] = cursor;
    } else {
      this.days.splice(i, 0, date);
      this.cursors.splice(i, 0, cursor);
      this.changes.splice(i, 0, changes);
    }
    if (this.#fold && this.#fold.pos >= i) this.#fold = null;
    if (next) {
      i += 1;
      const state = this.emptyState();
      apply(state, whole);
      this.changes[i] = diff(state, next, this.orgIds.length, this.types.length);
    }
  }

  /**
   * Stores many whole module-days at once (the last of a repeated date wins), as putDay one
   * after another would, in one walk over the days. putDay folds from the first day for a day
   * put before others, so a first pull's earlier days, which arrive after the recent ones,
   * cost a fold of the whole year per day (docs/usage-store.md#reading-it). Here only the stored
   * day right after each given one is diffed again; every other keeps its changes.
   */
  putDays(given: readonly { date: string; cursor: string | undefined; cells: DayCells }[]): void {
    if (given.length <= 1) {
      for (const day of given) this.putDay(day.date, day.cursor, day.cells);
      return;
    }
    const batch = [...given].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
    const orgCount = this.orgIds.length;
    const stride = this.types.length;
    const days: string[] = [];
    const cursors: (string | undefined)[] = [];
    const changes: DayCells[] = [];
    // `stored`: the stored days folded so far; `written`: the new list's days folded so far.
    // They differ only from a given day up to the next stored day.
    const stored = this.emptyState();
    const written = this.emptyState();
    let differ = false;
    let j = 0;
    let k = 0;
    while (j < this.days.length || k < batch.length) {
      const storedDate = this.days[j];
      const next = batch[k];
      const date = next === undefined || (storedDate !== undefined && storedDate < next.date) ? (storedDate as string) : next.date;
      let change: DayCells;
      let cursor: string | undefined;
      if (storedDate === date) {
        apply(stored, this.changes[j] as DayCells);
        cursor = this.cursors[j];
        j++;
      }
      if (next !== undefined && next.date === date) {
        while (batch[k + 1]?.date === date) k++;
        const day = batch[k] as (typeof batch)[number];
        k++;
        change = diff(written, day.cells, orgCount, stride);
        cursor = day.cursor;
        differ = true;
      } else if (differ) {
        change = diff(written, cellsOfState(stored), orgCount, stride);
        differ = false;
      } else {
        change = this.changes[j - 1] as DayCells;
      }
      apply(written, change);
      days.push(date);
      cursors.push(cursor);
      changes.push(change);
    }
    this.days.splice(0, this.days.length, ...days);
    this.cursors.splice(0, this.cursors.length, ...cursors);
    this.changes.splice(0, this.changes.length, ...changes);
    this.#fold = null;
  }

  /** Stores a JSON upload (see putDay). */
  putUpload(upload: Upload, cursor: string | undefined = upload.cursor): void {
    this.putDay(upload.date, cursor, this.cellsOf(upload));
  }

  private emptyState(): DayState {
    const stride = this.types.length;
    const orgCount = this.orgIds.length;
    return { stride, orgCount, values: new Float64Array(stride * orgCount), raws: new Map(), present: new Int32Array(orgCount).fill(-1) };
  }

  /**
   * The whole state of upload day i. The returned object is the store's fold cursor: read
   * it before the next call, never keep or change it.
   */
  stateAt(i: number): DayState {
    let fold = this.#fold;
    if (fold === null || fold.pos > i) {
      fold = { ...this.emptyState(), pos: -1 };
      this.#fold = fold;
    } else if (fold.stride !== this.types.length || fold.orgCount !== this.orgIds.length) {
      fold = { ...regrow(fold, this.orgIds.length, this.types.length), pos: fold.pos };
      this.#fold = fold;
    }
    while (fold.pos < i) {
      fold.pos++;
      apply(fold, this.changes[fold.pos] as DayCells);
    }
    return fold;
  }

  /** Upload day i whole, as sparse cells (what IndexedDB stores, and the JSON upload). */
  wholeDay(i: number): DayCells {
    return cellsOfState(this.stateAt(i));
  }

  /**
   * Takes the indexes a stored module row lists (a prefix of them may be known already:
   * the lists only grow), so stored day rows can be read by position.
   */
  adopt(orgIds: readonly string[], types: readonly string[], names: readonly string[]): void {
    for (let i = this.orgIds.length; i < orgIds.length; i++) this.org(orgIds[i] as string);
    for (let i = this.types.length; i < types.length; i++) this.type(types[i] as string);
    for (let i = this.names.length; i < names.length; i++) this.name(names[i] as string);
  }

  /** A whole day's cells as the JSON upload, its orgs and metrics in stored order (0 kept where reported). */
  uploadOf(date: string, cursor: string | undefined, cells: DayCells): Upload {
    const orgs: UploadOrg[] = [];
    const rows = new Map<number, UploadOrg>();
    for (let j = 0; j < cells.orgs.length; j++) {
      const o = cells.orgs[j] as number;
      const row: UploadOrg = { orgId: this.orgIds[o] as string, name: this.names[cells.names[j] as number] ?? '', metrics: {} };
      rows.set(o, row);
      orgs.push(row);
    }
    for (let j = 0; j < cells.values.length; j++) {
      const row = rows.get(cells.cellOrg[j] as number);
      if (!row) continue;
      const value = cells.values[j] as number;
      row.metrics[this.types[cells.cellType[j] as number] as string] = Number.isNaN(value) ? (cells.raws?.get(j) as RawQuantity) : unitsToQuantity(value);
    }
    const upload: Upload = { module: this.module, date, orgs };
    if (cursor !== undefined) upload.cursor = cursor;
    return upload;
  }

  /** Upload day i as the JSON upload (quantities as exact numbers, or their text past 10^11). */
  upload(i: number): Upload {
    const state = this.stateAt(i);
    const orgs: UploadOrg[] = [];
    for (let o = 0; o < state.orgCount; o++) {
      const name = state.present[o] as number;
      if (name < 0) continue;
      const metrics: Record<string, RawQuantity> = {};
      for (let t = 0; t < state.stride; t++) {
        const k = o * state.stride + t;
        const value = state.values[k] as number;
        if (Number.isNaN(value)) metrics[this.types[t] as string] = state.raws.get(k) as RawQuantity;
        else if (value !== 0) metrics[this.types[t] as string] = unitsToQuantity(value);
      }
      orgs.push({ orgId: this.orgIds[o] as string, name: this.names[name] as string, metrics });
    }
    const cursor = this.cursors[i];
    const upload: Upload = { module: this.module, date: this.days[i] as string, orgs };
    if (cursor !== undefined) upload.cursor = cursor;
    return upload;
  }
}

/** Units as the JSON quantity: an exact number below 10^11 (fast to read back exactly), else text. */
function unitsToQuantity(units: number): number | string {
  if (units < 1e15) return Number(`${Math.floor(units / 10_000)}.${String(units % 10_000).padStart(4, '0')}`);
  const text = String(units);
  return `${text.slice(0, -4)}.${text.slice(-4)}`;
}

// The same state laid out for more orgs or types (new ones absent, 0).
function regrow(state: DayState, orgCount: number, stride: number): DayState {
  const values = new Float64Array(orgCount * stride);
  const raws = new Map<number, RawQuantity>();
  for (let o = 0; o < state.orgCount; o++) {
    for (let t = 0; t < state.stride; t++) {
      const from = o * state.stride + t;
      values[o * stride + t] = state.values[from] as number;
      const raw = state.raws.get(from);
      if (raw !== undefined) raws.set(o * stride + t, raw);
    }
  }
  const present = new Int32Array(orgCount).fill(-1);
  present.set(state.present.subarray(0, Math.min(state.orgCount, orgCount)));
  return { stride, orgCount, values, raws, present };
}

function apply(state: DayState, cells: DayCells): void {
  const { stride } = state;
  for (let j = 0; j < cells.orgs.length; j++) state.present[cells.orgs[j] as number] = cells.names[j] as number;
  for (let j = 0; j < cells.values.length; j++) {
    const k = (cells.cellOrg[j] as number) * stride + (cells.cellType[j] as number);
    const value = cells.values[j] as number;
    state.values[k] = value;
    if (Number.isNaN(value)) state.raws.set(k, cells.raws?.get(j) as RawQuantity);
    else if (state.raws.size > 0) state.raws.delete(k);
  }
}

// What turns state `before` into the whole day `after`: cells whose value differs (an org
// or type absent from `after` is 0), and orgs whose presence or name differs. Walks the
// day's cells, then the cells set before that the day no longer lists.
function diff(before: DayState, after: DayCells, orgCount: number, stride: number): DayCells {
  const size = orgCount * stride;
  const listed = new Uint8Array(size);
  const nowName = new Int32Array(orgCount).fill(-1);
  for (let j = 0; j < after.orgs.length; j++) nowName[after.orgs[j] as number] = after.names[j] as number;
  const orgs: number[] = [];
  const names: number[] = [];
  for (let o = 0; o < orgCount; o++) {
    const was = o < before.orgCount ? (before.present[o] as number) : -1;
    if (was !== nowName[o]) {
      orgs.push(o);
      names.push(nowName[o] as number);
    }
  }
  const cellOrg: number[] = [];
  const cellType: number[] = [];
  const values: number[] = [];
  let raws: Map<number, RawQuantity> | undefined;
  const old = (o: number, t: number) => (o < before.orgCount && t < before.stride ? (before.values[o * before.stride + t] as number) : 0);
  // A repeated cell in `after` (a repeated org) counts its last value: walk from the end.
  for (let j = after.values.length - 1; j >= 0; j--) {
    const o = after.cellOrg[j] as number;
    const t = after.cellType[j] as number;
    const k = o * stride + t;
    if (listed[k] === 1) continue;
    listed[k] = 1;
    const value = after.values[j] as number;
    const was = old(o, t);
    if (Number.isNaN(value)) {
      const raw = after.raws?.get(j) as RawQuantity;
      if (Number.isNaN(was) && Object.is(before.raws.get(o * before.stride + t), raw)) continue;
      cellOrg.push(o);
      cellType.push(t);
      values.push(value);
      (raws ??= new Map()).set(values.length - 1, raw);
    } else if (value !== was) {
      cellOrg.push(o);
      cellType.push(t);
      values.push(value);
    }
  }
  for (let o = 0; o < before.orgCount; o++) {
    for (let t = 0; t < before.stride; t++) {
      const was = before.values[o * before.stride + t] as number;
      if (was === 0 || listed[o * stride + t] === 1) continue;
      cellOrg.push(o);
      cellType.push(t);
      values.push(0);
    }
  }
  if (orgs.length === 0 && values.length === 0) return NO_CHANGES;
  const cells: DayCells = { orgs: Int32Array.from(orgs), names: Int32Array.from(names), cellOrg: Int32Array.from(cellOrg), cellType: Int32Array.from(cellType), values: Float64Array.from(values) };
  if (raws) cells.raws = raws;
  return cells;
}

// A day that repeats the one before (the common case); shared, never written to.
const NO_CHANGES: DayCells = { orgs: new Int32Array(0), names: new Int32Array(0), cellOrg: new Int32Array(0), cellType: new Int32Array(0), values: new Float64Array(0) };

function cellsOfState(state: DayState): DayCells {
  const orgs: number[] = [];
  const names: number[] = [];
  const cellOrg: number[] = [];
  const cellType: number[] = [];
  const values: number[] = [];
  let raws: Map<number, RawQuantity> | undefined;
  for (let o = 0; o < state.orgCount; o++) {
    const name = state.present[o] as number;
    if (name >= 0) {
      orgs.push(o);
      names.push(name);
    }
    for (let t = 0; t < state.stride; t++) {
      const k = o * state.stride + t;
      const value = state.values[k] as number;
      if (value === 0) continue;
      cellOrg.push(o);
      cellType.push(t);
      values.push(value);
      if (Number.isNaN(value)) (raws ??= new Map()).set(values.length - 1, state.raws.get(k) as RawQuantity);
    }
  }
  const cells: DayCells = { orgs: Int32Array.from(orgs), names: Int32Array.from(names), cellOrg: Int32Array.from(cellOrg), cellType: Int32Array.from(cellType), values: Float64Array.from(values) };
  if (raws) cells.raws = raws;
  return cells;
}

/** Every module's uploads, compactly; the engine's usage reader reads this. */
export class UsageStore {
  readonly modules = new Map<string, ModuleUsage>();

  /** The store of JSON uploads (a later upload of the same module-day replaces an earlier one whole). */
  static fromUploads(uploads: readonly Upload[]): UsageStore {
    const store = new UsageStore();
    // The last upload of each module-day wins; in module-day order each is appended, its
    // changes read from the fold cursor.
    const last = new Map<string, Upload>();
    for (const u of uploads) last.set(`${u.module}\u0000${u.date}`, u);
    const sorted = [...last.values()].sort((a, b) => (a.module < b.module ? -1 : a.module > b.module ? 1 : a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
    for (const u of sorted) store.put(u);
    return store;
  }

  module(id: string): ModuleUsage | undefined {
    return this.modules.get(id);
  }

  /** The same as module (the store is the engine's upload index). */
  get(id: string): ModuleUsage | undefined {
    return this.modules.get(id);
  }

  moduleOrNew(id: string): ModuleUsage {
    let m = this.modules.get(id);
    if (!m) {
      m = new ModuleUsage(id);
      this.modules.set(id, m);
    }
    return m;
  }

  put(upload: Upload, cursor: string | undefined = upload.cursor): void {
    this.moduleOrNew(upload.module).putUpload(upload, cursor);
  }

  /** The number of stored module-days. */
  get size(): number {
    let n = 0;
    for (const m of this.modules.values()) n += m.days.length;
    return n;
  }
}


/** Where a computation reads usage: a workspace's JSON uploads, or a store built beside them (the engine worker's). */
export interface UsageSource {
  readonly uploads: readonly Upload[];
  readonly usage?: UsageStore;
}

const built = new WeakMap<readonly Upload[], { length: number; store: UsageStore }>();

/** The usage store of a workspace: its own, or one built from its uploads once per uploads array. */
export function usageOf(ws: UsageSource): UsageStore {
  if (ws.usage) return ws.usage;
  const known = built.get(ws.uploads);
  if (known && known.length === ws.uploads.length) return known.store;
  const store = UsageStore.fromUploads(ws.uploads);
  built.set(ws.uploads, { length: ws.uploads.length, store });
  return store;
}

/** The highest cursor of any stored upload day; null when none has one. */
export function lastCursor(store: UsageStore, value: (cursor: string) => number): string | null {
  let best: string | null = null;
  for (const usage of store.modules.values()) {
    for (const cursor of usage.cursors) {
      if (cursor !== undefined && (best === null || value(cursor) > value(best))) best = cursor;
    }
  }
  return best;
}
