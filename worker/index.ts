// The trueup edge worker (docs/billing-rules.md#edge-api): Hono on Cloudflare Workers with D1,
// and the nightly Cron Trigger that runs every tenant's connectors (docs/connectors.md).
import { createApp } from './app.ts';
import { runNightly } from './connectors/nightly.ts';
import type { Env } from './env.ts';

const app = createApp();

export default {
  fetch: app.fetch,
  request: app.request,
  async scheduled(_controller: ScheduledController, env: Env): Promise<void> {
    await runNightly(env);
  },
};
