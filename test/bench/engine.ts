// The engine's performance target (docs/billing-rules.md#performance-targets): computePeriod for a month of a 2,000-account MSP, against a
// bare loop that only reads the same daily quantities once, and against SQLite GROUP BY.
import { DatabaseSync } from 'node:sqlite';
import { performance } from 'node:perf_hooks';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { computePeriod } from '../../shared/invoice/compute-period.ts';
import { workspace, type Workspace } from '../../shared/schema/workspace.ts';
import { generateMsp, MSP_SCALE } from './msp.ts';

const RUNS = 9;
const WARM_UP = 2;

// Collects garbage between runs so each run pays for its own allocations only, not for
// what the generator or an earlier run left behind (a standard benchmark harness step).
setFlagsFromString('--expose-gc');
const collect = runInNewContext('gc') as () => void;

function median(times: number[]): number {
  const sorted = [...times].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
}

interface Timing {
  ms: number;
  best: number;
  cpu: number;
  first: number;
  sink: unknown;
}

// Wall time (median and best of the runs after a cold one and a warm-up) and the process's
// CPU time (median), so a machine busy with other work shows in wall figures, not CPU ones.
function timed(runs: number, work: () => unknown): Timing {
  const times: number[] = [];
  const cpu: number[] = [];
  let sink: unknown;
  const cold = performance.now();
  work();
  const first = performance.now() - cold;
  for (let i = 0; i < WARM_UP; i++) work();
  for (let i = 0; i < runs; i++) {
    collect();
    const cpuStart = process.cpuUsage();
    const start = performance.now();
    sink = work();
    times.push(performance.now() - start);
    const used = process.cpuUsage(cpuStart);
    cpu.push((used.user + used.system) / 1000);
  }
  return { ms: median(times), best: Math.min(...times), cpu: median(cpu), first, sink };
}

// Validates once in its own scope, so the parsed copy is not kept alive during the timings.
function validate(ws: Workspace): number {
  const start = performance.now();
  const parsed = workspace.safeParse(ws);
  if (!parsed.success) throw new Error(`generated workspace is invalid: ${parsed.error.issues[0]?.message ?? ''}`);
  return performance.now() - start;
}

/** Reads every daily quantity of the period's uploads once: the floor any engine pays. */
function bareLoop(ws: Workspace, period: string): number {
  let sum = 0;
  for (const upload of ws.uploads) {
    if (!upload.date.startsWith(period)) continue;
    for (const org of upload.orgs) {
      const metrics = org.metrics;
      for (const key in metrics) {
        const value = metrics[key];
        sum += typeof value === 'number' ? value : typeof value === 'string' ? Number(value) : value ? 1 : 0;
      }
    }
  }
  return sum;
}

function sqliteDatabase(ws: Workspace, period: string): { db: DatabaseSync; rows: number } {
  const db = new DatabaseSync(':memory:');
  db.exec(`
    CREATE TABLE usage (module TEXT, org TEXT, type TEXT, day INTEGER, qty INTEGER);
    CREATE TABLE orgmap (module TEXT, org TEXT, account TEXT, PRIMARY KEY (module, org));
    CREATE TABLE svcmap (contract TEXT, account TEXT, module TEXT, type TEXT, service TEXT, PRIMARY KEY (account, module, type, contract));
  `);
  const insertUsage = db.prepare('INSERT INTO usage VALUES (?, ?, ?, ?, ?)');
  let rows = 0;
  db.exec('BEGIN');
  for (const upload of ws.uploads) {
    if (!upload.date.startsWith(period)) continue;
    const day = Number(upload.date.slice(8, 10));
    for (const org of upload.orgs) {
      for (const [type, value] of Object.entries(org.metrics)) {
        const units = typeof value === 'boolean' ? (value ? 10_000 : 0) : Math.round(Number(value) * 10_000);
        insertUsage.run(upload.module, org.orgId, type, day, units);
        rows++;
      }
    }
  }
  const insertOrg = db.prepare('INSERT INTO orgmap VALUES (?, ?, ?)');
  for (const m of ws.orgMappings) insertOrg.run(m.module, m.orgId, m.accountId);
  const insertSvc = db.prepare('INSERT INTO svcmap VALUES (?, ?, ?, ?, ?)');
  for (const c of ws.contracts) for (const m of c.serviceMappings) if (!m.ignore) insertSvc.run(c.id, c.accountId, m.module, m.billingType, m.serviceId);
  db.exec('COMMIT');
  db.exec('CREATE INDEX usage_module_org ON usage (module, org)');
  return { db, rows };
}

const GROUP_BY = `
  SELECT s.contract, s.service, u.module, SUM(u.qty) AS total, MAX(u.qty) AS peak, COUNT(*) AS n
  FROM usage u
  JOIN orgmap o ON o.module = u.module AND o.org = u.org
  JOIN svcmap s ON s.account = o.account AND s.module = u.module AND s.type = u.type
  GROUP BY s.contract, s.service, u.module`;

/** computePeriod at the target scale (docs/billing-rules.md#performance-targets), the bare loop, SQLite GROUP BY, and the ratios. */
export async function bench(): Promise<Record<string, unknown>> {
  const period = MSP_SCALE.period;
  const generateStart = performance.now();
  // Through JSON, as a workspace arrives from a file, IndexedDB or the edge.
  const ws = JSON.parse(JSON.stringify(generateMsp())) as Workspace;
  const generateMs = performance.now() - generateStart;
  const values = ws.uploads.reduce((n, u) => n + u.orgs.reduce((k, o) => k + Object.keys(o.metrics).length, 0), 0);

  const parseMs = validate(ws);

  const engine = timed(RUNS, () => computePeriod(ws, period));
  const result = engine.sink as ReturnType<typeof computePeriod>;
  const bare = timed(RUNS, () => bareLoop(ws, period));
  const insertStart = performance.now();
  const { db, rows } = sqliteDatabase(ws, period);
  const insertMs = performance.now() - insertStart;
  const query = db.prepare(GROUP_BY);
  const sqlite = timed(RUNS, () => query.all());
  const groups = (sqlite.sink as unknown[]).length;
  db.close();

  const round = (n: number) => Math.round(n * 10) / 10;
  const figures = {
    scale: { accounts: ws.accounts.length, moduleOrgs: ws.orgMappings.length, modules: ws.enabledModules.length, uploads: ws.uploads.length, dailyValues: values, items: result.items.length, invoices: result.invoices.length, sqliteRows: rows, sqliteGroups: groups },
    generateMs: round(generateMs),
    schemaParseMs: round(parseMs),
    engineMs: round(engine.ms),
    engineBestMs: round(engine.best),
    engineCpuMs: round(engine.cpu),
    engineFirstRunMs: round(engine.first),
    bareLoopMs: round(bare.ms),
    bareLoopBestMs: round(bare.best),
    bareLoopCpuMs: round(bare.cpu),
    sqliteGroupByMs: round(sqlite.ms),
    sqliteGroupByBestMs: round(sqlite.best),
    sqliteInsertMs: round(insertMs),
    engineOverBareLoop: round(engine.ms / bare.ms),
    engineOverBareLoopBest: round(engine.best / bare.best),
    engineOverBareLoopCpu: round(engine.cpu / bare.cpu),
    engineOverSqlite: Math.round((engine.ms / sqlite.ms) * 100) / 100,
    targets: { underOneSecond: engine.ms < 1000, within4xOfBareLoop: engine.ms <= 4 * bare.ms, fasterThanSqlite: engine.ms < sqlite.ms },
  };
  console.table({
    computePeriod: { median: figures.engineMs, best: figures.engineBestMs, cpu: figures.engineCpuMs, target: '< 1000 ms' },
    'bare loop over the daily values': { median: figures.bareLoopMs, best: figures.bareLoopBestMs, cpu: figures.bareLoopCpuMs, target: '' },
    'SQLite GROUP BY (in memory)': { median: figures.sqliteGroupByMs, best: figures.sqliteGroupByBestMs, cpu: '', target: '' },
    'engine / bare loop': { median: figures.engineOverBareLoop, best: figures.engineOverBareLoopBest, cpu: figures.engineOverBareLoopCpu, target: '≤ 4' },
    'engine / SQLite': { median: figures.engineOverSqlite, best: '', cpu: '', target: '< 1' },
  });
  console.log(`computePeriod first run (cold JIT): ${figures.engineFirstRunMs} ms`);
  console.log(`${values.toLocaleString('en')} daily values, ${result.items.length.toLocaleString('en')} items, ${result.invoices.length.toLocaleString('en')} invoices; schema parse ${figures.schemaParseMs} ms (not part of the engine)`);
  return figures;
}
