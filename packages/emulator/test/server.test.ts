import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createEmulator } from '../src/index.js';
import { plexTvHandlers } from '../src/msw.js';
import { makeDevice } from './device.js';
import { CLIENT, JSON_ACCEPT } from './helpers.js';

describe('listen (loopback HTTP)', () => {
  it('serves over a real socket on a free port, then closes', async () => {
    const emu = createEmulator();
    const server = await emu.listen();
    try {
      expect(server.url).toBe(`http://127.0.0.1:${server.port}`);
      expect(server.port).toBeGreaterThan(0);
      const res = await fetch(`${server.url}/api/v2/user`, {
        headers: { ...JSON_ACCEPT, 'X-Plex-Token': 'demo-token' },
      });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
      expect((await res.json()).username).toBe('demo');

      const signin = await fetch(`${server.url}/api/v2/users/signin`, {
        method: 'POST',
        headers: { ...CLIENT, 'Content-Type': 'application/x-www-form-urlencoded' },
        body: 'login=freeuser&password=free-password',
      });
      expect(signin.status).toBe(201);
      expect(await signin.text()).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>\n<user /);

      emu.control.fault({ path: '/api/v2/ping', status: 429, retryAfter: 2 });
      const limited = await fetch(`${server.url}/api/v2/ping`, {
        headers: { ...CLIENT, 'X-Plex-Token': 'demo-token' },
      });
      expect(limited.status).toBe(429);
      expect(limited.headers.get('retry-after')).toBe('2');
      await limited.text();
    } finally {
      await server.close();
    }
    await expect(fetch(`${server.url}/api/v2/ping`)).rejects.toThrow();
    // close() is idempotent
    await server.close();
  });

  it('two emulators on two ports keep separate state', async () => {
    const [a, b] = [createEmulator(), createEmulator()];
    const [sa, sb] = [await a.listen({ port: 0 }), await b.listen({ host: '127.0.0.1' })];
    try {
      a.control.revokeToken('demo-token');
      const headers = { ...CLIENT, 'X-Plex-Token': 'demo-token' };
      expect((await fetch(`${sa.url}/api/v2/ping`, { headers })).status).toBe(401);
      expect((await fetch(`${sb.url}/api/v2/ping`, { headers })).status).toBe(200);
    } finally {
      await Promise.all([sa.close(), sb.close()]);
    }
  });

  it('fails clearly when the port is taken', async () => {
    const emu = createEmulator();
    const first = await emu.listen();
    try {
      await expect(emu.listen({ port: first.port })).rejects.toThrow(/EADDRINUSE/);
    } finally {
      await first.close();
    }
  });
});

describe('MSW handlers', () => {
  const emu = createEmulator();
  const mswServer = setupServer(
    ...plexTvHandlers(emu),
    ...plexTvHandlers(emu, { baseUrl: 'https://clubs.plex.tv/' }),
  );
  beforeAll(() => mswServer.listen({ onUnhandledRequest: 'error' }));
  afterEach(() => emu.control.reset());
  afterAll(() => mswServer.close());

  it('answers global fetch to https://plex.tv', async () => {
    const res = await fetch('https://plex.tv/api/v2/user', {
      headers: { ...JSON_ACCEPT, 'X-Plex-Token': 'free-token' },
    });
    expect(res.status).toBe(200);
    expect((await res.json()).username).toBe('freeuser');
  });

  it('sign-in, token use and sign-out through MSW', async () => {
    const res = await fetch('https://plex.tv/api/v2/users/signin', {
      method: 'POST',
      headers: { ...JSON_ACCEPT, 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ login: 'demo', password: 'demo-password', verificationCode: '123456' }),
    });
    expect(res.status).toBe(201);
    const { authToken } = await res.json();
    const headers = { ...CLIENT, 'X-Plex-Token': authToken };
    expect((await fetch('https://plex.tv/api/v2/ping', { headers })).status).toBe(200);
    const out = await fetch('https://plex.tv/api/v2/users/signout', { method: 'DELETE', headers });
    expect(out.status).toBe(204);
    expect((await fetch('https://plex.tv/api/v2/ping', { headers })).status).toBe(401);
    expect(emu.control.requests().map((r) => `${r.method} ${r.path} ${r.status}`)).toEqual([
      'POST /api/v2/users/signin 201',
      'GET /api/v2/ping 200',
      'DELETE /api/v2/users/signout 204',
      'GET /api/v2/ping 401',
    ]);
  });

  it('intercepts clients.plex.tv by default too: the JWT login path end to end through MSW', async () => {
    const device = makeDevice('msw-device');
    const headers = { 'X-Plex-Client-Identifier': device.clientIdentifier, Accept: 'application/json' };
    const created = await fetch('https://clients.plex.tv/api/v2/pins', {
      method: 'POST',
      headers: { ...headers, 'Content-Type': 'application/json' },
      body: JSON.stringify({ jwk: device.jwk, strong: true }),
    });
    expect(created.status).toBe(201);
    const pin = await created.json();
    emu.control.approvePin(pin.id, 'freeuser');
    const deviceJwt = device.clientJwt({ now: Math.floor(emu.state.nowMs / 1000) });
    const poll = await fetch(`https://clients.plex.tv/api/v2/pins/${pin.id}?deviceJWT=${deviceJwt}`, {
      headers,
    });
    const { authToken } = await poll.json();
    const me = await fetch('https://plex.tv/api/v2/user', {
      headers: { ...headers, 'X-Plex-Token': authToken },
    });
    expect((await me.json()).username).toBe('freeuser');
  });

  it('serves the literal /:/ip path and the resources through MSW', async () => {
    const ip = await fetch('https://plex.tv/:/ip');
    expect(await ip.text()).toBe('203.0.113.10');
    const res = await fetch('https://plex.tv/api/v2/resources', {
      headers: { ...JSON_ACCEPT, 'X-Plex-Token': 'free-token' },
    });
    expect((await res.json()).map((r: { name: string }) => r.name)).toEqual(['Demo Server', 'Firefox']);
  });

  it('sharing through MSW: create on plex.tv, update and remove on clients.plex.tv, the 410s', async () => {
    const json = { ...JSON_ACCEPT, 'X-Plex-Token': 'demo-token', 'Content-Type': 'application/json' };
    const created = await fetch('https://plex.tv/api/v2/shared_servers', {
      method: 'POST',
      headers: json,
      body: JSON.stringify({
        machineIdentifier: 'a1b2c3d4e5f60718293a4b5c6d7e8f9000000002',
        librarySectionIds: [40000005],
        invitedEmail: 'free@plextv.test',
      }),
    });
    expect(created.status).toBe(201);
    const { id } = await created.json();
    const updated = await fetch(`https://clients.plex.tv/api/v2/shared_servers/${id}`, {
      method: 'POST',
      headers: json,
      body: JSON.stringify({ librarySectionIds: [40000006] }),
    });
    expect((await updated.json()).libraries.map((l: { title: string }) => l.title)).toEqual(['Home Videos']);
    const removed = await fetch(`https://clients.plex.tv/api/v2/shared_servers/${id}`, {
      method: 'DELETE',
      headers: json,
    });
    expect(removed.status).toBe(204);
    const gone = await fetch('https://plex.tv/api/friends/10000002', { method: 'DELETE', headers: json });
    expect(gone.status).toBe(410);
  });

  it('honours a custom baseUrl (one or several)', async () => {
    expect(plexTvHandlers(emu, { baseUrl: ['https://a.test', 'https://b.test/'] })).toHaveLength(2);
    const res = await fetch('https://clubs.plex.tv/api/v2/ping', {
      headers: { ...CLIENT, 'X-Plex-Token': 'demo-token' },
    });
    expect(res.status).toBe(200);
  });
});
