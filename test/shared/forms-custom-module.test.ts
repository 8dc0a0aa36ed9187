import { describe, expect, it } from 'vitest';
import { parseCustomModule } from '../../shared/forms/custom-module.ts';

describe('custom module form', () => {
  it('turns one billing type per line into a module definition', () => {
    const result = parseCustomModule({ id: ' huntress ', name: 'Huntress', billingTypes: 'Agents, Protected agents\n\nM365Users\nSocEnabled, SOC enabled, boolean' });
    expect(result).toEqual({ ok: true, value: { id: 'huntress', name: 'Huntress', suite: 'Custom', billingTypes: [
      { id: 'Agents', label: 'Protected agents', unit: 'count' },
      { id: 'M365Users', label: 'M365Users', unit: 'count' },
      { id: 'SocEnabled', label: 'SOC enabled', unit: 'boolean' },
    ] } });
  });

  it('names every problem, billing types by the line they were typed on', () => {
    const result = parseCustomModule({ id: 'Bad Id', name: '', billingTypes: 'Agents\n\n9lives, Nine\nAgents\nSeats, Seats, hours' });
    expect(result.ok).toBe(false);
    const paths = result.ok ? [] : result.issues.map((i) => i.path);
    expect(paths).toEqual(expect.arrayContaining(['id', 'name', 'billing types, line 3 (id)', 'billing types, line 5 (unit)']));
  });

  it('names a billing type typed twice', () => {
    const result = parseCustomModule({ id: 'mine', name: 'Mine', billingTypes: 'Agents\nSeats\nAgents, Again' });
    expect(result.ok ? [] : result.issues).toEqual([{ path: 'billing types, line 3 (id)', message: 'duplicate billing type "Agents"' }]);
  });

  it('refuses a built-in module id and a module without billing types', () => {
    const builtIn = parseCustomModule({ id: 'datto-rmm', name: 'Mine', billingTypes: 'X' });
    expect(builtIn.ok ? [] : builtIn.issues.map((i) => i.message)).toContain('"datto-rmm" is a built-in module');
    const empty = parseCustomModule({ id: 'mine', name: 'Mine', billingTypes: '  \n' });
    expect(empty.ok ? [] : empty.issues.map((i) => i.path)).toEqual(['billingTypes']);
  });
});
