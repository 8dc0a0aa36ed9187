// Loads a labelled set of org names (test/fixtures/suggest) into workspaces, runs the
// matcher and scores it: precision over the suggestions made, recall over the orgs that
// have a right account.
import { readFileSync } from 'node:fs';
import { workspace, type Workspace, type WorkspaceInput } from '../../shared/schema/workspace.ts';
import { parseOrThrow } from '../../shared/schema/issues.ts';
import { suggestMappings, type Suggestion } from '../../shared/suggest/index.ts';

type Pair = [module: string, orgName: string, expected: string | null, pattern: string];

interface Scenario {
  name: string;
  accounts: [id: string, name: string][];
  orgMappings?: [module: string, orgName: string, accountId: string][];
  pairs: Pair[];
}

export interface Outcome {
  scenario: string;
  module: string;
  orgName: string;
  expected: string | null;
  pattern: string;
  got: Suggestion | undefined;
}

export interface Score {
  pairs: number;
  positives: number;
  suggested: number;
  correct: number;
  wrong: Outcome[];
  missed: Outcome[];
  precision: number;
  recall: number;
}

export function loadScenarios(file: string): Scenario[] {
  const data = JSON.parse(readFileSync(new URL(`../fixtures/suggest/${file}`, import.meta.url), 'utf8')) as { scenarios: Scenario[] };
  return data.scenarios;
}

/** The workspace of one scenario: one upload per module holding its orgs. */
export function scenarioWorkspace(s: Scenario): Workspace {
  const orgs = new Map<string, { orgId: string; name: string; metrics: Record<string, number> }[]>();
  const add = (module: string, orgId: string, name: string) => {
    const list = orgs.get(module) ?? [];
    list.push({ orgId, name, metrics: {} });
    orgs.set(module, list);
  };
  const orgMappings = (s.orgMappings ?? []).map(([module, name, accountId], i) => {
    add(module, `known-${i}`, name);
    return { module, orgId: `known-${i}`, accountId };
  });
  s.pairs.forEach(([module, name], i) => add(module, `org-${i}`, name));
  const input: WorkspaceInput = {
    version: 1,
    accounts: s.accounts.map(([id, name]) => ({ id, name })),
    orgMappings,
    uploads: [...orgs].map(([module, list]) => ({ module, date: '2026-10-01', orgs: list })),
  };
  return parseOrThrow(workspace, input, 'workspace');
}

export function evaluate(scenarios: Scenario[]): { score: Score; outcomes: Outcome[] } {
  const outcomes: Outcome[] = [];
  for (const s of scenarios) {
    const got = new Map(suggestMappings(scenarioWorkspace(s)).map((g) => [`${g.module}\u0000${g.orgId}`, g]));
    s.pairs.forEach(([module, orgName, expected, pattern], i) => {
      outcomes.push({ scenario: s.name, module, orgName, expected, pattern, got: got.get(`${module}\u0000org-${i}`) });
    });
  }
  const suggested = outcomes.filter((o) => o.got);
  const correct = suggested.filter((o) => o.got?.accountId === o.expected);
  const positives = outcomes.filter((o) => o.expected !== null);
  return {
    outcomes,
    score: {
      pairs: outcomes.length,
      positives: positives.length,
      suggested: suggested.length,
      correct: correct.length,
      wrong: suggested.filter((o) => o.got?.accountId !== o.expected),
      missed: positives.filter((o) => o.got?.accountId !== o.expected),
      precision: suggested.length === 0 ? 1 : correct.length / suggested.length,
      recall: positives.length === 0 ? 1 : correct.length / positives.length,
    },
  };
}
