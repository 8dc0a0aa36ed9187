// The trueup edge worker (SPEC §11): Hono on Cloudflare Workers with D1.
import { createApp } from './app.ts';

export default createApp();
