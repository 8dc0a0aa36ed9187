// The demo MSP's billing set-up, so `npm start` opens an app that is ready to explore:
// most modules enabled, the organizations whose names leave no doubt mapped (a module is
// left unmapped to show the suggestions), a managed-services contract per client with its
// services mapped, and the month before last approved and posted (so late data shows as
// adjustments). Built with the same engine and suggestion code as the app, pushed through
// the change log like an admin's edits. The end-to-end tests load the bare demo instead.
import { addMonths, periodEnd, periodOf } from '../../shared/dates/index.ts';
import { postInvoices } from '../../shared/posting/index.ts';
import { rmmUpload } from '../../shared/rmm/upload.ts';
import type { Change } from '../../shared/schema/changes.ts';
import type { Contract, ContractService, ServiceMapping, Workspace } from '../../shared/schema/workspace.ts';
import { suggestMappings } from '../../shared/suggest/index.ts';
import { formatHlc } from '../../shared/sync/hlc.ts';
import type { Json } from '../../shared/sync/merge.ts';
import { recordFields } from '../../shared/sync/record-fields.ts';
import type { DemoPlan } from './simulate.ts';

/** Left disabled, so the Modules screen has a switch to flip. */
const DISABLED = new Set(['cyber-hawk']);
/** Left unmapped, so "Show suggested mappings" has work to do. */
const UNMAPPED = new Set(['network-detective-pro']);
const CONFIDENT = 0.9;

type Line = [service: ContractService, mappings: [module: string, billingType: string][]];

// One price list for every client: what a typical MSP sells on top of these modules.
const PRICE_LIST: Line[] = [
  [{ id: 'workstations', name: 'Managed Workstations', unitPrice: '5.00', unitCost: '1.20', billing: 'daily' }, [['datto-rmm', 'DesktopLaptopMetric']]],
  [{ id: 'servers', name: 'Managed Servers', unitPrice: '25.00', unitCost: '6.00', billing: 'peak' }, [['datto-rmm', 'ServerMetric']]],
  [{ id: 'devices', name: 'Printers & Network Devices', unitPrice: '2.00', unitCost: null, billing: 'daily' }, [['datto-rmm', 'PrinterMetric'], ['datto-rmm', 'NetworkOtherMetric']]],
  [{ id: 'edr', name: 'Endpoint Detection & Response', unitPrice: '4.50', unitCost: '2.10', billing: 'daily' }, [['datto-edr', 'TotalDevices']]],
  [{ id: 'bcdr', name: 'Backup & Disaster Recovery', unitPrice: '99.00', unitCost: '45.00', billing: 'period-end' }, [['datto-bcdr', 'BcdrDevices']]],
  [{ id: 'saas', name: 'Microsoft 365 Backup', unitPrice: '3.00', unitCost: '1.25', billing: 'period-end' }, [['datto-saas-protection', 'BillableUsers']]],
  [{ id: 'email', name: 'Email Security', unitPrice: '2.50', unitCost: '0.90', billing: 'daily' }, [['graphus', 'ProtectedInboxes']]],
  [{ id: 'training', name: 'Security Awareness Training', unitPrice: '1.75', unitCost: '0.60', billing: 'period-end' }, [['bullphish-id', 'PhishingModuleUsers']]],
  [{ id: 'darkweb', name: 'Dark Web Monitoring', unitPrice: '15.00', unitCost: '5.00', billing: 'period-end' }, [['darkweb-id', 'Domains']]],
  [{ id: 'compliance', name: 'Compliance as a Service', unitPrice: '35.00', unitCost: '12.00', billing: 'period-end' }, [['compliance-manager', 'IsEnabled']]],
];
/** Reported but not billed on their own: the total would count every device twice. */
const IGNORED: [string, string][] = [['datto-rmm', 'AllDevicesMetric'], ['datto-rmm', 'DesktopMetric'], ['datto-rmm', 'LaptopMetric']];

/** The demo's workspace with its uploads and no configuration yet. */
function bareWorkspace(plan: DemoPlan): Workspace {
  const uploads = plan.events.map((event) => (event.kind === 'upload' ? event.upload : rmmUpload(event.devices, event.date)));
  const modules = [...new Set(uploads.map((u) => u.module))];
  return { version: 1, currency: 'USD', modules: [], enabledModules: modules.filter((m) => !DISABLED.has(m)), accounts: plan.accounts, orgMappings: [], contracts: [], uploads, invoices: [], charges: [] };
}

function contractFor(accountId: string, mappedModules: ReadonlySet<string>, startDate: string): Contract {
  const lines = PRICE_LIST.filter(([, mappings]) => mappings.some(([module]) => mappedModules.has(module)));
  const serviceMappings: ServiceMapping[] = lines.flatMap(([service, mappings]) => mappings.map(([module, billingType]) => ({ module, billingType, serviceId: service.id })));
  if (mappedModules.has('datto-rmm')) serviceMappings.push(...IGNORED.map(([module, billingType]) => ({ module, billingType, ignore: true as const })));
  return { id: `${accountId}-msa`, accountId, name: 'Managed Services Agreement', startDate, endDate: null, services: lines.map(([service]) => service), serviceMappings };
}

/** The configured demo workspace: enabled modules, confident org mappings, contracts, and the month before last posted (numbers pending). */
export function demoSetup(plan: DemoPlan, postedAt: string): Workspace {
  let ws = bareWorkspace(plan);
  ws.orgMappings = suggestMappings(ws)
    .filter((s) => s.confidence >= CONFIDENT && !UNMAPPED.has(s.module))
    .map((s) => ({ module: s.module, orgId: s.orgId, accountId: s.accountId }));
  const modulesOf = new Map<string, Set<string>>();
  for (const m of ws.orgMappings) modulesOf.set(m.accountId, (modulesOf.get(m.accountId) ?? new Set()).add(m.module));
  const start = `${periodOf(plan.firstDay)}-01`;
  ws.contracts = [...modulesOf].map(([accountId, modules]) => contractFor(accountId, modules, start));
  const posted = addMonths(periodOf(plan.lastDay), -2);
  if (posted >= periodOf(plan.firstDay) && plan.lastDay >= periodEnd(posted)) {
    ws = postInvoices(ws, ws.contracts.map((c) => c.accountId), posted, { numbered: false, postedAt, asOf: plan.lastDay });
  }
  return ws;
}

/** The set-up as change-log records, as the app would push an admin's edits. */
export function setupChanges(ws: Workspace, now: number): Change[] {
  type Row = [Change['table'], string, Record<string, Json>];
  const records: Row[] = [
    ...ws.enabledModules.map((module): Row => ['enabledModules', module, { enabled: true, deleted: false }]),
    ...ws.orgMappings.map((m): Row => ['orgMappings', `${m.module}:${m.orgId}`, recordFields(m)]),
    ...ws.contracts.map((c): Row => ['contracts', c.id, recordFields(c)]),
    ...ws.invoices.map((i): Row => ['invoices', i.id ?? '', recordFields(i)]),
  ];
  return records.map(([table, id, values], counter) => ({ table, id, fields: values, hlc: formatHlc({ millis: now, counter, origin: 'demo' }), origin: 'demo' }));
}
