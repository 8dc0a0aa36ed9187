// The edge calls only a vendor's own hosts, so a saved connector cannot be turned into a
// way to send credentials (or requests) anywhere else. CONNECTOR_ALLOW_HOSTS adds hosts
// for local tests against fake vendors.

/** A host pattern: an exact host name, or `*.example.com` for any of its subdomains. */
function matches(pattern: string, host: string): boolean {
  const p = pattern.trim().toLowerCase();
  if (p === '') return false;
  if (p.startsWith('*.')) return host.endsWith(p.slice(1)) && host.length > p.length - 1;
  return host === p;
}

/** Hosts from CONNECTOR_ALLOW_HOSTS (comma-separated; entries may carry a port, which is ignored). */
export function extraHosts(configured: string | undefined): string[] {
  return (configured ?? '').split(',').map((h) => h.trim().replace(/^\[|\]$/g, '')).filter(Boolean)
    .map((h) => (/^[^:]+:\d+$/.test(h) ? h.replace(/:\d+$/, '') : h));
}

/**
 * Why the URL may not be used for the vendor, or null when it may: the vendor's hosts
 * over https, or an allowed extra host over http or https.
 */
export function hostProblem(url: string, vendorHosts: readonly string[], configured: string | undefined): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return 'must be a URL';
  }
  if (parsed.username || parsed.password) return 'must not carry a user name or password; send apiKey and apiSecret instead';
  const host = parsed.hostname.toLowerCase().replace(/^\[|\]$/g, '');
  if (extraHosts(configured).some((p) => matches(p, host))) {
    return parsed.protocol === 'https:' || parsed.protocol === 'http:' ? null : 'must be an http or https URL';
  }
  if (!vendorHosts.some((p) => matches(p, host))) return `host "${host}" is not the vendor's (allowed: ${vendorHosts.join(', ')})`;
  if (parsed.protocol !== 'https:') return 'must be an https URL';
  return null;
}
