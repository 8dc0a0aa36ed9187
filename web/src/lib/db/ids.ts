// Ids for records created in the browser: random, so two offline browsers never collide.

/** A new record id with a readable prefix, e.g. `acc-3f9a0c1b2d4e`. */
export function newId(prefix: string): string {
  const bytes = new Uint8Array(6);
  crypto.getRandomValues(bytes);
  return `${prefix}-${Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')}`;
}
