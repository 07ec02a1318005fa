import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEmulator, type RunningServer } from '../src/index.js';
import { CLIENT, JSON_ACCEPT, jsonError } from './helpers.js';

// Over a real loopback socket, as a subprocess or browser test would drive it.
const emu = createEmulator();
let server: RunningServer;
beforeAll(async () => {
  server = await emu.listen();
});
afterAll(() => server.close());

async function call(method: string, path: string, body?: unknown): Promise<Response> {
  return fetch(`${server.url}${path}`, {
    method,
    headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
}

async function createPin(query = ''): Promise<{ id: number; code: string }> {
  const res = await fetch(`${server.url}/api/v2/pins${query}`, {
    method: 'POST',
    headers: { ...JSON_ACCEPT, 'X-Plex-Product': 'Loopback' },
  });
  expect(res.status).toBe(201);
  return res.json();
}

describe('control API over loopback HTTP (/__emulator/…)', () => {
  it('PIN flow: create -> list -> approve -> poll -> expire; deny', async () => {
    emu.control.reset();
    const pin = await createPin();
    expect(pin).toMatchObject({ qr: `${server.url}/api/v2/pins/qr/${pin.code}` });

    const listed = await call('GET', '/__emulator/pins');
    expect(listed.status).toBe(200);
    expect(await listed.json()).toEqual({
      pins: [
        {
          id: pin.id,
          code: pin.code,
          clientIdentifier: CLIENT['X-Plex-Client-Identifier'],
          product: 'Loopback',
          strong: false,
          jwk: false,
          approved: false,
          accountId: null,
          expired: false,
          createdAt: '2025-01-15T12:00:00Z',
          expiresAt: '2025-01-15T12:15:00Z',
        },
      ],
    });

    const approved = await call('POST', `/__emulator/pins/${pin.code}/approve`, { login: 'freeuser' });
    expect(approved.status).toBe(200);
    expect(await approved.json()).toMatchObject({ approved: true, accountId: 10000002 });
    const poll = await fetch(`${server.url}/api/v2/pins/${pin.id}`, { headers: JSON_ACCEPT });
    const { authToken } = await poll.json();
    const me = await fetch(`${server.url}/api/v2/user`, {
      headers: { ...JSON_ACCEPT, 'X-Plex-Token': authToken },
    });
    expect((await me.json()).username).toBe('freeuser');

    const expired = await call('POST', `/__emulator/pins/${pin.id}/expire`);
    expect(await expired.json()).toMatchObject({ expired: true });
    expect((await fetch(`${server.url}/api/v2/pins/${pin.id}`, { headers: JSON_ACCEPT })).status).toBe(404);

    const other = await createPin('?strong=true');
    expect((await call('POST', `/__emulator/pins/${other.id}/deny`)).status).toBe(204);
    expect((await fetch(`${server.url}/api/v2/pins/${other.id}`, { headers: JSON_ACCEPT })).status).toBe(404);
  });

  it('errors: the v2 envelope, 404 for an unknown PIN or account, 400 for bad input', async () => {
    emu.control.reset();
    const cases: Array<[string, string, unknown, number, string]> = [
      ['POST', '/__emulator/pins/ZZZZ/approve', { login: 'demo' }, 404, 'approvePin: no PIN "ZZZZ"'],
      ['POST', '/__emulator/pins/ZZZZ/deny', undefined, 404, 'denyPin: no PIN "ZZZZ"'],
      ['POST', '/__emulator/pins/ZZZZ/expire', undefined, 404, 'expirePin: no PIN "ZZZZ"'],
      ['POST', '/__emulator/pins/ZZZZ/approve', {}, 400, 'body must be JSON {"login": …}'],
      ['POST', '/__emulator/clock', { now: 'later' }, 400, 'setClock: not a date: "later"'],
      ['POST', '/__emulator/tokens', { login: 'nobody' }, 404, 'issueToken: no seeded account "nobody"'],
    ];
    for (const [method, path, body, status, message] of cases) {
      const res = await call(method, path, body);
      expect(res.status, path).toBe(status);
      expect(await res.json()).toEqual(jsonError(1000, message, status));
    }
    const pin = await createPin();
    const res = await call('POST', `/__emulator/pins/${pin.id}/approve`, { login: 'nobody' });
    expect(res.status).toBe(404);
  });

  it('clock, JWT key rotation, tokens, reset; none of it is logged', async () => {
    emu.control.reset();
    expect(await (await call('GET', '/__emulator/clock')).json()).toEqual({
      now: '2025-01-15T12:00:00.000Z',
    });
    const moved = await call('POST', '/__emulator/clock', { now: '2030-01-01T00:00:00Z' });
    expect(await moved.json()).toEqual({ now: '2030-01-01T00:00:00.000Z' });
    expect(emu.state.nowMs).toBe(Date.parse('2030-01-01T00:00:00Z'));
    await call('POST', '/__emulator/clock', { now: Date.parse('2025-01-15T12:00:00Z') });

    const keys = async () =>
      (await (await fetch(`${server.url}/api/v2/auth/keys`)).json()).keys as Array<{ kid: string }>;
    const before = await keys();
    const rotated = await call('POST', '/__emulator/jwt/rotate');
    const { kid } = await rotated.json();
    expect((await keys()).map((k) => k.kid)).toEqual([before[0]!.kid, kid]);
    expect(await (await call('POST', '/__emulator/jwt/drop-old')).json()).toEqual({
      dropped: [before[0]!.kid],
    });
    expect((await keys()).map((k) => k.kid)).toEqual([kid]);

    const issued = await (await call('POST', '/__emulator/tokens', { login: 'demo' })).json();
    const ping = await fetch(`${server.url}/api/v2/ping`, {
      headers: { ...CLIENT, 'X-Plex-Token': issued.token },
    });
    expect(ping.status).toBe(200);

    expect((await call('POST', '/__emulator/reset')).status).toBe(204);
    expect(emu.control.requests()).toEqual([]);
    await fetch(`${server.url}/api/v2/ping`, { headers: CLIENT });
    await call('GET', '/__emulator/pins');
    expect(emu.control.requests()).toEqual([{ method: 'GET', path: '/api/v2/ping', status: 401 }]);
  });

  it('control endpoints are never faulted', async () => {
    emu.control.reset();
    emu.control.fault({ path: '/*', status: 503, times: 5 });
    expect((await call('GET', '/__emulator/pins')).status).toBe(200);
    expect((await fetch(`${server.url}/api/v2/ping`, { headers: CLIENT })).status).toBe(503);
    emu.control.reset();
  });
});
