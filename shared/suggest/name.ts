// One organization or account name, analyzed once into the forms every comparison uses.
import { compact, foldAccents, splitTruncation, tokenize, type RawToken } from './fold.ts';
import { CANONICAL, LEGAL_ANYWHERE, LEGAL_AT_END, NUMBER_WORDS, STOPWORDS } from './vocabulary.ts';

export interface NameToken {
  /** The folded word as written ("svcs"). */
  surface: string;
  /** Abbreviation expanded, number spelled as digits, plural dropped ("service"). */
  canon: string;
  dotted: boolean;
  /** Written in capitals: may be initials ("CU" for "Credit Union"). */
  upper: boolean;
  /** Words with digits only ever match exactly: "District 12" is not "District 13". */
  digits: boolean;
}

export interface NameInfo {
  /** Case-insensitive, whitespace-collapsed text: equality here is an exact match. */
  exactKey: string;
  /** The name ended in "..." because the module cut it. */
  truncated: boolean;
  /** All letters and digits of the (kept part of the) name, nothing dropped. */
  fullCompact: string;
  /** The words that identify the organization: no legal form, "The", "&", honorifics. */
  tokens: NameToken[];
  /** Identity words as written, joined: equal keys are the same name written differently. */
  surfaceKey: string;
  /** Identity words in canonical form, joined. */
  canonKey: string;
}

/** Plural and possessive "s" off, so "Supplies", "Supply" and "Mary's" meet their singular. */
export function stem(word: string): string {
  if (word.length <= 3 || /\d/.test(word)) return word;
  if (word.endsWith('ies') && word.length > 4) return word.slice(0, -3) + 'y';
  if (word.endsWith('sses')) return word.slice(0, -2);
  if (word.endsWith('ss') || word.endsWith('us') || word.endsWith('is')) return word;
  if (word.endsWith('s')) return word.slice(0, -1);
  return word;
}

/** The canonical form of one folded word. */
export function canonical(word: string): string {
  const spelled = NUMBER_WORDS[word] ?? word;
  const expanded = CANONICAL[spelled] ?? spelled;
  const singular = stem(expanded);
  return CANONICAL[singular] ?? singular;
}

function identityWords(tokens: RawToken[]): RawToken[] {
  // Never drop everything: a client called "The Company" is still called something.
  const kept = tokens.filter((t) => !STOPWORDS.has(t.text) && !LEGAL_ANYWHERE.has(t.text));
  const words = kept.length > 0 ? kept : tokens;
  let end = words.length;
  while (end > 1 && LEGAL_AT_END.has(words[end - 1]?.text ?? '')) end--;
  return words.slice(0, end);
}

// Labels of a domain that say nothing about who the client is.
const DOMAIN_NOISE: ReadonlySet<string> = new Set([
  'www', 'com', 'net', 'org', 'io', 'co', 'uk', 'us', 'ca', 'au', 'de', 'fr', 'nl', 'biz', 'info',
  'onmicrosoft', 'sharepoint', 'local', 'lan', 'corp',
]);

// Backup and security modules often name a client by its domain ("brass-building.com",
// "brassbuilding.onmicrosoft.com"): the name is what is left of it.
function domainName(folded: string): string | null {
  const text = folded.trim();
  if (!/^[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)+$/u.test(text)) return null;
  const labels = text.split('.').filter((l) => !DOMAIN_NOISE.has(l));
  return labels.length > 0 && labels.length < text.split('.').length ? labels.join(' ') : null;
}

/** Analyzes a name for matching (pure, deterministic). */
export function analyzeName(raw: string): NameInfo {
  const folded = foldAccents(raw);
  const { text, truncated } = splitTruncation(domainName(folded.toLowerCase()) ?? folded);
  const tokens = identityWords(tokenize(text)).map((t): NameToken => ({
    surface: t.text,
    canon: canonical(t.text),
    dotted: t.dotted,
    upper: t.upper,
    digits: /\d/.test(t.text),
  }));
  return {
    exactKey: raw.normalize('NFC').trim().replace(/\s+/g, ' ').toLowerCase(),
    truncated,
    fullCompact: compact(text.toLowerCase()),
    tokens,
    surfaceKey: tokens.map((t) => t.surface).join(''),
    canonKey: tokens.map((t) => t.canon).join(''),
  };
}
