// Which connectors need the admin's eye before anyone posts: a failed last run, or no
// successful run for longer than a night and a half.
import type { ConnectorInfo } from '../../../../shared/schema/connectors.ts';

export interface ConnectorProblem {
  module: string;
  kind: 'failed' | 'stale';
  message: string;
}

const STALE_MS = 36 * 3_600_000;

export function connectorProblems(connectors: readonly ConnectorInfo[], now: number): ConnectorProblem[] {
  const problems: ConnectorProblem[] = [];
  for (const c of connectors) {
    const run = c.lastRun;
    if (run === null) continue;
    if (run.status === 'failed') problems.push({ module: c.module, kind: 'failed', message: run.error ?? 'the last run failed' });
    else if (now - Date.parse(run.finishedAt) > STALE_MS) problems.push({ module: c.module, kind: 'stale', message: `no sync since ${run.finishedAt.slice(0, 16).replace('T', ' ')} UTC` });
  }
  return problems;
}
