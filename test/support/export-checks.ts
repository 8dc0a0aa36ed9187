// What an accounting product does with an imported file: multiply quantity by unit
// amount per row (rounded half away from zero to the cent) and add up each invoice.
import Papa from 'papaparse';
import { amountUnits, formatAmount, lineAmount, priceUnits } from '../../shared/money/amount.ts';
import { quantityUnits } from '../../shared/money/scaled.ts';

export type CsvRecord = Record<string, string>;

/** Parses export CSV text into its header and one record per row. */
export function parseCsv(text: string): { header: string[]; rows: CsvRecord[] } {
  const parsed = Papa.parse<string[]>(text.trimEnd(), { skipEmptyLines: true });
  const [header = [], ...data] = parsed.data;
  return { header, rows: data.map((cells) => Object.fromEntries(header.map((h, i) => [h, cells[i] ?? '']))) };
}

/** Per invoice number: Σ of quantity × unit amount as the target recomputes each row, and every row that does not match its own amount. */
export function recompute(rows: readonly CsvRecord[], columns: { number: string; quantity: string; unit: string; amount?: string }, currency = 'USD'): Map<string, string> {
  const sums = new Map<string, bigint>();
  for (const row of rows) {
    const number = row[columns.number] ?? '';
    const amount = lineAmount(priceUnits(row[columns.unit] ?? ''), quantityUnits(row[columns.quantity] ?? ''), 1n, 1n, currency);
    if (columns.amount !== undefined && amount !== amountUnits(row[columns.amount] ?? '', currency)) {
      throw new Error(`row of ${number}: ${row[columns.quantity]} × ${row[columns.unit]} is not ${row[columns.amount]}`);
    }
    sums.set(number, (sums.get(number) ?? 0n) + amount);
  }
  return new Map([...sums].map(([number, units]) => [number, formatAmount(units, currency)]));
}
