// Measures the edge's storage limits are written in: UTF-8 bytes (what D1 and the wire
// count, not JavaScript's UTF-16 units), nesting depth, and well-formed Unicode (a lone
// surrogate cannot be stored as UTF-8, so it would read back as something else).

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** True when the text has no lone surrogate, so it survives UTF-8 storage unchanged. */
export function isWellFormed(text: string): boolean {
  return !LONE_SURROGATE.test(text);
}

/** The length of the text in UTF-8 bytes, without encoding it. */
export function utf8Length(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    if (unit < 0x80) bytes += 1;
    else if (unit < 0x800) bytes += 2;
    else if (unit >= 0xd800 && unit <= 0xdbff && i + 1 < text.length) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        bytes += 4;
        i++;
      } else bytes += 3;
    } else bytes += 3;
  }
  return bytes;
}

export interface JsonLimits {
  /** Containers deep, counting the outermost as 1. */
  maxDepth: number;
  /** UTF-8 bytes of the value's JSON text. */
  maxBytes: number;
}

/**
 * What keeps a JSON value out of storage, or null: too deep, too heavy, or a string or key
 * that is not well-formed. Walks without recursion, so a hostile depth cannot overflow the
 * stack, and stops at the first container past the depth limit.
 */
export function jsonProblem(value: unknown, limits: JsonLimits): string | null {
  const stack: [unknown, number][] = [[value, 1]];
  while (stack.length > 0) {
    const [item, depth] = stack.pop() as [unknown, number];
    if (typeof item === 'string') {
      if (!isWellFormed(item)) return 'must be well-formed Unicode (a lone surrogate was found)';
      continue;
    }
    if (typeof item === 'number' && !Number.isFinite(item)) return 'must be finite numbers';
    if (typeof item !== 'object' || item === null) continue;
    if (depth > limits.maxDepth) return `must not be nested deeper than ${limits.maxDepth} levels`;
    if (Array.isArray(item)) {
      for (const element of item) stack.push([element, depth + 1]);
      continue;
    }
    for (const [key, element] of Object.entries(item)) {
      if (!isWellFormed(key)) return 'must be well-formed Unicode (a lone surrogate was found in a key)';
      stack.push([element, depth + 1]);
    }
  }
  const bytes = utf8Length(JSON.stringify(value) ?? '');
  if (bytes > limits.maxBytes) return `must weigh at most ${limits.maxBytes / 1024} KiB as JSON (this is ${Math.ceil(bytes / 1024)} KiB)`;
  return null;
}
