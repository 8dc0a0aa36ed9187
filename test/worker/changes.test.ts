import { describe, expect, it } from 'vitest';
import { parseHlc } from '../../shared/sync/hlc.ts';
import { call, callAnswer, callError, callJson, footprint, newTenant } from './support/edge.ts';
import { changePull, changePushAnswer } from '../../shared/schema/api.ts';

interface Change { table: string; id: string; fields: Record<string, unknown>; hlc: string; origin: string }

const clock = (millis: number, counter = 0, origin = 'browser-a') => `${String(millis).padStart(15, '0')}-${String(counter).padStart(6, '0')}-${origin}`;
const NOW = 1_790_000_000_000;

function posted(id: string, counter = 0, origin = 'browser-a'): Change {
  return { table: 'invoices', id, fields: { status: 'posted', accountId: 'a1', period: '2026-10' }, hlc: clock(NOW, counter, origin), origin };
}

async function pullAll(token: string, limit = 500): Promise<Change[]> {
  const out: Change[] = [];
  let since = '0';
  for (;;) {
    const { body } = await callAnswer(changePull, 'GET', `/v1/changes?since=${since}&limit=${limit}`, { token });
    out.push(...body.changes);
    since = body.cursor;
    if (!body.more) return out;
  }
}

describe('the config change log', () => {
  it('stores pushed changes and gives them back in order, to every browser of the tenant', async () => {
    const t = await newTenant();
    const changes: Change[] = [
      { table: 'accounts', id: 'a1', fields: { name: 'Brass Building Supplies' }, hlc: clock(NOW), origin: 'browser-a' },
      { table: 'orgMappings', id: 'datto-rmm/s-17', fields: { module: 'datto-rmm', orgId: 's-17', accountId: 'a1' }, hlc: clock(NOW, 1), origin: 'browser-a' },
      { table: 'contracts', id: 'c1', fields: { services: [{ id: 's1', unitPrice: '5.00' }], endDate: null }, hlc: clock(NOW, 2), origin: 'browser-a' },
    ];
    const { status, body } = await callAnswer(changePushAnswer, 'POST', '/v1/changes', { token: t.adminToken, json: { changes } });
    expect(status).toBe(200);
    expect(body).toMatchObject({ accepted: 3, numbers: {} });
    expect(await pullAll(t.adminToken)).toEqual(changes);
  });

  it('is idempotent: the same change pushed twice is stored once', async () => {
    const t = await newTenant();
    const change = { table: 'accounts', id: 'a1', fields: { name: 'A' }, hlc: clock(NOW), origin: 'browser-a' };
    await call('POST', '/v1/changes', { token: t.adminToken, json: { changes: [change] } });
    await call('POST', '/v1/changes', { token: t.adminToken, json: { changes: [change, change] } });
    expect(await pullAll(t.adminToken)).toEqual([change]);
  });

  it('pages with a cursor', async () => {
    const t = await newTenant();
    const changes = Array.from({ length: 25 }, (_, i) => ({ table: 'accounts', id: `a${i}`, fields: { name: `A${i}` }, hlc: clock(NOW, i), origin: 'browser-a' }));
    await call('POST', '/v1/changes', { token: t.adminToken, json: { changes } });
    const { body: first } = await callAnswer(changePull, 'GET', '/v1/changes?limit=10', { token: t.adminToken });
    expect(first.changes).toHaveLength(10);
    expect(first.more).toBe(true);
    expect(await pullAll(t.adminToken, 7)).toEqual(changes);
  });

  it('rejects bad changes listing every problem, writing nothing', async () => {
    const t = await newTenant();
    const before = await footprint(t.tenantId);
    const { status, body } = await callError('POST', '/v1/changes', { token: t.adminToken, json: { changes: [
      { table: 'accounts', id: 'a1', fields: { name: 'ok' }, hlc: clock(NOW), origin: 'b' },
      { table: 'nope', id: '', fields: 'x', hlc: 'yesterday', origin: '' },
    ] } });
    expect(status).toBe(400);
    expect(body.error.issues.map((i) => i.path).sort()).toEqual(['changes[1].fields', 'changes[1].hlc', 'changes[1].id', 'changes[1].origin', 'changes[1].table']);
    expect(await footprint(t.tenantId)).toEqual(before);
  });
});

describe('invoice numbers assigned by the edge', () => {
  it('numbers posted invoices from a gapless sequence and announces each number as an edge change', async () => {
    const t = await newTenant();
    const { body } = await callAnswer(changePushAnswer, 'POST', '/v1/changes', { token: t.adminToken, json: { changes: [posted('inv-a'), posted('inv-b', 1)] } });
    expect(body.numbers).toEqual({ 'inv-a': 'INV-000001', 'inv-b': 'INV-000002' });
    const log = await pullAll(t.adminToken);
    const announced = log.filter((c) => c.origin === 'edge');
    expect(announced.map((c) => [c.id, c.fields])).toEqual([['inv-a', { number: 'INV-000001' }], ['inv-b', { number: 'INV-000002' }]]);
    // The edge's clock comes after the clock of the posting it answers.
    for (const c of announced) expect(c.hlc > clock(NOW, 1)).toBe(true);
    expect(parseHlc(announced[0]?.hlc ?? '').origin).toBe('edge');
  });

  it('never gives two browsers the same number, and a re-push keeps the number', async () => {
    const t = await newTenant();
    const a = await callAnswer(changePushAnswer, 'POST', '/v1/changes', { token: t.adminToken, json: { changes: [posted('inv-a', 0, 'browser-a')] } });
    const b = await callAnswer(changePushAnswer, 'POST', '/v1/changes', { token: t.adminToken, json: { changes: [posted('inv-b', 0, 'browser-b')] } });
    const again = await callAnswer(changePushAnswer, 'POST', '/v1/changes', { token: t.adminToken, json: { changes: [posted('inv-a', 0, 'browser-a')] } });
    expect([a.body.numbers, b.body.numbers, again.body.numbers]).toEqual([{ 'inv-a': 'INV-000001' }, { 'inv-b': 'INV-000002' }, { 'inv-a': 'INV-000001' }]);
    expect((await pullAll(t.adminToken)).filter((c) => c.origin === 'edge')).toHaveLength(2);
  });

  it('numbers concurrent postings uniquely and without gaps', async () => {
    const t = await newTenant();
    const answers = await Promise.all(Array.from({ length: 12 }, (_, i) => callAnswer(changePushAnswer, 'POST', '/v1/changes', { token: t.adminToken, json: { changes: [posted(`inv-${i}`, i)] } })));
    const numbers = answers.flatMap((a) => Object.values(a.body.numbers)).sort();
    expect(numbers).toEqual(Array.from({ length: 12 }, (_, i) => `INV-${String(i + 1).padStart(6, '0')}`));
  });

  it('does not reuse a voided invoice\'s number', async () => {
    const t = await newTenant();
    await call('POST', '/v1/changes', { token: t.adminToken, json: { changes: [posted('inv-a')] } });
    const voided = { table: 'invoices', id: 'inv-a', fields: { status: 'voided' }, hlc: clock(NOW + 10), origin: 'browser-a' };
    const { body } = await callAnswer(changePushAnswer, 'POST', '/v1/changes', { token: t.adminToken, json: { changes: [voided, posted('inv-c', 20)] } });
    expect(body.numbers).toEqual({ 'inv-c': 'INV-000002' });
  });

  it('numbers only invoices set to posted', async () => {
    const t = await newTenant();
    const { body } = await callAnswer(changePushAnswer, 'POST', '/v1/changes', { token: t.adminToken, json: { changes: [
      { table: 'invoices', id: 'draft', fields: { status: 'draft' }, hlc: clock(NOW), origin: 'b' },
      { table: 'accounts', id: 'posted', fields: { status: 'posted' }, hlc: clock(NOW), origin: 'b' },
    ] } });
    expect(body.numbers).toEqual({});
    expect(Number((await footprint(t.tenantId)).numbers)).toBe(0);
  });
});
