import type { Issue } from '../schema/issues.ts';

// How the party forms read what was typed: blanks mean "not given", a textarea is one
// address line per line, and a number of days is a whole number or an error naming it.

/** Blank → undefined; surrounding spaces removed. */
export function optional(text: string): string | undefined {
  const trimmed = text.trim();
  return trimmed === '' ? undefined : trimmed;
}

/** The non-blank lines of a textarea. */
export function lines(text: string): string[] {
  return text.split('\n').map((line) => line.trim()).filter((line) => line !== '');
}

/** A typed number of days: a whole number when it is one, else the text (so the schema names the field). */
export function days(text: string): number | string | undefined {
  const trimmed = text.trim();
  if (trimmed === '') return undefined;
  return /^\d+$/.test(trimmed) ? Number(trimmed) : trimmed;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** The problem with a typed e-mail address, if it does not look like one (the mail server has the last word). */
export function emailIssues(text: unknown): Issue[] {
  return typeof text === 'string' && !EMAIL.test(text) ? [{ path: 'email', message: 'must be an e-mail address such as billing@example.com' }] : [];
}

/** Leaves out the keys whose value is undefined. */
export function defined<T extends Record<string, unknown>>(record: T): Partial<T> {
  return Object.fromEntries(Object.entries(record).filter(([, v]) => v !== undefined)) as Partial<T>;
}
