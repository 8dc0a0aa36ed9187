// An account's name made from an organization's: the suffixes modules add or legal forms
// ("_Org", "LLC", "Inc.", a trailing "...") come off, the way suggestions read names
// (shared/suggest/name.ts), but the words and their casing stay as the module wrote them.
import { LEGAL_ANYWHERE, LEGAL_AT_END, STOPWORDS } from '../suggest/vocabulary.ts';
import { foldAccents } from '../suggest/fold.ts';

// A word at the very end, after a separator: " LLC", ", Inc.", "_Org", "-Ltd".
const TRAILING_WORD = /[\s_,.\-/]+([\p{L}.]+)\.?\s*$/u;

function isLegal(word: string): boolean {
  const folded = foldAccents(word).toLowerCase().replaceAll('.', '');
  return LEGAL_AT_END.has(folded) || LEGAL_ANYWHERE.has(folded);
}

/** The name for an account made from an org name; never empty when the org name is not. */
export function cleanAccountName(raw: string): string {
  let name = raw.replace(/\s+/g, ' ').trim().replace(/(\.\.\.|…)$/u, '').trim();
  for (;;) {
    const match = TRAILING_WORD.exec(name);
    const word = match?.[1];
    if (!match || word === undefined || !isLegal(word)) break;
    const rest = name.slice(0, match.index).trim();
    // Never strip down to nothing that names the client ("The Company" stays).
    const words = foldAccents(rest).toLowerCase().split(/[^\p{L}\p{N}]+/u).filter(Boolean);
    if (words.every((w) => STOPWORDS.has(w))) break;
    name = rest;
  }
  name = name.replace(/[\s_,\-/]+$/u, '').trim();
  return name === '' ? raw.trim() : name;
}
