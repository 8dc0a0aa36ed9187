// Once per run of the e2e project: the SPA is built (when stale) and Chromium is found,
// so a missing browser fails fast with a message saying how to install it.
import { ensureSpaBuilt } from '../../scripts/web/build.ts';
import { findChromium } from '../support/chromium.ts';

export default function setup(): void {
  findChromium();
  ensureSpaBuilt();
}
