import { moduleDays, type ModuleDays } from '../usage/module-days.ts';
import { addColumns, newLayout, readSeries, type ModuleSeries, type SeriesLayout } from '../usage/series.ts';
import { exactUsage, toDailyQuantities } from '../usage/exact.ts';
import type { UploadIndex } from '../usage/upload-index.ts';
import { minorDigits } from '../money/currency.ts';
import type { ModuleDef } from '../schema/module.ts';
import type { DailyQuantity } from '../schema/invoice.ts';
import type { ContractService } from '../schema/workspace.ts';
import type { ItemSpec } from './plan.ts';
import type { BillingItem } from './item.ts';
import { lineMoney, shownQuantity, toPrice, type Price, type UsageSummary } from './figures.ts';
import { summarize } from './summary.ts';
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

/** Where each spec's figures come from: its module, and its columns columns[starts[s]..starts[s + 1]). */
interface ReadPlan {
  modules: ModuleData[];
  moduleOf: Int32Array;
  columns: number[];
  starts: Int32Array;
}

/**
 * Computes the items of specs for one period. Reads each module's uploads once into
 * per-(org, type) daily columns, then sums those per item as exact JS integers; withDaily
 * adds the day list (what posting freezes).
 */
export function computeItems(context: ComputeContext, specs: readonly ItemSpec[], withDaily = false): ComputedItem[] {
  const plan = readModules(context, specs);
  // Services are objects of the workspace: each one's price and cost are parsed once.
  const prices = new Map<ContractService, { price: Price; cost: Price | null }>();
  const digits = minorDigits(context.currency);
  const minorFactor = 10 ** digits;
  const scratch = new Float64Array(31);
  const usage: UsageSummary = { sum: 0, lastDay: 0, peak: 0, activeDays: 0, periodDays: 0 };
  const result: ComputedItem[] = new Array<ComputedItem>(specs.length);
  for (let s = 0; s < specs.length; s++) {
    const spec = specs[s] as ItemSpec;
    const { days, series, name } = plan.modules[plan.moduleOf[s] as number] as ModuleData;
    const service = spec.service;
    let unit = prices.get(service);
    if (unit === undefined) {
      unit = { price: toPrice(service.unitPrice), cost: service.unitCost == null ? null : toPrice(service.unitCost) };
      prices.set(service, unit);
    }
    let daily: DailyQuantity[] | undefined;
    if (summarize(series.values, series.length, plan.columns, plan.starts[s] as number, plan.starts[s + 1] as number, spec.first, spec.last, usage, scratch, withDaily)) {
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

// Lays out the columns of every (org, type) some spec sums, module by module, noting each
// spec's columns as it goes (no per-item lookups later); then reads each module's uploads once.
function readModules(context: ComputeContext, specs: readonly ItemSpec[]): ReadPlan {
  const rank = new Map<string, number>();
  const layouts: SeriesLayout[] = [];
  const names: string[] = [];
  const moduleOf = new Int32Array(specs.length);
  const starts = new Int32Array(specs.length + 1);
  const columns: number[] = [];
  for (let s = 0; s < specs.length; s++) {
    const spec = specs[s] as ItemSpec;
    let m = rank.get(spec.module);
    if (m === undefined) {
      m = layouts.length;
      rank.set(spec.module, m);
      layouts.push(newLayout());
      names.push(spec.module);
    }
    moduleOf[s] = m;
    const layout = layouts[m] as SeriesLayout;
    for (let o = 0; o < spec.orgIds.length; o++) addColumns(layout, spec.orgIds[o] as string, spec.billingTypes, columns);
    starts[s + 1] = columns.length;
  }
  const modules = names.map((module, m): ModuleData => {
    const days = moduleDays(context.index.get(module), context.period, context.asOf);
    return { days, series: readSeries(days, layouts[m] as SeriesLayout), name: context.modules.get(module)?.name ?? module };
  });
  return { modules, moduleOf, columns, starts };
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
