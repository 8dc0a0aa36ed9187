// A workspace file read in pieces must come out exactly as JSON.parse + the zod `workspace`
// schema read it whole: the same workspace, or the same problems with the same paths and
// messages in the same order, however the bytes are cut into chunks.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { listIssues } from '../../../shared/schema/issues.ts';
import { workspace } from '../../../shared/schema/workspace.ts';
import { readWorkspace } from '../../../shared/workspace-stream/read-document.ts';

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

const often = <T, U>(valid: fc.Arbitrary<T>, bad: fc.Arbitrary<U>) => fc.oneof({ arbitrary: valid, weight: 4 }, { arbitrary: bad, weight: 1 });

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

const document = fc.record({
  version: often(fc.constant(1), fc.constantFrom(2, '1')),
  currency: often(fc.constant('USD'), fc.constant('usd')),
  enabledModules: often(fc.constant(['datto-rmm']), fc.constant(['nope'])),
  accounts: often(fc.constant([{ id: 'a1', name: 'Brass' }]), fc.constantFrom([{ id: 'a1', name: '' }], [{ id: 'a1', name: 5 }], [{ id: 'a1', name: 'A' }, { id: 'a1', name: 'B' }])),
  orgMappings: often(fc.constant([{ module: 'datto-rmm', orgId: 's-1', accountId: 'a1' }]), fc.constant([{ module: 'datto-rmm', orgId: 's-1', accountId: 'nobody' }])),
  uploads: often(fc.array(anUpload, { maxLength: 6 }), fc.constantFrom(null, 'none', {})),
  invoices: often(fc.constant([]), fc.constant([{ accountId: 'a1' }])),
  modules: fc.constant([]),
}, { requiredKeys: ['version'] });

describe('reading a workspace file as it streams', () => {
  it('gives what JSON.parse and the workspace schema give, for any chunking', async () => {
    let valid = 0;
    let invalid = 0;
    await fc.assert(fc.asyncProperty(document, fc.integer({ min: 1, max: 40 }), fc.boolean(), async (doc, chunkSize, pretty) => {
      const text = JSON.stringify(doc, null, pretty ? 2 : undefined);
      const expected = workspace.safeParse(JSON.parse(text));
      const read = await readWorkspace(streamOf(new TextEncoder().encode(text), chunkSize));
      if (expected.success) {
        valid++;
        expect(read).toEqual({ ok: true, workspace: expected.data });
      } else {
        invalid++;
        expect(read).toEqual({ ok: false, issues: listIssues(expected.error) });
      }
    }), { numRuns: 400 });
    expect(valid).toBeGreaterThan(10);
    expect(invalid).toBeGreaterThan(10);
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
