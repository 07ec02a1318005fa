/**
 * A test "device" doing the client side of Plex JWT auth with node:crypto only (no emulator code),
 * the way python-plexapi's MyPlexJWTLogin does it.
 */

import { createHash, createPublicKey, generateKeyPairSync, type KeyObject, sign, verify } from 'node:crypto';

export function b64url(data: Buffer | string): string {
  return Buffer.from(data).toString('base64url');
}

export function decodePart(part: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
}

export interface Device {
  clientIdentifier: string;
  kid: string;
  /** The public JWK as python-plexapi sends it. */
  jwk: { kty: 'OKP'; crv: 'Ed25519'; x: string; use: 'sig'; alg: 'EdDSA'; kid: string };
  privateKey: KeyObject;
  /** Sign a client JWT; the emulator clock's "now" (seconds) is the default iat. */
  clientJwt(opts: {
    now: number;
    nonce?: string;
    payload?: Record<string, unknown>;
    header?: Record<string, unknown>;
    key?: KeyObject;
  }): string;
}

export function makeDevice(clientIdentifier: string): Device {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  const x = publicKey.export({ format: 'jwk' }).x!;
  const priv = privateKey.export({ format: 'jwk' }).d!;
  // python-plexapi: kid = hex SHA-256 of (private bytes + public bytes).
  const kid = createHash('sha256')
    .update(Buffer.concat([Buffer.from(priv, 'base64url'), Buffer.from(x, 'base64url')]))
    .digest('hex');
  return {
    clientIdentifier,
    kid,
    jwk: { kty: 'OKP', crv: 'Ed25519', x, use: 'sig', alg: 'EdDSA', kid },
    privateKey,
    clientJwt({ now, nonce, payload = {}, header = {}, key = privateKey }) {
      const h = { alg: 'EdDSA', typ: 'JWT', kid, ...header };
      const p = {
        ...(nonce !== undefined ? { nonce } : {}),
        scope: 'username,email,friendly_name,restricted,anonymous,joinedAt',
        aud: 'plex.tv',
        iss: clientIdentifier,
        iat: now,
        exp: now + 300,
        ...payload,
      };
      const input = `${b64url(JSON.stringify(h))}.${b64url(JSON.stringify(p))}`;
      return `${input}.${b64url(sign(null, Buffer.from(input), key))}`;
    },
  };
}

/** Verify a Plex JWT against published JWKs, trying them last to first like python-plexapi. */
export function verifyWithKeys(
  jwt: string,
  keys: Array<Record<string, unknown>>,
): { header: Record<string, unknown>; payload: Record<string, unknown>; kid: string } | null {
  const [h, p, s] = jwt.split('.') as [string, string, string];
  for (const jwk of [...keys].reverse()) {
    const key = createPublicKey({ key: jwk as never, format: 'jwk' });
    if (verify(null, Buffer.from(`${h}.${p}`), key, Buffer.from(s, 'base64url'))) {
      return { header: decodePart(h), payload: decodePart(p), kid: jwk.kid as string };
    }
  }
  return null;
}
