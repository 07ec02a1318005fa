/** Compact JWS with EdDSA (Ed25519) through WebCrypto: sign our client JWTs, verify Plex's. */
import { decodeBytes, decodeText, encodeBytes, encodeText } from './base64url.js';

export interface JwtParts {
  header: Record<string, unknown>;
  payload: Record<string, unknown>;
  signingInput: Uint8Array<ArrayBuffer>;
  signature: Uint8Array<ArrayBuffer>;
}

export async function signJwt(
  header: Record<string, unknown>,
  payload: Record<string, unknown>,
  privateKey: CryptoKey,
): Promise<string> {
  const input = `${encodeText(JSON.stringify({ ...header, alg: 'EdDSA' }))}.${encodeText(JSON.stringify(payload))}`;
  const signature = await crypto.subtle.sign('Ed25519', privateKey, new TextEncoder().encode(input));
  return `${input}.${encodeBytes(new Uint8Array(signature))}`;
}

/** Split and decode a compact JWS. Throws a plain Error when it is not one. */
export function parseJwt(token: string): JwtParts {
  const parts = token.split('.');
  if (parts.length !== 3) throw new Error('not a JWT (expected three dot-separated parts)');
  const [h, p, s] = parts as [string, string, string];
  const header = JSON.parse(decodeText(h)) as unknown;
  const payload = JSON.parse(decodeText(p)) as unknown;
  if (!isObject(header) || !isObject(payload))
    throw new Error('not a JWT (header or payload is not an object)');
  return { header, payload, signingInput: new TextEncoder().encode(`${h}.${p}`), signature: decodeBytes(s) };
}

export async function verifySignature(parts: JwtParts, publicKey: CryptoKey): Promise<boolean> {
  return crypto.subtle.verify('Ed25519', publicKey, parts.signature, parts.signingInput);
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
