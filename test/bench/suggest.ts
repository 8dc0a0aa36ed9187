import { performance } from 'node:perf_hooks';
import { parseOrThrow } from '../../shared/schema/issues.ts';
import { workspace, type Workspace } from '../../shared/schema/workspace.ts';
import { suggestMappings } from '../../shared/suggest/index.ts';
import { pick, seededRandom } from '../../scripts/demo/random.ts';

const SYLLABLES = ['bra', 'kel', 'vor', 'tan', 'mi', 'ro', 'sel', 'dun', 'ar', 'lo', 'pen', 'qui', 'zar', 'ho', 'ven', 'ti', 'gra', 'mon', 'lu', 'shen'];
const PLACES = ['North', 'South', 'Lake', 'River', 'Oak', 'Pine', 'Cedar', 'Harbor', 'Summit', 'Valley', 'Bay', 'Hill'];
const TRADES = ['Dental', 'Plumbing', 'Law Group', 'Accounting', 'Services', 'Solutions', 'Medical Center', 'Roofing',
  'Consulting', 'Realty', 'Logistics', 'Pharmacy', 'Insurance Agency', 'Veterinary Clinic', 'Construction', 'Technologies'];
const LEGAL = ['', '', '', ' LLC', ' Inc.', ' Corp.', ' Co.'];

function brand(random: () => number): string {
  const word = Array.from({ length: 2 + Math.floor(random() * 2) }, () => pick(random, SYLLABLES)).join('');
  return word[0]?.toUpperCase() + word.slice(1);
}

// How a module may write an account's name.
const VARIANTS: ((name: string, random: () => number) => string)[] = [
  (n) => `${n} LLC`, (n) => `${n}_LLC`, (n) => `${n}_Org`, (n) => n.toUpperCase(),
  (n) => `${n.slice(0, Math.max(10, n.length - 6))}...`,
  (n, r) => { const i = 3 + Math.floor(r() * (n.length - 4)); return n.slice(0, i) + n.slice(i + 1); },
  (n) => `${n} - Main Office`,
];

/** A tenant with `accounts` accounts and `orgs` unmapped orgs over 6 modules (3/4 of them are accounts' clients). */
export function suggestWorkspace(accounts: number, orgs: number, seed = 11): Workspace {
  const random = seededRandom(seed);
  const names = Array.from({ length: accounts }, () =>
    `${random() < 0.4 ? pick(random, PLACES) + ' ' : ''}${brand(random)} ${pick(random, TRADES)}${pick(random, LEGAL)}`);
  const modules = ['datto-rmm', 'datto-bcdr', 'spanning', 'compliance-manager', 'cyber-hawk', 'network-detective-pro'];
  const uploads = modules.map((module) => ({ module, date: '2026-10-01', orgs: [] as { orgId: string; name: string; metrics: Record<string, number> }[] }));
  for (let i = 0; i < orgs; i++) {
    const upload = pick(random, uploads);
    const name = random() < 0.75 ? pick(random, VARIANTS)(pick(random, names), random) : `${brand(random)} ${pick(random, TRADES)}`;
    upload.orgs.push({ orgId: `o${i}`, name, metrics: {} });
  }
  return parseOrThrow(workspace, { version: 1, accounts: names.map((name, i) => ({ id: `a${i}`, name })), uploads }, 'workspace');
}

/** suggestMappings on a large tenant: 2,000 accounts × 6,000 orgs, and 5,000 × 10,000. */
export async function bench(): Promise<Record<string, unknown>> {
  const figures: Record<string, unknown> = {};
  for (const [accounts, orgs] of [[2000, 6000], [5000, 10000]] as const) {
    const ws = suggestWorkspace(accounts, orgs);
    suggestMappings(ws); // warm up the JIT
    const runs: number[] = [];
    let count = 0;
    for (let i = 0; i < 3; i++) {
      const start = performance.now();
      count = suggestMappings(ws).length;
      runs.push(performance.now() - start);
    }
    const ms = Math.min(...runs);
    figures[`${accounts}x${orgs}`] = { accounts, orgs, suggestions: count, ms: Math.round(ms) };
  }
  console.table(figures);
  return figures;
}
