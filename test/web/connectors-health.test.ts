// Which connectors the header, Modules and Insights flag: a failed last run, or none that
// worked for more than a night and a half.
import { describe, expect, it } from 'vitest';
import { connectorProblems } from '../../web/src/lib/connectors/health.ts';
import type { ConnectorInfo } from '../../shared/schema/connectors.ts';

const NOW = Date.parse('2026-10-15T09:00:00Z');

function connector(module: string, lastRun: ConnectorInfo['lastRun']): ConnectorInfo {
  return { module, settings: { apiUrl: 'https://concord-api.centrastage.net' }, lastRun, nextRunAt: '2026-10-16T00:10:00.000Z' };
}

function run(finishedAt: string, status: 'ok' | 'failed', error: string | null = null): NonNullable<ConnectorInfo['lastRun']> {
  return { startedAt: finishedAt, finishedAt, date: finishedAt.slice(0, 10), status, pages: 3, devices: 40, orgs: 4, error };
}

describe('connector problems', () => {
  it('flags a failed run with its reason and a run older than 36 hours; a fresh or never-run connector is fine', () => {
    expect(connectorProblems([
      connector('datto-rmm', run('2026-10-15T00:10:05Z', 'failed', 'Datto RMM answered 403 Forbidden for /api/v2/account/devices')),
      connector('datto-bcdr', run('2026-10-13T20:59:00Z', 'ok')),
      connector('datto-saas-protection', run('2026-10-15T00:10:09Z', 'ok')),
      connector('datto-edr', null),
    ], NOW)).toEqual([
      { module: 'datto-rmm', kind: 'failed', message: 'Datto RMM answered 403 Forbidden for /api/v2/account/devices' },
      { module: 'datto-bcdr', kind: 'stale', message: 'no sync since 2026-10-13 20:59 UTC' },
    ]);
  });

  it('a run 36 hours old is not yet stale', () => {
    expect(connectorProblems([connector('datto-rmm', run('2026-10-13T21:00:00Z', 'ok'))], NOW)).toEqual([]);
  });
});
