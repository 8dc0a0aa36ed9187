import { moduleDays, type ModuleDays } from '../usage/module-days.ts';
import { readSeries, type OrgSeries } from '../usage/series.ts';
import { exactUsage, toDailyQuantities, type UsageDay } from '../usage/exact.ts';
import type { UploadIndex } from '../usage/upload-index.ts';
import { formatAmount, priceUnits } from '../money/amount.ts';
import { formatQuantity } from '../money/decimal.ts';
import type { ModuleDef } from '../schema/module.ts';
import type { DailyQuantity } from '../schema/invoice.ts';
import type { ItemSpec } from './plan.ts';
import type { BillingItem } from './item.ts';
import { itemFigures, type UsageSummary } from './figures.ts';

/** An item with its exact figures kept for totals and adjustments. */
export interface ComputedItem {
  spec: ItemSpec;
  item: BillingItem;
  quantity: bigint;
  amount: bigint;
  cost: bigint | null;
}

export interface ComputeContext {
  index: UploadIndex;
  modules: ReadonlyMap<string, ModuleDef>;
  period: string;
  asOf: string;
  currency: string;
}

/**
 * Computes the items of specs for one period. Reads each module's uploads once into
 * per-(org, type) daily arrays, then sums those per item; withDaily adds the day list
 * (what posting freezes).
 */
export function computeItems(context: ComputeContext, specs: readonly ItemSpec[], withDaily = false): ComputedItem[] {
  const wanted = new Map<string, Map<string, Set<string>>>();
  for (const spec of specs) {
    let orgs = wanted.get(spec.module);
    if (!orgs) {
      orgs = new Map();
      wanted.set(spec.module, orgs);
    }
    for (const orgId of spec.orgIds) {
      let types = orgs.get(orgId);
      if (!types) {
        types = new Set();
        orgs.set(orgId, types);
      }
      for (const type of spec.billingTypes) types.add(type);
    }
  }
  const daysByModule = new Map<string, ModuleDays>();
  const seriesByModule = new Map<string, Map<string, OrgSeries>>();
  for (const [module, orgs] of wanted) {
    const days = moduleDays(context.index.get(module), context.period, context.asOf);
    daysByModule.set(module, days);
    const request = new Map<string, string[]>();
    for (const [orgId, types] of orgs) request.set(orgId, [...types]);
    seriesByModule.set(module, readSeries(days, request));
  }
  const prices = new Map<string, bigint>();
  const price = (text: string) => {
    let units = prices.get(text);
    if (units === undefined) {
      units = priceUnits(text);
      prices.set(text, units);
    }
    return units;
  };
  return specs.map((spec) => {
    const days = daysByModule.get(spec.module) as ModuleDays;
    const series = seriesByModule.get(spec.module) as Map<string, OrgSeries>;
    const fast = summarize(spec, series, days.days.length);
    let usage: UsageSummary;
    let daily: DailyQuantity[] | undefined;
    if (fast) {
      usage = fast.summary;
      if (withDaily) daily = fastDaily(spec, days, fast.daily);
    } else {
      const exact = exactUsage(days, spec.orgIds, spec.billingTypes);
      usage = summarizeExact(spec, exact);
      if (withDaily) daily = toDailyQuantities(exact.slice(spec.first, spec.last + 1));
    }
    const unitCost = spec.service.unitCost ?? null;
    const figures = itemFigures(spec.service.billing, usage, price(spec.service.unitPrice), unitCost === null ? null : price(unitCost), context.currency);
    const item: BillingItem = {
      key: spec.key,
      accountId: spec.accountId,
      contractId: spec.contract.id,
      serviceId: spec.service.id,
      module: spec.module,
      period: context.period,
      serviceName: spec.service.name,
      moduleName: context.modules.get(spec.module)?.name ?? spec.module,
      billing: spec.service.billing,
      unitPrice: spec.service.unitPrice,
      unitCost,
      quantity: formatQuantity(figures.quantity),
      amount: formatAmount(figures.amount, context.currency),
      cost: figures.cost === null ? null : formatAmount(figures.cost, context.currency),
      margin: figures.cost === null ? null : formatAmount(figures.amount - figures.cost, context.currency),
      estimated: usage.activeDays > 0 && days.estimated[spec.last] === true,
      activeDays: usage.activeDays,
      periodDays: usage.periodDays,
    };
    if (daily) item.daily = daily;
    return { spec, item, quantity: figures.quantity, amount: figures.amount, cost: figures.cost };
  });
}

// Sums the item's daily arrays over its active days as exact JS integers; null when the
// total would pass 2^53 (then the BigInt path takes over).
function summarize(spec: ItemSpec, series: Map<string, OrgSeries>, periodDays: number): { summary: UsageSummary; daily: Float64Array } | null {
  const { first, last } = spec;
  const activeDays = first <= last ? last - first + 1 : 0;
  const daily = new Float64Array(periodDays);
  if (activeDays === 0) return { summary: { sum: 0n, lastDay: 0n, peak: 0n, activeDays, periodDays }, daily };
  for (const orgId of spec.orgIds) {
    const orgSeries = series.get(orgId);
    if (!orgSeries) continue;
    for (const type of spec.billingTypes) {
      const values = orgSeries.get(type);
      if (!values) continue;
      for (let i = first; i <= last; i++) daily[i] = (daily[i] as number) + (values[i] as number);
    }
  }
  let sum = 0;
  let peak = 0;
  for (let i = first; i <= last; i++) {
    const q = daily[i] as number;
    sum += q;
    if (q > peak) peak = q;
  }
  if (sum > Number.MAX_SAFE_INTEGER) return null;
  return { summary: { sum: BigInt(sum), lastDay: BigInt(daily[last] as number), peak: BigInt(peak), activeDays, periodDays }, daily };
}

function fastDaily(spec: ItemSpec, days: ModuleDays, daily: Float64Array): DailyQuantity[] {
  const result: DailyQuantity[] = [];
  for (let i = spec.first; i <= spec.last; i++) {
    result.push({ date: days.days[i] as string, quantity: formatQuantity(BigInt(daily[i] as number)), carried: days.carried[i] === true, estimated: days.estimated[i] === true });
  }
  return result;
}

function summarizeExact(spec: ItemSpec, usage: readonly UsageDay[]): UsageSummary {
  const { first, last } = spec;
  const activeDays = first <= last ? last - first + 1 : 0;
  let sum = 0n;
  let peak = 0n;
  for (let i = first; i <= last; i++) {
    const q = (usage[i] as UsageDay).units;
    sum += q;
    if (q > peak) peak = q;
  }
  const lastDay = activeDays > 0 ? (usage[last] as UsageDay).units : 0n;
  return { sum, lastDay, peak, activeDays, periodDays: usage.length };
}
