// The trueup edge worker (docs/billing-rules.md#edge-api): Hono on Cloudflare Workers with D1,
// and the nightly Cron Trigger that runs every tenant's connectors (docs/connectors.md) and then
// rewrites some rows stored before compact storage (docs/edge-storage.md).
import { createApp } from './app.ts';
import { runNightly } from './connectors/nightly.ts';
import type { Env } from './env.ts';
import { repackStored } from './store/repack.ts';

/** Old rows rewritten per night: an existing large tenant (~22,000 posted invoices) is compact within a few nights. */
const REPACK_PER_NIGHT = 10_000;

const app = createApp();

export default {
  fetch: app.fetch,
  request: app.request,
  async scheduled(_controller: ScheduledController, env: Env): Promise<void> {
    await runNightly(env);
    await repackStored(env.DB, REPACK_PER_NIGHT);
  },
};
