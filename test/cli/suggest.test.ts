import { describe, expect, it } from 'vitest';
import { tempFile, trueup } from '../support/cli.ts';

// Accounts of the BMS screenshot and the names three audit modules give them (seeds/004).
const example = {
  version: 1,
  enabledModules: ['datto-rmm'],
  accounts: [
    { id: 'a1', name: 'Brass Building Supplies' },
    { id: 'a2', name: 'Rosewood Real Estate Management' },
    { id: 'a3', name: 'Pearl Pharmaceutical Corp.' },
  ],
  orgMappings: [{ module: 'datto-rmm', orgId: 's-17', accountId: 'a1' }],
  uploads: [
    { module: 'datto-rmm', date: '2026-10-01', orgs: [{ orgId: 's-17', name: 'Brass Building Supplies LLC', metrics: { AllDevicesMetric: 42 } }] },
    { module: 'compliance-manager', date: '2026-10-01', orgs: [
      { orgId: 'cm-1', name: 'Brass Building Supplies LLC', metrics: { AdUsers: 12 } },
      { orgId: 'cm-2', name: 'Rosewood Real Estate...', metrics: { AdUsers: 4 } },
    ] },
    { module: 'cyber-hawk', date: '2026-10-01', orgs: [
      { orgId: 'ch-1', name: 'Pearl Pharmaceutical Corp._LLC', metrics: { DevicesScanned: 30 } },
      { orgId: 'ch-2', name: 'Pearl Plumbing_LLC', metrics: { DevicesScanned: 3 } },
    ] },
  ],
};

// Each case starts Node; a busy machine must not turn that into a failure.
describe('trueup suggest <workspace.json>', { timeout: 60_000 }, () => {
  it('prints { suggestions } for the unmapped orgs of every module, as JSON on stdout', async () => {
    const { code, stdout, stderr } = await trueup(['suggest', await tempFile(example)]);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const out = JSON.parse(stdout) as { suggestions: Record<string, unknown>[] };
    expect(out.suggestions.map(({ module, orgId, accountId, reason }) => ({ module, orgId, accountId, reason }))).toEqual([
      { module: 'compliance-manager', orgId: 'cm-1', accountId: 'a1', reason: 'exact' }, // the name of s-17, mapped to a1
      { module: 'compliance-manager', orgId: 'cm-2', accountId: 'a2', reason: 'similar' },
      { module: 'cyber-hawk', orgId: 'ch-1', accountId: 'a3', reason: 'normalized' },
    ]);
    for (const s of out.suggestions) {
      expect(typeof s.confidence).toBe('number');
      expect(s.confidence).toBeGreaterThan(0);
      expect(s.confidence).toBeLessThanOrEqual(1);
    }
  });

  it('prints an empty list when there is nothing to suggest', async () => {
    const { code, stdout } = await trueup(['suggest', await tempFile({ version: 1 })]);
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toEqual({ suggestions: [] });
  });

  it('rejects an invalid workspace: non-zero exit, nothing on stdout, every problem by path on stderr', async () => {
    const bad = {
      ...example,
      accounts: [{ id: 'a1', name: '' }],
      uploads: [{ module: 'no-such-module', date: '2026-10-32', orgs: [] }],
    };
    const { code, stdout, stderr } = await trueup(['suggest', await tempFile(bad)]);
    expect(code).not.toBe(0);
    expect(stdout).toBe('');
    expect(stderr).toContain('accounts[0].name');
    expect(stderr).toContain('uploads[0].date');
    expect(stderr).toContain('uploads[0].module');
  });

  it('rejects a missing file or bad JSON with a usage message', async () => {
    const missing = await trueup(['suggest']);
    expect(missing.code).not.toBe(0);
    expect(missing.stdout).toBe('');
    expect(missing.stderr).toContain('suggest <workspace.json>');
    const notJson = await trueup(['suggest', await tempFile('{ not json')]);
    expect(notJson.code).not.toBe(0);
    expect(notJson.stdout).toBe('');
    expect(notJson.stderr).toContain('not valid JSON');
  });
});
