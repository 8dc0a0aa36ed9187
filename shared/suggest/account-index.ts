// The accounts, indexed once so each org is compared only with accounts that share a
// word with it (or a typo, abbreviation or joined form of one): thousands of orgs against
// thousands of accounts stay far from the cost of comparing every pair.
import type { Account } from '../schema/workspace.ts';
import { mayBeInitials, type Weigh } from './align.ts';
import { deletions, withinOneEdit } from './distance.ts';
import { analyzeName, type NameInfo } from './name.ts';
import { GENERIC } from './vocabulary.ts';

/** One name an account is known by: its own, or that of an org already mapped to it. */
export interface Entry {
  account: number;
  info: NameInfo;
  alias: boolean;
}

export interface AccountIndex {
  accounts: readonly Account[];
  entries: Entry[];
  /** Name key → accounts known by it; true when it is the account's own name, not an alias. */
  byExact: Map<string, Map<number, boolean>>;
  bySurface: Map<string, Map<number, boolean>>;
  byCanon: Map<string, Map<number, boolean>>;
  /** Word (canonical or as written) → entries containing it. */
  postings: Map<string, number[]>;
  /** Two neighbouring words written together → entries ("lonestar" → "Lone Star Roofing"). */
  joined: Map<string, number[]>;
  /** One-letter deletion → words of at least 5 letters it comes from. */
  typos: Map<string, string[]>;
  /** Every indexed word, sorted, for abbreviation (prefix) lookups. */
  vocabulary: string[];
  /** Full compact names, sorted, for names the module cut off with "...". */
  prefixes: { key: string; account: number }[];
  prefixKeys: string[];
  weigh: Weigh;
}

function addTo<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (!list) map.set(key, [value]);
  else if (list[list.length - 1] !== value) list.push(value);
}

function addSet<K>(map: Map<K, Set<number>>, key: K, value: number): void {
  const set = map.get(key);
  if (set) set.add(value);
  else map.set(key, new Set([value]));
}

function addKey(map: Map<string, Map<number, boolean>>, key: string, entry: Entry): void {
  let accounts = map.get(key);
  if (!accounts) map.set(key, accounts = new Map());
  accounts.set(entry.account, (accounts.get(entry.account) ?? false) || !entry.alias);
}

const GENERIC_WEIGHT = 0.5;

/** Indexes accounts and the names of orgs already mapped to them (aliases). */
export function buildAccountIndex(accounts: readonly Account[], aliases: readonly { account: number; name: string }[] = []): AccountIndex {
  const entries: Entry[] = accounts.map((a, i) => ({ account: i, info: analyzeName(a.name), alias: false }));
  for (const alias of aliases) entries.push({ account: alias.account, info: analyzeName(alias.name), alias: true });

  const index: AccountIndex = {
    accounts, entries,
    byExact: new Map(), bySurface: new Map(), byCanon: new Map(),
    postings: new Map(), joined: new Map(), typos: new Map(),
    vocabulary: [], prefixes: [], prefixKeys: [],
    weigh: () => 1,
  };
  const documentFrequency = new Map<string, Set<number>>();
  entries.forEach((entry, e) => {
    const { info } = entry;
    addKey(index.byExact, info.exactKey, entry);
    if (info.tokens.length === 0) return;
    addKey(index.bySurface, info.surfaceKey, entry);
    addKey(index.byCanon, info.canonKey, entry);
    info.tokens.forEach((t, i) => {
      addTo(index.postings, t.canon, e);
      addTo(index.postings, t.surface, e);
      addSet(documentFrequency, t.canon, entry.account);
      const next = info.tokens[i + 1];
      if (next) {
        addTo(index.joined, t.surface + next.surface, e);
        addTo(index.joined, t.canon + next.canon, e);
      }
    });
    if (!entry.alias) {
      index.prefixes.push({ key: info.fullCompact, account: entry.account });
      if (info.fullCompact.startsWith('the')) index.prefixes.push({ key: info.fullCompact.slice(3), account: entry.account });
    }
  });
  for (const word of index.postings.keys()) {
    if (word.length < 5 || /\d/.test(word)) continue;
    // The word itself is a key too, so a word with one letter more finds it.
    for (const d of [word, ...deletions(word)]) addTo(index.typos, d, word);
  }
  index.vocabulary = [...index.postings.keys()].sort();
  index.prefixes.sort((x, y) => (x.key < y.key ? -1 : x.key > y.key ? 1 : x.account - y.account));
  index.prefixKeys = index.prefixes.map((p) => p.key);

  // Rare words identify; words many accounts share ("services", "dental") say little.
  const n = accounts.length;
  const weights = new Map<string, number>();
  index.weigh = (canon) => {
    let w = weights.get(canon);
    if (w === undefined) {
      const df = documentFrequency.get(canon)?.size ?? 0;
      w = (GENERIC.has(canon) ? GENERIC_WEIGHT : 1) * (1 + Math.log((n + 1) / (df + 1)));
      weights.set(canon, w);
    }
    return w;
  };
  return index;
}

function lowerBound(sorted: readonly string[], key: string): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((sorted[mid] ?? '') < key) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Accounts whose full name starts with the kept part of a cut-off org name. */
export function accountsWithPrefix(index: AccountIndex, prefix: string): Set<number> {
  const found = new Set<number>();
  for (let i = lowerBound(index.prefixKeys, prefix); i < index.prefixes.length; i++) {
    const p = index.prefixes[i];
    if (!p || !p.key.startsWith(prefix)) break;
    found.add(p.account);
  }
  return found;
}

const MAX_PREFIX_WORDS = 64;

// Indexed words an org word may stand for: itself, a one-letter typo or swap of it, a longer word
// it abbreviates, or a shorter word abbreviating it.
function relatedWords(index: AccountIndex, word: string, digits: boolean): string[] {
  const out = [word];
  if (digits) return out;
  if (word.length >= 5) {
    for (const d of [word, ...deletions(word)]) {
      for (const v of index.typos.get(d) ?? []) if (v !== word && withinOneEdit(word, v)) out.push(v);
    }
  }
  if (word.length >= 4) {
    for (let i = 0; i + 1 < word.length; i++) {
      const swapped = word.slice(0, i) + word.charAt(i + 1) + word.charAt(i) + word.slice(i + 2);
      if (swapped !== word && index.postings.has(swapped)) out.push(swapped);
    }
  }
  if (word.length >= 3) {
    const start = lowerBound(index.vocabulary, word);
    for (let i = start; i < index.vocabulary.length && i < start + MAX_PREFIX_WORDS; i++) {
      const v = index.vocabulary[i];
      if (!v || !v.startsWith(word)) break;
      if (v !== word) out.push(v);
    }
    for (let k = 3; k <= word.length - 2; k++) {
      const p = word.slice(0, k);
      if (index.postings.has(p)) out.push(p);
    }
  }
  return out;
}

/**
 * Entries that could match the org. Only a shortened, extended or full form of a name can
 * be suggested, so all the words of one side must be found: an entry found by fewer org
 * words than that (allowing for initials, which no index finds) is left out unaligned.
 */
export function candidateEntries(index: AccountIndex, org: NameInfo): number[] {
  const hits = new Map<number, number>();
  let orgInitials = 0;
  org.tokens.forEach((t, i) => {
    // Each org word credits an entry once, with the most words it explains there.
    const seen = new Map<number, number>();
    const credit = (list: readonly number[] | undefined, amount: number) => {
      for (const e of list ?? []) {
        const before = seen.get(e) ?? 0;
        if (amount <= before) continue;
        seen.set(e, amount);
        hits.set(e, (hits.get(e) ?? 0) + amount - before);
      }
    };
    for (const w of new Set([...relatedWords(index, t.canon, t.digits), ...relatedWords(index, t.surface, t.digits)])) {
      credit(index.postings.get(w), 1);
    }
    credit(index.joined.get(t.surface), 2);
    credit(index.joined.get(t.canon), 2);
    // Two org words written as one account word ("Blue Bird" / "Bluebird") are both found.
    const next = org.tokens[i + 1];
    if (next) {
      credit(index.postings.get(t.surface + next.surface), 2);
      credit(index.postings.get(t.canon + next.canon), 2);
    }
    if (seen.size === 0 && mayBeInitials(t)) orgInitials++;
  });
  const out: number[] = [];
  for (const [e, count] of hits) {
    const entry = index.entries[e];
    if (!entry) continue;
    const accountInitials = entry.info.tokens.filter(mayBeInitials).length;
    const allOrgWords = org.tokens.length - orgInitials;
    const allAccountWords = entry.info.tokens.length - accountInitials - 2 * orgInitials;
    if (count >= Math.max(1, Math.min(allOrgWords, allAccountWords))) out.push(e);
  }
  return out;
}
