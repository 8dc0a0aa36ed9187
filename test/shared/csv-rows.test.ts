import fc from 'fast-check';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { csvRecords } from '../../shared/uploads/csv-rows.ts';

function readAll(text: string, slice: number) {
  const steps = csvRecords(text, slice);
  let pauses = 0;
  for (;;) {
    const step = steps.next();
    if (step.done) return { ...step.value, pauses };
    pauses++;
  }
}

const piece = fc.constantFrom('a', 'b,c', ',', '"', '""', '"x,y"', '"line\nbreak"', '\n', '\r\n', '\r', '東', '😀', ' ', '2026-10-01');
const csvText = fc.array(piece, { maxLength: 60 }).map((parts) => parts.join(''));

describe('csvRecords', () => {
  it('reads exactly the records and errors of one Papa.parse, whatever the slice size', () => {
    fc.assert(fc.property(csvText, fc.integer({ min: 1, max: 40 }), (text, slice) => {
      const whole = Papa.parse<string[]>(text, { delimiter: ',', skipEmptyLines: false });
      const sliced = readAll(text, slice);
      expect(sliced.data).toEqual(whole.data);
      expect(sliced.errors.map((e) => [e.code, e.row])).toEqual(whole.errors.map((e) => [e.code, e.row]));
    }), { numRuns: 2000 });
  });

  it('pauses between slices of a large text', () => {
    const text = Array.from({ length: 5000 }, (_, i) => `2026-10-01,org-${i},"Org, ${i}",TotalDevices,${i}`).join('\r\n');
    const sliced = readAll(text, 4096);
    expect(sliced.data).toEqual(Papa.parse<string[]>(text, { delimiter: ',' }).data);
    expect(sliced.pauses).toBeGreaterThan(20);
  });
});
