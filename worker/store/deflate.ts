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

/** Bytes as upper-case hex, as SQLite's `hex()` writes them and `unhex()` reads them. */
export function toHex(bytes: Uint8Array): string {
  let out = '';
  for (const byte of bytes) out += (byte < 16 ? '0' : '') + byte.toString(16);
  return out.toUpperCase();
}

/** The bytes of a hex string as SQLite's `hex()` answers it. */
export function fromHex(hex: string): Uint8Array {
  const bytes = new Uint8Array(hex.length >> 1);
  for (let i = 0; i < bytes.length; i++) bytes[i] = parseInt(hex.substr(i * 2, 2), 16);
  return bytes;
}
