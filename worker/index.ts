// The trueup edge worker (docs/billing-rules.md#edge-api): Hono on Cloudflare Workers with D1.
import { createApp } from './app.ts';

export default createApp();
