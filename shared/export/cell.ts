// Spreadsheet formula injection: Excel, LibreOffice and Google Sheets run a cell that
// starts with = + - @ (and some also after a leading tab or carriage return) as a formula,
// so an account named =HYPERLINK("http://…") would become a live link in the MSP's
// accounting file. Text cells that could start a formula get a leading apostrophe, which
// spreadsheets show as plain text. Numbers (quantities, prices, amounts, including
// negative ones) are never passed through here: they must stay numbers.

const FORMULA_START = /^[=+\-@\t\r]/;

/** A text cell made safe to open in a spreadsheet: a leading `'` when it could start a formula. */
export function escapeCell(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}
