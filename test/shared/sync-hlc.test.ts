import { describe, expect, it } from 'vitest';
import { formatHlc, MAX_COUNTER, parseHlc, receive, tick } from '../../shared/sync/hlc.ts';

const T = 1_790_000_000_000;

describe('hybrid logical clock counter', () => {
  it('rolls over to the next millisecond instead of outgrowing six digits', () => {
    const full = { millis: T, counter: MAX_COUNTER, origin: 'edge' };
    expect(tick(full, T - 5)).toEqual({ millis: T + 1, counter: 0, origin: 'edge' });
    expect(receive({ millis: T - 10, counter: 0, origin: 'edge' }, { ...full, origin: 'b1' }, T - 5)).toEqual({ millis: T + 1, counter: 0, origin: 'edge' });
    expect(receive(full, { millis: T, counter: 3, origin: 'b1' }, T)).toEqual({ millis: T + 1, counter: 0, origin: 'edge' });
  });

  it('every clock it issues reads back, and string order is clock order across the rollover', () => {
    let clock = { millis: T, counter: MAX_COUNTER - 2, origin: 'edge' };
    const texts: string[] = [];
    for (let i = 0; i < 5; i++) {
      clock = tick(clock, T);
      texts.push(formatHlc(clock));
    }
    for (const text of texts) expect(formatHlc(parseHlc(text))).toBe(text);
    expect([...texts].sort()).toEqual(texts);
  });

  it('refuses to write a clock that does not fit the format', () => {
    expect(() => formatHlc({ millis: T, counter: MAX_COUNTER + 1, origin: 'edge' })).toThrow(/does not fit/);
    expect(() => parseHlc('001790000000000-1000000-edge')).toThrow(/not a hybrid logical clock/);
  });
});
