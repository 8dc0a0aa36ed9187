import type { ConnectorModule } from '../../shared/schema/connectors.ts';
import type { Connector } from './connector.ts';
import { dattoBcdr, dattoSaasProtection } from './datto-portal.ts';
import { dattoRmm } from './datto-rmm.ts';

/** Every connector by the module it fills. */
export const CONNECTORS: Readonly<Record<ConnectorModule, Connector>> = {
  'datto-rmm': dattoRmm,
  'datto-bcdr': dattoBcdr,
  'datto-saas-protection': dattoSaasProtection,
};

export function connectorFor(module: string): Connector | null {
  return Object.hasOwn(CONNECTORS, module) ? CONNECTORS[module as ConnectorModule] : null;
}
