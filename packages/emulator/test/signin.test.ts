import { describe, expect, it } from 'vitest';
import { attr, CLIENT, emulator, get, jsonError, signin, XML_DECL, xmlError } from './helpers.js';

const NOW = Date.parse('2025-01-15T12:00:00Z') / 1000;

describe('POST /api/v2/users/signin', () => {
  it('signs a non-2FA account in: 201, full account, a new working token (XML)', async () => {
    const emu = emulator();
    const res = await signin(emu, { login: 'freeuser', password: 'free-password' });
    expect(res.status).toBe(201);
    expect(res.headers.get('content-type')).toBe('application/xml; charset=utf-8');
    const xml = await res.text();
    expect(xml.startsWith(XML_DECL)).toBe(true);
    const token = attr(xml, 'user', 'authToken')!;
    expect(token).toMatch(/^[A-Za-z0-9_-]{20}$/);
    expect(token).not.toBe('free-token');
    const me = await get(emu, '/api/v2/user', { token, json: true });
    expect(me.status).toBe(200);
    expect((await me.json()).username).toBe('freeuser');
    expect(emu.state.tokens.get(token)?.clientIdentifier).toBe(CLIENT['X-Plex-Client-Identifier']);
  });

  it('login is case-insensitive and may be the e-mail; JSON body works too', async () => {
    const emu = emulator();
    const a = await signin(emu, { login: 'FREE@PlexTV.test', password: 'free-password' }, { json: true });
    expect(a.status).toBe(201);
    const b = await signin(
      emu,
      { login: 'FreeUser', password: 'free-password' },
      { json: true, body: 'json' },
    );
    expect(b.status).toBe(201);
    const [ja, jb] = [await a.json(), await b.json()];
    expect(ja.id).toBe(10000002);
    expect(jb.id).toBe(10000002);
    // every sign-in issues a fresh token
    expect(ja.authToken).not.toBe(jb.authToken);
  });

  it('rememberMe: now + 14 days, otherwise now + 1 day; follows the emulator clock', async () => {
    const emu = emulator();
    for (const [rememberMe, days] of [
      ['true', 14],
      ['1', 14],
      ['false', 1],
      ['0', 1],
    ] as const) {
      const body = await (
        await signin(emu, { login: 'freeuser', password: 'free-password', rememberMe }, { json: true })
      ).json();
      expect(body.rememberExpiresAt, rememberMe).toBe(NOW + days * 86400);
    }
    const noFlag = await (
      await signin(emu, { login: 'freeuser', password: 'free-password' }, { json: true })
    ).json();
    expect(noFlag.rememberExpiresAt).toBe(NOW + 86400);
    emu.control.setClock('2030-01-01T00:00:00Z');
    const later = await (
      await signin(emu, { login: 'freeuser', password: 'free-password', rememberMe: 'true' }, { json: true })
    ).json();
    expect(later.rememberExpiresAt).toBe(Date.parse('2030-01-01T00:00:00Z') / 1000 + 14 * 86400);
  });

  it.each([
    ['unknown login', { login: 'nobody', password: 'x' }],
    ['wrong password', { login: 'freeuser', password: 'wrong' }],
    ['missing fields', {}],
    [
      '2FA account, wrong password + right code',
      { login: 'demo', password: 'nope', verificationCode: '123456' },
    ],
  ])('401 1001 for %s', async (_label, fields: Record<string, string>) => {
    const emu = emulator();
    const xml = await signin(emu, fields);
    expect(xml.status).toBe(401);
    expect(await xml.text()).toBe(xmlError(1001, 'User could not be authenticated', 401));
    const json = await signin(emu, fields, { json: true });
    expect(json.status).toBe(401);
    expect(await json.json()).toEqual(jsonError(1001, 'User could not be authenticated', 401));
  });

  describe('the 2FA rule', () => {
    it('no code: 401 1029 (exactly the captured XML error)', async () => {
      const emu = emulator();
      const res = await signin(emu, { login: 'demo', password: 'demo-password' });
      expect(res.status).toBe(401);
      expect(await res.text()).toBe(xmlError(1029, 'Please enter the verification code', 401));
      const json = await signin(emu, { login: 'demo', password: 'demo-password' }, { json: true });
      expect(await json.json()).toEqual(jsonError(1029, 'Please enter the verification code', 401));
    });

    it('wrong code: 401 1029 as well', async () => {
      const res = await signin(emulator(), {
        login: 'demo',
        password: 'demo-password',
        verificationCode: '000000',
      });
      expect(res.status).toBe(401);
      expect(await res.text()).toBe(xmlError(1029, 'Please enter the verification code', 401));
    });

    it('the seeded code signs in', async () => {
      const emu = emulator();
      const res = await signin(
        emu,
        {
          login: 'demo@plextv.test',
          password: 'demo-password',
          verificationCode: '123456',
          rememberMe: 'true',
        },
        { json: true },
      );
      expect(res.status).toBe(201);
      const body = await res.json();
      expect(body.username).toBe('demo');
      expect(body.twoFactorEnabled).toBe(true);
      expect(body.rememberExpiresAt).toBe(NOW + 14 * 86400);
      expect((await get(emu, '/api/v2/user', { token: body.authToken })).status).toBe(200);
    });

    it('legacy: password + code concatenated as the password', async () => {
      const res = await signin(emulator(), { login: 'demo', password: 'demo-password123456' });
      expect(res.status).toBe(201);
    });

    it('legacy concatenation with a wrong code is a bad password (1001)', async () => {
      const res = await signin(
        emulator(),
        { login: 'demo', password: 'demo-password654321' },
        { json: true },
      );
      expect(await res.json()).toEqual(jsonError(1001, 'User could not be authenticated', 401));
    });
  });

  it('needs X-Plex-Client-Identifier', async () => {
    const res = await emulator().fetch('https://plex.tv/api/v2/users/signin', {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: 'login=freeuser&password=free-password',
    });
    expect(res.status).toBe(400);
    expect(await res.text()).toBe(xmlError(1000, 'X-Plex-Client-Identifier is missing', 400));
  });

  it('managed users cannot sign in by title', async () => {
    const res = await signin(emulator(), { login: 'Kids', password: '' });
    expect(res.status).toBe(401);
  });
});

describe('DELETE /api/v2/users/signout', () => {
  it('revokes the token: 204 empty, then 401 1001 everywhere', async () => {
    const emu = emulator();
    const out = await emu.fetch('https://plex.tv/api/v2/users/signout', {
      method: 'DELETE',
      headers: { ...CLIENT, 'X-Plex-Token': 'demo-token' },
    });
    expect(out.status).toBe(204);
    expect(await out.text()).toBe('');
    for (const path of ['/api/v2/user', '/api/v2/home/user', '/api/v2/ping']) {
      const res = await get(emu, path, { token: 'demo-token', json: true });
      expect(res.status, path).toBe(401);
      expect(await res.json()).toEqual(jsonError(1001, 'User could not be authenticated', 401));
    }
    const again = await emu.fetch('https://plex.tv/api/v2/users/signout', {
      method: 'DELETE',
      headers: { ...CLIENT, 'X-Plex-Token': 'demo-token' },
    });
    expect(again.status).toBe(401);
    expect(emu.state.tokens.has('demo-token')).toBe(false);
  });

  it('only that token: other tokens of the account keep working', async () => {
    const emu = emulator();
    const other = emu.control.issueToken('demo');
    await emu.fetch('https://plex.tv/api/v2/users/signout', {
      method: 'DELETE',
      headers: { ...CLIENT, 'X-Plex-Token': 'demo-token' },
    });
    expect((await get(emu, '/api/v2/user', { token: other })).status).toBe(200);
  });

  it('400 without client identifier, 401 without token', async () => {
    const emu = emulator();
    const noClient = await emu.fetch('https://plex.tv/api/v2/users/signout', {
      method: 'DELETE',
      headers: { 'X-Plex-Token': 'demo-token' },
    });
    expect(noClient.status).toBe(400);
    const noToken = await emu.fetch('https://plex.tv/api/v2/users/signout', {
      method: 'DELETE',
      headers: CLIENT,
    });
    expect(noToken.status).toBe(401);
    expect(await noToken.text()).toBe(xmlError(1001, 'User could not be authenticated', 401));
  });
});

describe('GET /api/v2/ping', () => {
  it('pongs in XML and JSON (unverified bodies)', async () => {
    const emu = emulator();
    const xml = await get(emu, '/api/v2/ping', { token: 'free-token' });
    expect(xml.status).toBe(200);
    expect(await xml.text()).toBe(`${XML_DECL}<pong>true</pong>\n`);
    const json = await get(emu, '/api/v2/ping', { token: 'free-token', json: true });
    expect(await json.json()).toEqual({ pong: true });
  });

  it('needs a token and a client identifier', async () => {
    const emu = emulator();
    expect((await get(emu, '/api/v2/ping')).status).toBe(401);
    const res = await emu.fetch('https://plex.tv/api/v2/ping', {
      headers: { 'X-Plex-Token': 'free-token', Accept: 'application/json' },
    });
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual(jsonError(1000, 'X-Plex-Client-Identifier is missing', 400));
  });
});
