import {
  createClient,
  createClientJwt,
  exportDeviceKey,
  fetchPlexJwt,
  freshPlexJwt,
  generateDeviceKey,
  importDeviceKey,
  JwtVerificationError,
  plexJwtExpiry,
  readPlexJwt,
  registerDeviceKey,
  verifyPlexJwt,
} from 'plextv';
import { describe, expect, test } from 'vitest';
import { json, scriptedFetch } from './fake-fetch.js';

// A stand-in "plex.tv" signer, made with WebCrypto in the test.
async function signer() {
  const pair = (await crypto.subtle.generateKey({ name: 'Ed25519' }, true, [
    'sign',
    'verify',
  ])) as CryptoKeyPair;
  const jwk = (await crypto.subtle.exportKey('jwk', pair.publicKey)) as JsonWebKey;
  const kid = `plex-${Math.random().toString(36).slice(2, 8)}`;
  const b64 = (s: string | Uint8Array) => Buffer.from(typeof s === 'string' ? s : s).toString('base64url');
  return {
    jwk: { kty: 'OKP', crv: 'Ed25519', x: jwk.x, kid, alg: 'EdDSA', use: 'sig' } as JsonWebKey,
    async sign(payload: Record<string, unknown>, header: Record<string, unknown> = {}) {
      const input = `${b64(JSON.stringify({ alg: 'EdDSA', typ: 'JWT', kid, ...header }))}.${b64(JSON.stringify(payload))}`;
      const sig = await crypto.subtle.sign('Ed25519', pair.privateKey, new TextEncoder().encode(input));
      return `${input}.${b64(new Uint8Array(sig))}`;
    },
  };
}

const now = () => Math.floor(Date.now() / 1000);
const claims = (extra: Record<string, unknown> = {}) => ({
  iss: 'plex.tv',
  aud: ['plex.tv', 'my-client'],
  sub: 'a1b2c3d4e5f60001',
  user: { id: 1, uuid: 'a1b2c3d4e5f60001', username: 'demo' },
  iat: now(),
  exp: now() + 7 * 86_400,
  ...extra,
});

describe('device keys', () => {
  test('Ed25519 via WebCrypto; RFC 7638 kid; export → import keeps the identity and can sign', async () => {
    const key = await generateDeviceKey();
    expect(key.publicJwk).toMatchObject({
      kty: 'OKP',
      crv: 'Ed25519',
      alg: 'EdDSA',
      use: 'sig',
      kid: key.kid,
    });
    expect(key.kid).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const stored = await exportDeviceKey(key);
    expect(JSON.parse(JSON.stringify(stored))).toEqual(stored);
    const again = await importDeviceKey(stored);
    expect(again.kid).toBe(key.kid);
    expect(again.publicJwk).toEqual(key.publicJwk);
    await expect(importDeviceKey({ kty: 'RSA' } as never)).rejects.toBeInstanceOf(TypeError);
  });

  test('client JWT: EdDSA, kid, aud plex.tv, iss = client identifier, 5-minute life, verifiable', async () => {
    const key = await generateDeviceKey();
    const client = createClient({ clientIdentifier: 'my-client' });
    const jwt = await createClientJwt(client, key, { nonce: 'n-1', scope: ['username', 'email'] });
    const [h, p, s] = jwt.split('.') as [string, string, string];
    const header = JSON.parse(Buffer.from(h, 'base64url').toString());
    const payload = JSON.parse(Buffer.from(p, 'base64url').toString());
    expect(header).toEqual({ typ: 'JWT', kid: key.kid, alg: 'EdDSA' });
    expect(payload).toMatchObject({
      aud: 'plex.tv',
      iss: 'my-client',
      nonce: 'n-1',
      scope: 'username,email',
    });
    expect(payload.exp - payload.iat).toBe(300);
    const ok = await crypto.subtle.verify(
      'Ed25519',
      key.publicKey,
      Buffer.from(s, 'base64url'),
      new TextEncoder().encode(`${h}.${p}`),
    );
    expect(ok).toBe(true);
  });
});

describe('Plex JWT', () => {
  test('register (with the legacy token) → nonce → token exchange, all on clients.plex.tv', async () => {
    const key = await generateDeviceKey();
    const { fetch, calls } = scriptedFetch([
      new Response(null, { status: 204 }),
      json({ nonce: 'nonce-1' }),
      json({ auth_token: 'header.payload.sig' }),
    ]);
    const client = createClient({ clientIdentifier: 'my-client', fetch, token: 'legacy-token' });
    await registerDeviceKey(client, key);
    const jwt = await fetchPlexJwt(client, key, { scope: ['username'] });
    expect(jwt).toBe('header.payload.sig');
    expect(calls.map((c) => `${c.method} ${c.url}`)).toEqual([
      'POST https://clients.plex.tv/api/v2/auth/jwk',
      'GET https://clients.plex.tv/api/v2/auth/nonce',
      'POST https://clients.plex.tv/api/v2/auth/token',
    ]);
    expect(JSON.parse(calls[0]!.body!)).toEqual({ jwk: key.publicJwk });
    expect(calls[0]!.headers.get('x-plex-token')).toBe('legacy-token');
    expect(calls[2]!.headers.get('x-plex-token')).toBeNull();
    const sent = JSON.parse(calls[2]!.body!).jwt as string;
    expect(readPlexJwt(sent)).toMatchObject({ nonce: 'nonce-1', iss: 'my-client', scope: 'username' });
  });

  test('verify: tries every published key (rotation), checks issuer, audience, expiry, thumbprint', async () => {
    const key = await generateDeviceKey();
    const old = await signer();
    const current = await signer();
    const keys = [current.jwk, old.jwk];
    const client = createClient({ clientIdentifier: 'my-client' });

    const byOld = await old.sign(claims({ thumbprint: key.kid }));
    await expect(verifyPlexJwt(client, byOld, { keys, key })).resolves.toMatchObject({
      user: { username: 'demo' },
    });
    // A kid that names no key: every key is still tried.
    const renamed = await old.sign(claims(), { kid: 'unknown' });
    await expect(verifyPlexJwt(client, renamed, { keys })).resolves.toBeTruthy();

    const reject = async (jwt: string, why: RegExp, opts = {}) => {
      const error = await verifyPlexJwt(client, jwt, { keys, ...opts }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(JwtVerificationError);
      expect(String(error)).toMatch(why);
    };
    const stranger = await signer();
    await reject(await stranger.sign(claims()), /no published plex.tv key/);
    const [h, p, sig] = byOld.split('.');
    const tampered = JSON.parse(Buffer.from(p!, 'base64url').toString());
    tampered.user.username = 'admin';
    await reject(`${h}.${Buffer.from(JSON.stringify(tampered)).toString('base64url')}.${sig}`, /signature/);
    await reject(await current.sign(claims({ iss: 'evil' })), /issuer/);
    await reject(await current.sign(claims({ aud: 'someone-else' })), /audience/);
    await reject(await current.sign(claims({ exp: now() - 3600 })), /expired/);
    await reject(await current.sign(claims({ thumbprint: 'other' })), /another device key/, { key });
    await reject('not-a-jwt', /three/);
    await reject(await current.sign(claims(), { alg: 'HS256' }), /algorithm/);
  });

  test('keys are fetched from /api/v2/auth/keys when not given', async () => {
    const s = await signer();
    const { fetch, calls } = scriptedFetch([json({ keys: [s.jwk] })]);
    const client = createClient({ clientIdentifier: 'my-client', fetch });
    await expect(verifyPlexJwt(client, await s.sign(claims()))).resolves.toMatchObject({ iss: 'plex.tv' });
    expect(calls[0]!.url).toBe('https://clients.plex.tv/api/v2/auth/keys');
  });

  test('refresh: kept while fresh, re-fetched within a day of expiry', async () => {
    const key = await generateDeviceKey();
    const s = await signer();
    const fresh = await s.sign(claims());
    const stale = await s.sign(claims({ exp: now() + 3600 }));
    expect(plexJwtExpiry(fresh)?.getTime()).toBeGreaterThan(Date.now() + 6 * 86_400_000);
    const { fetch, calls } = scriptedFetch([json({ nonce: 'n' }), json({ auth_token: fresh })]);
    const client = createClient({ clientIdentifier: 'my-client', fetch });
    expect(await freshPlexJwt(client, key, fresh)).toEqual({ jwt: fresh, refreshed: false });
    expect(calls).toHaveLength(0);
    expect(await freshPlexJwt(client, key, stale)).toEqual({ jwt: fresh, refreshed: true });
    expect(calls).toHaveLength(2);
  });
});
