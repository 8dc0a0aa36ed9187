// The upload schema checked by hand, for the common case: a year of a large MSP is millions of
// org-days, and zod's general machinery spends most of a workspace's read time on them. It
// accepts only what the zod schema accepts *and* returns unchanged (no defaults to fill, no
// unknown keys to drop); anything else returns null and the caller asks zod, which then
// gives the exact problem and path. test/shared/workspace-stream/upload-fast-path.test.ts
// proves the two agree.
import { isIsoDay } from '../dates/day.ts';
import { numberToDecimalText, parseScaled, QTY_SCALE } from '../money/scaled.ts';
import { FIRST_UPLOAD_DAY, MAX_ORG_NAME, type Upload } from '../schema/upload.ts';
import { isWellFormed } from '../schema/text-limits.ts';

const MODULE_ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const BILLING_TYPE_ID = /^[A-Za-z][A-Za-z0-9_]*$/;
const CURSOR = /^\d+$/;
/** Any code unit of a surrogate pair: only text holding one needs the well-formedness check. */
const SURROGATE = /[\uD800-\uDFFF]/;

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function wellFormed(text: string): boolean {
  return !SURROGATE.test(text) || isWellFormed(text);
}

function isId(value: unknown): value is string {
  return typeof value === 'string' && value.length >= 1 && value.length <= 200 && wellFormed(value);
}

function isQuantity(value: unknown): boolean {
  if (typeof value === 'boolean') return true;
  if (typeof value === 'number') {
    if (Number.isInteger(value)) return value >= 0 && value <= Number.MAX_SAFE_INTEGER;
    if (!Number.isFinite(value)) return false;
    return decimalOk(value);
  }
  if (typeof value === 'string') return value.length <= 64 && decimalOk(value);
  return false;
}

function decimalOk(value: string | number): boolean {
  try {
    return parseScaled(typeof value === 'number' ? numberToDecimalText(value) : value, QTY_SCALE) >= 0n;
  } catch {
    return false;
  }
}

/**
 * Checks that valid ids and days are remembered: a year of uploads repeats a few thousand
 * org ids, a few dozen billing types and 365 days millions of times.
 */
export class UploadFastPath {
  private readonly modules = new Set<string>();
  private readonly days = new Set<string>();
  private readonly types = new Set<string>();

  /** The upload as zod would return it, or null when zod must decide. */
  check(value: unknown): Upload | null {
    if (!isPlainObject(value)) return null;
    let keys = 0;
    for (const key in value) {
      if (!Object.hasOwn(value, key)) continue;
      keys++;
      if (key !== 'module' && key !== 'date' && key !== 'orgs' && key !== 'cursor') return null;
    }
    const { module, date, orgs, cursor } = value;
    if (keys !== ('cursor' in value ? 4 : 3)) return null;
    if (!this.isModule(module) || !this.isDay(date)) return null;
    if ('cursor' in value && !(typeof cursor === 'string' && CURSOR.test(cursor))) return null;
    if (!Array.isArray(orgs)) return null;
    const seen = new Set<string>();
    for (const org of orgs as unknown[]) {
      if (!isPlainObject(org)) return null;
      let orgKeys = 0;
      for (const key in org) {
        if (!Object.hasOwn(org, key)) continue;
        orgKeys++;
        if (key !== 'orgId' && key !== 'name' && key !== 'metrics') return null;
      }
      if (orgKeys !== 3) return null;
      const { orgId, name, metrics } = org;
      if (!isId(orgId) || seen.has(orgId)) return null;
      seen.add(orgId);
      if (typeof name !== 'string' || name.length > MAX_ORG_NAME || !wellFormed(name)) return null;
      if (!isPlainObject(metrics)) return null;
      for (const type in metrics) {
        if (!Object.hasOwn(metrics, type)) continue;
        if (!this.isType(type) || !isQuantity(metrics[type])) return null;
      }
    }
    return value as Upload;
  }

  private isModule(value: unknown): value is string {
    if (typeof value !== 'string') return false;
    if (this.modules.has(value)) return true;
    if (value.length > 64 || !MODULE_ID.test(value)) return false;
    this.modules.add(value);
    return true;
  }

  private isDay(value: unknown): value is string {
    if (typeof value !== 'string') return false;
    if (this.days.has(value)) return true;
    if (!isIsoDay(value) || value < FIRST_UPLOAD_DAY) return false;
    this.days.add(value);
    return true;
  }

  private isType(value: string): boolean {
    if (this.types.has(value)) return true;
    if (value.length > 100 || !BILLING_TYPE_ID.test(value)) return false;
    this.types.add(value);
    return true;
  }
}
