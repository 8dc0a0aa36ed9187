import type { UncostedService } from '../../../../shared/insights/revenue.ts';

/** Names the services without a unit cost once each, with how many contracts carry them. */
export function uncostedNames(services: readonly UncostedService[], most = 5): string {
  const counts = new Map<string, number>();
  for (const s of services) counts.set(s.serviceName, (counts.get(s.serviceName) ?? 0) + 1);
  const names = [...counts].map(([name, n]) => (n === 1 ? name : `${name} (${n} contracts)`));
  return names.slice(0, most).join(', ') + (names.length > most ? '…' : '');
}
