import { createHash, generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createEmulator, type Emulator, PLEX_JWT_SECONDS } from '../src/index.js';
import { b64url, type Device, decodePart, makeDevice, verifyWithKeys } from './device.js';
import { jsonError } from './helpers.js';

function headersFor(device: Device | string, extra: Record<string, string> = {}): Record<string, string> {
  return {
    'X-Plex-Client-Identifier': typeof device === 'string' ? device : device.clientIdentifier,
    Accept: 'application/json',
    ...extra,
  };
}

function nowOf(emu: Emulator): number {
  return Math.floor(emu.state.nowMs / 1000);
}

function registerJwk(emu: Emulator, device: Device, body: unknown, token = 'demo-token'): Promise<Response> {
  return emu.fetch('https://clients.plex.tv/api/v2/auth/jwk', {
    method: 'POST',
    headers: headersFor(device, { 'X-Plex-Token': token, 'Content-Type': 'application/json' }),
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

async function nonce(emu: Emulator, device: Device): Promise<string> {
  const res = await emu.fetch('https://clients.plex.tv/api/v2/auth/nonce', { headers: headersFor(device) });
  expect(res.status).toBe(200);
  const body = await res.json();
  expect(Object.keys(body)).toEqual(['nonce']);
  expect(body.nonce).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  return body.nonce;
}

function exchange(emu: Emulator, device: Device | string, body: unknown): Promise<Response> {
  return emu.fetch('https://clients.plex.tv/api/v2/auth/token', {
    method: 'POST',
    headers: headersFor(device, { 'Content-Type': 'application/json' }),
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

/** nonce -> client JWT -> Plex JWT. */
async function plexJwt(emu: Emulator, device: Device): Promise<string> {
  const res = await exchange(emu, device, {
    jwt: device.clientJwt({ now: nowOf(emu), nonce: await nonce(emu, device) }),
  });
  expect(res.status).toBe(200);
  const body = await res.json();
  expect(Object.keys(body)).toEqual(['auth_token']);
  return body.auth_token;
}

async function keys(emu: Emulator): Promise<Array<Record<string, unknown>>> {
  // A browser-style request: no X-Plex headers needed for the public keys.
  const res = await emu.fetch('https://clients.plex.tv/api/v2/auth/keys');
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toBe('application/json');
  return (await res.json()).keys;
}

function whoami(emu: Emulator, token: string, client = 'any-client'): Promise<Response> {
  return emu.fetch('https://plex.tv/api/v2/user', { headers: headersFor(client, { 'X-Plex-Token': token }) });
}

async function registeredDevice(emu: Emulator, id = 'jwt-device'): Promise<Device> {
  const device = makeDevice(id);
  expect((await registerJwk(emu, device, { jwk: device.jwk })).status).toBe(204);
  return device;
}

describe('Plex JWT: the full round trip (node:crypto on the client side)', () => {
  it('register -> nonce -> client JWT -> Plex JWT -> verify -> use -> rotate -> refresh after expiry', async () => {
    const emu = createEmulator();
    const device = makeDevice('jwt-round-trip');
    const t0 = nowOf(emu);

    const registered = await registerJwk(emu, device, { jwk: device.jwk });
    expect(registered.status).toBe(204);
    expect(await registered.text()).toBe('');

    const jwt = await plexJwt(emu, device);
    const published = await keys(emu);
    expect(published).toHaveLength(1);
    expect(published[0]).toEqual({
      kty: 'OKP',
      crv: 'Ed25519',
      x: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/),
      kid: expect.any(String),
      alg: 'EdDSA',
      use: 'sig',
    });
    expect(Object.keys(published[0]!)).toEqual(['kty', 'crv', 'x', 'kid', 'alg', 'use']);

    const verified = verifyWithKeys(jwt, published)!;
    expect(verified).not.toBeNull();
    expect(verified.header).toEqual({ alg: 'EdDSA', typ: 'JWT', kid: published[0]!.kid });
    expect(verified.payload).toEqual({
      iss: 'plex.tv',
      aud: ['plex.tv', 'jwt-round-trip'],
      sub: 'a1b2c3d4e5f60001',
      user: { id: 10000001, uuid: 'a1b2c3d4e5f60001', username: 'demo' },
      thumbprint: device.kid,
      scope: 'username,email,friendly_name,restricted,anonymous,joinedAt',
      iat: t0,
      exp: t0 + 7 * 86_400,
      jti: expect.stringMatching(/^[0-9a-f-]{36}$/),
    });
    expect(PLEX_JWT_SECONDS).toBe(7 * 86_400);

    // A Plex JWT is a token everywhere.
    const me = await whoami(emu, jwt);
    expect(me.status).toBe(200);
    const account = await me.json();
    expect(account.username).toBe('demo');
    expect(account.authToken).toBe(jwt);
    expect(account.rememberExpiresAt).toBe(t0 + 7 * 86_400);
    expect(
      (
        await emu.fetch('https://plex.tv/api/v2/ping', {
          headers: headersFor('x', { 'X-Plex-Token': jwt }),
        })
      ).status,
    ).toBe(200);

    // Rotation: the new key signs new JWTs; the old one stays published, so old JWTs still verify.
    const newKid = emu.control.rotateJwtKeys();
    const afterRotation = await keys(emu);
    expect(afterRotation.map((k) => k.kid)).toEqual([published[0]!.kid, newKid]); // newest LAST
    expect(verifyWithKeys(jwt, afterRotation)?.kid).toBe(published[0]!.kid);
    expect((await whoami(emu, jwt)).status).toBe(200);
    const jwt2 = await plexJwt(emu, device);
    expect(decodePart(jwt2.split('.')[0]!).kid).toBe(newKid);
    expect(verifyWithKeys(jwt2, afterRotation)?.kid).toBe(newKid);
    expect(verifyWithKeys(jwt2, published)).toBeNull(); // the old key set alone cannot verify it

    // Expiry by the emulator clock, then refresh: the same exchange, no legacy token needed.
    emu.control.setClock((t0 + PLEX_JWT_SECONDS + 1) * 1000);
    expect((await whoami(emu, jwt2)).status).toBe(401);
    expect(await (await whoami(emu, jwt2)).json()).toEqual(
      jsonError(1001, 'User could not be authenticated', 401),
    );
    const refreshed = await plexJwt(emu, device);
    expect((await whoami(emu, refreshed)).status).toBe(200);
    // The key retired at t0 has outlived every JWT it signed: no longer published.
    expect((await keys(emu)).map((k) => k.kid)).toEqual([newKid]);
  });

  it('a JWK without kid gets its RFC 7638 thumbprint as kid; JWTs without a kid header are matched by iss', async () => {
    const emu = createEmulator();
    const device = makeDevice('no-kid');
    const { kid: _kid, ...jwkWithoutKid } = device.jwk;
    expect(
      (await registerJwk(emu, device, { jwk: { kty: 'OKP', crv: 'Ed25519', x: jwkWithoutKid.x } })).status,
    ).toBe(204);
    const thumbprint = createHash('sha256')
      .update(`{"crv":"Ed25519","kty":"OKP","x":"${device.jwk.x}"}`)
      .digest('base64url');
    const clientJwt = device.clientJwt({
      now: nowOf(emu),
      nonce: await nonce(emu, device),
      header: { kid: undefined },
    });
    expect(decodePart(clientJwt.split('.')[0]!)).toEqual({ alg: 'EdDSA', typ: 'JWT' });
    const res = await exchange(emu, device, { jwt: clientJwt });
    expect(res.status).toBe(200);
    const payload = decodePart((await res.json()).auth_token.split('.')[1]);
    expect(payload.thumbprint).toBe(thumbprint);
  });

  it('dropOldJwtKeys: JWTs signed by a dropped key stop working; the active key stays', async () => {
    const emu = createEmulator();
    const device = await registeredDevice(emu);
    const old = await plexJwt(emu, device);
    const kid = emu.control.rotateJwtKeys();
    expect((await whoami(emu, old)).status).toBe(200);
    expect(emu.control.dropOldJwtKeys()).toHaveLength(1);
    expect((await keys(emu)).map((k) => k.kid)).toEqual([kid]);
    expect((await whoami(emu, old)).status).toBe(401);
    expect((await whoami(emu, await plexJwt(emu, device))).status).toBe(200);
    expect(emu.control.dropOldJwtKeys()).toEqual([]);
  });

  it('signout with a Plex JWT revokes that JWT only; revokeToken does the same', async () => {
    const emu = createEmulator();
    const device = await registeredDevice(emu);
    const a = await plexJwt(emu, device);
    const signout = await emu.fetch('https://plex.tv/api/v2/users/signout', {
      method: 'DELETE',
      headers: headersFor(device, { 'X-Plex-Token': a }),
    });
    expect(signout.status).toBe(204);
    expect((await whoami(emu, a)).status).toBe(401);
    emu.control.setClock(emu.state.nowMs + 1000); // a different iat, so a different JWT
    const b = await plexJwt(emu, device);
    expect((await whoami(emu, b)).status).toBe(200);
    emu.control.revokeToken(b);
    expect((await whoami(emu, b)).status).toBe(401);
    expect((await whoami(emu, 'demo-token')).status).toBe(200);
  });

  it('a forged or tampered Plex JWT is just an unknown token (401 1001)', async () => {
    const emu = createEmulator();
    const device = await registeredDevice(emu);
    const jwt = await plexJwt(emu, device);
    const [h, p, s] = jwt.split('.') as [string, string, string];
    const payload = decodePart(p);
    const tampered = `${h}.${b64url(JSON.stringify({ ...payload, user: { id: 10000002 } }))}.${s}`;
    expect((await whoami(emu, tampered)).status).toBe(401);
    const forged = device.clientJwt({ now: nowOf(emu), header: { kid: decodePart(h).kid }, payload });
    expect((await whoami(emu, forged)).status).toBe(401);
  });
});

describe('POST /api/v2/auth/jwk', () => {
  it('needs a token (401 1001)', async () => {
    const emu = createEmulator();
    const device = makeDevice('d');
    const res = await registerJwk(emu, device, { jwk: device.jwk }, 'bogus');
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual(jsonError(1001, 'User could not be authenticated', 401));
  });

  it('a bad JWK is a 400 1000 that says what is wrong', async () => {
    const emu = createEmulator();
    const device = makeDevice('d');
    const { publicKey: rsa } = generateKeyPairSync('rsa', { modulusLength: 1024 });
    const cases: Array<[unknown, string]> = [
      ['{not json', 'Invalid JWK: body must be JSON {"jwk": {...}}'],
      [{ key: device.jwk }, 'Invalid JWK: body must be JSON {"jwk": {...}}'],
      [{ jwk: 'x' }, 'Invalid JWK: jwk must be a JSON object'],
      [{ jwk: rsa.export({ format: 'jwk' }) }, 'Invalid JWK: jwk.kty must be "OKP", got "RSA"'],
      [{ jwk: { ...device.jwk, crv: 'X25519' } }, 'Invalid JWK: jwk.crv must be "Ed25519", got "X25519"'],
      [{ jwk: { ...device.jwk, x: undefined } }, 'Invalid JWK: jwk.x is missing'],
      [
        { jwk: { ...device.jwk, x: 'AAAA' } },
        'Invalid JWK: jwk.x must be 32 bytes of base64url (no padding)',
      ],
      [
        { jwk: { ...device.jwk, x: `${device.jwk.x}=` } },
        'Invalid JWK: jwk.x must be 32 bytes of base64url (no padding)',
      ],
      [{ jwk: { ...device.jwk, d: 'secret' } }, 'Invalid JWK: jwk must be a public key (remove "d")'],
      [{ jwk: { ...device.jwk, kid: 7 } }, 'Invalid JWK: jwk.kid must be a non-empty string'],
      [{ jwk: { ...device.jwk, alg: 'ES256' } }, 'Invalid JWK: jwk.alg must be "EdDSA", got "ES256"'],
      [{ jwk: { ...device.jwk, use: 'enc' } }, 'Invalid JWK: jwk.use must be "sig", got "enc"'],
    ];
    for (const [body, message] of cases) {
      const res = await registerJwk(emu, device, body);
      expect(res.status, message).toBe(400);
      expect(await res.json()).toEqual(jsonError(1000, message, 400));
    }
    expect(emu.state.deviceKeys.size).toBe(0);
  });
});

describe('GET /api/v2/auth/nonce', () => {
  it('fresh, single use, and short-lived (5 minutes by the emulator clock)', async () => {
    const emu = createEmulator();
    const device = await registeredDevice(emu);
    const n = await nonce(emu, device);
    expect(await nonce(emu, device)).not.toBe(n);
    const first = await exchange(emu, device, { jwt: device.clientJwt({ now: nowOf(emu), nonce: n }) });
    expect(first.status).toBe(200);
    const again = await exchange(emu, device, { jwt: device.clientJwt({ now: nowOf(emu), nonce: n }) });
    expect(again.status).toBe(401);
    expect(await again.json()).toEqual(jsonError(1001, 'JWT nonce is unknown, expired or already used', 401));

    const stale = await nonce(emu, device);
    emu.control.setClock(emu.state.nowMs + 300_000);
    const late = await exchange(emu, device, { jwt: device.clientJwt({ now: nowOf(emu), nonce: stale }) });
    expect(late.status).toBe(401);
  });
});

describe('POST /api/v2/auth/token errors', () => {
  it('malformed body or JWT: 400 1000; everything else: 401 1001 with a reason', async () => {
    const emu = createEmulator();
    const device = await registeredDevice(emu);
    const stranger = makeDevice('jwt-device'); // same client identifier, unregistered key
    const now = nowOf(emu);
    const fresh = async (opts: Partial<Parameters<Device['clientJwt']>[0]> = {}) =>
      device.clientJwt({ now, nonce: await nonce(emu, device), ...opts });

    const cases: Array<[unknown, number, number, string]> = [
      ['not json', 400, 1000, 'Request body must be JSON {"jwt": "<client JWT>"}'],
      [{ token: 'x' }, 400, 1000, 'Request body must be JSON {"jwt": "<client JWT>"}'],
      [{ jwt: 'a.b' }, 400, 1000, 'JWT is malformed: expected three dot-separated parts'],
      [{ jwt: 'a.b.c!' }, 400, 1000, 'JWT is malformed: a part is not base64url'],
      [
        { jwt: `${b64url('[1]')}.${b64url('{}')}.AA` },
        400,
        1000,
        'JWT is malformed: header and payload must be JSON objects',
      ],
      [
        { jwt: await fresh({ header: { alg: 'HS256' } }) },
        400,
        1000,
        'JWT is malformed: alg must be "EdDSA", got "HS256"',
      ],
      [
        { jwt: makeDevice('unregistered').clientJwt({ now, nonce: await nonce(emu, device) }) },
        401,
        1001,
        'JWT signing key is not registered for this client',
      ],
      [
        { jwt: await fresh({ header: { kid: 'nope' } }) },
        401,
        1001,
        'JWT signing key is not registered for this client',
      ],
      [{ jwt: await fresh({ key: stranger.privateKey }) }, 401, 1001, 'JWT signature is invalid'],
      [{ jwt: await fresh({ payload: { aud: 'example.com' } }) }, 401, 1001, 'JWT audience must be plex.tv'],
      [
        { jwt: await fresh({ payload: { iss: undefined } }) },
        401,
        1001,
        'JWT issuer must be the client identifier',
      ],
      [
        { jwt: await fresh({ payload: { exp: now + 301 } }) },
        401,
        1001,
        'JWT needs numeric iat and exp, with exp at most 5 minutes after iat',
      ],
      [
        { jwt: await fresh({ payload: { iat: undefined } }) },
        401,
        1001,
        'JWT needs numeric iat and exp, with exp at most 5 minutes after iat',
      ],
      [{ jwt: await fresh({ now: now - 300 }) }, 401, 1001, 'JWT has expired'],
      [{ jwt: device.clientJwt({ now }) }, 401, 1001, 'JWT nonce is unknown, expired or already used'],
      [
        { jwt: device.clientJwt({ now, nonce: 'made-up' }) },
        401,
        1001,
        'JWT nonce is unknown, expired or already used',
      ],
    ];
    for (const [body, status, code, message] of cases) {
      const res = await exchange(emu, device, body);
      expect(res.status, message).toBe(status);
      expect(await res.json(), message).toEqual(jsonError(code, message, status));
    }
    // aud may also be a list containing plex.tv; the claimed scope comes back in the Plex JWT
    const ok = await exchange(emu, device, {
      jwt: await fresh({ payload: { aud: ['plex.tv', 'x'], scope: 'username' } }),
    });
    expect(ok.status).toBe(200);
    expect(decodePart((await ok.json()).auth_token.split('.')[1]).scope).toBe('username');
  });

  it('errors come as XML only when asked for', async () => {
    const emu = createEmulator();
    const res = await emu.fetch('https://plex.tv/api/v2/auth/token', {
      method: 'POST',
      headers: { 'X-Plex-Client-Identifier': 'x', Accept: 'application/xml' },
      body: '',
    });
    expect(res.status).toBe(400);
    expect(await res.text()).toContain(
      '<error code="1000" message="Request body must be JSON {&quot;jwt&quot;: &quot;&lt;client JWT&gt;&quot;}" status="400"/>',
    );
  });
});

describe('JWK PIN (python-plexapi MyPlexJWTLogin path B)', () => {
  it('the Plex JWT is handed out only with a valid deviceJWT signed by the PIN key', async () => {
    const emu = createEmulator();
    const device = makeDevice('jwt-pin-device');
    const created = await emu.fetch('https://clients.plex.tv/api/v2/pins', {
      method: 'POST',
      headers: headersFor(device, { 'X-Plex-Product': 'JWT App', 'Content-Type': 'application/json' }),
      body: JSON.stringify({ jwk: device.jwk, strong: true }),
    });
    expect(created.status).toBe(201);
    const pin = await created.json();
    expect(pin.code).toHaveLength(25);
    expect(emu.control.pins()[0]).toMatchObject({ jwk: true, strong: true });

    const now = nowOf(emu);
    const deviceJwt = device.clientJwt({ now, nonce: 'unused-here' });
    const poll = async (query = `?deviceJWT=${deviceJwt}`, client = device.clientIdentifier) =>
      emu.fetch(`https://clients.plex.tv/api/v2/pins/${pin.id}${query}`, { headers: headersFor(client) });

    // pending: polling with the deviceJWT is fine, authToken stays null
    expect(await (await poll()).json()).toMatchObject({ authToken: null, newRegistration: null });

    emu.control.approvePin(pin.code, 'demo');
    // approved, but no deviceJWT: no token handed out
    expect(await (await poll('')).json()).toMatchObject({ authToken: null, newRegistration: false });

    const failures: Array<[string, string]> = [
      [makeDevice('jwt-pin-device').clientJwt({ now }), 'JWT signature is invalid'],
      [
        device.clientJwt({ now, payload: { iss: 'someone-else' } }),
        'JWT issuer must be the client identifier',
      ],
      [device.clientJwt({ now, payload: { aud: 'nope' } }), 'JWT audience must be plex.tv'],
      [device.clientJwt({ now: now - 400 }), 'JWT has expired'],
    ];
    for (const [jwt, message] of failures) {
      const res = await poll(`?deviceJWT=${jwt}`);
      expect(res.status, message).toBe(401);
      expect(await res.json()).toEqual(jsonError(1001, message, 401));
    }
    // another client identifier cannot read it at all
    expect((await poll(undefined, 'other')).status).toBe(404);

    // the same deviceJWT may be re-sent on every poll (its nonce is not consumed)
    for (let i = 0; i < 2; i++) {
      const doc = await (await poll()).json();
      expect(doc.newRegistration).toBe(false);
      const verified = verifyWithKeys(doc.authToken, await keys(emu))!;
      expect(verified.payload).toMatchObject({
        aud: ['plex.tv', 'jwt-pin-device'],
        thumbprint: device.kid,
        user: { username: 'demo' },
      });
      expect((await whoami(emu, doc.authToken)).status).toBe(200);
    }

    // Approval registered the PIN key: refresh without any legacy token.
    const refreshed = await plexJwt(emu, device);
    expect((await whoami(emu, refreshed)).status).toBe(200);
  });
});
