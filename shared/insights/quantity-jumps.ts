import { addDays } from '../dates/day.ts';
import { formatQuantity } from '../money/scaled.ts';
import type { Upload } from '../schema/upload.ts';
import { usageOf, type DayCells, type RawQuantity, type UsageStore } from '../usage/store.ts';
import type { OrgMapping } from '../schema/workspace.ts';
import { unitsOf } from '../money/scaled.ts';

/** A quantity of one org and billing type that moved by more than the threshold between two consecutive upload days. */
export interface QuantityJump {
  module: string;
  orgId: string;
  /** The org's name in the later upload (or the earlier one when it left). */
  orgName: string;
  /** The account the org is mapped to, if any. */
  accountId: string | null;
  billingType: string;
  fromDay: string;
  toDay: string;
  /** Quantities as 4-decimal text, as the engine writes them. */
  from: string;
  to: string;
  /** The change in percent of `from`, to one decimal (toward zero); null when `from` was 0. */
  percent: number | null;
}

export interface JumpOptions {
  /** The engine's today: later uploads are not read. */
  asOf: string;
  /** Only jumps onto a day within the last `days` days up to asOf (default 30). */
  days?: number;
  /** A jump is a change of more than this percent (default 20). */
  thresholdPercent?: number;
}

type Metrics = Upload['orgs'][number]['metrics'];

const SAFE = BigInt(Number.MAX_SAFE_INTEGER);

// |to − from| × 100 > threshold × from, exactly: integer units, BigInt once products leave the safe range.
function jumped(from: number, to: number, threshold: number): boolean {
  if (from === 0) return to !== 0;
  const change = Math.abs(to - from);
  if (change * 100 <= Number.MAX_SAFE_INTEGER && threshold * from <= Number.MAX_SAFE_INTEGER) return change * 100 > threshold * from;
  return BigInt(change) * 100n > BigInt(threshold) * BigInt(from);
}

function percentOf(from: number, to: number): number | null {
  if (from === 0) return null;
  const tenths = (BigInt(to) - BigInt(from)) * 1000n / BigInt(from);
  return Number(tenths > SAFE ? SAFE : tenths) / 10;
}

/**
 * Day-to-day quantity jumps of more than 20% (by default) per module org and billing
 * type, comparing each upload with the module's previous upload (days without an upload
 * are skipped: they are carried, not reported). An org or type absent from an upload
 * counts 0 there (docs/billing-rules.md#usage-series), so an org that joins (0 → n) or leaves (n → 0) is a jump.
 * Only enabled modules; only jumps onto the last `days` days up to asOf. Newest first,
 * biggest first within a day.
 */
export function quantityJumps(ws: { enabledModules: readonly string[]; orgMappings: readonly OrgMapping[]; uploads: readonly Upload[]; usage?: UsageStore }, options: JumpOptions): QuantityJump[] {
  const { asOf } = options;
  const windowStart = addDays(asOf, -((options.days ?? 30) - 1));
  const threshold = options.thresholdPercent ?? 20;
  const enabled = new Set(ws.enabledModules);
  const owner = new Map(ws.orgMappings.map((m) => [`${m.module}\u0000${m.orgId}`, m.accountId]));
  const store = usageOf(ws);
  const jumps: QuantityJump[] = [];
  for (const module of enabled) {
    const usage = store.module(module);
    if (!usage) continue;
    const end = usage.firstAtOrAfter(asOf + '\u0000');
    // Only the cells that changed from one upload day to the next can have jumped.
    for (let i = Math.max(1, usage.firstAtOrAfter(windowStart)); i < end; i++) {
      const changes = usage.changes[i] as DayCells;
      if (changes.values.length === 0) continue;
      const fromDay = usage.days[i - 1] as string;
      const toDay = usage.days[i] as string;
      const state = usage.stateAt(i - 1);
      const renamed = new Map<number, number>();
      for (let j = 0; j < changes.orgs.length; j++) renamed.set(changes.orgs[j] as number, changes.names[j] as number);
      for (let j = 0; j < changes.values.length; j++) {
        const o = changes.cellOrg[j] as number;
        const t = changes.cellType[j] as number;
        const k = o * state.stride + t;
        const oldCell = state.values[k] as number;
        const from = Number.isNaN(oldCell) ? unitsOf(state.raws.get(k) as RawQuantity) : oldCell;
        const newCell = changes.values[j] as number;
        const to = Number.isNaN(newCell) ? unitsOf(changes.raws?.get(j) as RawQuantity) : newCell;
        if (!jumped(from, to, threshold)) continue;
        const nowName = renamed.has(o) ? (renamed.get(o) as number) : (state.present[o] as number);
        const oldName = state.present[o] as number;
        const orgId = usage.orgIds[o] as string;
        jumps.push({
          module, orgId, orgName: (nowName >= 0 ? usage.names[nowName] : '') || (oldName >= 0 ? usage.names[oldName] : '') || orgId,
          accountId: owner.get(`${module}\u0000${orgId}`) ?? null, billingType: usage.types[t] as string,
          fromDay, toDay, from: formatQuantity(BigInt(from)), to: formatQuantity(BigInt(to)), percent: percentOf(from, to),
        });
      }
    }
  }
  const size = (j: QuantityJump) => (j.percent === null ? Infinity : Math.abs(j.percent));
  return jumps.sort((a, b) => b.toDay.localeCompare(a.toDay) || size(b) - size(a) || a.module.localeCompare(b.module) || a.orgName.localeCompare(b.orgName) || a.billingType.localeCompare(b.billingType));
}
