// Reads CSV records in slices, so a paced caller can pause between them: Papa's own
// parser run on one slice at a time, each ending at the last complete record (a record
// cut by the slice, even inside a quoted field, is read again with the next slice).
// The records and errors are exactly those of one Papa.parse of the whole text.
import Papa from 'papaparse';

export interface CsvRecords {
  data: string[][];
  errors: Papa.ParseError[];
}

/** Characters parsed per slice (about a few milliseconds of work). */
export const SLICE_CHARS = 64 * 1024;

interface SliceResult {
  data: string[][];
  errors: Papa.ParseError[];
  meta: { cursor: number };
}

/** The line break Papa.parse would guess for the whole text (it looks at the first MiB). */
function lineBreak(text: string): '\n' | '\r' | '\r\n' {
  const guessed = Papa.parse<string[]>(text.slice(0, 1024 * 1024), { delimiter: ',', preview: 1 }).meta.linebreak;
  return guessed === '\r' || guessed === '\r\n' ? guessed : '\n';
}

/** Comma-separated records of `text`, yielding between slices of `sliceChars`. */
export function* csvRecords(text: string, sliceChars = SLICE_CHARS): Generator<void, CsvRecords> {
  const parser = new Papa.Parser({ delimiter: ',', newline: lineBreak(text), quoteChar: '"' });
  const data: string[][] = [];
  const errors: Papa.ParseError[] = [];
  let start = 0;
  let size = sliceChars;
  for (;;) {
    const end = Math.min(text.length, start + size);
    const last = end === text.length;
    const result = parser.parse(text.slice(start, end), start, !last) as SliceResult;
    if (!last && result.meta.cursor <= start) {
      // One record longer than the slice: widen until it fits.
      size *= 2;
      continue;
    }
    // Problems of the cut record at the end are found again when the next slice reads it whole.
    for (const error of result.errors) {
      if (!last && (error.row === undefined || error.row >= result.data.length)) continue;
      errors.push({ ...error, row: error.row === undefined ? undefined : error.row + data.length });
    }
    for (const row of result.data) data.push(row);
    if (last) return { data, errors };
    start = result.meta.cursor;
    size = sliceChars;
    yield;
  }
}
