import { moduleDays, type ModuleDays } from '../usage/module-days.ts';
import { columnOf, readSeries, type ModuleSeries } from '../usage/series.ts';
import { exactUsage, toDailyQuantities } from '../usage/exact.ts';
import type { UploadIndex } from '../usage/upload-index.ts';
import { minorDigits } from '../money/currency.ts';
import type { ModuleDef } from '../schema/module.ts';
import type { DailyQuantity } from '../schema/invoice.ts';
import type { ContractService } from '../schema/workspace.ts';
import type { ItemSpec } from './plan.ts';
import type { BillingItem } from './item.ts';
import { lineMoney, shownQuantity, toPrice, type Price, type UsageSummary } from './figures.ts';
import { formatUnits, subtractUnits, type Units } from './whole.ts';

/** An item (which is also its invoice line) with its exact figures and what orders it on the invoice. */
export interface ComputedItem {
  spec: ItemSpec;
  item: BillingItem;
  line: BillingItem;
  quantity: Units;
  amount: Units;
  cost: Units | null;
  contractIndex: number;
  serviceIndex: number;
}

export interface ComputeContext {
  index: UploadIndex;
  modules: ReadonlyMap<string, ModuleDef>;
  period: string;
  asOf: string;
  currency: string;
}

interface ModuleData {
  days: ModuleDays;
  series: ModuleSeries;
  name: string;
}

/**
 * Computes the items of specs for one period. Reads each module's uploads once into
 * per-(org, type) daily columns, then sums those per item as exact JS integers; withDaily
 * adds the day list (what posting freezes).
 */
export function computeItems(context: ComputeContext, specs: readonly ItemSpec[], withDaily = false): ComputedItem[] {
  const data = readModules(context, specs);
  // Services repeat across contracts with the same few prices: parse each text once.
  const parsed = new Map<string, Price>();
  const priceOf = (text: string): Price => {
    let price = parsed.get(text);
    if (price === undefined) {
      price = toPrice(text);
      parsed.set(text, price);
    }
    return price;
  };
  const prices = new Map<ContractService, { price: Price; cost: Price | null }>();
  const digits = minorDigits(context.currency);
  const minorFactor = 10 ** digits;
  const scratch = new Float64Array(31);
  const usage: UsageSummary = { sum: 0, lastDay: 0, peak: 0, activeDays: 0, periodDays: 0 };
  const result: ComputedItem[] = new Array<ComputedItem>(specs.length);
  for (let s = 0; s < specs.length; s++) {
    const spec = specs[s] as ItemSpec;
    const { days, series, name } = data.get(spec.module) as ModuleData;
    const service = spec.service;
    let unit = prices.get(service);
    if (unit === undefined) {
      unit = { price: priceOf(service.unitPrice), cost: service.unitCost == null ? null : priceOf(service.unitCost) };
      prices.set(service, unit);
    }
    let daily: DailyQuantity[] | undefined;
    if (summarize(spec, series, scratch, usage)) {
      if (withDaily) daily = dailyList(spec, days, scratch);
    } else {
      daily = exactSummary(spec, days, usage);
      if (!withDaily) daily = undefined;
    }
    const mode = service.billing;
    const quantity = shownQuantity(mode, usage);
    const amount = lineMoney(mode, usage, unit.price, context.currency, minorFactor);
    const cost = unit.cost === null ? null : lineMoney(mode, usage, unit.cost, context.currency, minorFactor);
    const item: BillingItem = {
      kind: 'item',
      contractId: spec.contract.id,
      serviceId: service.id,
      module: spec.module,
      period: context.period,
      quantity: formatUnits(quantity, 4),
      amount: formatUnits(amount, digits),
      cost: cost === null ? null : formatUnits(cost, digits),
      estimated: usage.activeDays > 0 && days.estimated[spec.last] === true,
      serviceName: service.name,
      moduleName: name,
      billing: mode,
      unitPrice: service.unitPrice,
      unitCost: service.unitCost ?? null,
      margin: cost === null ? null : formatUnits(subtractUnits(amount, cost), digits),
      accountId: spec.accountId,
      activeDays: usage.activeDays,
      periodDays: usage.periodDays,
    };
    if (daily) item.daily = daily;
    result[s] = { spec, item, line: item, quantity, amount, cost, contractIndex: spec.contractIndex, serviceIndex: spec.serviceIndex };
  }
  return result;
}

// Each module's days and the columns of every (org, type) some spec sums, read once.
function readModules(context: ComputeContext, specs: readonly ItemSpec[]): Map<string, ModuleData> {
  const wanted = new Map<string, Map<string, string[]>>();
  for (const spec of specs) {
    let orgs = wanted.get(spec.module);
    if (!orgs) {
      orgs = new Map();
      wanted.set(spec.module, orgs);
    }
    for (const orgId of spec.orgIds) {
      const types = orgs.get(orgId);
      if (types) types.push(...spec.billingTypes);
      else orgs.set(orgId, spec.billingTypes.slice());
    }
  }
  const data = new Map<string, ModuleData>();
  for (const [module, orgs] of wanted) {
    const days = moduleDays(context.index.get(module), context.period, context.asOf);
    data.set(module, { days, series: readSeries(days, orgs), name: context.modules.get(module)?.name ?? module });
  }
  return data;
}

// Sums the item's columns over its active days into scratch and usage; false when the
// total would pass 2^53 (partial sums of non-negative integers below an exact total are
// exact too, so a safe total means every day is exact).
function summarize(spec: ItemSpec, series: ModuleSeries, scratch: Float64Array, usage: UsageSummary): boolean {
  const { first, last } = spec;
  const length = series.length;
  const activeDays = first <= last ? last - first + 1 : 0;
  scratch.fill(0);
  usage.activeDays = activeDays;
  usage.periodDays = length;
  if (activeDays === 0) {
    usage.sum = usage.lastDay = usage.peak = 0;
    return true;
  }
  const values = series.values;
  for (const orgId of spec.orgIds) {
    for (const type of spec.billingTypes) {
      const column = columnOf(series, orgId, type);
      if (column < 0) continue;
      const base = column * length;
      for (let i = first; i <= last; i++) scratch[i] = (scratch[i] as number) + (values[base + i] as number);
    }
  }
  let sum = 0;
  let peak = 0;
  for (let i = first; i <= last; i++) {
    const q = scratch[i] as number;
    sum += q;
    if (q > peak) peak = q;
  }
  usage.sum = sum;
  usage.peak = peak;
  usage.lastDay = scratch[last] as number;
  return sum <= Number.MAX_SAFE_INTEGER;
}

// Past 2^53 units: sums exactly with BigInt from the uploads themselves.
function exactSummary(spec: ItemSpec, days: ModuleDays, usage: UsageSummary): DailyQuantity[] {
  const exact = exactUsage(days, spec.orgIds, spec.billingTypes).slice(spec.first, spec.last + 1);
  let sum = 0n;
  let peak = 0n;
  for (const day of exact) {
    sum += day.units;
    if (day.units > peak) peak = day.units;
  }
  usage.sum = sum;
  usage.peak = peak;
  usage.lastDay = exact[exact.length - 1]?.units ?? 0n;
  return toDailyQuantities(exact);
}

function dailyList(spec: ItemSpec, days: ModuleDays, scratch: Float64Array): DailyQuantity[] {
  const result: DailyQuantity[] = [];
  for (let i = spec.first; i <= spec.last; i++) {
    result.push({ date: days.days[i] as string, quantity: formatUnits(scratch[i] as number, 4), carried: days.carried[i] === true, estimated: days.estimated[i] === true });
  }
  return result;
}
