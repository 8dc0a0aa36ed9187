// How each module spells a client. Vendors differ in the way real tenants see: legal
// suffixes, underscores, truncation, a site suffix, different case.

/** The module's spelling of a PSA company name (`variant` picks among a module's habits). */
export function moduleOrgName(module: string, name: string, variant: number): string {
  const truncated = name.length > 24 ? `${name.slice(0, 20).trimEnd()}...` : name;
  switch (module) {
    case 'datto-rmm': return name.length > 24 ? truncated : variant % 3 === 2 ? `${name} - Main Office` : name;
    case 'datto-edr': return variant % 2 === 0 ? name : `${name} Inc.`;
    case 'datto-bcdr': return `${name} - SIRIS`;
    case 'datto-saas-protection': return `${name} (Microsoft 365)`;
    case 'graphus': return name.toLowerCase();
    case 'bullphish-id': return variant % 2 === 0 ? `${name}, LLC` : name.toUpperCase();
    case 'darkweb-id': return `${name} Inc`;
    case 'compliance-manager': return `${name} LLC`;
    case 'network-detective-pro': return `${name.replaceAll(' ', '_')}_Org`;
    case 'cyber-hawk': return `${name}_LLC`;
    default: return name;
  }
}
