// Which account, if any, one org name should be suggested for. Tiers from strongest to
// weakest evidence; a tier that finds more than one equally good account ends the search
// with no suggestion, because a wrong suggestion costs more than a missing one.
import { accountsWithPrefix, candidateEntries, type AccountIndex } from './account-index.ts';
import { align, type Alignment } from './align.ts';
import type { NameInfo } from './name.ts';

export type Reason = 'exact' | 'normalized' | 'similar';

export interface Match {
  account: number;
  confidence: number;
  reason: Reason;
}

// Confidence of each kind of evidence (the admin may accept all above a level).
const CONF_SAME_WRITING = 0.97; // same words once case, accents, punctuation, legal form are set aside
const CONF_SAME_WORDS = 0.93; //   same words once abbreviations, plurals, number words are set aside
const CONF_TIE_BROKEN = 0.85; //   two accounts share the words; one is also written like the org
const ALIAS_FACTOR = 0.95; //      matched through an org already mapped to the account

// A cut-off name must keep enough letters to say something.
const MIN_PREFIX = 8;
// Similar names: the best candidate must beat the runner-up by this much.
const FULL_MARGIN = 0.05;
const LONGER_MARGIN = 0.15;
// A shortened org name must carry this share of the account's weight...
const MIN_SHORTER_COVER = 0.55;
// ...and an org with extra words must be mostly explained by the account.
const MIN_LONGER_COVER = 0.5;
const MIN_LONGER_COVER_INSIDE = 0.7;
const MIN_SIMILARITY = 0.8;

function only(accounts: ReadonlySet<number> | ReadonlyMap<number, boolean> | undefined): number | null {
  if (!accounts || accounts.size !== 1) return null;
  const [first] = accounts.keys();
  return first ?? null;
}

// Evidence through the name of an org already mapped to the account is a little weaker
// than the account's own name: the earlier mapping may itself be a special case.
function own(accounts: ReadonlyMap<number, boolean> | undefined, account: number): number {
  return accounts?.get(account) === true ? 1 : ALIAS_FACTOR;
}

interface Scored {
  account: number;
  alias: boolean;
  a: Alignment;
}

const FIT_RANK = { full: 0, shorter: 1, longer: 1, partial: 2 } as const;

function better(x: Scored, y: Scored): boolean {
  if (FIT_RANK[x.a.fit] !== FIT_RANK[y.a.fit]) return FIT_RANK[x.a.fit] < FIT_RANK[y.a.fit];
  if (x.a.similarity !== y.a.similarity) return x.a.similarity > y.a.similarity;
  if (x.a.orgCover + x.a.accountCover !== y.a.orgCover + y.a.accountCover) return x.a.orgCover + x.a.accountCover > y.a.orgCover + y.a.accountCover;
  return !x.alias && y.alias;
}

// The best alignment per account over all names it is known by.
function scoreCandidates(index: AccountIndex, org: NameInfo): Scored[] {
  const best = new Map<number, Scored>();
  for (const e of candidateEntries(index, org)) {
    const entry = index.entries[e];
    if (!entry) continue;
    const scored: Scored = { account: entry.account, alias: entry.alias, a: align(org, entry.info, index.weigh) };
    const current = best.get(entry.account);
    if (!current || better(scored, current)) best.set(entry.account, scored);
  }
  return [...best.values()].filter((s) => s.a.fit !== 'partial');
}

function acceptable(s: Scored): boolean {
  const a = s.a;
  if (a.similarity < MIN_SIMILARITY) return false;
  switch (a.fit) {
    case 'full': return true;
    case 'shorter': return a.accountFirstMatched && !a.missingInside && a.accountCover >= MIN_SHORTER_COVER;
    case 'longer': return a.orgCover >= (a.extraInside ? MIN_LONGER_COVER_INSIDE : MIN_LONGER_COVER);
    case 'partial': return false;
  }
}

function similarConfidence(s: Scored): number {
  const a = s.a;
  const cover = a.fit === 'shorter' ? a.accountCover : a.fit === 'longer' ? a.orgCover : 1;
  return 0.9 * a.similarity * (0.5 + 0.5 * cover) * (s.alias ? ALIAS_FACTOR : 1);
}

// Among accounts the org is consistent with, the single one it should be, if any.
function pickSimilar(candidates: Scored[]): Scored | null {
  const full = candidates.filter((c) => c.a.fit === 'full').sort((x, y) => y.a.similarity - x.a.similarity);
  const [first, second] = full;
  if (first) {
    if (second && first.a.similarity - second.a.similarity < FULL_MARGIN) return null;
    return acceptable(first) ? first : null;
  }
  // No account has exactly the org's words. A shortened org name that fits two accounts
  // ("Brass Building": "…Supplies" and "…Supply Co") says nothing about which one.
  if (candidates.length === 1) {
    const [one] = candidates;
    return one && acceptable(one) ? one : null;
  }
  if (candidates.some((c) => c.a.fit === 'shorter')) return null;
  // Only extended forms: the account explaining clearly more of the org wins
  // ("Summit Dental Lab East": "Summit Dental Lab" over "Summit Dental").
  const longer = [...candidates].sort((x, y) => y.a.orgCover - x.a.orgCover);
  const [top, next] = longer;
  if (!top || !next || top.a.orgCover - next.a.orgCover < LONGER_MARGIN) return null;
  return acceptable(top) ? top : null;
}

/** The account one org name should be suggested for, or null when unsure. */
export function matchName(index: AccountIndex, org: NameInfo): Match | null {
  if (org.tokens.length === 0) return null;
  const exact = index.byExact.get(org.exactKey);
  if (exact && exact.size > 0) {
    const account = only(exact);
    return account === null ? null : { account, confidence: own(exact, account), reason: 'exact' };
  }
  if (org.truncated) {
    if (org.fullCompact.length < MIN_PREFIX) return null;
    const found = accountsWithPrefix(index, org.fullCompact);
    if (org.fullCompact.startsWith('the')) for (const a of accountsWithPrefix(index, org.fullCompact.slice(3))) found.add(a);
    if (found.size > 1) return null;
    const account = only(found);
    if (account !== null) {
      const full = analyzedLength(index, account);
      return { account, confidence: 0.6 + 0.35 * Math.min(1, org.fullCompact.length / full), reason: 'similar' };
    }
  } else {
    const surface = index.bySurface.get(org.surfaceKey);
    const canon = index.byCanon.get(org.canonKey);
    const all = new Set([...(surface?.keys() ?? []), ...(canon?.keys() ?? [])]);
    if (all.size > 0) {
      const account = only(all);
      if (account !== null) {
        const confidence = surface?.has(account) ? CONF_SAME_WRITING * own(surface, account) : CONF_SAME_WORDS * own(canon, account);
        return { account, confidence, reason: 'normalized' };
      }
      const written = only(surface);
      return written === null ? null : { account: written, confidence: CONF_TIE_BROKEN * own(surface, written), reason: 'normalized' };
    }
  }
  const picked = pickSimilar(scoreCandidates(index, org));
  return picked ? { account: picked.account, confidence: similarConfidence(picked), reason: 'similar' } : null;
}

function analyzedLength(index: AccountIndex, account: number): number {
  // The first entries are the accounts' own names, in account order.
  const entry = index.entries[account];
  return Math.max(1, entry?.info.fullCompact.length ?? 1);
}
