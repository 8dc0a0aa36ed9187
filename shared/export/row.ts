import Papa from 'papaparse';
import { escapeCell } from './cell.ts';

/** A cell: `text` is escaped against formulas; `raw` (numbers, dates) is written as it is. */
export type ExportCell = { text: string } | { raw: string };
export type ExportRow = ExportCell[];

/** CSV text (RFC 4180, header row, CRLF line ends) of rows under the given columns. */
export function toCsv(columns: readonly string[], rows: readonly ExportRow[]): string {
  const data = rows.map((row) => row.map((cell) => ('text' in cell ? escapeCell(cell.text) : cell.raw)));
  return Papa.unparse({ fields: [...columns], data }, { newline: '\r\n' });
}
