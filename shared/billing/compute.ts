import { moduleDays, type ModuleDays } from '../usage/module-days.ts';
import { addColumns, newLayout, readSeries, type ModuleSeries, type SeriesLayout } from '../usage/series.ts';
import { exactUsage, toDailyQuantities, type UsageDay } from '../usage/exact.ts';
import { periodDays } from '../dates/period.ts';
import type { UploadIndex } from '../usage/upload-index.ts';
import { minorDigits } from '../money/currency.ts';
import type { ModuleDef } from '../schema/module.ts';
import type { DailyQuantity } from '../schema/invoice.ts';
import type { ItemSpec } from './plan.ts';
import type { BillingItem } from './item.ts';
import { isPlain } from './terms.ts';
import { lineMoney, priceFixed, priceUsage, prorationBasis, shownQuantity, toPrice, type Price, type Priced, type UsageSummary } from './modes.ts';
import { summarize } from './summary.ts';
import { formatScaled, subtractUnits, type Units } from '../money/scaled.ts';

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
  /** Index into modules, -1 for a fixed fee. */
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
  // Prices are a handful of texts shared by many items: each is parsed once.
  const prices = new Map<string, Price>();
  const priceOf = (text: string): Price => {
    let parsed = prices.get(text);
    if (parsed === undefined) {
      parsed = toPrice(text);
      prices.set(text, parsed);
    }
    return parsed;
  };
  const digits = minorDigits(context.currency);
  const minorFactor = 10 ** digits;
  const scratch = new Float64Array(31);
  const usage: UsageSummary = { sum: 0, lastDay: 0, peak: 0, activeDays: 0, periodDays: 0 };
  const periodLength = periodDays(context.period).length;
  const result: ComputedItem[] = new Array<ComputedItem>(specs.length);
  for (let s = 0; s < specs.length; s++) {
    const spec = specs[s] as ItemSpec;
    const terms = spec.terms;
    const activeDays = spec.first <= spec.last ? spec.last - spec.first + 1 : 0;
    const m = plan.moduleOf[s] as number;
    let daily: DailyQuantity[] | undefined;
    let quantity: Units;
    let amount: Units;
    let cost: Units | null;
    let basis: string | undefined;
    let estimated = false;
    let moduleName = '';
    if (m < 0) {
      const priced = priceFixed(terms, activeDays, periodLength, context.currency);
      ({ quantity, amount, cost, basis } = narrow(priced));
    } else {
      const { days, series, name } = plan.modules[m] as ModuleData;
      moduleName = name;
      const plain = isPlain(terms);
      const keep = withDaily || !plain;
      let exactDays: bigint[] | null = null;
      if (summarize(series.values, series.length, plan.columns, plan.starts[s] as number, plan.starts[s + 1] as number, spec.first, spec.last, usage, scratch, keep)) {
        if (withDaily) daily = dailyList(spec, days, scratch);
        if (!plain) {
          exactDays = [];
          for (let i = spec.first; i <= spec.last; i++) exactDays.push(BigInt(scratch[i] as number));
        }
      } else {
        const exact = exactSummary(spec, days, usage);
        daily = withDaily ? toDailyQuantities(exact) : undefined;
        exactDays = exact.map((d) => d.units);
      }
      if (plain) {
        const mode = terms.billing;
        quantity = shownQuantity(mode, usage);
        amount = lineMoney(mode, usage, priceOf(terms.unitPrice), context.currency, minorFactor);
        cost = terms.unitCost === null ? null : lineMoney(mode, usage, priceOf(terms.unitCost), context.currency, minorFactor);
        if (mode !== 'daily') basis = prorationBasis(quantity, terms.unitPrice, activeDays, usage.periodDays);
      } else {
        ({ quantity, amount, cost, basis } = narrow(priceUsage(terms, exactDays ?? [], periodLength, context.currency)));
      }
      estimated = activeDays > 0 && days.estimated[spec.last] === true;
    }
    const item: BillingItem = {
      kind: 'item',
      contractId: spec.contractId,
      serviceId: spec.serviceId,
      module: spec.module,
      period: context.period,
      quantity: formatScaled(quantity, 4),
      amount: formatScaled(amount, digits),
      cost: cost === null ? null : formatScaled(cost, digits),
      estimated,
      serviceName: spec.serviceName,
      moduleName,
      billing: terms.billing,
      unitPrice: terms.unitPrice,
      unitCost: terms.unitCost,
      minimumQuantity: terms.minimumQuantity,
      includedQuantity: terms.includedQuantity,
      tiers: terms.tiers,
      tierMode: terms.tierMode,
      taxable: terms.taxable,
      activeFrom: activeDays > 0 ? dayOf(context.period, spec.first) : null,
      activeTo: activeDays > 0 ? dayOf(context.period, spec.last) : null,
      sources: spec.module === null ? null : { orgIds: spec.orgIds, billingTypes: spec.billingTypes },
      margin: cost === null ? null : formatScaled(subtractUnits(amount, cost), digits),
      accountId: spec.accountId,
      activeDays,
      periodDays: periodLength,
    };
    if (basis !== undefined) item.basis = basis;
    if (daily) item.daily = daily;
    result[s] = { spec, item, line: item, quantity, amount, cost, contractIndex: spec.contractIndex, serviceIndex: spec.serviceIndex };
  }
  return result;
}

// JS numbers where exact (the invoice totals sum Units), bigints otherwise.
function narrow(priced: Priced): { quantity: Units; amount: Units; cost: Units | null; basis: string | undefined } {
  const small = (v: bigint): Units => (v <= MAX_SAFE && v >= -MAX_SAFE ? Number(v) : v);
  return { quantity: small(priced.quantity), amount: small(priced.amount), cost: priced.cost === null ? null : small(priced.cost), basis: priced.basis };
}

const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);

function dayOf(period: string, index: number): string {
  return `${period}-${String(index + 1).padStart(2, '0')}`;
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
    if (spec.module === null) {
      moduleOf[s] = -1;
      starts[s + 1] = columns.length;
      continue;
    }
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
function exactSummary(spec: ItemSpec, days: ModuleDays, usage: UsageSummary): UsageDay[] {
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
  return exact;
}

function dailyList(spec: ItemSpec, days: ModuleDays, scratch: Float64Array): DailyQuantity[] {
  const result: DailyQuantity[] = [];
  for (let i = spec.first; i <= spec.last; i++) {
    result.push({ date: days.days[i] as string, quantity: formatScaled(scratch[i] as number, 4), carried: days.carried[i] === true, estimated: days.estimated[i] === true });
  }
  return result;
}
