// Tokens are 256 random bits, shown once; the edge keeps only their SHA-256 hash, so a
// leaked database does not leak usable tokens. Web Crypto only: runs in the worker
// and in Node scripts alike.

export type TokenKind = 'admin' | 'module' | 'share';

const PREFIX: Record<TokenKind, string> = { admin: 'tua_', module: 'tum_', share: 'tus_' };

function base64url(bytes: Uint8Array): string {
  let text = '';
  for (const byte of bytes) text += String.fromCharCode(byte);
  return btoa(text).replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, '');
}

/** A new random token; the prefix tells people which kind they hold. */
export function newToken(kind: TokenKind): string {
  return PREFIX[kind] + base64url(crypto.getRandomValues(new Uint8Array(32)));
}

/** A new random record id (128 bits, hex). */
export function newId(): string {
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join('');
}

/** Lower-case hex SHA-256 of a text. */
export async function sha256Hex(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}
