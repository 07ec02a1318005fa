import { describe, expect, it } from 'vitest';
import { createEmulator, demoSeed } from '../src/index.js';
import { CLIENT, emulator, get, jsonError, signin, xmlError } from './helpers.js';

describe('control.fault', () => {
  it('answers the next request with the status, a plex.tv error body and Retry-After; then resumes', async () => {
    const emu = emulator();
    emu.control.fault({ path: '/api/v2/user', status: 429, retryAfter: 7 });
    const faulted = await get(emu, '/api/v2/user', { token: 'demo-token', json: true });
    expect(faulted.status).toBe(429);
    expect(faulted.headers.get('retry-after')).toBe('7');
    expect(await faulted.json()).toEqual(jsonError(1003, 'Too many requests', 429));
    const normal = await get(emu, '/api/v2/user', { token: 'demo-token', json: true });
    expect(normal.status).toBe(200);
    expect(normal.headers.get('retry-after')).toBeNull();
  });

  it('XML body, `times`, method filter, custom code/message', async () => {
    const emu = emulator();
    emu.control.fault({
      path: '/api/v2/users/signin',
      method: 'post',
      status: 503,
      times: 2,
      code: 1999,
      message: 'Down',
    });
    // a GET on the same path is not matched (and is a 404)
    expect((await get(emu, '/api/v2/users/signin')).status).toBe(404);
    for (let i = 0; i < 2; i++) {
      const res = await signin(emu, { login: 'freeuser', password: 'free-password' });
      expect(res.status).toBe(503);
      expect(res.headers.get('retry-after')).toBeNull();
      expect(await res.text()).toBe(xmlError(1999, 'Down', 503));
    }
    expect((await signin(emu, { login: 'freeuser', password: 'free-password' })).status).toBe(201);
  });

  it('faults come before every other check (even a missing client identifier)', async () => {
    const emu = emulator();
    emu.control.fault({ path: '/api/v2/user', status: 500 });
    const res = await emu.fetch('https://plex.tv/api/v2/user');
    expect(res.status).toBe(500);
    expect(await res.text()).toBe(xmlError(1000, 'Internal Server Error', 500));
  });

  it('default bodies per status', async () => {
    const emu = emulator();
    emu.control.fault({ path: '/api/v2/ping', status: 401 });
    emu.control.fault({ path: '/api/v2/ping', status: 404 });
    emu.control.fault({ path: '/api/v2/ping', status: 502 });
    const bodies = [];
    for (let i = 0; i < 3; i++) bodies.push(await (await get(emu, '/api/v2/ping', { json: true })).json());
    expect(bodies).toEqual([
      jsonError(1001, 'User could not be authenticated', 401),
      jsonError(1002, 'The requested endpoint could not be found', 404),
      jsonError(1000, 'Bad Gateway', 502),
    ]);
  });

  it('prefix paths with *', async () => {
    const emu = emulator();
    emu.control.fault({ path: '/api/v2/*', status: 503, times: 2 });
    expect((await get(emu, '/api/v2/user', { token: 'demo-token' })).status).toBe(503);
    expect((await get(emu, '/api/v2/ping', { token: 'demo-token' })).status).toBe(503);
    expect((await get(emu, '/api/v2/ping', { token: 'demo-token' })).status).toBe(200);
  });

  it('rejects nonsense specs', () => {
    const emu = emulator();
    expect(() => emu.control.fault({ path: '/x', status: 42 })).toThrow(/status/);
    expect(() => emu.control.fault({ path: '/x', status: 500, times: 0 })).toThrow(/times/);
  });
});

describe('control.requests', () => {
  it('lists every request with its final status, in order', async () => {
    const emu = emulator();
    emu.control.fault({ path: '/api/v2/users/signin', status: 429 });
    await signin(emu, { login: 'demo', password: 'demo-password' });
    await signin(emu, { login: 'demo', password: 'demo-password' });
    await get(emu, '/api/v2/user', { token: 'demo-token' });
    await get(emu, '/nowhere');
    expect(emu.control.requests()).toEqual([
      { method: 'POST', path: '/api/v2/users/signin', status: 429, fault: 'status' },
      { method: 'POST', path: '/api/v2/users/signin', status: 401 },
      { method: 'GET', path: '/api/v2/user', status: 200 },
      { method: 'GET', path: '/nowhere', status: 404 },
    ]);
    // a copy: callers cannot rewrite history
    emu.control.requests().pop();
    expect(emu.control.requests()).toHaveLength(4);
  });
});

describe('control.issueToken / revokeToken', () => {
  it('issues working tokens by username, email, id or managed title', async () => {
    const emu = emulator();
    for (const login of ['demo', 'DEMO@plextv.test', 10000001, '10000001']) {
      const token = emu.control.issueToken(login);
      const body = await (await get(emu, '/api/v2/user', { token, json: true })).json();
      expect(body.id, String(login)).toBe(10000001);
    }
    const kids = emu.control.issueToken('Kids');
    const body = await (await get(emu, '/api/v2/user', { token: kids, json: true })).json();
    expect(body.title).toBe('Kids');
    expect(body.rememberExpiresAt).toBeNull();
    expect(() => emu.control.issueToken('nobody')).toThrow(/no seeded account/);
  });

  it('revokes', async () => {
    const emu = emulator();
    emu.control.revokeToken('free-token');
    expect((await get(emu, '/api/v2/user', { token: 'free-token' })).status).toBe(401);
    emu.control.revokeToken('never-existed'); // no-op
  });
});

describe('control.setClock / reset', () => {
  it('setClock accepts ISO and epoch ms, rejects garbage', () => {
    const emu = emulator();
    emu.control.setClock('2026-02-03T04:05:06Z');
    expect(emu.state.nowMs).toBe(Date.parse('2026-02-03T04:05:06Z'));
    emu.control.setClock(1_700_000_000_000);
    expect(emu.state.nowMs).toBe(1_700_000_000_000);
    expect(() => emu.control.setClock('soon')).toThrow(/not a date/);
  });

  it('reset returns to the seed: tokens, clock, faults, request log', async () => {
    const emu = emulator();
    const issued = emu.control.issueToken('freeuser');
    emu.control.revokeToken('demo-token');
    emu.control.setClock(0);
    emu.control.fault({ path: '/api/v2/user', status: 500 });
    await get(emu, '/api/v2/ping', { token: 'free-token' });
    emu.control.reset();
    expect(emu.state.tokens.has(issued)).toBe(false);
    expect(emu.state.tokens.has('demo-token')).toBe(true);
    expect(emu.state.nowMs).toBe(Date.parse(demoSeed.now!));
    expect(emu.control.requests()).toEqual([]);
    expect((await get(emu, '/api/v2/user', { token: 'demo-token' })).status).toBe(200);
  });

  it('is isolated from later edits to the seed object', async () => {
    const seed = structuredClone(demoSeed);
    const emu = createEmulator(seed);
    seed.accounts[0]!.username = 'changed';
    emu.control.reset();
    const body = await (await get(emu, '/api/v2/user', { token: 'demo-token', json: true })).json();
    expect(body.username).toBe('demo');
  });
});

describe('state view', () => {
  it('exposes accounts, homes and tokens', () => {
    const emu = emulator();
    expect([...emu.state.accounts.values()].map((a) => a.username || a.title)).toEqual([
      'demo',
      'freeuser',
      'Kids',
      'Guest',
      'carol',
    ]);
    expect([...emu.state.homes.values()]).toEqual([
      { id: 50001, name: 'Demo Home', adminId: 10000001, memberIds: [10000001, 10000003, 10000004] },
    ]);
    expect(emu.state.tokens.get('demo-token')).toMatchObject({ accountId: 10000001, clientIdentifier: null });
  });
});

describe('CORS', () => {
  it('answers preflights for X-Plex-* headers from any origin', async () => {
    const emu = emulator();
    const res = await emu.fetch('https://plex.tv/api/v2/users/signin', {
      method: 'OPTIONS',
      headers: {
        Origin: 'http://127.0.0.1:5173',
        'Access-Control-Request-Method': 'POST',
        'Access-Control-Request-Headers': 'x-plex-client-identifier, x-plex-product, x-plex-token',
      },
    });
    expect(res.status).toBe(204);
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    expect(res.headers.get('access-control-allow-methods')).toContain('POST');
    expect(res.headers.get('access-control-allow-headers')?.toLowerCase()).toContain(
      'x-plex-client-identifier',
    );
    // preflights are not part of the request log
    expect(emu.control.requests()).toEqual([]);
  });

  it('adds CORS headers to normal, error and fault responses', async () => {
    const emu = emulator();
    const origin = { Origin: 'http://127.0.0.1:5173' };
    const ok = await get(emu, '/api/v2/user', { token: 'demo-token', headers: origin });
    expect(ok.headers.get('access-control-allow-origin')).toBe('*');
    const err = await get(emu, '/api/v2/user', { headers: origin });
    expect(err.headers.get('access-control-allow-origin')).toBe('*');
    emu.control.fault({ path: '/api/v2/user', status: 429, retryAfter: 3 });
    const fault = await emu.fetch('https://plex.tv/api/v2/user', { headers: { ...CLIENT, ...origin } });
    expect(fault.headers.get('access-control-allow-origin')).toBe('*');
    expect(fault.headers.get('access-control-expose-headers')).toContain('Retry-After');
  });
});
