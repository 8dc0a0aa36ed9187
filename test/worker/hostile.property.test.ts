// Hostile input against the real worker and a real local D1: generated uploads, CSVs and
// change batches, many of them over a limit, malformed or ill-formed Unicode. Whatever
// arrives, the answer is 2xx or 4xx, never 5xx; a refused request writes nothing (the
// tenant's pull is the same before and after); an accepted one reads back exactly.
import { env } from 'cloudflare:workers';
import fc from 'fast-check';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { moduleIndex } from '../../shared/catalog/lookup.ts';
import { addDays } from '../../shared/dates/day.ts';
import { upload as storedUpload } from '../../shared/schema/upload.ts';
import { csvToUploads } from '../../shared/uploads/csv.ts';
import { parseHlc } from '../../shared/sync/hlc.ts';
import { edgeNow, edgeToday } from '../../worker/clock.ts';
import { call, footprint, newTenant, type Tenant } from './support/edge.ts';

const RUNS = 40;

interface Answer { status: number; text: string }

async function send(method: string, path: string, options: Parameters<typeof call>[2]): Promise<Answer> {
  const response = await call(method, path, options);
  return { status: response.status, text: await response.text() };
}

/** Everything the tenant's browsers would pull, plus row counts: what must not move on a refusal. */
async function snapshot(t: Tenant): Promise<string> {
  const uploads = await send('GET', '/v1/uploads?limit=1000', { token: t.adminToken });
  const changes = await send('GET', '/v1/changes?limit=1000', { token: t.adminToken });
  return JSON.stringify([uploads, changes, await footprint(t.tenantId)]);
}

async function pulledUploads(t: Tenant): Promise<{ module: string; date: string; orgs: unknown[] }[]> {
  return (JSON.parse((await send('GET', '/v1/uploads?limit=1000', { token: t.adminToken })).text) as { uploads: { module: string; date: string; orgs: unknown[] }[] }).uploads;
}

// Plausible input first (CJK, astral and control characters, formula starts, CSV
// delimiters, names and ids at their limits), then, in most runs, one hostile mutation:
// a value just over a limit, a lone surrogate, a far date or clock, a malformed value.
const goodText = (max: number) => fc.oneof(
  fc.string({ unit: 'grapheme', minLength: 1, maxLength: 8 }),
  fc.constantFrom('Brass Building Supplies', '=HYPERLINK("x")', '+1', 'a,"b"\nc', 'x\u0000y', '東京'.repeat(10), '😀😀', ' padded '),
  fc.constantFrom('é', '界', 'a').map((c) => c.repeat(max)),
);
const badText = (max: number) => fc.oneof(
  fc.constantFrom('\uD800', 'a\uDC00b', '😀'.slice(0, 1)),
  fc.constantFrom('é', '界', 'a').map((c) => c.repeat(max + 1)),
);

const goodDate = () => fc.oneof(
  fc.integer({ min: 0, max: 2 }).map((n) => addDays(edgeToday(env), n)),
  fc.integer({ min: 0, max: 9000 }).map((n) => addDays('2000-01-01', n)),
);
const badDate = () => fc.oneof(
  fc.integer({ min: 3, max: 4000 }).map((n) => addDays(edgeToday(env), n)),
  fc.constantFrom('1999-12-31', '9999-12-31', '2026-02-30', 'yesterday', '', '2026-1-1', '20261001'),
);

const goodQuantity = fc.oneof(
  fc.nat(1_000_000),
  fc.constantFrom(2 ** 53 - 1, 0, true, false, '123456789012345678', '1.2345', '0.0001', '0'),
  fc.nat(99_999_999).map((n) => (n / 10_000).toFixed(4)),
);
const badQuantity = fc.constantFrom(-1, 0.00001, 1e300, 'lots', '', '1e5', '1.23456', '9'.repeat(70), null, 123456789012345678);

const EDR = ['TotalDevices', 'WindowsDevices', 'MacDevices', 'LinuxDevices'] as const;

const goodOrg = fc.record({
  orgId: goodText(200),
  name: fc.option(goodText(500), { nil: undefined }),
  metrics: fc.dictionary(fc.constantFrom(...EDR), goodQuantity, { maxKeys: 4 }),
}, { requiredKeys: ['orgId', 'metrics'] });

type Body = { module: string; date: string; orgs: { orgId: string; name?: string; metrics: Record<string, unknown> }[] };

/** One hostile change to an upload, or none. */
const uploadMutation = fc.option(fc.oneof(
  badDate().map((date) => (u: Body) => ({ ...u, date })),
  badText(200).map((orgId) => (u: Body) => ({ ...u, orgs: [...u.orgs, { orgId, metrics: {} }] })),
  badText(500).map((name) => (u: Body) => ({ ...u, orgs: [...u.orgs, { orgId: 'org-x', name, metrics: {} }] })),
  badQuantity.map((q) => (u: Body) => ({ ...u, orgs: [...u.orgs, { orgId: 'org-q', metrics: { TotalDevices: q } }] })),
  fc.constant((u: Body) => ({ ...u, orgs: [...u.orgs, { orgId: 'dup', metrics: {} }, { orgId: 'dup', metrics: {} }] })),
  fc.constant((u: Body) => ({ ...u, orgs: [...u.orgs, { orgId: 'org-b', metrics: { Bogus: 1 } }] })),
  fc.constantFrom('no-such-module', 'Bad Module').map((module) => (u: Body) => ({ ...u, module })),
), { freq: 2, nil: null });

const jsonUpload = fc.record({
  date: goodDate(),
  orgs: fc.uniqueArray(goodOrg, { selector: (o) => o.orgId, maxLength: 4 }),
}).chain((u) => uploadMutation.map((mutate) => {
  const body: Body = { module: 'datto-edr', ...u };
  return mutate ? mutate(body) : body;
}));

describe('hostile uploads (JSON)', () => {
  it('are answered 2xx or 4xx; refused ones write nothing; accepted ones read back exactly', async () => {
    const t = await newTenant();
    await fc.assert(fc.asyncProperty(jsonUpload, fc.boolean(), async (body, rawBigNumbers) => {
      let text = JSON.stringify(body);
      // JSON numbers past 2^53 as a client would write them, digit for digit.
      if (rawBigNumbers) text = text.replaceAll('123456789012345680', '123456789012345678');
      const before = await snapshot(t);
      const answer = await send('POST', '/v1/uploads', { token: t.adminToken, text, type: 'application/json' });
      expect(answer.status, answer.text).toBeLessThan(500);
      if (answer.status >= 400) {
        expect(await snapshot(t)).toBe(before);
        return;
      }
      expect(answer.status).toBe(200);
      const expected = storedUpload.parse(JSON.parse(text));
      const stored = (await pulledUploads(t)).find((u) => u.module === expected.module && u.date === expected.date);
      expect(stored).toEqual(expected);
    }), { numRuns: RUNS });
  }, 120_000);
});

type Row = [string, string, string, string, string];
const goodRow = fc.tuple(goodDate(), goodText(200), goodText(500), fc.constantFrom(...EDR), goodQuantity.map(String)).map((r): Row => r);
const rowMutation = fc.option(fc.oneof(
  badDate().map((date) => (r: Row): Row => [date, r[1], r[2], r[3], r[4]]),
  badText(200).map((id) => (r: Row): Row => [r[0], id, r[2], r[3], r[4]]),
  badText(500).map((name) => (r: Row): Row => [r[0], r[1], name, r[3], r[4]]),
  fc.constantFrom('-1', 'lots', '1.23456', '9'.repeat(70)).map((q) => (r: Row): Row => [r[0], r[1], r[2], r[3], q]),
  fc.constantFrom('Bogus', '').map((type) => (r: Row): Row => [r[0], r[1], r[2], type, r[4]]),
), { freq: 2, nil: null });
const csvRows = fc.tuple(fc.array(goodRow, { minLength: 1, maxLength: 6 }), rowMutation)
  .map(([rows, mutate]) => (mutate ? [...rows.slice(1), mutate(rows[0] as Row)] : rows));

describe('hostile CSV uploads', () => {
  it('are answered 2xx or 4xx; refused ones write nothing; accepted ones read back exactly', async () => {
    const t = await newTenant();
    const modules = moduleIndex();
    await fc.assert(fc.asyncProperty(csvRows, fc.boolean(), async (rows, header) => {
      // A text body travels as UTF-8, where a lone surrogate becomes U+FFFD, as any HTTP client sends it.
      const text = new TextDecoder().decode(new TextEncoder().encode(Papa.unparse({ fields: header ? ['date', 'orgId', 'orgName', 'billingType', 'quantity'] : ['date', 'org', 'name'], data: rows })));
      const before = await snapshot(t);
      const answer = await send('POST', '/v1/uploads?module=datto-edr', { token: t.adminToken, text });
      expect(answer.status, answer.text).toBeLessThan(500);
      if (answer.status >= 400) {
        expect(await snapshot(t)).toBe(before);
        return;
      }
      const expected = csvToUploads(text, 'datto-edr', modules, edgeToday(env));
      const pulled = await pulledUploads(t);
      for (const day of expected) expect(pulled.find((u) => u.module === day.module && u.date === day.date)).toEqual(day);
    }), { numRuns: RUNS });
  }, 120_000);

  it('more than 400 distinct days are refused, whatever else the rows hold', async () => {
    const t = await newTenant();
    await fc.assert(fc.asyncProperty(fc.integer({ min: 401, max: 3000 }), fc.integer({ min: 0, max: 3 }), async (days, orgs) => {
      const rows: string[] = ['date,orgId,orgName,billingType,quantity'];
      for (let d = 0; d < days; d++) for (let o = 0; o <= orgs; o++) rows.push(`${addDays('2001-01-01', d)},org-${o},Org ${o},TotalDevices,${d}`);
      const before = await snapshot(t);
      const answer = await send('POST', '/v1/uploads?module=datto-edr', { token: t.adminToken, text: rows.join('\n') });
      expect(answer.status).toBe(400);
      expect(await snapshot(t)).toBe(before);
    }), { numRuns: 5 });
  }, 120_000);
});

const nearClock = fc.tuple(fc.integer({ min: -86_400_000, max: 4 * 60_000 }), fc.integer({ min: 0, max: 999_999 }))
  .map(([offset, counter]) => `${String(edgeNow(env) + offset).padStart(15, '0')}-${String(counter).padStart(6, '0')}-b1`);
const badClock = fc.oneof(
  fc.constantFrom(6 * 60_000, 365 * 86_400_000).map((offset) => `${String(edgeNow(env) + offset).padStart(15, '0')}-000000-b1`),
  fc.constantFrom('yesterday', '001790000000000-1000000-b1', '', '1-2-3'),
);

function nested(depth: number): Record<string, unknown> {
  let value: Record<string, unknown> = { leaf: 1 };
  for (let i = 1; i < depth; i++) value = { v: value };
  return value;
}

const goodFields = fc.oneof(
  { arbitrary: fc.dictionary(goodText(20), fc.jsonValue({ maxDepth: 4 }), { maxKeys: 4 }), weight: 8 },
  fc.constant(nested(32)),
  fc.constant({ notes: 'x'.repeat(256 * 1024 - 12) }),
  fc.constant({ notes: '界'.repeat(80_000) }),
);
const badFields = fc.oneof(
  fc.constantFrom(33, 1001, 5000).map(nested),
  fc.constant({ notes: 'x'.repeat(256 * 1024) }),
  fc.constant({ notes: '界'.repeat(90_000) }),
  fc.constant({ name: 'a\uD800' }),
  fc.constantFrom('x', null, [1, 2]),
);

const goodChange = fc.record({
  table: fc.constantFrom('accounts', 'contracts', 'invoices'),
  id: fc.oneof(fc.constantFrom('a1', 'a2', 'inv-1'), goodText(200)),
  fields: goodFields,
  hlc: nearClock,
  origin: fc.oneof(fc.constant('b1'), goodText(200)),
});
type ChangeBody = Record<string, unknown>;
const changeMutation = fc.oneof(
  badClock.map((hlc) => (c: ChangeBody) => ({ ...c, hlc })),
  badFields.map((fields) => (c: ChangeBody) => ({ ...c, fields })),
  badText(1000).map((id) => (c: ChangeBody) => ({ ...c, id })),
  badText(200).map((origin) => (c: ChangeBody) => ({ ...c, origin })),
  fc.constant((c: ChangeBody) => ({ ...c, table: 'nope' })),
);
const changeBatch = fc.tuple(fc.array(goodChange, { minLength: 1, maxLength: 5 }), fc.option(fc.tuple(changeMutation, fc.nat()), { freq: 2, nil: null }))
  .map(([changes, mutation]) => {
    if (!mutation) return changes as ChangeBody[];
    const [mutate, at] = mutation;
    return changes.map((c, i) => (i === at % changes.length ? mutate(c) : c));
  });

describe('hostile change batches', () => {
  it('are answered 2xx or 4xx; refused ones write nothing; accepted ones read back exactly', async () => {
    const t = await newTenant();
    await fc.assert(fc.asyncProperty(changeBatch, async (changes) => {
      const before = await snapshot(t);
      const answer = await send('POST', '/v1/changes', { token: t.adminToken, json: { changes } });
      expect(answer.status, answer.text.slice(0, 300)).toBeLessThan(500);
      if (answer.status >= 400) {
        expect(await snapshot(t)).toBe(before);
        return;
      }
      const pulled = JSON.parse((await send('GET', '/v1/changes?limit=1000', { token: t.adminToken })).text) as { changes: { table: string; id: string; fields: unknown; hlc: string; origin: string }[] };
      for (const ch of pulled.changes) expect(() => parseHlc(ch.hlc)).not.toThrow();
      const sent = JSON.parse(JSON.stringify(changes)) as unknown[];
      for (const ch of sent) expect(pulled.changes).toContainEqual(ch);
    }), { numRuns: RUNS });
  }, 120_000);
});
