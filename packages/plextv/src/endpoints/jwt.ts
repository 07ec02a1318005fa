/**
 * Plex JWT (clients.plex.tv): register a device key with a legacy token, then trade client JWTs signed by that
 * key for short-lived Plex JWTs — again whenever one is about to expire, with no password or legacy token.
 */
import type { PlexTvClient } from '../client.js';
import { DecodeError, JwtVerificationError } from '../errors.js';
import { type PlexJwtClaims, plexJwtExpiry } from '../jwt/claims.js';
import { createClientJwt } from '../jwt/client-jwt.js';
import type { DeviceKey } from '../jwt/device-key.js';
import { parseJwt, verifySignature } from '../jwt/jws.js';
import { str } from '../models/read.js';
import type { CallOptions } from '../transport.js';
import { type BodyDecoder, objectBody } from './body.js';
import { call } from './call.js';
import { route } from './route.js';

const REGISTER_KEY = route('registerDeviceKey', 'POST /api/v2/auth/jwk', {
  host: 'clients',
  idempotent: false,
});

const NONCE = route('getNonce', 'GET /api/v2/auth/nonce', {
  host: 'clients',
  auth: false,
  body: objectBody('nonce', (w, ctx) => {
    const nonce = str(w, 'nonce');
    if (!nonce) throw new DecodeError(`GET ${ctx.path}: no nonce in the answer`, { field: 'nonce', ...ctx });
    return nonce;
  }),
});

const PLEX_JWT = route('fetchPlexJwt', 'POST /api/v2/auth/token', {
  host: 'clients',
  auth: false,
  idempotent: false,
  body: objectBody('token', (w, ctx) => {
    const token = str(w, 'auth_token', 'authToken');
    if (!token)
      throw new DecodeError(`POST ${ctx.path}: no auth_token in the answer`, { field: 'auth_token', ...ctx });
    return token;
  }),
});

const JWT_KEYS: BodyDecoder<JsonWebKey[]> = {
  field: 'keys',
  expected: '{"keys": […]}',
  read: (body) => {
    const json = body.json as { keys?: unknown } | undefined;
    if (!json || !Array.isArray(json.keys)) return undefined;
    return json.keys.filter((k): k is JsonWebKey => typeof k === 'object' && k !== null);
  },
};
const KEYS = route('getPlexJwtKeys', 'GET /api/v2/auth/keys', {
  host: 'clients',
  auth: false,
  body: JWT_KEYS,
});

export interface PlexJwtOptions extends CallOptions {
  /** Scopes to ask for (joined with commas on the wire). */
  scope?: readonly string[];
}

/** Register the device key's public JWK with the account of the client's (legacy) token. */
export async function registerDeviceKey(
  client: PlexTvClient,
  key: DeviceKey,
  options: CallOptions = {},
): Promise<void> {
  await call(client, REGISTER_KEY, { json: { jwk: key.publicJwk } }, options);
}

/** A fresh single-use nonce for a client JWT. */
export async function getNonce(client: PlexTvClient, options: CallOptions = {}): Promise<string> {
  return call(client, NONCE, {}, options);
}

/**
 * Get a Plex JWT for a registered device key: nonce → client JWT → `POST /api/v2/auth/token`. This is also how
 * a Plex JWT is refreshed.
 */
export async function fetchPlexJwt(
  client: PlexTvClient,
  key: DeviceKey,
  options: PlexJwtOptions = {},
): Promise<string> {
  const { scope, ...rest } = options;
  const nonce = await getNonce(client, rest);
  const jwt = await createClientJwt(client, key, { nonce, scope });
  return call(client, PLEX_JWT, { json: { jwt } }, rest);
}

/** plex.tv's current public signing keys (`GET /api/v2/auth/keys`). */
export async function getPlexJwtKeys(client: PlexTvClient, options: CallOptions = {}): Promise<JsonWebKey[]> {
  return call(client, KEYS, {}, options);
}

export interface VerifyPlexJwtOptions extends CallOptions {
  /** The device key it was issued to: then its `thumbprint` claim must be present and match. */
  key?: DeviceKey;
  /** plex.tv's keys, if already fetched. */
  keys?: JsonWebKey[];
  /** Allowed clock skew in seconds. Default 60. */
  clockTolerance?: number;
}

/**
 * Verify a Plex JWT: EdDSA signature by one of plex.tv's published keys (every key is tried: plex.tv rotates
 * them), issuer `plex.tv`, audience `plex.tv` or this client, not expired. Resolves with the claims.
 */
export async function verifyPlexJwt(
  client: PlexTvClient,
  jwt: string,
  options: VerifyPlexJwtOptions = {},
): Promise<PlexJwtClaims> {
  const fail = (why: string) => new JwtVerificationError(`Plex JWT rejected: ${why}`);
  let parts: ReturnType<typeof parseJwt>;
  try {
    parts = parseJwt(jwt);
  } catch (error) {
    throw fail(error instanceof Error ? error.message : 'malformed');
  }
  if (parts.header.alg !== 'EdDSA') throw fail(`unexpected algorithm ${String(parts.header.alg)}`);
  const keys = options.keys ?? (await getPlexJwtKeys(client, options));
  // The key named by `kid` first, then every other: a rotated key may still be the signer.
  const ordered = [...keys].sort(
    (a, b) => Number(kidOf(b) === parts.header.kid) - Number(kidOf(a) === parts.header.kid),
  );
  let verified = false;
  for (const jwk of ordered) {
    if (jwk.kty !== 'OKP' || jwk.crv !== 'Ed25519' || !jwk.x) continue;
    const publicKey = await crypto.subtle.importKey(
      'jwk',
      { kty: 'OKP', crv: 'Ed25519', x: jwk.x },
      { name: 'Ed25519' },
      false,
      ['verify'],
    );
    if (await verifySignature(parts, publicKey)) {
      verified = true;
      break;
    }
  }
  if (!verified) throw fail('no published plex.tv key verifies its signature');
  const claims = parts.payload as PlexJwtClaims;
  const now = Math.floor(Date.now() / 1000);
  const skew = options.clockTolerance ?? 60;
  if (claims.iss !== 'plex.tv') throw fail(`issuer is ${String(claims.iss)}, not plex.tv`);
  const audiences = Array.isArray(claims.aud) ? claims.aud : [claims.aud];
  const me = client.identityHeaders['X-Plex-Client-Identifier'];
  if (!audiences.some((a) => a === 'plex.tv' || a === me))
    throw fail('audience is neither plex.tv nor this client');
  if (typeof claims.exp !== 'number') throw fail('no expiry');
  if (claims.exp + skew < now) throw fail(`expired at ${new Date(claims.exp * 1000).toISOString()}`);
  if (options.key) {
    // With a key given, the token must say which key it was issued to: no claim is no proof.
    if (typeof claims.thumbprint !== 'string') throw fail('no thumbprint claim (device key expected)');
    if (claims.thumbprint !== options.key.kid) throw fail('issued to another device key');
  }
  return claims;
}

const kidOf = (jwk: JsonWebKey): unknown => (jwk as { kid?: unknown }).kid;

/**
 * A Plex JWT that is good for at least `refreshWithin` more ms (default one day): `jwt` itself, or a
 * refreshed one. `refreshed` tells the caller to store the new token.
 */
export async function freshPlexJwt(
  client: PlexTvClient,
  key: DeviceKey,
  jwt: string | undefined,
  options: PlexJwtOptions & { refreshWithin?: number } = {},
): Promise<{ jwt: string; refreshed: boolean }> {
  const { refreshWithin = 86_400_000, ...rest } = options;
  const expires = jwt ? plexJwtExpiry(jwt) : undefined;
  if (jwt && expires && expires.getTime() - Date.now() > refreshWithin) return { jwt, refreshed: false };
  return { jwt: await fetchPlexJwt(client, key, rest), refreshed: true };
}
