// Word-by-word alignment of an org name with an account name. The result says not just
// how similar the two are but how they differ, because that decides precision: a name
// that is a shortened or extended form of exactly one account is a match, two names that
// each have a word the other lacks ("Pearl Pharmaceutical" / "Pearl Plumbing") are not.
import { withinOneEdit } from './distance.ts';
import type { NameInfo, NameToken } from './name.ts';
import { SKIPPABLE_MIDDLE } from './vocabulary.ts';

/** How the org name relates to the account name once words are aligned. */
export type Fit =
  | 'full' //    every word of each side matched
  | 'shorter' // every org word matched, the account has more ("Brass Building" / "Brass Building Supplies")
  | 'longer' //  every account word matched, the org has more ("Acme - Main Office" / "Acme")
  | 'partial'; // both sides keep a word of their own: different organizations

export interface Alignment {
  fit: Fit;
  /** Weighted mean similarity of the matched words: 1 when all matched exactly. */
  similarity: number;
  /** Share of the org name's weight that the account explains, 0..1. */
  orgCover: number;
  /** Share of the account name's weight that the org explains, 0..1. */
  accountCover: number;
  /** The account's first word, usually its brand, is present in the org name. */
  accountFirstMatched: boolean;
  /** Account words missing from the org are not only at its end (and not skippable). */
  missingInside: boolean;
  /** Org words absent from the account are not only at its end. */
  extraInside: boolean;
}

// Similarity of a word pair by the kind of evidence.
const SIM_EXACT = 1;
const SIM_JOINED = 0.95; // "Lonestar" / "Lone Star"
const SIM_TYPO = 0.85; // one letter off (not the first) in a word of at least 5 letters
const SIM_INITIALS = 0.8; // "CU" / "Credit Union"
const SIM_PREFIX = 0.75; // "Constr." / "Construction", "Manageme" cut off
const MIN_TYPO_LENGTH = 5;
const MIN_SWAP_LENGTH = 4;

export type Weigh = (canon: string) => number;

interface Side {
  tokens: NameToken[];
  weights: number[];
  matched: number[]; // similarity credited to each word, 0 if unmatched
}

function side(info: NameInfo, weigh: Weigh): Side {
  return { tokens: info.tokens, weights: info.tokens.map((t) => weigh(t.canon)), matched: info.tokens.map(() => 0) };
}

function free(s: Side, i: number): boolean {
  return s.matched[i] === 0;
}

function pairExact(o: Side, a: Side): void {
  o.tokens.forEach((ot, i) => {
    const j = a.tokens.findIndex((at, k) => free(a, k) && at.canon === ot.canon);
    if (j >= 0) { o.matched[i] = SIM_EXACT; a.matched[j] = SIM_EXACT; }
  });
}

// One word on one side equals two neighbouring words on the other.
function pairJoined(one: Side, two: Side): void {
  one.tokens.forEach((t, i) => {
    if (!free(one, i)) return;
    for (let j = 0; j + 1 < two.tokens.length; j++) {
      const x = two.tokens[j];
      const y = two.tokens[j + 1];
      if (!x || !y || !free(two, j) || !free(two, j + 1)) continue;
      if (t.surface === x.surface + y.surface || t.canon === x.canon + y.canon || t.canon === x.surface + y.surface) {
        one.matched[i] = SIM_JOINED; two.matched[j] = SIM_JOINED; two.matched[j + 1] = SIM_JOINED;
        return;
      }
    }
  });
}

// First letters are seldom mistyped but often tell real names apart ("Bell" / "Dell",
// "Mason" / "Jason"), so a typo keeps the first letter.
function typo(x: NameToken, y: NameToken): boolean {
  if (x.digits || y.digits) return false;
  const near = (a: string, b: string) => {
    if (a[0] !== b[0]) return false;
    const shortest = Math.min(a.length, b.length);
    return (shortest >= MIN_TYPO_LENGTH && withinOneEdit(a, b)) || (shortest >= MIN_SWAP_LENGTH && swapped(a, b));
  };
  return near(x.canon, y.canon) || near(x.surface, y.surface);
}

// Two neighbouring letters typed in the wrong order ("Tehc"): safe even in short words,
// where one changed letter often makes another real name ("Bell" / "Ball").
function swapped(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let i = 0;
  while (i < a.length && a[i] === b[i]) i++;
  return i + 1 < a.length && a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2);
}

function pairTypos(o: Side, a: Side): void {
  o.tokens.forEach((ot, i) => {
    if (!free(o, i)) return;
    const j = a.tokens.findIndex((at, k) => free(a, k) && typo(ot, at));
    if (j >= 0) { o.matched[i] = SIM_TYPO; a.matched[j] = SIM_TYPO; }
  });
}

// An abbreviation is trusted when written with a dot, or when it is not the first word
// (where brands live: "Art Supply" is not "Artisan Supply"), or when it ends a name that
// may have been cut off.
function mayAbbreviate(tokens: NameToken[], i: number): boolean {
  const t = tokens[i];
  if (!t || t.digits || t.surface.length < 3) return false;
  if (t.dotted) return true;
  if (t.surface.length < 4) return false;
  return i > 0 || (tokens.length > 1 && i === tokens.length - 1);
}

function abbreviates(short: NameToken, long: NameToken): boolean {
  return !long.digits && long.surface.length >= short.surface.length + 2 && long.surface.startsWith(short.surface);
}

function pairPrefixes(o: Side, a: Side): void {
  o.tokens.forEach((ot, i) => {
    if (!free(o, i)) return;
    const j = a.tokens.findIndex((at, k) => free(a, k)
      && ((mayAbbreviate(o.tokens, i) && abbreviates(ot, at)) || (mayAbbreviate(a.tokens, k) && abbreviates(at, ot))));
    if (j >= 0) { o.matched[i] = SIM_PREFIX; a.matched[j] = SIM_PREFIX; }
  });
}

/** A short word in capitals ("CU", "HOA") may stand for the initials of several words. */
export function mayBeInitials(t: NameToken): boolean {
  return t.upper && t.surface.length >= 2 && t.surface.length <= 4 && /^\p{L}+$/u.test(t.surface);
}

// "CU" for "Credit Union", "CC" for "Country Club": initials of neighbouring unmatched
// words on the other side.
function pairInitials(one: Side, many: Side): void {
  one.tokens.forEach((t, i) => {
    if (!free(one, i) || !mayBeInitials(t)) return;
    const n = t.surface.length;
    for (let j = 0; j + n <= many.tokens.length; j++) {
      const run = many.tokens.slice(j, j + n);
      if (run.every((r, k) => free(many, j + k) && !r.digits && r.surface[0] === t.surface[k])) {
        one.matched[i] = SIM_INITIALS;
        for (let k = 0; k < n; k++) many.matched[j + k] = SIM_INITIALS;
        return;
      }
    }
  });
}

function cover(s: Side): number {
  let total = 0;
  let got = 0;
  s.weights.forEach((w, i) => { total += w; got += w * (s.matched[i] ?? 0); });
  return total > 0 ? got / total : 0;
}

// Weighted mean similarity over the matched words of both sides.
function similarity(o: Side, a: Side): number {
  let weight = 0;
  let got = 0;
  for (const s of [o, a]) {
    s.weights.forEach((w, i) => {
      const m = s.matched[i] ?? 0;
      if (m > 0) { weight += w; got += w * m; }
    });
  }
  return weight > 0 ? got / weight : 0;
}

// True when an unmatched word comes before a matched one (ignoring skippable words).
function gapInside(s: Side, skippable: (t: NameToken) => boolean): boolean {
  let lastMatched = -1;
  s.matched.forEach((m, i) => { if (m > 0) lastMatched = i; });
  return s.tokens.some((t, i) => i < lastMatched && free(s, i) && !skippable(t));
}

/** Aligns the words of an org name with those of an account name. */
export function align(org: NameInfo, account: NameInfo, weigh: Weigh): Alignment {
  const o = side(org, weigh);
  const a = side(account, weigh);
  pairExact(o, a);
  pairJoined(o, a);
  pairJoined(a, o);
  pairTypos(o, a);
  pairPrefixes(o, a);
  pairInitials(o, a);
  pairInitials(a, o);
  const orgLeft = o.matched.some((m) => m === 0);
  const accountLeft = a.matched.some((m) => m === 0);
  const fit: Fit = !orgLeft && !accountLeft ? 'full' : !orgLeft ? 'shorter' : !accountLeft ? 'longer' : 'partial';
  return {
    fit,
    similarity: similarity(o, a),
    orgCover: cover(o),
    accountCover: cover(a),
    accountFirstMatched: (a.matched[0] ?? 0) > 0,
    missingInside: gapInside(a, (t) => SKIPPABLE_MIDDLE.has(t.canon)),
    extraInside: gapInside(o, () => false),
  };
}
