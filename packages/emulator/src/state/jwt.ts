/**
 * The Plex JWT model (python-plexapi research notes §2.4 are the reference):
 * - devices register an Ed25519 public key for (account, client identifier);
 * - a device proves itself with a short-lived "client JWT" it signs (EdDSA; nonce, scope,
 *   aud "plex.tv", iss = its client identifier, iat, exp <= iat + 5 min);
 * - the emulator answers with a "Plex JWT" it signs with its own rotating key set, published at
 *   GET /api/v2/auth/keys. A Plex JWT is accepted as a token everywhere (X-Plex-Token).
 */

import { type PlexErrorBody, PlexHttpError } from './errors.js';
import {
  type DecodedJwt,
  decodeJwt,
  generateSigningKeyPair,
  importPublicKey,
  type JsonObject,
  signJwt,
  verifyJwtSignature,
} from './jwk.js';
import {
  type Account,
  type DeviceKey,
  type EmulatorState,
  nowSeconds,
  type SigningKey,
  type Token,
} from './model.js';

export function deviceKeyId(clientIdentifier: string, kid: string): string {
  return `${clientIdentifier}\n${kid}`;
}

function randomHex(bytes: number): string {
  return Array.from(crypto.getRandomValues(new Uint8Array(bytes)), (b) =>
    b.toString(16).padStart(2, '0'),
  ).join('');
}

/** A new Ed25519 signing key. Generated in the background; a failure surfaces where the key is used. */
export function newSigningKey(createdAt: number): SigningKey {
  const keyPair = generateSigningKeyPair();
  keyPair.catch(() => {}); // not an unhandled rejection: whoever awaits it sees the error
  return { kid: randomHex(8), createdAt, retiredAt: null, keyPair };
}

/** A Plex JWT lives 7 days (what third-party docs report; python-plexapi refreshes within 1 day of expiry). */
export const PLEX_JWT_SECONDS = 7 * 86_400;
/** A client JWT may live at most 5 minutes (python-plexapi makes exactly iat + 5 min). */
export const CLIENT_JWT_MAX_SECONDS = 300;
/** Nonces are single use and expire after 5 minutes (emulator clock). */
export const NONCE_SECONDS = 300;

// ---- the emulator's signing keys -----------------------------------------------------------------

/**
 * Keys still published: the active one, plus retired ones until every JWT they signed has expired
 * (retiredAt + 7 days), or until control.dropOldJwtKeys(). Oldest first, newest (active) LAST.
 */
export function publishedKeys(state: EmulatorState): SigningKey[] {
  const now = nowSeconds(state);
  return state.signingKeys.filter((k) => k.retiredAt === null || k.retiredAt + PLEX_JWT_SECONDS > now);
}

export function activeKey(state: EmulatorState): SigningKey {
  let active = state.signingKeys.at(-1);
  if (!active || active.retiredAt !== null) {
    active = newSigningKey(nowSeconds(state));
    state.signingKeys.push(active);
  }
  return active;
}

/** A new active key; the previous one is retired but stays published. Returns the new kid. */
export function rotateKeys(state: EmulatorState): string {
  const now = nowSeconds(state);
  for (const key of state.signingKeys) key.retiredAt ??= now;
  const key = newSigningKey(now);
  state.signingKeys.push(key);
  return key.kid;
}

/** Forget every retired key: JWTs they signed stop verifying. Returns the kids dropped. */
export function dropRetiredKeys(state: EmulatorState): string[] {
  const dropped = state.signingKeys.filter((k) => k.retiredAt !== null).map((k) => k.kid);
  state.signingKeys = state.signingKeys.filter((k) => k.retiredAt === null);
  return dropped;
}

// ---- Plex JWTs -------------------------------------------------------------------------------------

/** The claims of a Plex JWT the emulator issues. */
export interface PlexJwtClaims {
  iss: 'plex.tv';
  aud: [string, string];
  sub: string;
  user: { id: number; uuid: string; username: string };
  thumbprint: string;
  scope: string;
  iat: number;
  exp: number;
  /** A fresh id per token: two Plex JWTs are never byte-identical, even with a frozen clock. */
  jti: string;
}

export async function mintPlexJwt(
  state: EmulatorState,
  account: Account,
  device: { clientIdentifier: string; kid: string },
  scope: string,
): Promise<string> {
  const key = activeKey(state);
  const iat = nowSeconds(state);
  const claims: PlexJwtClaims = {
    iss: 'plex.tv',
    aud: ['plex.tv', device.clientIdentifier],
    sub: account.uuid,
    // Managed users have no username; their title stands in (our choice).
    user: { id: account.id, uuid: account.uuid, username: account.username || account.title },
    thumbprint: device.kid,
    scope,
    iat,
    exp: iat + PLEX_JWT_SECONDS,
    jti: crypto.randomUUID(),
  };
  const { privateKey } = await key.keyPair;
  return signJwt({ alg: 'EdDSA', typ: 'JWT', kid: key.kid }, { ...claims }, privateKey);
}

/** A Token record for a Plex JWT just minted (not stored: JWTs are verified, not looked up). */
export function jwtRecord(
  state: EmulatorState,
  account: Account,
  jwt: string,
  clientIdentifier: string,
): Token {
  const iat = nowSeconds(state);
  return {
    token: jwt,
    accountId: account.id,
    issuedAt: iat,
    rememberExpiresAt: account.managed ? null : iat + PLEX_JWT_SECONDS,
    clientIdentifier,
  };
}

export function looksLikeJwt(token: string): boolean {
  return /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/.test(token);
}

/**
 * A Plex JWT used as a token: signed by a published emulator key, iss "plex.tv", not expired (by
 * the emulator clock), not revoked, and naming an existing account. Null otherwise.
 */
export async function verifyPlexJwt(
  state: EmulatorState,
  token: string,
): Promise<{ account: Account; claims: JsonObject } | null> {
  if (state.revokedJwts.has(token)) return null;
  const jwt = decodeJwt(token);
  if (typeof jwt === 'string' || jwt.header.alg !== 'EdDSA') return null;
  const key = publishedKeys(state).find((k) => k.kid === jwt.header.kid);
  if (!key) return null;
  if (!(await verifyJwtSignature(jwt, (await key.keyPair).publicKey))) return null;
  const claims = jwt.payload;
  if (claims.iss !== 'plex.tv' || typeof claims.exp !== 'number' || claims.exp <= nowSeconds(state))
    return null;
  const user = claims.user as JsonObject | undefined;
  const account = typeof user?.id === 'number' ? state.accounts.get(user.id) : undefined;
  if (!account || account.uuid !== claims.sub) return null;
  // Removing the device (or the Home member) drops its key, and with it every JWT minted for it.
  const aud = Array.isArray(claims.aud) ? claims.aud : [];
  if (typeof aud[1] === 'string' && typeof claims.thumbprint === 'string') {
    const key = state.deviceKeys.get(deviceKeyId(aud[1], claims.thumbprint));
    if (!key || key.accountId !== account.id) return null;
  }
  return { account, claims };
}

// ---- device keys and client JWTs -----------------------------------------------------------------

export function registerDeviceKey(
  state: EmulatorState,
  key: { x: string; kid: string },
  clientIdentifier: string,
  accountId: number,
): DeviceKey {
  const record: DeviceKey = {
    x: key.x,
    kid: key.kid,
    clientIdentifier,
    accountId,
    registeredAt: nowSeconds(state),
  };
  state.deviceKeys.set(deviceKeyId(clientIdentifier, key.kid), record);
  return record;
}

const importedKeys = new Map<string, Promise<CryptoKey>>();

function publicKeyFor(x: string): Promise<CryptoKey> {
  let key = importedKeys.get(x);
  if (!key) {
    if (importedKeys.size >= 1024) importedKeys.clear(); // a cache, not a registry: keep it bounded
    key = importPublicKey(x);
    importedKeys.set(x, key);
  }
  return key;
}

/** A JWT we do not take: 1001/401, as for any request that cannot be authenticated. */
function rejected<M extends string>(message: M) {
  return { code: 1001, message, status: 401 } as const;
}

/** The client-JWT errors. Codes: 1000 (malformed, 400) and 1001 (everything else, 401: `rejected`). */
export const JWT_ERRORS = {
  badBody: { code: 1000, message: 'Request body must be JSON {"jwt": "<client JWT>"}', status: 400 },
  unknownKey: rejected('JWT signing key is not registered for this client'),
  badSignature: rejected('JWT signature is invalid'),
  badAudience: rejected('JWT audience must be plex.tv'),
  badIssuer: rejected('JWT issuer must be the client identifier'),
  badLifetime: rejected('JWT needs numeric iat and exp, with exp at most 5 minutes after iat'),
  expired: rejected('JWT has expired'),
  badNonce: rejected('JWT nonce is unknown, expired or already used'),
} as const satisfies Record<string, PlexErrorBody>;

export function malformedJwt(reason: string): PlexHttpError {
  return new PlexHttpError({ code: 1000, message: `JWT is malformed: ${reason}`, status: 400 });
}

function audienceHasPlexTv(aud: unknown): boolean {
  return aud === 'plex.tv' || (Array.isArray(aud) && aud.includes('plex.tv'));
}

/**
 * Verify a device-signed client JWT against candidate keys. Throws PlexHttpError (see JWT_ERRORS).
 * `nonce: 'consume'` (POST /auth/token) requires an unused nonce and uses it up; `'ignore'` (a PIN's
 * `deviceJWT`, which a client re-sends on every poll) does not look at it.
 *
 * iat is not compared with the emulator clock (only exp is): the emulator clock is usually frozen
 * in the past, and real clients stamp iat with the real time.
 */
export interface CandidateKey {
  x: string;
  kid: string;
  clientIdentifier: string;
}

export async function verifyClientJwt<K extends CandidateKey>(
  state: EmulatorState,
  token: string,
  candidates: (iss: string, kid: string | null) => K[],
  nonce: 'consume' | 'ignore',
): Promise<{ payload: JsonObject; key: K }> {
  const jwt: DecodedJwt | string = decodeJwt(token);
  if (typeof jwt === 'string') throw malformedJwt(jwt);
  if (jwt.header.alg !== 'EdDSA')
    throw malformedJwt(`alg must be "EdDSA", got ${JSON.stringify(jwt.header.alg)}`);
  const { payload } = jwt;
  if (typeof payload.iss !== 'string' || payload.iss === '') throw new PlexHttpError(JWT_ERRORS.badIssuer);
  const kid = typeof jwt.header.kid === 'string' ? jwt.header.kid : null;
  const keys = candidates(payload.iss, kid);
  if (keys.length === 0) throw new PlexHttpError(JWT_ERRORS.unknownKey);
  let matched: K | null = null;
  for (const key of keys) {
    if (await verifyJwtSignature(jwt, await publicKeyFor(key.x))) {
      matched = key;
      break;
    }
  }
  if (!matched) throw new PlexHttpError(JWT_ERRORS.badSignature);
  if (!audienceHasPlexTv(payload.aud)) throw new PlexHttpError(JWT_ERRORS.badAudience);
  if (payload.iss !== matched.clientIdentifier) throw new PlexHttpError(JWT_ERRORS.badIssuer);
  const { iat, exp } = payload;
  if (typeof iat !== 'number' || typeof exp !== 'number' || exp < iat || exp - iat > CLIENT_JWT_MAX_SECONDS) {
    throw new PlexHttpError(JWT_ERRORS.badLifetime);
  }
  if (exp <= nowSeconds(state)) throw new PlexHttpError(JWT_ERRORS.expired);
  if (nonce === 'consume') {
    const expiry = typeof payload.nonce === 'string' ? state.nonces.get(payload.nonce) : undefined;
    if (expiry === undefined || expiry <= state.nowMs) throw new PlexHttpError(JWT_ERRORS.badNonce);
    state.nonces.delete(payload.nonce as string);
  }
  return { payload, key: matched };
}

/** Device keys registered for this client identifier (and this kid, when the JWT names one). */
export function registeredKeysFor(state: EmulatorState, iss: string, kid: string | null): DeviceKey[] {
  if (kid !== null) {
    const key = state.deviceKeys.get(deviceKeyId(iss, kid));
    return key ? [key] : [];
  }
  return [...state.deviceKeys.values()].filter((k) => k.clientIdentifier === iss);
}

export function newNonce(state: EmulatorState): string {
  // Drop the expired ones so the map cannot grow without bound.
  for (const [nonce, expiry] of state.nonces) if (expiry <= state.nowMs) state.nonces.delete(nonce);
  const nonce = crypto.randomUUID();
  state.nonces.set(nonce, state.nowMs + NONCE_SECONDS * 1000);
  return nonce;
}

export function scopeOf(payload: JsonObject): string {
  const { scope } = payload;
  if (typeof scope === 'string') return scope;
  if (Array.isArray(scope)) return scope.filter((s) => typeof s === 'string').join(',');
  return '';
}
