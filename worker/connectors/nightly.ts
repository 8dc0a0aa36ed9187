import { addDays } from '../../shared/dates/day.ts';
import { edgeToday } from '../clock.ts';
import type { Env } from '../env.ts';
import { runConnector } from './run.ts';
import { allConnectors } from './store.ts';

/**
 * The scheduled run: every tenant's every connector stores the UTC day that just ended.
 * One failing connector does not stop the others; each run is recorded either way.
 */
export async function runNightly(env: Env): Promise<{ ok: number; failed: number; date: string }> {
  const date = addDays(edgeToday(env), -1);
  let ok = 0;
  let failed = 0;
  for (const row of await allConnectors(env.DB)) {
    try {
      await runConnector(env, row.tenant_id, row.module, date, { trigger: 'schedule' });
      ok++;
    } catch (error) {
      failed++;
      // The message is already plain words without credentials (see http.ts scrub).
      console.warn(`connector ${row.module} of tenant ${row.tenant_id} failed for ${date}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  return { ok, failed, date };
}
