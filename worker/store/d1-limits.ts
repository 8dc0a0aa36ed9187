// D1 caps a value (a string or blob, so also a bound JSON parameter) at 2,000,000 bytes,
// counted in UTF-8: text is sized here in the same unit, never in UTF-16 string length.
export { utf8Length } from '../../shared/schema/text-limits.ts';

/** The largest value D1 stores or binds, in bytes. */
export const D1_VALUE_BYTES = 2_000_000;
