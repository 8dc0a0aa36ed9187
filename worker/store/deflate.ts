// Compact storage of large values in D1 (docs/edge-storage.md): JSON text is stored as a raw
// DEFLATE blob (CompressionStream, native in Workers), read back with `hex(column)` because
// D1 answers a blob as a JSON array of byte numbers, which is several times longer.

const encoder = new TextEncoder();
const decoder = new TextDecoder();

async function pipe(bytes: Uint8Array, stream: CompressionStream | DecompressionStream): Promise<Uint8Array> {
  const source = new Blob([bytes]).stream().pipeThrough(stream);
  return new Uint8Array(await new Response(source).arrayBuffer());
}

/** Text as a raw DEFLATE blob. */
export async function deflateText(text: string): Promise<Uint8Array> {
  return pipe(encoder.encode(text), new CompressionStream('deflate-raw'));
}

/** The text of a raw DEFLATE blob. */
export async function inflateText(blob: Uint8Array): Promise<string> {
  return decoder.decode(await pipe(blob, new DecompressionStream('deflate-raw')));
}

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0').toUpperCase());

/** Bytes as upper-case hex, as SQLite's `hex()` writes them and `unhex()` reads them. */
export function toHex(bytes: Uint8Array): string {
  const out: string[] = new Array<string>(bytes.length);
  for (let i = 0; i < bytes.length; i++) out[i] = HEX[bytes[i] ?? 0] ?? '00';
  return out.join('');
}

/** The value of one hex digit's character code (0-9, A-F, a-f). */
function digit(code: number): number {
  return code <= 57 ? code - 48 : (code | 32) - 87;
}

/** The bytes of a hex string as SQLite's `hex()` answers it. */
export function fromHex(hex: string): Uint8Array {
  const bytes = new Uint8Array(hex.length >> 1);
  for (let i = 0; i < bytes.length; i++) bytes[i] = (digit(hex.charCodeAt(2 * i)) << 4) | digit(hex.charCodeAt(2 * i + 1));
  return bytes;
}
