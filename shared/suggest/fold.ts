// Text folding shared by every name comparison: accents, case, apostrophes, "&", dotted
// acronyms and separators, so "Café Lumière", "CAFE LUMIERE" and "Cafe_Lumiere" agree.

// Letters that Unicode decomposition leaves alone but people type without the mark.
const LETTERS: Readonly<Record<string, string>> = {
  ß: 'ss', æ: 'ae', œ: 'oe', ø: 'o', đ: 'd', ð: 'd', ł: 'l', þ: 'th', ı: 'i', ħ: 'h',
};

/** Without accents, case kept: "Øresund Société" → "Oresund Societe". */
export function foldAccents(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .replace(/[ßæœøđðłþıħÆŒØĐÐŁÞĦ]/g, (c) => {
      const folded = LETTERS[c.toLowerCase()] ?? c;
      return c === c.toLowerCase() ? folded : folded.toUpperCase();
    });
}


/** A folded name ending in "..." (or "…") was cut off by the module; returns the part kept. */
export function splitTruncation(folded: string): { text: string; truncated: boolean } {
  const match = /\.{3,}\s*$/.exec(folded.trimEnd());
  if (!match) return { text: folded, truncated: false };
  return { text: folded.trimEnd().slice(0, match.index), truncated: true };
}

/** Every letter and digit, nothing else: the form used to compare prefixes of cut-off names. */
export function compact(folded: string): string {
  return folded.replace(/[^\p{L}\p{N}]+/gu, '');
}

export interface RawToken {
  /** Lower case. */
  text: string;
  /** Written with a trailing dot, as abbreviations are ("Constr."). */
  dotted: boolean;
  /** Written in capitals, as initials are ("CU", "HOA"). */
  upper: boolean;
}

/** Splits an accent-folded name (case kept) into lower-case words with the hints that matter for matching. */
export function tokenize(folded: string): RawToken[] {
  const text = folded
    .replace(/['\u2018\u2019`\u02bc]/g, '')
    .replace(/[&+]/g, ' and ')
    // Dotted acronyms ("I.T.", "P.C.", "A.B.C.") are one word.
    .replace(/(?<![\p{L}\p{N}])\p{L}(?:\.\p{L})+\.?(?![\p{L}\p{N}])/gu, (m) => m.replaceAll('.', ''));
  const tokens: RawToken[] = [];
  for (const match of text.matchAll(/[\p{L}\p{N}]+(?:-[\p{L}\p{N}]+)*\.?/gu)) {
    const word = match[0];
    const dotted = word.endsWith('.');
    const parts = (dotted ? word.slice(0, -1) : word).split('-');
    // A hyphen next to a short piece joins ("Co-op", "A-1", "Tri-County", "24-7");
    // between two long words it separates ("Smith-Jones").
    const merged: string[] = [];
    for (const part of parts) {
      const last = merged.length - 1;
      const previous = merged[last];
      if (previous !== undefined && (previous.length <= 3 || part.length <= 3)) merged[last] = previous + part;
      else merged.push(part);
    }
    merged.forEach((part, i) => tokens.push({
      text: part.toLowerCase(),
      dotted: dotted && i === merged.length - 1,
      upper: /\p{Lu}/u.test(part) && !/\p{Ll}/u.test(part),
    }));
  }
  return mergeSingleLetters(tokens);
}

// "A B C Learning" and "A/S" are written letter by letter; they are one word.
function mergeSingleLetters(tokens: RawToken[]): RawToken[] {
  const out: (RawToken & { letters: boolean })[] = [];
  for (const token of tokens) {
    const single = token.text.length === 1 && /\p{L}/u.test(token.text);
    const last = out[out.length - 1];
    if (single && last?.letters) {
      last.text += token.text;
      last.dotted = token.dotted;
      last.upper &&= token.upper;
    } else {
      out.push({ ...token, letters: single });
    }
  }
  return out.map(({ text, dotted, upper }) => ({ text, dotted, upper }));
}
