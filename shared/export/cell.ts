// A spreadsheet opening an export runs any cell that looks like a formula: an account
// named `=HYPERLINK(...)` would become a live link. Such text is written with a leading
// apostrophe, which spreadsheets show as text. Only text goes through here: amounts and
// quantities (a credit's "-52.50") are numbers and are never altered.
const FORMULA_START = /^[=+\-@\t\r]/;

/** The text as a CSV cell that no spreadsheet evaluates. */
export function escapeCell(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}
