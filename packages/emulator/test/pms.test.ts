/**
 * The fake Plex Media Servers over real loopback sockets: every behaviour, IPv6 when the host has
 * it, and that stop() leaves nothing open.
 */

import { createServer, connect as netConnect, type Socket } from 'node:net';
import { connect as tlsConnect } from 'node:tls';
import { afterEach, describe, expect, it } from 'vitest';
import {
  ControlError,
  createEmulator,
  DEMO_SERVER_ID,
  demoSeed,
  type Emulator,
  type EmulatorSeed,
  type FakeConnectionInfo,
  WRONG_MACHINE_IDENTIFIER,
} from '../src/index.js';
import { CLIENT, get } from './helpers.js';

const hasIpv6 = await new Promise<boolean>((resolve) => {
  const probe = createServer();
  probe.once('error', () => resolve(false));
  probe.listen(0, '::1', () => probe.close(() => resolve(true)));
});

const started: Emulator[] = [];
async function running(seed: EmulatorSeed = demoSeed, options?: { ipv6?: boolean }): Promise<Emulator> {
  const emu = createEmulator(seed);
  started.push(emu);
  await emu.servers.start(options);
  return emu;
}
afterEach(async () => {
  await Promise.all(started.splice(0).map((e) => e.servers.stop()));
});

function conn(emu: Emulator, index: number, server = 0): FakeConnectionInfo {
  return emu.servers.list()[server]!.connections[index]!;
}

/** Open a fresh TCP connection: "open", or the error code. */
function tryConnect(host: string, port: number): Promise<string> {
  return new Promise((resolve) => {
    const socket = netConnect({ host, port });
    socket.once('connect', () => {
      socket.destroy();
      resolve('open');
    });
    socket.once('error', (err: NodeJS.ErrnoException) => resolve(err.code ?? err.message));
  });
}

/** Send raw bytes and collect what comes back within `ms` (and whether the peer closed). */
function probe(
  host: string,
  port: number,
  bytes: string | Buffer,
  ms: number,
): Promise<{ data: string; closed: boolean }> {
  return new Promise((resolve, reject) => {
    const socket: Socket = netConnect({ host, port });
    let data = '';
    let closed = false;
    socket.on('data', (d) => {
      data += d.toString('latin1');
    });
    socket.on('close', () => {
      closed = true;
    });
    socket.once('error', reject);
    socket.once('connect', () => socket.write(bytes));
    setTimeout(() => {
      socket.destroy();
      resolve({ data, closed });
    }, ms);
  });
}

const IDENTITY_XML = (id: string, version: string) =>
  `<?xml version="1.0" encoding="UTF-8"?>\n<MediaContainer size="0" claimed="1" machineIdentifier="${id}" version="${version}">\n</MediaContainer>\n`;

describe('emulator.servers', () => {
  it('start() gives every seeded connection a loopback port; the listings point there until stop()', async () => {
    const emu = await running();
    expect(emu.servers.running).toBe(true);
    const servers = emu.servers.list();
    expect(servers.map((s) => [s.name, s.machineIdentifier, s.connections.length])).toEqual([
      ['Demo Server', DEMO_SERVER_ID, 6],
      ['Basement NAS', 'a1b2c3d4e5f60718293a4b5c6d7e8f9000000002', 2],
    ]);
    const demo = servers[0]!.connections;
    expect(demo.map((c) => [c.protocol, c.behaviour, c.listening])).toEqual([
      ['https', 'refused', false],
      ['http', 'up', true],
      ['https', 'refused', false],
      ['http', 'up', true],
      ['https', 'refused', false],
      ['http', 'up', hasIpv6],
    ]);
    const ports = new Set(servers.flatMap((s) => s.connections.map((c) => c.listed.port)));
    expect(ports.size).toBe(8);
    expect(demo[1]!.listed).toEqual({
      address: '127.0.0.1',
      port: demo[1]!.listed.port,
      uri: `http://127.0.0.1:${demo[1]!.listed.port}`,
    });
    expect(demo[0]!.listed.uri).toBe(`https://127.0.0.1:${demo[0]!.listed.port}`);
    expect(demo[5]!.listed).toMatchObject({ address: '::1', uri: `http://[::1]:${demo[5]!.listed.port}` });
    expect(demo[1]!.seeded).toEqual({
      address: '192.168.1.10',
      port: 32400,
      uri: 'http://192.168.1.10:32400',
    });

    // v2 JSON (owner and sharer), v1 XML and devices.xml all use the loopback addresses.
    for (const token of ['demo-token', 'free-token']) {
      const list = await (
        await get(emu, '/api/v2/resources?includeHttps=1&includeRelay=1&includeIPv6=1', { token, json: true })
      ).json();
      expect(list[0].connections.map((c: { uri: string }) => c.uri)).toEqual(demo.map((c) => c.listed.uri));
      expect(list[0].connections[1]).toMatchObject({
        local: true,
        relay: false,
        protocol: 'http',
        port: demo[1]!.listed.port,
      });
    }
    const v1 = await (await get(emu, '/api/resources?includeHttps=1', { token: 'demo-token' })).text();
    expect(v1).toContain(`<Connection protocol="http" address="127.0.0.1" port="${demo[1]!.listed.port}"`);
    const devices = await (await get(emu, '/devices.xml', { token: 'demo-token' })).text();
    expect(devices).toContain(`<Connection uri="http://127.0.0.1:${demo[1]!.listed.port}"/>`);
    expect(devices).not.toContain(`:${demo[4]!.listed.port}"`); // the relay is not a device address

    // Starting again changes nothing.
    await emu.servers.start();
    expect(emu.servers.list()[0]!.connections.map((c) => c.listed.port)).toEqual(
      demo.map((c) => c.listed.port),
    );

    await emu.servers.stop();
    expect(emu.servers.running).toBe(false);
    expect(emu.servers.ipv6).toBeNull();
    const after = await (await get(emu, '/api/v2/resources', { token: 'demo-token', json: true })).json();
    expect(after[0].connections[0].uri).toBe('http://192.168.1.10:32400');
    expect(await tryConnect('127.0.0.1', demo[1]!.listed.port)).toBe('ECONNREFUSED');
  });

  it('up: /identity is public (XML by default, JSON on request); / needs one of the server’s tokens', async () => {
    const emu = await running();
    const base = conn(emu, 1).listed.uri;
    const identity = await fetch(`${base}/identity`);
    expect(identity.status).toBe(200);
    expect(identity.headers.get('access-control-allow-origin')).toBe('*');
    expect(await identity.text()).toBe(IDENTITY_XML(DEMO_SERVER_ID, '1.41.3.9314-a0bfb8370'));
    const json = await fetch(`${base}/identity/`, { headers: { Accept: 'application/json' } });
    expect(await json.json()).toEqual({
      MediaContainer: {
        size: 0,
        claimed: true,
        machineIdentifier: DEMO_SERVER_ID,
        version: '1.41.3.9314-a0bfb8370',
      },
    });

    expect((await fetch(`${base}/`)).status).toBe(401);
    // Someone else's account token (freeuser's own, not its share token) is refused.
    expect((await fetch(`${base}/`, { headers: { 'X-Plex-Token': 'free-token' } })).status).toBe(401);
    // The resource accessToken, accepted shares' tokens, and the owner's account and device tokens.
    const tokens = [
      'demo-server-access-token',
      'free-demo-server-token',
      'kids-demo-server-token',
      'demo-token',
      'demo-iphone-device-token',
    ];
    for (const token of tokens) {
      const root = await fetch(`${base}/`, {
        headers: { 'X-Plex-Token': token, Accept: 'application/json' },
      });
      expect(root.status, token).toBe(200);
      const { MediaContainer: mc } = (await root.json()) as { MediaContainer: Record<string, unknown> };
      expect(mc).toMatchObject({
        size: 0,
        claimed: true,
        friendlyName: 'Demo Server',
        machineIdentifier: DEMO_SERVER_ID,
        platform: 'Linux',
        platformVersion: '6.8.0-51-generic',
        version: '1.41.3.9314-a0bfb8370',
        myPlex: true,
        myPlexSigninState: 'ok',
        myPlexUsername: 'demo@plextv.test',
        myPlexSubscription: true,
        transcoderVideo: true,
      });
      // @ctrl/plex splits ownerFeatures on commas: the owner's Plex Pass features.
      expect(String(mc.ownerFeatures).split(',')).toContain('webhooks');
    }
    const byQuery = await fetch(`${base}/?X-Plex-Token=free-demo-server-token`);
    const rootXml = await byQuery.text();
    expect(rootXml).toContain('friendlyName="Demo Server"');
    expect(rootXml).toContain('myPlexUsername="demo@plextv.test" ownerFeatures="webhooks,');
    // A token the owner gets at run time works at once, and stops working when signed out.
    const signedIn = await emu.fetch('https://plex.tv/api/v2/users/signin', {
      method: 'POST',
      headers: { ...CLIENT, Accept: 'application/json' },
      body: new URLSearchParams({ login: 'demo', password: 'demo-password', verificationCode: '123456' }),
    });
    const fresh = ((await signedIn.json()) as { authToken: string }).authToken;
    expect((await fetch(`${base}/`, { headers: { 'X-Plex-Token': fresh } })).status).toBe(200);
    await emu.fetch('https://plex.tv/api/v2/users/signout', {
      method: 'DELETE',
      headers: { ...CLIENT, 'X-Plex-Token': fresh },
    });
    expect((await fetch(`${base}/`, { headers: { 'X-Plex-Token': fresh } })).status).toBe(401);
    expect((await fetch(`${base}/library/sections`)).status).toBe(404);
    const preflight = await fetch(`${base}/`, {
      method: 'OPTIONS',
      headers: {
        Origin: 'http://example.test',
        'Access-Control-Request-Method': 'GET',
        'Access-Control-Request-Headers': 'x-plex-token',
      },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-headers')).toBe('x-plex-token');
  });

  it('wrong-identity answers with another machine identifier', async () => {
    const emu = await running();
    const info = await emu.control.setConnectionBehaviour('demo server', 3, 'wrong-identity');
    expect(info).toMatchObject({ index: 3, behaviour: 'wrong-identity', listening: true });
    const text = await (await fetch(`${info.listed.uri}/identity`)).text();
    expect(text).toContain(`machineIdentifier="${WRONG_MACHINE_IDENTIFIER}"`);
    expect(WRONG_MACHINE_IDENTIFIER).toBe('deadbeefdeadbeefdeadbeefdeadbeefdeadbeef');
    expect(text).not.toContain(DEMO_SERVER_ID);
  });

  it('status:N answers every request with N', async () => {
    const emu = await running();
    const info = await emu.control.setConnectionBehaviour(DEMO_SERVER_ID, 1, 'status:503');
    for (const path of ['/identity', '/', '/anything']) {
      const res = await fetch(`${info.listed.uri}${path}`);
      expect(res.status).toBe(503);
      expect(await res.text()).toContain('503 Service Unavailable');
    }
    await emu.control.setConnectionBehaviour(DEMO_SERVER_ID, 1, 'status:401');
    expect((await fetch(`${info.listed.uri}/identity`)).status).toBe(401);
  });

  it('up with latency answers after it', async () => {
    const emu = await running();
    const info = await emu.control.setConnectionBehaviour('Demo Server', 1, {
      behaviour: 'up',
      latencyMs: 250,
    });
    expect(info.latencyMs).toBe(250);
    const t0 = performance.now();
    const res = await fetch(`${info.listed.uri}/identity`);
    expect(res.status).toBe(200);
    expect(performance.now() - t0).toBeGreaterThanOrEqual(240);
  });

  it('refused closes the port (ECONNREFUSED); up reopens the same port', async () => {
    const emu = await running();
    const port = conn(emu, 1).listed.port;
    expect(await tryConnect('127.0.0.1', port)).toBe('open');
    const info = await emu.control.setConnectionBehaviour('Demo Server', 1, 'refused');
    expect(info).toMatchObject({ listening: false, behaviour: 'refused', listed: { port } });
    expect(await tryConnect('127.0.0.1', port)).toBe('ECONNREFUSED');
    await emu.control.setConnectionBehaviour('Demo Server', 1, 'up');
    expect(await tryConnect('127.0.0.1', port)).toBe('open');
    expect((await fetch(`http://127.0.0.1:${port}/identity`)).status).toBe(200);
  });

  it('black-hole accepts the socket and never answers or closes it (HTTP and a TLS ClientHello alike)', async () => {
    const emu = await running();
    const info = await emu.control.setConnectionBehaviour('Demo Server', 1, 'black-hole');
    const silent = await probe(
      '127.0.0.1',
      info.listed.port,
      'GET /identity HTTP/1.1\r\nHost: x\r\n\r\n',
      600,
    );
    expect(silent).toEqual({ data: '', closed: false });
    // fetch only gives up through its own timeout.
    await expect(fetch(`${info.listed.uri}/identity`, { signal: AbortSignal.timeout(300) })).rejects.toThrow(
      /timeout|aborted/i,
    );

    // https connections may be black holes too: a TLS client waits for a ServerHello forever.
    const https = await emu.control.setConnectionBehaviour('Demo Server', 0, 'black-hole');
    expect(https.listening).toBe(true);
    const outcome = await new Promise<string>((resolve) => {
      const socket = tlsConnect({ host: '127.0.0.1', port: https.listed.port, rejectUnauthorized: false });
      socket.once('secureConnect', () => resolve('handshake'));
      socket.once('error', (err) => resolve(`error ${err.message}`));
      setTimeout(() => {
        socket.destroy();
        resolve('waiting');
      }, 400);
    });
    expect(outcome).toBe('waiting');
  });

  it('switching to black-hole (or refused) drops open sockets, so none keeps answering', async () => {
    const emu = await running();
    const port = conn(emu, 1).listed.port;
    const socket = netConnect({ host: '127.0.0.1', port });
    await new Promise((resolve) => socket.once('connect', resolve));
    const closed = new Promise((resolve) => socket.once('close', resolve));
    await emu.control.setConnectionBehaviour('Demo Server', 1, 'black-hole');
    await closed;
  });

  it('https connections are refused by default and can only be refused or black-hole (no TLS)', async () => {
    const emu = await running();
    const https = conn(emu, 0);
    expect(https).toMatchObject({ protocol: 'https', behaviour: 'refused', listening: false });
    expect(await tryConnect('127.0.0.1', https.listed.port)).toBe('ECONNREFUSED');
    await expect(emu.control.setConnectionBehaviour('Demo Server', 0, 'up')).rejects.toThrow(
      'setConnectionBehaviour: Demo Server connection 0 is https and the fake servers speak no TLS: it can only be "refused" or "black-hole"',
    );
    await expect(emu.control.setConnectionBehaviour('Basement NAS', 1, 'status:200')).rejects.toBeInstanceOf(
      ControlError,
    );
  });

  it.skipIf(!hasIpv6)('IPv6 connections are served on ::1', async () => {
    const emu = await running();
    expect(emu.servers.ipv6).toBe(true);
    const v6 = conn(emu, 5);
    expect(v6).toMatchObject({ IPv6: true, listening: true, listed: { address: '::1' } });
    const res = await fetch(`${v6.listed.uri}/identity`);
    expect(await res.text()).toBe(IDENTITY_XML(DEMO_SERVER_ID, '1.41.3.9314-a0bfb8370'));
    await emu.control.setConnectionBehaviour('Demo Server', 5, 'refused');
    expect(await tryConnect('::1', v6.listed.port)).toBe('ECONNREFUSED');
  });

  it('start({ ipv6: false }) lists IPv6 connections on ::1 but never listens there', async () => {
    const emu = await running(demoSeed, { ipv6: false });
    expect(emu.servers.ipv6).toBe(false);
    const v6 = conn(emu, 5);
    expect(v6).toMatchObject({ behaviour: 'up', listening: false, listed: { address: '::1' } });
    if (hasIpv6) expect(await tryConnect('::1', v6.listed.port)).toBe('ECONNREFUSED');
    const info = await emu.control.setConnectionBehaviour('Demo Server', 5, 'status:500');
    expect(info.listening).toBe(false);
  });

  it('behaviours can be set before start (applied on start), by uri too; reset() restores the seed', async () => {
    const emu = createEmulator();
    started.push(emu);
    const before = await emu.control.setConnectionBehaviour(
      'Demo Server',
      'http://192.168.1.10:32400',
      'status:418',
    );
    expect(before).toMatchObject({ index: 1, behaviour: 'status:418', listening: false });
    await emu.servers.start();
    const uri = conn(emu, 1).listed.uri;
    expect((await fetch(`${uri}/identity`)).status).toBe(418);
    // The listed (loopback) uri names the connection too.
    await emu.control.setConnectionBehaviour('Demo Server', `${uri}/`, 'refused');
    expect(conn(emu, 1).behaviour).toBe('refused');
    emu.control.reset();
    await emu.control.setConnectionBehaviour('Demo Server', 3, 'up'); // settles after the reset
    expect(conn(emu, 1)).toMatchObject({ behaviour: 'up', listening: true });
    expect((await fetch(`${uri}/identity`)).status).toBe(200);
  });

  it('unknown servers, connections and behaviours are ControlErrors', async () => {
    const emu = createEmulator();
    const err = async (p: Promise<unknown>) => {
      try {
        await p;
      } catch (e) {
        expect(e).toBeInstanceOf(ControlError);
        return [(e as ControlError).status, (e as Error).message];
      }
      throw new Error('expected a ControlError');
    };
    expect(await err(emu.control.setConnectionBehaviour('Nope', 0, 'up'))).toEqual([
      404,
      'setConnectionBehaviour: no seeded server "Nope"',
    ]);
    expect(await err(emu.control.setConnectionBehaviour('Demo Server', 9, 'up'))).toEqual([
      404,
      'setConnectionBehaviour: Demo Server has no connection 9 (it has 6: give an index or a uri)',
    ]);
    expect((await err(emu.control.setConnectionBehaviour('Demo Server', 1, 'sideways' as 'up')))[0]).toBe(
      400,
    );
    expect((await err(emu.control.setConnectionBehaviour('Demo Server', 1, 'status:99' as 'up')))[0]).toBe(
      400,
    );
    expect(
      (
        await err(
          emu.control.setConnectionBehaviour('Demo Server', 1, { behaviour: 'refused', latencyMs: 5 }),
        )
      )[0],
    ).toBe(400);
  });

  it('a seed sets behaviours per connection', async () => {
    const seed = structuredClone(demoSeed);
    seed.devices![0]!.connections![1]!.behaviour = 'status:503';
    seed.devices![0]!.connections![2]!.behaviour = 'black-hole';
    const emu = await running(seed);
    expect(conn(emu, 1).behaviour).toBe('status:503');
    expect((await fetch(`${conn(emu, 1).listed.uri}/identity`)).status).toBe(503);
    expect(conn(emu, 2)).toMatchObject({ behaviour: 'black-hole', listening: true });
  });

  it('stop() closes every listener and socket, black holes included: no handles are left', async () => {
    const count = (kind: string) => process.getActiveResourcesInfo().filter((r) => r === kind).length;
    await new Promise((resolve) => setTimeout(resolve, 50));
    const baseline = { servers: count('TCPServerWrap'), sockets: count('TCPSocketWrap') };
    expect(baseline.servers).toBe(0);
    const emu = createEmulator();
    await emu.servers.start();
    await new Promise((resolve) => setTimeout(resolve, 50)); // closed handles (refused ports) go away
    expect(count('TCPServerWrap')).toBe(hasIpv6 ? 3 : 2); // Demo Server's http connections (+ IPv6)
    const hole = await emu.control.setConnectionBehaviour('Demo Server', 3, 'black-hole');
    const socket = netConnect({ host: '127.0.0.1', port: hole.listed.port });
    await new Promise((resolve) => socket.once('connect', resolve));
    const closed = new Promise((resolve) => socket.once('close', resolve));
    socket.on('error', () => {});
    await emu.servers.stop();
    await closed; // the server side hung up
    await emu.servers.stop(); // idempotent
    for (const c of emu.servers.list()[0]!.connections) expect(c.listening).toBe(false);
    expect(await tryConnect('127.0.0.1', hole.listed.port)).toBe('ECONNREFUSED');
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(count('TCPServerWrap')).toBe(0);
    expect(count('TCPSocketWrap')).toBeLessThanOrEqual(baseline.sockets);
  });

  it('over HTTP: /__emulator/servers, start, behaviour, stop', async () => {
    const emu = createEmulator();
    const server = await emu.listen();
    try {
      const call = (method: string, path: string, body?: unknown) =>
        fetch(`${server.url}/__emulator/servers${path}`, {
          method,
          headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
          ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        });
      const idle = await (await call('GET', '')).json();
      expect(idle).toMatchObject({ running: false, ipv6: null });
      expect(idle.servers[0].connections[1]).toMatchObject({ behaviour: 'up', listening: false });

      const startedDoc = await (await call('POST', '/start', {})).json();
      expect(startedDoc.running).toBe(true);
      const uri = startedDoc.servers[0].connections[1].listed.uri as string;
      expect((await fetch(`${uri}/identity`)).status).toBe(200);

      const set = await call('POST', '/Demo%20Server/connections/1', { behaviour: 'status:502' });
      expect(set.status).toBe(200);
      expect(await set.json()).toMatchObject({ index: 1, behaviour: 'status:502' });
      expect((await fetch(`${uri}/identity`)).status).toBe(502);
      const byUri = await call('POST', `/${DEMO_SERVER_ID}/connections/${encodeURIComponent(uri)}`, {
        behaviour: 'up',
        latencyMs: 10,
      });
      expect(await byUri.json()).toMatchObject({ index: 1, behaviour: 'up', latencyMs: 10 });

      const bad = await call('POST', '/Demo%20Server/connections/0', { behaviour: 'up' });
      expect(bad.status).toBe(400);
      expect((await bad.json()).errors[0].code).toBe(1000);
      expect((await call('POST', '/Nope/connections/0', { behaviour: 'up' })).status).toBe(404);

      expect((await call('POST', '/stop')).status).toBe(204);
      expect((await (await call('GET', '')).json()).running).toBe(false);
      await expect(fetch(`${uri}/identity`)).rejects.toThrow();
    } finally {
      await emu.servers.stop();
      await server.close();
    }
  });

  it('the in-process emulator needs no servers: listings show the seeded addresses', async () => {
    const emu = createEmulator();
    expect(emu.servers.running).toBe(false);
    const res = await emu.fetch('https://plex.tv/api/v2/resources', {
      headers: { ...CLIENT, 'X-Plex-Token': 'demo-token', Accept: 'application/json' },
    });
    expect((await res.json())[0].connections[0].address).toBe('192.168.1.10');
  });
});
