// The hand-written upload check must never accept what the zod schema refuses, nor return
// anything else than zod's result; and it must accept the uploads a workspace is made of,
// or it would be no fast path. Inputs mix valid uploads with every kind of mistake.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { upload } from '../../../shared/schema/upload.ts';
import { UploadFastPath } from '../../../shared/workspace-stream/upload-fast-path.ts';
import { isWellFormed } from '../../../shared/schema/text-limits.ts';

const validModule = fc.constantFrom('datto-rmm', 'datto-edr', 'm365', 'a1-b2-c3');
const badModule = fc.oneof(fc.string(), fc.constantFrom('Datto', '', 'a--b', '-a', 'x'.repeat(65)), fc.integer(), fc.constant(null));
const validDay = fc.constantFrom('2000-01-01', '2026-10-01', '2026-02-28', '2024-02-29', '2099-12-31');
const badDay = fc.oneof(fc.constantFrom('1999-12-31', '2026-02-30', '2026-13-01', '2026-1-01', '', '2025-02-29'), fc.string(), fc.integer());
const validId = fc.oneof(fc.constantFrom('s-17', 'org 1', 'Ωmega', '😀'), fc.string({ minLength: 1, maxLength: 20 }).filter(isWellFormed));
const badId = fc.oneof(fc.constantFrom('', 'x'.repeat(201), 'a\uD800b', '\uDC00'), fc.integer(), fc.constant(null));
const validName = fc.oneof(fc.string({ maxLength: 30 }).filter(isWellFormed), fc.constant('n'.repeat(500)));
const badName = fc.oneof(fc.constantFrom('n'.repeat(501), 'x\uD834'), fc.integer(), fc.constant(null));
const validType = fc.constantFrom('AllDevicesMetric', 'PrinterMetric', 'a', 'Z9_x', 'T'.repeat(100));
const badType = fc.constantFrom('9Lives', '_x', '', 'a-b', 'T'.repeat(101), '__proto__', 'constructor', 'toString');
const validQuantity = fc.oneof(
  fc.nat(), fc.boolean(), fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }),
  fc.constantFrom(0.5, 12.3456, 1e-4, 1e20 / 1e10, '12.3456', '0', '007', '123456789012345678901234', '1.5'),
);
const badQuantity = fc.oneof(
  fc.constantFrom(-1, -0.5, 1.23456, 2 ** 53, -(2 ** 53) - 2, 1e21, Number.NaN, Number.POSITIVE_INFINITY, '-1', '1.23456', 'abc', '', '1e5', ' 1', '1'.repeat(65), null),
  fc.double(), fc.string({ maxLength: 8 }), fc.constant({}), fc.constant([]),
);

const metrics = (valid: boolean) => fc.dictionary(valid ? validType : fc.oneof(validType, badType), valid ? validQuantity : fc.oneof(validQuantity, badQuantity), { maxKeys: 4 });

const org = (valid: boolean) => fc.record({
  orgId: valid ? fc.constantFrom('s-1', 's-2', 's-3', 's-4', 's-5', 's-6') : fc.oneof(validId, badId, fc.constantFrom('s-1', 's-2')),
  name: valid ? validName : fc.oneof(validName, badName),
  metrics: valid ? metrics(true) : fc.oneof(metrics(false), fc.constantFrom(null, [], 'x', 5)),
  ...(valid ? {} : { extra: fc.anything() }),
}, valid ? {} : { requiredKeys: [] });

/** A valid upload as stored: every key present, no unknown key, distinct org ids. */
const validUpload = fc.record({
  module: validModule,
  date: validDay,
  orgs: fc.uniqueArray(org(true), { selector: (o) => o.orgId, maxLength: 6 }),
  cursor: fc.stringMatching(/^\d{1,6}$/),
}, { requiredKeys: ['module', 'date', 'orgs'] });

/** Mostly right: each part valid nine times in ten, org ids from a small pool (so some repeat). */
const often = <T, U>(valid: fc.Arbitrary<T>, bad: fc.Arbitrary<U>) => fc.oneof({ arbitrary: valid, weight: 9 }, { arbitrary: bad, weight: 1 });
const nearlyValidOrg = fc.record({
  orgId: often(fc.constantFrom('s-1', 's-2', 's-3', 's-4', 's-5', 's-6', 's-7', 's-8'), badId),
  name: often(validName, badName),
  metrics: often(fc.dictionary(often(validType, badType), often(validQuantity, badQuantity), { maxKeys: 4 }), fc.constantFrom(null, [], 'x')),
});
const nearlyValidUpload = fc.record({
  module: often(validModule, badModule),
  date: often(validDay, badDay),
  orgs: fc.array(nearlyValidOrg, { maxLength: 4 }),
  cursor: often(fc.stringMatching(/^\d{1,6}$/), fc.constantFrom('', '1a', '-1', 7)),
}, { requiredKeys: ['module', 'date', 'orgs'] });

/** Anything an upload might wrongly be. */
const anyUpload = fc.oneof(
  validUpload,
  nearlyValidUpload,
  nearlyValidUpload,
  fc.record({
    module: fc.oneof(validModule, badModule),
    date: fc.oneof(validDay, badDay),
    orgs: fc.oneof(fc.array(org(false), { maxLength: 5 }), fc.constantFrom(null, {}, 'orgs')),
    cursor: fc.oneof(fc.stringMatching(/^\d{1,6}$/), fc.constantFrom('', '1a', '-1'), fc.integer()),
    extra: fc.anything(),
  }, { requiredKeys: [] }),
  fc.anything(),
);

describe('the upload fast path', () => {
  it('accepts only what zod accepts, and then returns exactly what zod returns', () => {
    const fast = new UploadFastPath();
    let accepted = 0;
    let refused = 0;
    fc.assert(fc.property(anyUpload, (value) => {
      // The value as a file holds it: JSON has no undefined, -0 or NaN.
      const json: unknown = JSON.parse(JSON.stringify(value) ?? 'null');
      const checked = fast.check(json);
      const zod = upload.safeParse(json);
      if (checked !== null) {
        accepted++;
        expect(zod.success).toBe(true);
        expect(checked).toEqual(zod.data);
      } else if (!zod.success) refused++;
      if (!zod.success) expect(checked).toBeNull();
    }), { numRuns: 3000 });
    expect(accepted).toBeGreaterThan(100);
    expect(refused).toBeGreaterThan(100);
  });

  it('accepts every valid upload as a file stores it (so it is the path actually taken)', () => {
    const fast = new UploadFastPath();
    fc.assert(fc.property(validUpload, (value) => {
      const json: unknown = JSON.parse(JSON.stringify(value));
      expect(upload.safeParse(json).success).toBe(true);
      expect(fast.check(json)).toBe(json);
    }), { numRuns: 1000 });
  });

  it('refuses, like zod, a duplicate org, a lone surrogate, a day before 2000 and a quantity past 2^53', () => {
    const fast = new UploadFastPath();
    const base = { module: 'datto-rmm', date: '2026-10-01', orgs: [{ orgId: 's-1', name: 'A', metrics: { AllDevicesMetric: 3 } }] };
    const cases: unknown[] = [
      { ...base, orgs: [...base.orgs, ...base.orgs] },
      { ...base, orgs: [{ orgId: 's-\uD800', name: 'A', metrics: {} }] },
      { ...base, date: '1999-12-31' },
      { ...base, orgs: [{ orgId: 's-1', name: 'A', metrics: { AllDevicesMetric: 2 ** 53 + 2 } }] },
    ];
    for (const value of cases) {
      expect(fast.check(value)).toBeNull();
      expect(upload.safeParse(value).success).toBe(false);
    }
    expect(fast.check(base)).toBe(base);
  });
});
