/**
 * JWT and Ed25519 plumbing for the Plex JWT endpoints. Built on Web Crypto (`globalThis.crypto`,
 * which in Node is node:crypto's webcrypto) rather than importing `node:crypto`, so the in-process
 * emulator stays bundleable for a browser. Ed25519 in Web Crypto needs Node >= 20 or a current
 * browser (Chrome 137, Firefox 129, Safari 17).
 */

const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8', { fatal: true });

export function base64url(bytes: Uint8Array): string {
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** Strict base64url (no padding, no other alphabet); null when it is not. */
export function fromBase64url(text: string): Uint8Array<ArrayBuffer> | null {
  if (!/^[A-Za-z0-9_-]*$/.test(text) || text.length % 4 === 1) return null;
  const b64 = text.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - (text.length % 4)) % 4);
  let binary: string;
  try {
    binary = atob(b64);
  } catch {
    return null;
  }
  return Uint8Array.from(binary, (ch) => ch.charCodeAt(0));
}

function base64urlJson(value: unknown): string {
  return base64url(encoder.encode(JSON.stringify(value)));
}

export type JsonObject = Record<string, unknown>;

export interface DecodedJwt {
  header: JsonObject;
  payload: JsonObject;
  signingInput: Uint8Array<ArrayBuffer>;
  signature: Uint8Array<ArrayBuffer>;
}

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Split and decode a compact JWS. Returns a reason string when it is not one. */
export function decodeJwt(token: string): DecodedJwt | string {
  const parts = token.split('.');
  if (parts.length !== 3) return 'expected three dot-separated parts';
  const [h, p, s] = parts as [string, string, string];
  const bytes = [fromBase64url(h), fromBase64url(p), fromBase64url(s)];
  if (bytes.some((b) => b === null)) return 'a part is not base64url';
  let header: unknown;
  let payload: unknown;
  try {
    header = JSON.parse(decoder.decode(bytes[0]!));
    payload = JSON.parse(decoder.decode(bytes[1]!));
  } catch {
    return 'header or payload is not JSON';
  }
  if (!isObject(header) || !isObject(payload)) return 'header and payload must be JSON objects';
  return { header, payload, signingInput: encoder.encode(`${h}.${p}`), signature: bytes[2]! };
}

export async function signJwt(
  header: JsonObject,
  payload: JsonObject,
  privateKey: CryptoKey,
): Promise<string> {
  const input = `${base64urlJson(header)}.${base64urlJson(payload)}`;
  const signature = await crypto.subtle.sign({ name: 'Ed25519' }, privateKey, encoder.encode(input));
  return `${input}.${base64url(new Uint8Array(signature))}`;
}

export async function verifyJwtSignature(jwt: DecodedJwt, publicKey: CryptoKey): Promise<boolean> {
  if (jwt.signature.length !== 64) return false;
  try {
    return await crypto.subtle.verify({ name: 'Ed25519' }, publicKey, jwt.signature, jwt.signingInput);
  } catch {
    return false;
  }
}

export function generateSigningKeyPair(): Promise<CryptoKeyPair> {
  return crypto.subtle.generateKey({ name: 'Ed25519' }, true, ['sign', 'verify']) as Promise<CryptoKeyPair>;
}

/** The public half as raw 32 bytes, base64url (a JWK's `x`). */
export async function publicX(key: CryptoKey): Promise<string> {
  return base64url(new Uint8Array(await crypto.subtle.exportKey('raw', key)));
}

export function importPublicKey(x: string): Promise<CryptoKey> {
  return crypto.subtle.importKey('jwk', { kty: 'OKP', crv: 'Ed25519', x }, { name: 'Ed25519' }, true, [
    'verify',
  ]);
}

/** RFC 7638 JWK thumbprint of an Ed25519 public key: base64url(SHA-256('{"crv","kty","x"}')). */
export async function jwkThumbprint(x: string): Promise<string> {
  const canonical = `{"crv":"Ed25519","kty":"OKP","x":"${x}"}`;
  return base64url(new Uint8Array(await crypto.subtle.digest('SHA-256', encoder.encode(canonical))));
}

/** A device's public key, as a client sends it in `{"jwk": …}`. */
export interface DeviceJwk {
  /** base64url of the raw 32-byte public key. */
  x: string;
  /** The JWK's own `kid`, or its RFC 7638 thumbprint when it has none. */
  kid: string;
}

/**
 * Validate a client's public JWK: `{kty:"OKP", crv:"Ed25519", x, kid?, alg?, use?}`. Returns the key
 * or a human-readable reason. A private key (`d`) is refused: it must never leave the device.
 */
export async function parseDeviceJwk(value: unknown): Promise<DeviceJwk | string> {
  if (!isObject(value)) return 'jwk must be a JSON object';
  if (value.kty !== 'OKP') return `jwk.kty must be "OKP", got ${JSON.stringify(value.kty)}`;
  if (value.crv !== 'Ed25519') return `jwk.crv must be "Ed25519", got ${JSON.stringify(value.crv)}`;
  if (typeof value.x !== 'string') return 'jwk.x is missing';
  const raw = fromBase64url(value.x);
  if (raw === null || raw.length !== 32) return 'jwk.x must be 32 bytes of base64url (no padding)';
  if ('d' in value) return 'jwk must be a public key (remove "d")';
  if (value.kid !== undefined && (typeof value.kid !== 'string' || value.kid === '')) {
    return 'jwk.kid must be a non-empty string';
  }
  if (value.alg !== undefined && value.alg !== 'EdDSA' && value.alg !== 'Ed25519') {
    return `jwk.alg must be "EdDSA", got ${JSON.stringify(value.alg)}`;
  }
  if (value.use !== undefined && value.use !== 'sig')
    return `jwk.use must be "sig", got ${JSON.stringify(value.use)}`;
  try {
    await importPublicKey(value.x);
  } catch {
    return 'jwk.x is not a usable Ed25519 public key';
  }
  return { x: value.x, kid: typeof value.kid === 'string' ? value.kid : await jwkThumbprint(value.x) };
}
