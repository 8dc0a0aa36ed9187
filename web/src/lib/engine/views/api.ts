// The screens' calls on the engine worker: each answers exactly what a screen shows (one
// page of rows, its totals and counts), computed from the session's cached period or its
// own database, so a Comlink answer stays small however large the tenant is.
import type { EngineInputs, EngineSession } from '../session.ts';
import { engineApi } from '../api.ts';
import type { ServiceMapping } from '../../../../../shared/schema/workspace.ts';
import { allModules, enabledModuleIds } from '../../queries/modules.ts';
import { billingView, pageAccounts, withDaily, type BillingQuery, type BillingView } from './billing.ts';
import { invoiceListView, type InvoiceListView, type InvoiceQuery } from './invoices.ts';
import { accountListView, type AccountListView, type AccountQuery } from './accounts.ts';
import { serviceMappingView, type ServiceMappingView } from './service-mapping.ts';
import { orgMappingView, suggestionsAbove, type OrgMappingQuery, type OrgMappingView } from './org-mapping.ts';
import { insightsView, type InsightsQuery, type InsightsView } from './insights.ts';
import { mappingData, type MappingData } from '../../queries/mapping.ts';
import { suggestionsFor, type Suggestion } from '../../mapping/suggestions.ts';
import { accountingExport, type AccountingExport, type AccountingExportQuery } from './accounting-export.ts';
import { viewWarmer } from './warm.ts';

export interface ServiceMappingQuery {
  accountId: string;
  contractId: string;
  /** The contract's mappings as the tab has them (an edit shows before it is stored). */
  mappings: ServiceMapping[];
  period: string;
  allTypes: boolean;
}

/** Answers once per inputs: a second call with the same inputs reuses the first's answer. */
function perInputs<T>(): (inputs: EngineInputs, make: () => Promise<T>) => Promise<T> {
  let last: { key: string; value: Promise<T> } | null = null;
  return (inputs, make) => {
    const key = JSON.stringify(inputs);
    if (last?.key !== key) {
      const value = make();
      last = { key, value };
      value.catch(() => { if (last?.value === value) last = null; });
    }
    return last.value;
  };
}

export function viewApi(session: EngineSession) {
  const mapping = perInputs<MappingData>();
  const suggested = perInputs<Map<string, Suggestion>>();
  const mappingOf = (inputs: EngineInputs) => mapping(inputs, () => mappingData(session.db));
  const suggestionsOf = (inputs: EngineInputs) => suggested(inputs, async () => suggestionsFor(await mappingOf(inputs)));

  // From the worker's own copy of the config: reading 2,000 accounts back from IndexedDB on every page cost more than the page.
  async function accountNames(inputs: EngineInputs): Promise<Map<string, string>> {
    const ws = await session.workspace(inputs);
    return new Map(ws.accounts.map((a) => [a.id, a.name]));
  }

  async function currencyOf(): Promise<string> {
    return (await session.db.settings.get('workspace'))?.currency ?? 'USD';
  }

  async function billing(inputs: EngineInputs, query: BillingQuery): Promise<BillingView> {
    const [result, names] = await Promise.all([session.period(inputs, query.period), accountNames(inputs)]);
    const view = billingView(result, names, query);
    const accounts = pageAccounts(view);
    if (accounts.length === 0) return view;
    return withDaily(view, await session.period(inputs, query.period, { daily: true, accounts }), query.module);
  }

  return {
    /** The Billing screen: one page of the period's invoices (or module groups) with the totals of all that match. */
    billingView: billing,

    /**
     * Computes, when the worker is otherwise idle, what Insights and Billing's first page of
     * a period read (see warm.ts): opening them then reads the session's cached results.
     */
    warmViews: viewWarmer(session, {
      insights: (inputs) => session.insights(inputs, {}),
      billing: (inputs, { period, pageSize }) => billing(inputs, { period, module: '', search: '', groupBy: 'account', page: 0, pageSize }),
    }),

    /** The Invoices screen: one page of the stored invoices matching the status and search. */
    async invoiceList(inputs: EngineInputs, query: InvoiceQuery): Promise<InvoiceListView> {
      // the worker keeps the summaries up to date as it reads changes (WorkerData.invoiceList)
      const [names, currency] = await Promise.all([accountNames(inputs), currencyOf(), session.data.ensure(inputs.version)]);
      return invoiceListView(session.data.invoiceList.index(), names, currency, query);
    },

    /** The Accounts screen: one page of the accounts matching the search (read once per inputs, shared with the org mapping). */
    async accountList(inputs: EngineInputs, query: AccountQuery): Promise<AccountListView> {
      const data = await mappingOf(inputs);
      return accountListView(data.accounts, data.saved.values(), query);
    },

    /** The Org mapping screen: one page of accounts (grid) or module orgs (list), the unsaved edits applied. */
    async orgMapping(inputs: EngineInputs, query: OrgMappingQuery): Promise<OrgMappingView> {
      const data = await mappingOf(inputs);
      const suggestions = query.suggest ? await suggestionsOf(inputs) : new Map<string, Suggestion>();
      return orgMappingView(data, suggestions, query);
    },

    /** "Accept all at or above": the open suggestions to stage. */
    async mappingSuggestions(inputs: EngineInputs, query: { overrides: [string, string | null][]; threshold: number }): Promise<(Suggestion & { saved: string | null })[]> {
      return suggestionsAbove(await mappingOf(inputs), await suggestionsOf(inputs), query.overrides, query.threshold);
    },

    /** The Insights screen: each section's count and its first rows (or all of a section asked whole). */
    async insightsView(inputs: EngineInputs, query: InsightsQuery): Promise<InsightsView> {
      const [insights, names, ws] = await Promise.all([session.insights(inputs, {}), accountNames(inputs), session.workspace(inputs)]);
      return insightsView(insights, ws.orgMappings, names, query);
    },

    /** The Invoices screen's accounting CSV: the file (a Blob) and what it holds, to remember once saved. */
    async accountingExport(inputs: EngineInputs, query: AccountingExportQuery): Promise<AccountingExport> {
      // an unsaved contract edit on another screen is no part of what was posted
      const ws = await session.workspace({ version: inputs.version, today: inputs.today });
      return accountingExport(session.db, ws, query);
    },

    /** Every live account by name, as [id, name] (the pickers' choices). */
    async accountChoices(_inputs: EngineInputs): Promise<[string, string][]> {
      const rows = await session.db.accounts.toArray();
      return rows.filter((a) => a.deleted !== true).sort((a, b) => a.name.localeCompare(b.name)).map((a) => [a.id, a.name]);
    },

    /** An account's Service mapping tab: its own billing types, and the contract's figures per service. */
    async serviceMapping(inputs: EngineInputs, query: ServiceMappingQuery): Promise<ServiceMappingView> {
      const db = session.db;
      const [contract, mappings, modules, enabled, result, reported] = await Promise.all([
        db.contracts.get(query.contractId),
        db.orgMappings.where('accountId').equals(query.accountId).toArray(),
        allModules(db),
        enabledModuleIds(db),
        // only this account: cheap even before any other screen computed the period
        session.period(inputs, query.period, { accounts: [query.accountId] }),
        session.workspace(inputs).then((ws) => engineApi.reportedTypes(ws, query.accountId)),
      ]);
      const orgCounts = new Map<string, number>();
      for (const m of mappings) if (m.deleted !== true) orgCounts.set(m.module, (orgCounts.get(m.module) ?? 0) + 1);
      return serviceMappingView({
        modules: modules.map((m) => m.def).filter((def) => enabled.has(def.id) && orgCounts.has(def.id)),
        known: new Map(modules.map((m) => [m.def.id, m.def])),
        orgCounts,
        reported,
        mappings: query.mappings,
        items: result.items.filter((i) => i.contractId === query.contractId),
        serviceIds: (contract?.services ?? []).map((s) => s.id),
        currency: result.currency,
        allTypes: query.allTypes,
      });
    },
  };
}

export type ViewApi = ReturnType<typeof viewApi>;
