// The engine worker's warm-up of Insights and Billing's first page, on a real Dexie
// database (fake-indexeddb): it waits while a screen's call is in progress, gives way to a
// newer warm-up or newer data, and what it computes is what the screens then read
// (the same result, not computed a second time). Timers are faked: nothing sleeps.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { freshDatabases } from '../../../support/test-db.ts';
import { desktopMonitoring, uploadsEachDay } from '../../../support/billing.ts';
import type { Workspace } from '../../../../shared/schema/workspace.ts';
import { dataVersion } from '../../../../web/src/lib/db/data-version.ts';
import { recordEdit } from '../../../../web/src/lib/db/changes.ts';
import { engineApi } from '../../../../web/src/lib/engine/api.ts';
import { EngineSession, workerApi } from '../../../../web/src/lib/engine/session.ts';
import { EngineCalls, QUIET_MS, trackCalls, viewWarmer, type WarmSteps } from '../../../../web/src/lib/engine/views/warm.ts';

/** Brass and Cobalt billed $5.00 a device at period end on Datto RMM, November so far. */
function clients(): Workspace {
  const accounts = [{ id: 'a1', name: 'Brass Building Supplies' }, { id: 'a2', name: 'Cobalt Dental' }];
  return desktopMonitoring(accounts, {
    startDate: '2026-11-01',
    unitCost: null,
    uploads: uploadsEachDay('datto-rmm', '2026-11-01', '2026-11-19', () => ({ 'rmm-a1': { DesktopLaptopMetric: 10 }, 'rmm-a2': { DesktopLaptopMetric: 20, ServerMetric: 1 } })),
  });
}

const freshDb = freshDatabases('views-warm', clients);
const TODAY = '2026-11-20';
const REQUEST = { period: '2026-11', pageSize: 25 };

afterEach(() => { vi.restoreAllMocks(); });

/**
 * A clock the test moves: a pause moves it on and resolves once the database and the steps
 * had their turn (a macrotask), `hold` keeps the warm-up pausing until released.
 */
function testClock() {
  let time = 0;
  let released = Promise.resolve();
  return {
    now: () => time,
    pause: async (ms: number) => {
      await released;
      time += ms;
      await new Promise<void>((resolve) => setImmediate(resolve));
    },
    hold(): () => void {
      let release = () => {};
      released = new Promise<void>((resolve) => { release = resolve; });
      return release;
    },
  };
}

/** Steps that only note that they ran. */
function noting(): { steps: WarmSteps; ran: string[] } {
  const ran: string[] = [];
  return { ran, steps: { insights: async () => { ran.push('insights'); }, billing: async (_inputs, request) => { ran.push(`billing ${request.period}`); } } };
}

async function setUp() {
  const db = await freshDb();
  const session = new EngineSession(db);
  const inputs = { version: await dataVersion(db), today: TODAY };
  return { db, session, inputs };
}

describe('warming the screens', () => {
  it('waits while a screen\'s call is in progress, then computes Insights and Billing in that order', async () => {
    const { session, inputs } = await setUp();
    const calls = new EngineCalls();
    const { steps, ran } = noting();
    const clock = testClock();
    const warm = viewWarmer(session, steps, clock, calls);
    calls.start();
    const outcome = warm(inputs, REQUEST);
    let settled = false;
    void outcome.then(() => { settled = true; });
    while (!settled && clock.now() < 10 * QUIET_MS) await new Promise<void>((resolve) => setImmediate(resolve));
    expect(ran).toEqual([]);
    calls.end(clock.now());
    expect(await outcome).toBe('warm');
    expect(ran).toEqual(['insights', 'billing 2026-11']);
  });

  it('gives way to a newer warm-up, and to newer data', async () => {
    const { db, session, inputs } = await setUp();
    const { steps, ran } = noting();
    const clock = testClock();
    const warm = viewWarmer(session, steps, clock, new EngineCalls());
    const release = clock.hold();
    const older = warm(inputs, REQUEST);
    const newer = warm(inputs, REQUEST);
    release();
    expect([await older, await newer]).toEqual(['superseded', 'warm']);
    expect(ran).toEqual(['insights', 'billing 2026-11']);
    await recordEdit(db, { table: 'accounts', id: 'a1', fields: { name: 'Brass & Co' } });
    expect(await warm(inputs, REQUEST)).toBe('stale');
    expect(ran).toHaveLength(2);
  });

  it('counts the calls of the tracked API, the warm-up itself excepted', async () => {
    const calls = new EngineCalls();
    let finish = () => {};
    let time = 1_000;
    const api = trackCalls({ slow: () => new Promise<void>((resolve) => { finish = resolve; }), warmViews: () => 'warm' }, calls, () => time);
    const slow = api.slow();
    api.warmViews();
    expect(calls.inFlight).toBe(1);
    finish();
    await slow;
    expect(calls.inFlight).toBe(0);
    expect(calls.quiet(time)).toBe(false);
    time += QUIET_MS;
    expect(calls.quiet(time)).toBe(true);
  });

  it('leaves Billing and Insights to read what it computed: the same answers, computed once', async () => {
    const { session, inputs } = await setUp();
    const api = workerApi(session);
    const warm = viewWarmer(session, { insights: (i) => session.insights(i, {}), billing: (i, r) => api.billingView(i, { ...query, period: r.period, pageSize: r.pageSize }) }, testClock(), new EngineCalls());
    const query = { period: '2026-11', module: '', search: '', groupBy: 'account' as const, page: 0, pageSize: 25 };
    const cold = workerApi(new EngineSession(session.db));
    const expectedBilling = await cold.billingView(inputs, query);
    const expectedInsights = await cold.insightsView(inputs, { limit: 100, all: [] });
    const computePeriod = vi.spyOn(engineApi, 'computePeriod');
    const insights = vi.spyOn(engineApi, 'insights');
    expect(await warm(inputs, REQUEST)).toBe('warm');
    const [periods, scans] = [computePeriod.mock.calls.length, insights.mock.calls.length];
    expect([periods, scans]).toEqual([2, 1]);
    expect(await api.billingView(inputs, query)).toEqual(expectedBilling);
    expect(await api.insightsView(inputs, { limit: 100, all: [] })).toEqual(expectedInsights);
    expect([computePeriod.mock.calls.length, insights.mock.calls.length]).toEqual([periods, scans]);
    expect(expectedBilling.totals.pending).toBe('150.00');
  });
});
