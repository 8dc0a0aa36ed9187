import { addDays } from '../dates/day.ts';
import { formatQuantity } from '../money/scaled.ts';
import type { Upload } from '../schema/upload.ts';
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
export function quantityJumps(ws: { enabledModules: readonly string[]; orgMappings: readonly OrgMapping[]; uploads: readonly Upload[] }, options: JumpOptions): QuantityJump[] {
  const { asOf } = options;
  const windowStart = addDays(asOf, -((options.days ?? 30) - 1));
  const threshold = options.thresholdPercent ?? 20;
  const enabled = new Set(ws.enabledModules);
  const owner = new Map(ws.orgMappings.map((m) => [`${m.module}\u0000${m.orgId}`, m.accountId]));
  const byModule = new Map<string, Map<string, Upload>>();
  for (const upload of ws.uploads) {
    if (!enabled.has(upload.module) || upload.date > asOf) continue;
    let days = byModule.get(upload.module);
    if (!days) {
      days = new Map();
      byModule.set(upload.module, days);
    }
    days.set(upload.date, upload);
  }

  const jumps: QuantityJump[] = [];
  for (const [module, uploads] of byModule) {
    const days = [...uploads.keys()].sort();
    for (let i = 1; i < days.length; i++) {
      const toDay = days[i] as string;
      if (toDay < windowStart) continue;
      const fromDay = days[i - 1] as string;
      const before = new Map<string, { name: string; metrics: Metrics }>();
      for (const row of (uploads.get(fromDay) as Upload).orgs) before.set(row.orgId, row);
      const after = new Map<string, { name: string; metrics: Metrics }>();
      for (const row of (uploads.get(toDay) as Upload).orgs) after.set(row.orgId, row);
      for (const orgId of new Set([...before.keys(), ...after.keys()])) {
        const old = before.get(orgId);
        const now = after.get(orgId);
        const types = new Set([...Object.keys(old?.metrics ?? {}), ...Object.keys(now?.metrics ?? {})]);
        for (const billingType of types) {
          const oldValue = old?.metrics[billingType];
          const newValue = now?.metrics[billingType];
          const from = oldValue === undefined ? 0 : unitsOf(oldValue);
          const to = newValue === undefined ? 0 : unitsOf(newValue);
          if (!jumped(from, to, threshold)) continue;
          jumps.push({
            module, orgId, orgName: now?.name || old?.name || orgId, accountId: owner.get(`${module}\u0000${orgId}`) ?? null, billingType,
            fromDay, toDay, from: formatQuantity(BigInt(from)), to: formatQuantity(BigInt(to)), percent: percentOf(from, to),
          });
        }
      }
    }
  }
  const size = (j: QuantityJump) => (j.percent === null ? Infinity : Math.abs(j.percent));
  return jumps.sort((a, b) => b.toDay.localeCompare(a.toDay) || size(b) - size(a) || a.module.localeCompare(b.module) || a.orgName.localeCompare(b.orgName) || a.billingType.localeCompare(b.billingType));
}
