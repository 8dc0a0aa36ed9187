import { describe, expect, it } from 'vitest';
import { escapeCell } from '../../shared/export/cell.ts';

describe('escapeCell', () => {
  it('puts an apostrophe before text a spreadsheet would run as a formula', () => {
    expect(['=1+1', '+cmd|calc', '-2+3', '@SUM(A1)', '\t=1', '\r=1'].map(escapeCell))
      .toEqual(["'=1+1", "'+cmd|calc", "'-2+3", "'@SUM(A1)", "'\t=1", "'\r=1"]);
  });

  it('leaves other text alone, including a formula character later in the text', () => {
    expect(['Brass Building Supplies', 'A=B', ' =1', '', "'quoted"].map(escapeCell))
      .toEqual(['Brass Building Supplies', 'A=B', ' =1', '', "'quoted"]);
  });
});
