import { describe, expect, it } from 'vitest';
import { moduleIndex } from '../../shared/catalog/lookup.ts';
import { ValidationError } from '../../shared/schema/issues.ts';
import { csvToUploads, csvToUploadsPaced } from '../../shared/uploads/csv.ts';
import { addDays } from '../../shared/dates/day.ts';

const HEADER = 'date,orgId,orgName,billingType,quantity\n';

function problems(text: string, module = 'datto-edr'): string[] {
  try {
    csvToUploads(text, module, moduleIndex());
  } catch (error) {
    if (error instanceof ValidationError) return error.issues.map((i) => `${i.path}: ${i.message}`);
    throw error;
  }
  return [];
}

describe('csvToUploads', () => {
  it('groups rows into one upload per date, orgs in first-seen order', () => {
    const uploads = csvToUploads(`${HEADER}2026-10-02,b,B,TotalDevices,1\n2026-10-01,a,A,TotalDevices,2\n2026-10-01,a,,MacDevices,true\n2026-10-01,c,C,TotalDevices,0.5\n`, 'datto-edr', moduleIndex());
    expect(uploads).toEqual([
      { module: 'datto-edr', date: '2026-10-01', orgs: [{ orgId: 'a', name: 'A', metrics: { TotalDevices: '2', MacDevices: true } }, { orgId: 'c', name: 'C', metrics: { TotalDevices: '0.5' } }] },
      { module: 'datto-edr', date: '2026-10-02', orgs: [{ orgId: 'b', name: 'B', metrics: { TotalDevices: '1' } }] },
    ]);
  });

  it('accepts columns in any order', () => {
    const [upload] = csvToUploads('quantity,billingType,orgName,orgId,date\n3,TotalDevices,A,a,2026-10-01\n', 'datto-edr');
    expect(upload?.orgs).toEqual([{ orgId: 'a', name: 'A', metrics: { TotalDevices: '3' } }]);
  });

  it('names the line of every problem', () => {
    expect(problems(`${HEADER}2026-10-01,a,A,TotalDevices,-1\n2026-10-01,a,A,Nope,1\n2026-10-01,a,A,TotalDevices,1\n2026-10-01,a,A,TotalDevices,2\n`)).toEqual([
      'line 2.quantity: quantity must not be negative',
      'line 3.billingType: unknown billing type "Nope" for module datto-edr',
      'line 5.billingType: duplicate TotalDevices for org "a" on 2026-10-01 (first on line 4)',
    ]);
  });

  it('reports a missing column, an empty file, and a header without rows', () => {
    expect(problems('date,orgId,orgName,quantity\n')).toEqual(['line 1: missing column "billingType" (the header must name date,orgId,orgName,billingType,quantity)']);
    expect(problems('')).toHaveLength(1);
    expect(problems(HEADER)).toEqual(['line 2: the CSV has a header but no rows']);
  });

  it('reports an unknown module', () => {
    expect(problems(`${HEADER}2026-10-01,a,A,TotalDevices,1\n`, 'acme')).toContain('module: unknown module "acme"');
  });

  it('refuses a CSV spanning more than 400 days at the first row past the cap', () => {
    const rows = Array.from({ length: 401 }, (_, i) => `${addDays('2025-01-01', i)},a,A,TotalDevices,1`).join('\n');
    expect(problems(`${HEADER}${rows}\n`)).toEqual(['line 402.date: a CSV upload may span at most 400 days (module-days); split it into several uploads']);
  });

  it('refuses names and ids over the upload limits and days past today + 2, by line', () => {
    const text = `${HEADER}2026-10-01,a,${'n'.repeat(501)},TotalDevices,1\n2026-10-01,${'i'.repeat(201)},B,TotalDevices,1\n2026-12-04,c,C,TotalDevices,1\n1999-12-31,d,D,TotalDevices,1\n`;
    let paths: string[] = [];
    try {
      csvToUploads(text, 'datto-edr', moduleIndex(), '2026-12-01');
    } catch (error) {
      if (error instanceof ValidationError) paths = error.issues.map((i) => i.path);
    }
    expect(paths).toEqual(['line 2.orgName', 'line 3.orgId', 'line 4.date', 'line 5.date']);
  });

  it('paced, pauses between slices of a large CSV and gives the same uploads', async () => {
    const rows = Array.from({ length: 3000 }, (_, i) => `${addDays('2026-01-01', i % 30)},org-${Math.floor(i / 30)},Org,TotalDevices,${i}`).join('\n');
    const text = `${HEADER}${rows}\n`;
    let pauses = 0;
    const paced = await csvToUploadsPaced(text, 'datto-edr', async () => { pauses++; }, moduleIndex(), '2026-12-01');
    expect(paced).toEqual(csvToUploads(text, 'datto-edr', moduleIndex(), '2026-12-01'));
    expect(pauses).toBeGreaterThan(3);
  });
});
