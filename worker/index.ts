// The trueup edge worker (SPEC §11): Hono on Cloudflare Workers with D1, and the nightly
// Cron Trigger that runs every tenant's connectors.
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
