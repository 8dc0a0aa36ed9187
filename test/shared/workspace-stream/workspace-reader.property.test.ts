// A workspace file read in pieces must come out exactly as JSON.parse + the zod `workspace`
// schema read it whole: the same workspace, or the same problems with the same paths and
// messages in the same order, however the bytes are cut into chunks.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { listIssues } from '../../../shared/schema/issues.ts';
import { workspace } from '../../../shared/schema/workspace.ts';
import { documentPieces, readWorkspace } from '../../../shared/workspace-stream/read-document.ts';
import { WorkspaceAssembler } from '../../../shared/workspace-stream/workspace-assembler.ts';

function streamOf(bytes: Uint8Array, chunkSize: number): ReadableStream<Uint8Array> {
  let at = 0;
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      if (at >= bytes.length) controller.close();
      else {
        controller.enqueue(bytes.slice(at, at + chunkSize));
        at += chunkSize;
      }
    },
  });
}

/**
 * Workspace documents with a problem here and there: one bad value in `1 + validWeight` (the
 * documents of a low weight are mostly invalid, of a high one mostly valid).
 */
function documents(validWeight: number) {
  const often = <T, U>(valid: fc.Arbitrary<T>, bad: fc.Arbitrary<U>) => fc.oneof({ arbitrary: valid, weight: validWeight }, { arbitrary: bad, weight: 1 });

  const org = fc.record({
    orgId: often(fc.constantFrom('s-1', 's-2', 's-3'), fc.constantFrom('', 5)),
    name: often(fc.constantFrom('Brass "LLC" {x}', 'Rosewood [2]', 'a\\b', 'Ωmega'), fc.constantFrom(null, 'x'.repeat(501))),
    metrics: often(
      fc.dictionary(fc.constantFrom('AllDevicesMetric', 'PrinterMetric', 'BogusMetric'), often(fc.nat({ max: 500 }), fc.constantFrom(-1, 'x', '2.5')), { maxKeys: 3 }),
      fc.constantFrom(null, [], 'x'),
    ),
  }, { requiredKeys: ['orgId', 'metrics'] });

  const anUpload = often(
    fc.record({
      module: often(fc.constantFrom('datto-rmm', 'datto-edr'), fc.constantFrom('nope-module', 'Bad', 7)),
      date: often(fc.constantFrom('2026-10-01', '2026-10-02'), fc.constantFrom('1999-01-01', '2026-02-30', null)),
      orgs: often(fc.uniqueArray(org, { selector: (o) => o.orgId, maxLength: 3 }), fc.array(org, { maxLength: 3 })),
      cursor: fc.constantFrom('12', 'x'),
    }, { requiredKeys: ['module', 'date', 'orgs'] }),
    fc.constantFrom(null, 5, 'upload', [], {}),
  );

  const aDay = fc.record({
    date: often(fc.constantFrom('2026-09-01', '2026-09-02'), fc.constantFrom('2026-09-31', 5)),
    quantity: often(fc.constantFrom('10.0000', '2.5000'), fc.constantFrom('-1', 'x', null)),
    carried: fc.boolean(),
  }, { requiredKeys: ['date', 'quantity'] });

  const aLine = fc.record({
    kind: often(fc.constantFrom('item', 'adjustment'), fc.constantFrom('other', 3)),
    module: often(fc.constantFrom('datto-rmm', null), fc.constantFrom('Bad Module')),
    period: often(fc.constant('2026-09'), fc.constantFrom('2026-13', '')),
    quantity: often(fc.constantFrom('10.0000', '0'), fc.constantFrom('ten', -1)),
    amount: often(fc.constantFrom('50.00', '0.00'), fc.constantFrom('50', 'x')),
    daily: often(fc.array(aDay, { maxLength: 3 }), fc.constantFrom(null, 'days', [null])),
  }, { requiredKeys: ['kind', 'module', 'period', 'quantity', 'amount'] });

  // Posted invoices, mostly valid, some with a problem deep in a line's days, some not invoices at all.
  const anInvoice = often(
    fc.record({
      id: fc.constantFrom('a1/2026-09/1', 'a1/2026-08/1'),
      accountId: often(fc.constant('a1'), fc.constantFrom('', 7)),
      period: often(fc.constant('2026-09'), fc.constantFrom('September', null)),
      status: often(fc.constantFrom('posted', 'voided'), fc.constantFrom('paid', null)),
      number: often(fc.constantFrom('INV-000001', null), fc.constant(12)),
      total: often(fc.constantFrom('50.00', '-5.00'), fc.constantFrom('x', 5)),
      lines: often(fc.array(aLine, { maxLength: 3 }), fc.constantFrom(null, {}, 'lines')),
    }, { requiredKeys: ['accountId', 'period', 'status', 'number', 'total', 'lines'] }),
    fc.constantFrom(null, 5, 'invoice', [], {}),
  );

  return fc.record({
    version: often(fc.constant(1), fc.constantFrom(2, '1')),
    currency: often(fc.constant('USD'), fc.constant('usd')),
    enabledModules: often(fc.constant(['datto-rmm']), fc.constant(['nope'])),
    accounts: often(fc.constant([{ id: 'a1', name: 'Brass' }]), fc.constantFrom([{ id: 'a1', name: '' }], [{ id: 'a1', name: 5 }], [{ id: 'a1', name: 'A' }, { id: 'a1', name: 'B' }])),
    orgMappings: often(fc.constant([{ module: 'datto-rmm', orgId: 's-1', accountId: 'a1' }]), fc.constant([{ module: 'datto-rmm', orgId: 's-1', accountId: 'nobody' }])),
    uploads: often(fc.array(anUpload, { maxLength: 6 }), fc.constantFrom(null, 'none', {})),
    invoices: often(fc.array(anInvoice, { maxLength: 5 }), fc.constantFrom(null, 'none', {})),
    modules: fc.constant([]),
    charges: often(fc.constant([{ id: 'ch1', accountId: 'a1', period: '2026-10', description: 'Onboarding', quantity: '1', unitPrice: '250.00' }]), fc.constant([{ id: 'ch1', accountId: 'nobody', period: '2026-10', description: 'x', quantity: '1', unitPrice: 'x' }])),
    profile: often(fc.constant({ name: 'Northwind IT' }), fc.constant({ name: 5 })),
  }, { requiredKeys: ['version'] });
}

const document = fc.oneof(documents(4), documents(40));

describe('reading a workspace file as it streams', { timeout: 60_000 }, () => {
  it('gives what JSON.parse and the workspace schema give, for any chunking', async () => {
    let valid = 0;
    let invalid = 0;
    let badInvoiceAmongOthers = 0;
    await fc.assert(fc.asyncProperty(document, fc.integer({ min: 1, max: 40 }), fc.boolean(), async (doc, chunkSize, pretty) => {
      const text = JSON.stringify(doc, null, pretty ? 2 : undefined);
      const expected = workspace.safeParse(JSON.parse(text));
      const read = await readWorkspace(streamOf(new TextEncoder().encode(text), chunkSize));
      if (expected.success) {
        valid++;
        expect(read).toEqual({ ok: true, workspace: expected.data });
      } else {
        invalid++;
        const issues = listIssues(expected.error);
        if (issues.some((i) => /^invoices\[[1-9]/.test(i.path)) && issues.some((i) => !i.path.startsWith('invoices'))) badInvoiceAmongOthers++;
        expect(read).toEqual({ ok: false, issues });
      }
    }), { numRuns: 600 });
    expect(valid).toBeGreaterThan(10);
    expect(invalid).toBeGreaterThan(10);
    // invalid invoices past the first, named beside problems elsewhere in the document
    expect(badInvoiceAmongOthers).toBeGreaterThan(10);
  });

  it('keeps only what the checks read when it only validates, and names each invoice it read', async () => {
    await fc.assert(fc.asyncProperty(document, fc.integer({ min: 1, max: 40 }), async (doc, chunkSize) => {
      const text = JSON.stringify(doc);
      const expected = workspace.safeParse(JSON.parse(text));
      const told: [string | undefined, number][] = [];
      const assembler = new WorkspaceAssembler('catalog', (invoice, index) => told.push([invoice.id, index]));
      for await (const pieces of documentPieces(streamOf(new TextEncoder().encode(text), chunkSize) as unknown as AsyncIterable<Uint8Array>)) for (const piece of pieces) assembler.add(piece);
      const read = assembler.finish();
      if (!expected.success) {
        expect(read).toEqual({ ok: false, issues: listIssues(expected.error) });
        return;
      }
      expect(read).toEqual({ ok: true, workspace: { ...expected.data, uploads: [], invoices: [] } });
      expect(told).toEqual(expected.data.invoices.map((invoice, i) => [invoice.id, i]));
    }), { numRuns: 300 });
  });

  it('names a bad invoice deep in a line by its place in the file, among valid ones, before the problems zod finds after it', async () => {
    const line = { kind: 'item', module: 'datto-rmm', period: '2026-09', quantity: '10.0000', amount: '50.00', daily: [{ date: '2026-09-01', quantity: '10.0000' }] };
    const invoice = (n: number) => ({ id: `a1/2026-0${n}/1`, accountId: 'a1', period: `2026-0${n}`, status: 'posted', number: `INV-00000${n}`, total: '50.00', lines: [line] });
    const bad = invoice(7);
    bad.lines = [line, { ...line, daily: [{ date: '2026-07-01', quantity: '10.0000' }, { date: '2026-07-32', quantity: 'x' }] }];
    const doc = { version: 1, accounts: [{ id: 'a1', name: '' }], invoices: [invoice(5), invoice(6), bad, invoice(8)], charges: [{ id: 'ch1' }] };
    const text = JSON.stringify(doc);
    const expected = workspace.safeParse(doc);
    if (expected.success) throw new Error('the document is invalid');
    expect(listIssues(expected.error).map((i) => i.path)).toEqual([
      'accounts[0].name', 'invoices[2].lines[1].daily[1].date', 'invoices[2].lines[1].daily[1].quantity',
      'charges[0].accountId', 'charges[0].period', 'charges[0].description', 'charges[0].unitPrice',
    ]);
    expect(await readWorkspace(streamOf(new TextEncoder().encode(text), 16))).toEqual({ ok: false, issues: listIssues(expected.error) });
  });

  it('reads a gzip file the same as the plain one', async () => {
    const doc = { version: 1, accounts: [{ id: 'a1', name: 'Brass' }], uploads: [{ module: 'datto-rmm', date: '2026-10-01', orgs: [{ orgId: 's-1', name: 'B', metrics: { AllDevicesMetric: 3 } }] }] };
    const gzip = streamOf(new TextEncoder().encode(JSON.stringify(doc)), 7).pipeThrough(new CompressionStream('gzip') as unknown as TransformStream<Uint8Array, Uint8Array>);
    const read = await readWorkspace(gzip);
    expect(read).toEqual({ ok: true, workspace: workspace.parse(doc) });
  });

  it('refuses bytes that are not one JSON document, saying where', async () => {
    const cases: [string, RegExp][] = [
      ['', /the file is empty/],
      ['{"version":1,"uploads":[{"module":"m"}', /cut short/],
      ['{"version":1,"uploads":[{"a":1} {"b":2}]}', /expected "," or "\]" after uploads\[0\]/],
      ['{"version":1,"uploads":[{"a":1},]}', /uploads\[1\] is not valid JSON/],
      ['{"version":1} x', /unexpected data after the end/],
      ['{"version":1,}', /expected a member name/],
      ['{"version" 1}', /expected ":" after "version"/],
      ['{"version":1,"uploads":[{"a":tru}]}', /uploads\[0\] is not valid JSON/],
      ['{"version":1,"version":1}', /appears twice/],
    ];
    for (const [text, message] of cases) {
      for (const size of [1, 3, 1000]) {
        await expect(readWorkspace(streamOf(new TextEncoder().encode(text), size)), `${text} in chunks of ${size}`).rejects.toThrow(message);
      }
    }
  });

  it('refuses a cut-short gzip file', async () => {
    const doc = JSON.stringify({ version: 1, uploads: Array.from({ length: 200 }, (_, i) => ({ module: 'datto-rmm', date: '2026-10-01', orgs: [{ orgId: `s-${i}`, name: 'x', metrics: {} }] })) });
    const whole = new Uint8Array(await new Response(new Blob([doc]).stream().pipeThrough(new CompressionStream('gzip'))).arrayBuffer());
    await expect(readWorkspace(streamOf(whole.slice(0, whole.length - 20), 100))).rejects.toThrow();
  });

  it('names a document that is not an object as zod does', async () => {
    const read = await readWorkspace(streamOf(new TextEncoder().encode('[1, 2]'), 2));
    const expected = workspace.safeParse([1, 2]);
    expect(expected.success).toBe(false);
    expect(read).toEqual({ ok: false, issues: expected.success ? [] : listIssues(expected.error) });
  });
});
