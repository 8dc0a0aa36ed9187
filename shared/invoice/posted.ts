// The posted index: what the billing rules read of a tenant's posted history (the standing
// posted invoice of each account and period, its frozen item lines, adjustments and charge
// lines), plus the ids and numbers posting must not reuse. The JSON path builds it from
// ws.invoices once per invoices array (postedOf); the engine worker keeps a slim one up to
// date record by record (PostedLedger with slim lines) and reads whole invoices only for
// the periods a call shows. See docs/posted-index.md.
import { minorDigits } from '../money/currency.ts';
import { divRound, parseScaled, pow10 } from '../money/scaled.ts';
import type { Invoice, InvoiceLine } from '../schema/invoice.ts';
import { itemKey } from '../billing/item.ts';
import { precedes } from '../posting/duplicates.ts';
import { parseInvoiceNumber } from '../posting/number.ts';

/** What was billed for one posted item since: the adjustments posted for it. */
export interface PostedAdjustments {
  amount: bigint;
  cost: bigint;
  /** The quantity as last billed: the latest posted adjustment's new quantity, else null (the item's). */
  lastQuantity: string | null;
}

/** A standing posted invoice as the rules read it: its identity, cursor and (possibly slim) lines. */
export type PostedInvoice = Pick<Invoice, 'id' | 'accountId' | 'period' | 'status' | 'number' | 'postedAt' | 'usageCursor'> & { lines: readonly InvoiceLine[] };

/** The posted (not voided) invoices that stand, by account then period, and what posting checks. */
export interface PostedIndex {
  /** Accounts with at least one standing posted invoice. */
  accountIds(): Iterable<string>;
  /** An account's standing posted invoices by period. */
  periods(accountId: string): ReadonlyMap<string, PostedInvoice> | undefined;
  /** Whether a standing posted invoice bills the charge. */
  billsCharge(chargeId: string): boolean;
  /** Whether any stored invoice (posted, voided or draft) has this id / this number. */
  hasId(id: string): boolean;
  hasNumber(number: string): boolean;
  /** The highest sequence number of any stored invoice number, 0 when none. */
  highestNumber(): number;
  /** The whole standing invoice of an account's period (lines and all), when this index holds it. */
  whole(accountId: string, period: string): Invoice | undefined;
}

/** A workspace's invoices, with the index built for them when one was (the engine worker's). */
export interface PostedSource {
  invoices: readonly Invoice[];
  posted?: PostedIndex | undefined;
}

const built = new WeakMap<readonly Invoice[], PostedIndex>();

/** The posted index of a workspace: its own (engine worker), else built from ws.invoices once per array. */
export function postedOf(ws: PostedSource): PostedIndex {
  if (ws.posted) return ws.posted;
  let index = built.get(ws.invoices);
  if (!index) {
    index = indexPosted(ws.invoices);
    built.set(ws.invoices, index);
  }
  return index;
}

/** Indexes whole invoices; voided, draft and duplicate posts do not stand. */
export function indexPosted(invoices: readonly Invoice[]): PostedLedger {
  const ledger = new PostedLedger({ slim: false });
  for (let i = 0; i < invoices.length; i++) {
    const invoice = invoices[i] as Invoice;
    ledger.put(`\u0000${i}`, invoice);
  }
  return ledger;
}

interface Stored {
  id: string | undefined;
  accountId: string;
  period: string;
  number: string | null;
  /** The entry when posted (a candidate to stand), else null. */
  entry: PostedInvoice | null;
}

/**
 * The posted index kept record by record: put (added or changed) and remove by record key.
 * With slim lines it keeps only the line fields the rules read, strings and frozen terms
 * shared between invoices, and no whole invoices; without, it keeps the invoices as given.
 */
export class PostedLedger implements PostedIndex {
  #slim: boolean;
  #stored = new Map<string, Stored>();
  /** account → period → posted candidates (usually one). */
  #candidates = new Map<string, Map<string, PostedInvoice[]>>();
  #standing = new Map<string, Map<string, PostedInvoice>>();
  #charges = new Map<string, number>();
  #numbers = new Map<string, number>();
  #ids = new Map<string, number>();
  #highest = 0;
  #highestStale = false;
  #whole = new WeakMap<PostedInvoice, Invoice>();
  #pool = new Map<string, string>();
  /** contract, service, module → the shared parts of its item lines. */
  #shapes = new Map<string, Record<string, unknown>[]>();

  constructor(options: { slim: boolean }) {
    this.#slim = options.slim;
  }

  /** How many records it holds (every status). */
  get size(): number {
    return this.#stored.size;
  }

  /** Adds or replaces the record under key (the record id in the worker; any key unique to the record). */
  put(key: string, invoice: Invoice): void {
    this.remove(key);
    const entry = invoice.status === 'posted' ? this.#entryOf(invoice) : null;
    if (invoice.id !== undefined) this.#ids.set(invoice.id, (this.#ids.get(invoice.id) ?? 0) + 1);
    this.#stored.set(key, { id: invoice.id, accountId: this.#text(invoice.accountId), period: this.#text(invoice.period), number: invoice.number, entry });
    if (invoice.number !== null) {
      this.#numbers.set(invoice.number, (this.#numbers.get(invoice.number) ?? 0) + 1);
      const n = parseInvoiceNumber(invoice.number);
      if (n !== null && n > this.#highest) this.#highest = n;
    }
    if (entry) {
      const list = this.#listOf(entry.accountId, entry.period);
      list.push(entry);
      this.#restand(entry.accountId, entry.period, list);
    }
  }

  /** Drops the record under key (a deleted record). */
  remove(key: string): void {
    const stored = this.#stored.get(key);
    if (!stored) return;
    this.#stored.delete(key);
    if (stored.id !== undefined) decrement(this.#ids, stored.id);
    if (stored.number !== null) {
      decrement(this.#numbers, stored.number);
      if (parseInvoiceNumber(stored.number) === this.#highest) this.#highestStale = true;
    }
    if (stored.entry) {
      const list = this.#listOf(stored.accountId, stored.period);
      list.splice(list.indexOf(stored.entry), 1);
      this.#restand(stored.accountId, stored.period, list);
    }
  }

  accountIds(): Iterable<string> {
    return this.#standing.keys();
  }

  periods(accountId: string): ReadonlyMap<string, PostedInvoice> | undefined {
    return this.#standing.get(accountId);
  }

  billsCharge(chargeId: string): boolean {
    return this.#charges.has(chargeId);
  }

  hasId(id: string): boolean {
    return this.#ids.has(id);
  }

  hasNumber(number: string): boolean {
    return this.#numbers.has(number);
  }

  highestNumber(): number {
    if (this.#highestStale) {
      this.#highest = 0;
      for (const number of this.#numbers.keys()) this.#highest = Math.max(this.#highest, parseInvoiceNumber(number) ?? 0);
      this.#highestStale = false;
    }
    return this.#highest;
  }

  whole(accountId: string, period: string): Invoice | undefined {
    const entry = this.#standing.get(accountId)?.get(period);
    return entry ? this.#whole.get(entry) : undefined;
  }

  /** Posted entries that do not stand (a second post of an account's period), by record id. */
  duplicateIds(): Set<string> {
    const ids = new Set<string>();
    for (const [accountId, periods] of this.#candidates) {
      for (const [period, list] of periods) {
        if (list.length < 2) continue;
        const standing = this.#standing.get(accountId)?.get(period);
        for (const entry of list) if (entry !== standing && entry.id !== undefined) ids.add(entry.id);
      }
    }
    return ids;
  }

  #listOf(accountId: string, period: string): PostedInvoice[] {
    let periods = this.#candidates.get(accountId);
    if (!periods) {
      periods = new Map();
      this.#candidates.set(accountId, periods);
    }
    let list = periods.get(period);
    if (!list) {
      list = [];
      periods.set(period, list);
    }
    return list;
  }

  // Works out again which post stands for one account's period (precedes: the first numbered, then posted, then id).
  #restand(accountId: string, period: string, list: readonly PostedInvoice[]): void {
    let best: PostedInvoice | undefined;
    for (const entry of list) if (!best || precedes(entry, best)) best = entry;
    let periods = this.#standing.get(accountId);
    const before = periods?.get(period);
    if (before === best) return;
    if (before) this.#countCharges(before, -1);
    if (best) {
      if (!periods) {
        periods = new Map();
        this.#standing.set(accountId, periods);
      }
      periods.set(period, best);
      this.#countCharges(best, 1);
    } else if (periods) {
      periods.delete(period);
      if (periods.size === 0) this.#standing.delete(accountId);
    }
    if (list.length === 0) {
      const candidates = this.#candidates.get(accountId);
      candidates?.delete(period);
      if (candidates?.size === 0) this.#candidates.delete(accountId);
    }
  }

  #countCharges(entry: PostedInvoice, by: 1 | -1): void {
    for (const line of entry.lines) {
      if (line.kind !== 'charge' || line.chargeId === undefined) continue;
      const count = (this.#charges.get(line.chargeId) ?? 0) + by;
      if (count > 0) this.#charges.set(line.chargeId, count);
      else this.#charges.delete(line.chargeId);
    }
  }

  #entryOf(invoice: Invoice): PostedInvoice {
    if (!this.#slim) {
      this.#whole.set(invoice, invoice);
      return invoice;
    }
    const entry: PostedInvoice = { accountId: this.#text(invoice.accountId), period: this.#text(invoice.period), status: 'posted', number: invoice.number, lines: invoice.lines.map((line) => this.#slimLine(line)) };
    if (invoice.id !== undefined) entry.id = invoice.id;
    // a month's posts share their posting time and cursor
    if (invoice.postedAt !== undefined) entry.postedAt = this.#text(invoice.postedAt);
    if (invoice.usageCursor !== undefined) entry.usageCursor = invoice.usageCursor === null ? null : this.#text(invoice.usageCursor);
    return entry;
  }

  // Only what the rules read of a posted line (adjustments.ts, corrections.ts, charges.ts,
  // recompute-posted.ts): its key, amounts and quantities, and an item's frozen terms and
  // sources. An item line's month-independent part (key, terms, sources) is one object per
  // service shared by every month posted with it, as the prototype of the month's own
  // fields (period, days active, quantity, amounts): a year of a service repeats it 12 times.
  #slimLine(line: InvoiceLine): InvoiceLine {
    if (line.kind === 'item') {
      const slim = Object.create(this.#itemShape(line)) as InvoiceLine;
      slim.period = this.#text(line.period);
      slim.quantity = this.#text(line.quantity);
      // a device count that did not change bills the same amount month after month
      slim.amount = this.#text(line.amount);
      slim.cost = line.cost === null ? null : this.#text(line.cost);
      if (line.estimated) slim.estimated = true;
      if (line.activeFrom !== undefined) slim.activeFrom = line.activeFrom === null ? null : this.#text(line.activeFrom);
      if (line.activeTo !== undefined) slim.activeTo = line.activeTo === null ? null : this.#text(line.activeTo);
      return slim;
    }
    const slim: InvoiceLine = {
      kind: line.kind, module: line.module === null ? null : this.#text(line.module), period: this.#text(line.period),
      quantity: this.#text(line.quantity), amount: line.amount, cost: line.cost, estimated: line.estimated,
    };
    if (line.contractId !== undefined) slim.contractId = line.contractId === null ? null : this.#text(line.contractId);
    if (line.serviceId !== undefined) slim.serviceId = line.serviceId === null ? null : this.#text(line.serviceId);
    if (line.kind === 'adjustment') {
      if (line.newQuantity !== undefined) slim.newQuantity = line.newQuantity;
    } else {
      if (line.chargeId !== undefined) slim.chargeId = line.chargeId;
      if (line.corrects !== undefined) slim.corrects = line.corrects;
    }
    return slim;
  }

  // The shared part of an item line: the one already kept for its service when equal, else a new one.
  #itemShape(line: InvoiceLine): Partial<InvoiceLine> {
    const shape: Record<string, unknown> = { kind: 'item', module: line.module, estimated: false };
    if (line.contractId !== undefined) shape.contractId = line.contractId;
    if (line.serviceId !== undefined) shape.serviceId = line.serviceId;
    for (const key of SHAPE) if (line[key] !== undefined) shape[key] = line[key];
    const service = `${line.contractId ?? ''}\u0000${line.serviceId ?? ''}\u0000${line.module ?? ''}`;
    const known = this.#shapes.get(service);
    const same = known?.find((k) => sameValue(k, shape));
    if (same) return same;
    for (const key of Object.keys(shape)) if (typeof shape[key] === 'string') shape[key] = this.#text(shape[key] as string);
    // a module's org ids and billing types recur in every service that reads them
    if (line.sources) shape.sources = { orgIds: line.sources.orgIds.map((id) => this.#text(id)), billingTypes: line.sources.billingTypes.map((type) => this.#text(type)) };
    if (known) known.push(shape);
    else this.#shapes.set(service, [shape]);
    return shape;
  }

  #text(text: string): string {
    const known = this.#pool.get(text);
    if (known !== undefined) return known;
    this.#pool.set(text, text);
    return text;
  }
}

// Deep equality of frozen line values: strings, numbers, booleans, null, arrays and plain objects.
function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const keysA = Object.keys(a);
  const keysB = Object.keys(b);
  if (keysA.length !== keysB.length) return false;
  for (const key of keysA) {
    if (!Object.hasOwn(b, key) || !sameValue((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key])) return false;
  }
  return true;
}

function decrement(counts: Map<string, number>, key: string): void {
  const count = (counts.get(key) ?? 1) - 1;
  if (count > 0) counts.set(key, count);
  else counts.delete(key);
}

// The item line fields the rules read that stay the same from month to month (frozenTerms, postedItemSpec).
const SHAPE = ['serviceName', 'billing', 'unitPrice', 'unitCost', 'minimumQuantity', 'includedQuantity', 'tiers', 'tierMode', 'taxable', 'sources'] as const;

/**
 * The index with invoices posted since it was read (a run of posts in one call) and the
 * whole invoices of the periods a call shows (the engine worker reads those from IndexedDB).
 */
export function postedWith(base: PostedIndex, extra: { added?: readonly Invoice[]; whole?: readonly Invoice[] }): PostedIndex {
  const flat = base instanceof PostedOverlay && base.live === null;
  const root = flat ? base.base : base;
  const added = [...(flat ? base.added : []), ...(extra.added ?? [])];
  const whole = new Map(flat ? base.wholes : []);
  for (const invoice of extra.whole ?? []) if (invoice.id !== undefined) whole.set(invoice.id, invoice);
  return new PostedOverlay(root, added, whole, null);
}

/**
 * The index with the records of a ledger its caller keeps putting into (posting a run of
 * accounts one by one: each sees the ones posted before it without indexing them again).
 */
export function postedAlong(base: PostedIndex, ledger: PostedLedger): PostedIndex {
  return new PostedOverlay(base, [], new Map(), ledger);
}

class PostedOverlay implements PostedIndex {
  readonly base: PostedIndex;
  readonly added: readonly Invoice[];
  readonly wholes: ReadonlyMap<string, Invoice>;
  readonly live: PostedLedger | null;
  #built: PostedLedger | null = null;

  constructor(base: PostedIndex, added: readonly Invoice[], wholes: ReadonlyMap<string, Invoice>, live: PostedLedger | null) {
    this.base = base;
    this.added = added;
    this.wholes = wholes;
    this.live = live;
  }

  // Indexed when first asked: a run of posts returns one of these per post, and asks only the last.
  get #extra(): PostedLedger {
    if (this.live) return this.live;
    this.#built ??= indexPosted(this.added);
    return this.#built;
  }

  *accountIds(): Iterable<string> {
    yield* this.base.accountIds();
    for (const id of this.#extra.accountIds()) if (!this.base.periods(id)) yield id;
  }

  periods(accountId: string): ReadonlyMap<string, PostedInvoice> | undefined {
    const own = this.base.periods(accountId);
    const extra = this.#extra.periods(accountId);
    if (!extra) return own;
    const merged = new Map(own ?? []);
    for (const [period, entry] of extra) {
      const current = merged.get(period);
      if (!current || precedes(entry, current)) merged.set(period, entry);
    }
    return merged;
  }

  billsCharge(chargeId: string): boolean {
    return this.base.billsCharge(chargeId) || this.#extra.billsCharge(chargeId);
  }

  hasId(id: string): boolean {
    return this.base.hasId(id) || this.#extra.hasId(id);
  }

  hasNumber(number: string): boolean {
    return this.base.hasNumber(number) || this.#extra.hasNumber(number);
  }

  highestNumber(): number {
    return Math.max(this.base.highestNumber(), this.#extra.highestNumber());
  }

  whole(accountId: string, period: string): Invoice | undefined {
    const entry = this.periods(accountId)?.get(period);
    if (!entry) return undefined;
    return (entry.id !== undefined ? this.wholes.get(entry.id) : undefined) ?? this.#extra.whole(accountId, period) ?? this.base.whole(accountId, period);
  }
}

/** The adjustments posted on an account's invoices, by the key of the item each adjusts (oldest invoice first, so the latest new quantity is kept). */
export function postedAdjustments(periods: ReadonlyMap<string, PostedInvoice>, currency: string): Map<string, PostedAdjustments> {
  const result = new Map<string, PostedAdjustments>();
  for (const invoice of [...periods.values()].sort((a, b) => (a.period < b.period ? -1 : a.period > b.period ? 1 : 0))) {
    for (const line of invoice.lines) {
      if (line.kind !== 'adjustment') continue;
      const key = lineKey(line);
      let entry = result.get(key);
      if (!entry) {
        entry = { amount: 0n, cost: 0n, lastQuantity: null };
        result.set(key, entry);
      }
      entry.amount += amountMinor(line.amount, currency);
      entry.cost += line.cost == null ? 0n : amountMinor(line.cost, currency);
      entry.lastQuantity = line.newQuantity ?? entry.lastQuantity;
    }
  }
  return result;
}

/** The key of the item an invoice line bills or adjusts. */
export function lineKey(line: Pick<InvoiceLine, 'contractId' | 'serviceId' | 'module' | 'period'>): string {
  return itemKey(line.contractId ?? '', line.serviceId ?? '', line.module ?? '', line.period);
}

/**
 * An amount of a stored invoice in the currency's minor units. Stored amounts come from
 * outside (imports, other clients): one written with more decimals than the currency has
 * is rounded half away from zero rather than rejected.
 */
export function amountMinor(text: string, currency: string): bigint {
  const digits = minorDigits(currency);
  const fraction = text.includes('.') ? text.length - text.indexOf('.') - 1 : 0;
  if (fraction <= digits) return parseScaled(text, digits);
  return divRound(parseScaled(text, fraction), pow10(fraction - digits));
}
