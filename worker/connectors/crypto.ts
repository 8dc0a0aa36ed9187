// Connector credentials are stored sealed with AES-GCM under the CONNECTOR_KEY Worker
// secret (32 random bytes, base64), so a copy of the database alone does not reveal them.
import { ApiFailure } from '../errors.ts';

const IV_BYTES = 12;

function fromBase64(text: string): Uint8Array<ArrayBuffer> {
  const binary = atob(text);
  const bytes = new Uint8Array(new ArrayBuffer(binary.length));
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

function toBase64(bytes: Uint8Array): string {
  let text = '';
  for (const byte of bytes) text += String.fromCharCode(byte);
  return btoa(text);
}

let testKey: Promise<CryptoKey> | null = null;

/**
 * A key for a local edge started for tests without the secret (CONNECTOR_ALLOW_HOSTS set,
 * CONNECTOR_KEY not): random, held by this isolate only, so what it seals is unreadable
 * after a restart. A deployed edge never sets CONNECTOR_ALLOW_HOSTS and gets no such key.
 */
function ephemeralKey(): Promise<CryptoKey> {
  if (testKey) return testKey;
  console.warn('CONNECTOR_KEY is not set: sealing connector credentials with a throwaway key (local tests only)');
  const made = crypto.subtle.importKey('raw', crypto.getRandomValues(new Uint8Array(32)), 'AES-GCM', false, ['encrypt', 'decrypt']);
  testKey = made;
  return made;
}

/** The AES-GCM key from the CONNECTOR_KEY secret; a missing or malformed secret is the operator's to fix. */
export async function connectorKey(env: { CONNECTOR_KEY?: string; CONNECTOR_ALLOW_HOSTS?: string }): Promise<CryptoKey> {
  const secret = env.CONNECTOR_KEY;
  if ((secret ?? '').trim() === '' && (env.CONNECTOR_ALLOW_HOSTS ?? '').trim() !== '') return ephemeralKey();
  let raw: Uint8Array<ArrayBuffer> | null = null;
  try {
    raw = secret ? fromBase64(secret.trim()) : null;
  } catch {
    raw = null;
  }
  if (!raw || raw.length !== 32) {
    // Not the caller's fault, but never a bare 500: say what the operator must do.
    throw new ApiFailure('conflict', 'connectors need the CONNECTOR_KEY secret (32 random bytes, base64): run `npx wrangler secret put CONNECTOR_KEY`, or `npm start` locally');
  }
  return crypto.subtle.importKey('raw', raw, 'AES-GCM', false, ['encrypt', 'decrypt']);
}

/** Seals a text; the answer is base64 of IV then ciphertext. The context (tenant and module) is bound as associated data. */
export async function seal(key: CryptoKey, plain: string, context: string): Promise<string> {
  const iv = crypto.getRandomValues(new Uint8Array(IV_BYTES));
  const data = new Uint8Array(await crypto.subtle.encrypt(
    { name: 'AES-GCM', iv, additionalData: new TextEncoder().encode(context) }, key, new TextEncoder().encode(plain)));
  const out = new Uint8Array(IV_BYTES + data.length);
  out.set(iv);
  out.set(data, IV_BYTES);
  return toBase64(out);
}

/** Opens a sealed text, or null when it was sealed under another key or context. */
export async function open(key: CryptoKey, sealed: string, context: string): Promise<string | null> {
  try {
    const bytes = fromBase64(sealed);
    const plain = await crypto.subtle.decrypt(
      { name: 'AES-GCM', iv: bytes.slice(0, IV_BYTES), additionalData: new TextEncoder().encode(context) }, key, bytes.slice(IV_BYTES));
    return new TextDecoder().decode(plain);
  } catch {
    return null;
  }
}
