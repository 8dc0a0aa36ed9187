// The first hour of a new tenant: what is set up and what comes next, read from the data
// (nothing to tick by hand), each step pointing at the screen where it is done.

export interface SetupFacts {
  /** Module-days of usage pulled from the edge. */
  uploads: number;
  /** Connectors saved at the edge. */
  connectors: number;
  enabledModules: number;
  accounts: number;
  orgMappings: number;
  /** Organizations reported by enabled modules that map to no account. */
  unmappedOrgs: number;
  contracts: number;
  /** Contract services with a module billing type (service mapping). */
  mappedServices: number;
  /** Posted invoices. */
  invoices: number;
}

export interface SetupStep {
  id: 'usage' | 'modules' | 'accounts' | 'mapping' | 'contracts' | 'billing';
  title: string;
  detail: string;
  href: string;
  done: boolean;
}

export function setupSteps(f: SetupFacts): SetupStep[] {
  return [
    {
      id: 'usage', title: 'Connect or upload usage', href: '/modules',
      detail: f.uploads > 0 ? `${f.uploads} module-days of usage received` : 'Connect Datto RMM (or another vendor) on Modules, or upload with a module key from Settings',
      done: f.uploads > 0,
    },
    {
      id: 'modules', title: 'Enable the modules you bill', href: '/modules',
      detail: f.enabledModules > 0 ? `${f.enabledModules} enabled` : 'Only enabled modules are billed',
      done: f.enabledModules > 0,
    },
    {
      id: 'accounts', title: 'Create accounts', href: '/accounts',
      detail: f.accounts > 0 ? `${f.accounts} accounts` : 'Create them from the organizations your modules report, or import a CSV',
      done: f.accounts > 0,
    },
    {
      id: 'mapping', title: 'Map organizations to accounts', href: '/mapping',
      detail: f.orgMappings === 0 ? 'Accept the suggestions or map by hand' : f.unmappedOrgs > 0 ? `${f.unmappedOrgs} organizations still unmapped` : 'Every organization is mapped',
      done: f.orgMappings > 0 && f.unmappedOrgs === 0,
    },
    {
      id: 'contracts', title: 'Add contracts and map services', href: '/accounts',
      detail: f.contracts === 0 ? 'Prices per service, each service mapped to a module billing type' : `${f.contracts} contracts, ${f.mappedServices} mapped services`,
      done: f.contracts > 0 && f.mappedServices > 0,
    },
    {
      id: 'billing', title: 'Review billing', href: '/billing',
      detail: f.invoices > 0 ? `${f.invoices} invoices posted` : 'Check the period\'s amounts, then post',
      done: f.invoices > 0,
    },
  ];
}
