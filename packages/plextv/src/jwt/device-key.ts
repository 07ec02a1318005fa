/**
 * The device key of the Plex JWT flow: an Ed25519 key pair made and kept by the app (WebCrypto, so Node 20+
 * and browsers). Its public JWK is registered with plex.tv; its private half signs our client JWTs.
 */
import { encodeBytes } from './base64url.js';

/** A public Ed25519 JWK as plex.tv wants it. */
export interface PublicJwk {
  kty: 'OKP';
  crv: 'Ed25519';
  x: string;
  kid: string;
  alg: 'EdDSA';
  use: 'sig';
}

/** An Ed25519 device key (WebCrypto): the private key signs client JWTs; `publicJwk` is registered with plex.tv. */
export interface DeviceKey {
  /** RFC 7638 thumbprint of the public key: stable, and what plex.tv echoes as `thumbprint`. */
  kid: string;
  publicJwk: PublicJwk;
  privateKey: CryptoKey;
  publicKey: CryptoKey;
}

/** The key pair as JSON, to store (it is a secret: the private half is in `d`). */
export interface ExportedDeviceKey {
  kty: 'OKP';
  crv: 'Ed25519';
  x: string;
  d: string;
  kid: string;
}

const ALG = { name: 'Ed25519' } as const;

/** RFC 7638: SHA-256 over the required members in lexicographic order. */
async function thumbprint(x: string): Promise<string> {
  const canonical = JSON.stringify({ crv: 'Ed25519', kty: 'OKP', x });
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(canonical));
  return encodeBytes(new Uint8Array(digest));
}

async function fromPair(privateKey: CryptoKey, publicKey: CryptoKey): Promise<DeviceKey> {
  const jwk = (await crypto.subtle.exportKey('jwk', publicKey)) as JsonWebKey;
  if (!jwk.x) throw new Error('WebCrypto returned an Ed25519 key without x');
  const kid = await thumbprint(jwk.x);
  return {
    kid,
    privateKey,
    publicKey,
    publicJwk: { kty: 'OKP', crv: 'Ed25519', x: jwk.x, kid, alg: 'EdDSA', use: 'sig' },
  };
}

/** Make a new device key (extractable, so it can be exported and stored). */
export async function generateDeviceKey(): Promise<DeviceKey> {
  const pair = (await crypto.subtle.generateKey(ALG, true, ['sign', 'verify'])) as CryptoKeyPair;
  return fromPair(pair.privateKey, pair.publicKey);
}

/** The key pair as JSON for storage. Keep it like a password. */
export async function exportDeviceKey(key: DeviceKey): Promise<ExportedDeviceKey> {
  const jwk = (await crypto.subtle.exportKey('jwk', key.privateKey)) as JsonWebKey;
  if (!jwk.d || !jwk.x) throw new Error('this device key is not extractable');
  return { kty: 'OKP', crv: 'Ed25519', x: jwk.x, d: jwk.d, kid: key.kid };
}

/** Load a stored key pair. */
export async function importDeviceKey(stored: ExportedDeviceKey): Promise<DeviceKey> {
  if (stored?.kty !== 'OKP' || stored.crv !== 'Ed25519' || !stored.x || !stored.d) {
    throw new TypeError('not an exported Ed25519 device key ({kty:"OKP", crv:"Ed25519", x, d})');
  }
  const base = { kty: 'OKP', crv: 'Ed25519', x: stored.x };
  const privateKey = await crypto.subtle.importKey('jwk', { ...base, d: stored.d }, ALG, true, ['sign']);
  const publicKey = await crypto.subtle.importKey('jwk', base, ALG, true, ['verify']);
  return fromPair(privateKey, publicKey);
}
