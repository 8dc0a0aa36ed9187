// npm run test:dates: the whole suite once per pinned day, with the whole system on that
// day (docs/testing-dates.md). The test runner, the demo it builds, the CLI it runs and
// Chromium run under libfaketime (Debian's `faketime`); workerd runs on the real clock
// (it hangs under libfaketime) and the edge is moved to the day by its dev clock offset.
//   npm run test:dates                                   the four days, every project
//   npm run test:dates -- --project e2e --project worker  a subset (any vitest arguments)
//   npm run test:dates -- --day 2027-02-28 --project unit one day
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isIsoDay } from '../../shared/dates/day.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
/** The days that have broken date-dependent code before: a month's last day, a month's first, February's last, a leap day. */
export const PINNED_DAYS = ['2026-11-30', '2026-12-01', '2027-02-28', '2028-02-29'];
/** The pinned time of day: noon, so the local calendar and UTC agree on the day. */
const NOON = '12:00:00';

interface Totals { passed: number; failed: number; skipped: number; files: number; failedFiles: number }

function parseArgs(argv: string[]): { days: string[]; vitestArgs: string[] } {
  const days: string[] = [];
  const vitestArgs: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    if (arg === '--day') {
      const day = argv[++i] ?? '';
      if (!isIsoDay(day)) throw new Error(`--day needs a date written YYYY-MM-DD, got "${day}"`);
      days.push(day);
    } else {
      vitestArgs.push(arg);
    }
  }
  return { days: days.length > 0 ? days : PINNED_DAYS, vitestArgs };
}

function requireFaketime(): void {
  const found = spawnSync('faketime', ['2000-01-01 00:00:00', 'true']);
  if (found.error || found.status !== 0) throw new Error('npm run test:dates needs Debian\'s faketime: sudo apt-get install -y faketime');
}

/** The workerd binaries of the two miniflares: the vitest pool's and wrangler's own. */
function workerdBinaries(): { pool: string; wrangler: string } {
  const fromRoot = createRequire(join(ROOT, 'package.json'));
  const fromWrangler = createRequire(fromRoot.resolve('wrangler/package.json'));
  const binary = (req: NodeJS.Require) => (req('workerd') as { default: string }).default;
  return { pool: binary(fromRoot), wrangler: binary(fromWrangler) };
}

function totalsOf(file: string): Totals | null {
  try {
    const report = JSON.parse(readFileSync(file, 'utf8')) as {
      numPassedTests: number; numFailedTests: number; numPendingTests: number; numTodoTests?: number;
      testResults: { status: string }[];
    };
    return {
      passed: report.numPassedTests, failed: report.numFailedTests, skipped: report.numPendingTests + (report.numTodoTests ?? 0),
      files: report.testResults.length, failedFiles: report.testResults.filter((r) => r.status !== 'passed').length,
    };
  } catch {
    return null;
  }
}

async function runDay(day: string, vitestArgs: string[], workerd: { pool: string; wrangler: string }, reportDir: string): Promise<{ code: number; totals: Totals | null }> {
  const pinned = `${day} ${NOON}`;
  // the edge's shift: from the real now to the pinned moment (faketime starts its clock there now)
  const offset = new Date(`${day}T${NOON}`).getTime() - Date.now();
  const report = join(reportDir, `${day}.json`);
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    // CI's reporter setting (vitest.config.ts) would send the JSON report elsewhere; each day reports here
    CI: '',
    MINIFLARE_WORKERD_PATH: join(ROOT, 'scripts/dates/workerd-real-clock.sh'),
    TRUEUP_REAL_WORKERD: workerd.pool,
    TRUEUP_WRANGLER_WORKERD: workerd.wrangler,
    TRUEUP_EDGE_CLOCK_OFFSET_MS: String(offset),
  };
  const args = [pinned, process.execPath, join(ROOT, 'node_modules/vitest/vitest.mjs'), 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`, ...vitestArgs];
  process.stdout.write(`\n=== ${day}: faketime '${pinned}' vitest run ${vitestArgs.join(' ')}\n`);
  const code = await new Promise<number>((resolve) => {
    const child = spawn('faketime', args, { cwd: ROOT, env, stdio: 'inherit' });
    child.on('close', (status) => resolve(status ?? 1));
    child.on('error', () => resolve(1));
  });
  return { code, totals: totalsOf(report) };
}

async function main(): Promise<number> {
  const { days, vitestArgs } = parseArgs(process.argv.slice(2));
  requireFaketime();
  const workerd = workerdBinaries();
  const reportDir = mkdtempSync(join(tmpdir(), 'trueup-dates-'));
  const lines: string[] = [];
  let failed = false;
  try {
    for (const day of days) {
      const { code, totals } = await runDay(day, vitestArgs, workerd, reportDir);
      if (code !== 0 || !totals || totals.failed > 0) failed = true;
      lines.push(totals
        ? `${day}: ${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped in ${totals.files} files (${totals.failedFiles} failed) — exit ${code}`
        : `${day}: no results (vitest exited ${code} before reporting)`);
    }
  } finally {
    rmSync(reportDir, { recursive: true, force: true });
  }
  process.stdout.write(`\ntest:dates ${vitestArgs.join(' ') || '(whole suite)'}\n${lines.join('\n')}\n`);
  return failed ? 1 : 0;
}

process.exitCode = await main();
