// The edge's clock: real in production, shiftable under wrangler dev and in tests only.
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { edgeNow, edgeToday } from '../../worker/clock.ts';

const DAY = 86_400_000;

describe('the edge clock', () => {
  it('ignores the shift unless TRUEUP_DEV is "1", as in a deployed worker', () => {
    const production = edgeNow({ DB: env.DB, TRUEUP_DEV_CLOCK_OFFSET_MS: String(DAY) });
    const dev = edgeNow({ DB: env.DB, TRUEUP_DEV: '1', TRUEUP_DEV_CLOCK_OFFSET_MS: String(DAY) });
    expect(dev - production).toBeGreaterThanOrEqual(DAY);
    expect(dev - production).toBeLessThan(DAY + 60_000);
    expect(Math.abs(production - Date.now())).toBeLessThan(60_000);
  });

  it('puts the edge on a pinned day, a leap day included', () => {
    const offset = Date.parse('2028-02-29T12:00:00Z') - Date.now();
    expect(edgeToday({ DB: env.DB, TRUEUP_DEV: '1', TRUEUP_DEV_CLOCK_OFFSET_MS: String(offset) })).toBe('2028-02-29');
  });

  it('ignores a shift that is not whole milliseconds', () => {
    const now = edgeNow({ DB: env.DB, TRUEUP_DEV: '1', TRUEUP_DEV_CLOCK_OFFSET_MS: 'soon' });
    expect(Math.abs(now - Date.now())).toBeLessThan(60_000);
  });
});
