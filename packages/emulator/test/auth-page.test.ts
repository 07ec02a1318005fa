import { describe, expect, it } from 'vitest';
import { createEmulator, type Emulator } from '../src/index.js';
import { get, jsonError } from './helpers.js';

const APP = 'oauth-app';

async function strongPin(emu: Emulator, client = APP): Promise<{ id: number; code: string }> {
  const res = await emu.fetch('https://plex.tv/api/v2/pins?strong=true', {
    method: 'POST',
    headers: {
      'X-Plex-Client-Identifier': client,
      'X-Plex-Product': 'OAuth App',
      Accept: 'application/json',
    },
  });
  return res.json();
}

function post(emu: Emulator, path: string, body: unknown): Promise<Response> {
  return emu.fetch(`http://127.0.0.1:1234${path}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
    body: JSON.stringify(body),
  });
}

describe('GET /auth (the app.plex.tv/auth stand-in)', () => {
  it('serves one self-contained, accessible HTML page with the documented ids', async () => {
    const emu = createEmulator();
    for (const path of ['/auth', '/auth/']) {
      // A browser sends no X-Plex headers; the fragment never reaches the server.
      const res = await emu.fetch(`http://127.0.0.1:1234${path}`);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(res.headers.get('content-security-policy')).toContain("default-src 'none'");
      const html = await res.text();
      expect(html).toMatch(/^<!doctype html>\n<html lang="en">/);
      for (const id of [
        'title',
        'device',
        'error',
        'status',
        'signin-form',
        'login',
        'password',
        'code-field',
        'code',
        'sign-in',
        'consent',
        'signed-in-as',
        'approve',
        'deny',
        'done',
        'done-heading',
      ]) {
        expect(html, id).toContain(`id="${id}"`);
      }
      expect(html).toContain('<main>');
      expect(html).toContain('<div id="error" role="alert">');
      expect(html).toContain('<p id="status" role="status" aria-live="polite">');
      for (const input of ['login', 'password', 'code']) expect(html).toContain(`<label for="${input}">`);
      expect(html).toContain('Done — you can close this window');
      expect(html).toContain('wants to access your Plex account');
      expect(html).toContain('location.replace(');
      expect(html).toContain('window.close()');
      expect(html).toContain('data-state="loading"');
      // No external assets: nothing is loaded from anywhere else.
      expect(html).not.toMatch(/<(script|link|img|iframe)[^>]+(src|href)="(?!data:)/i);
      expect(html).not.toMatch(/https?:\/\//);
      // The fragment forms: "#?…" and python-plexapi's "#!?…"; bracketed keys read decoded.
      expect(html).toContain(".replace(/^#/, '').replace(/^!/, '').replace(/^\\?/, '')");
      expect(html).toContain("params.get('context[device][product]')");
    }
    // The page itself is a route like any other (logged); the private /__emulator API is not.
    expect(emu.control.requests().map((r) => r.path)).toEqual(['/auth', '/auth/']);
  });
});

describe('the auth page API (/__emulator/auth/…)', () => {
  it('pin lookup by code + clientID', async () => {
    const emu = createEmulator();
    const pin = await strongPin(emu);
    const ok = await get(emu, `/__emulator/auth/pin?code=${pin.code}&clientID=${APP}`, { headers: {} });
    expect(ok.status).toBe(200);
    expect(await ok.json()).toEqual({
      id: pin.id,
      code: pin.code,
      product: 'OAuth App',
      clientIdentifier: APP,
      strong: true,
      expiresAt: '2025-01-15T12:30:00Z',
    });
    for (const query of [
      `code=${pin.code}&clientID=other`,
      `code=nope&clientID=${APP}`,
      `code=${pin.code}`,
    ]) {
      const res = await emu.fetch(`http://x/__emulator/auth/pin?${query}`);
      expect(res.status).toBe(404);
      expect(await res.json()).toEqual(jsonError(1020, 'Code not found or expired', 404));
    }
  });

  it('signin checks credentials and the 2FA rule without issuing a token', async () => {
    const emu = createEmulator();
    const tokens = emu.state.tokens.size;
    const cases: Array<[Record<string, string>, number, unknown]> = [
      [
        { login: 'freeuser', password: 'free-password' },
        200,
        { username: 'freeuser', title: 'freeuser', twoFactor: false },
      ],
      [
        { login: 'free@plextv.test', password: 'nope' },
        401,
        jsonError(1001, 'User could not be authenticated', 401),
      ],
      [
        { login: 'demo', password: 'demo-password' },
        401,
        jsonError(1029, 'Please enter the verification code', 401),
      ],
      [
        { login: 'demo', password: 'demo-password', verificationCode: '000000' },
        401,
        jsonError(1029, 'Please enter the verification code', 401),
      ],
      [
        { login: 'demo', password: 'demo-password', verificationCode: '123456' },
        200,
        { username: 'demo', title: 'demo', twoFactor: true },
      ],
    ];
    for (const [body, status, answer] of cases) {
      const res = await post(emu, '/__emulator/auth/signin', body);
      expect(res.status, JSON.stringify(body)).toBe(status);
      expect(await res.json()).toEqual(answer);
    }
    expect(emu.state.tokens.size).toBe(tokens);
  });

  it('approve links the PIN to the account (the app then reads its token)', async () => {
    const emu = createEmulator();
    const pin = await strongPin(emu);
    const wrong = await post(emu, '/__emulator/auth/approve', {
      code: pin.code,
      clientID: APP,
      login: 'demo',
      password: 'demo-password',
    });
    expect(wrong.status).toBe(401);
    expect((await wrong.json()).errors[0].code).toBe(1029);
    const res = await post(emu, '/__emulator/auth/approve', {
      code: pin.code,
      clientID: APP,
      login: 'demo',
      password: 'demo-password',
      verificationCode: '123456',
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ id: pin.id, approved: true, accountId: 10000001 });
    const doc = await (
      await emu.fetch(`https://plex.tv/api/v2/pins/${pin.id}`, {
        headers: { 'X-Plex-Client-Identifier': APP, Accept: 'application/json' },
      })
    ).json();
    expect(emu.state.tokens.get(doc.authToken)?.accountId).toBe(10000001);
    // someone else's clientID cannot approve it
    const other = await post(emu, '/__emulator/auth/approve', {
      code: pin.code,
      clientID: 'other',
      login: 'freeuser',
      password: 'free-password',
    });
    expect(other.status).toBe(404);
  });

  it('deny deletes the PIN: later GETs answer 404 1020', async () => {
    const emu = createEmulator();
    const pin = await strongPin(emu);
    expect((await post(emu, '/__emulator/auth/deny', { code: pin.code, clientID: APP })).status).toBe(204);
    const res = await emu.fetch(`https://plex.tv/api/v2/pins/${pin.id}`, {
      headers: { 'X-Plex-Client-Identifier': APP, Accept: 'application/json' },
    });
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual(jsonError(1020, 'Code not found or expired', 404));
    expect((await post(emu, '/__emulator/auth/deny', { code: pin.code, clientID: APP })).status).toBe(404);
  });

  it('an expired PIN cannot be approved', async () => {
    const emu = createEmulator();
    const pin = await strongPin(emu);
    emu.control.setClock('2025-01-15T12:30:00Z');
    const res = await post(emu, '/__emulator/auth/approve', {
      code: pin.code,
      clientID: APP,
      login: 'freeuser',
      password: 'free-password',
    });
    expect(res.status).toBe(404);
  });
});
