/**
 * `connect` over real loopback sockets: servers that are up, refused, slow, impostors, black holes; IPv6; abort.
 */
import {
  AbortedError,
  ConnectionFailedError,
  connect,
  type PlexResource,
  PlexTvError,
  type ResourceConnection,
} from 'plextv';
import { afterEach, describe, expect, test } from 'vitest';
import { type FakePms, ipv6LoopbackAvailable, type PmsMode, startPms } from './fake-pms.js';

const MACHINE = 'f00dcafe0123456789abcdef';
const TOKEN = 'pms-token-xyz-secret';

const running: FakePms[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((s) => s.close()));
});

async function pms(mode: PmsMode, host?: string): Promise<FakePms> {
  const server = await startPms(mode, host);
  running.push(server);
  return server;
}
const up = (extra: Partial<Extract<PmsMode, { kind: 'up' }>> = {}): PmsMode => ({
  kind: 'up',
  machineIdentifier: MACHINE,
  ...extra,
});

type Where = 'local' | 'remote' | 'relay';
/** A resource whose connections are the given servers, ranked by where they are. */
function resourceOf(servers: Array<[Where, FakePms]>, extra: Partial<PlexResource> = {}): PlexResource {
  const connections: ResourceConnection[] = servers.map(([where, s]) => ({
    protocol: 'http',
    address: s.host,
    port: s.port,
    uri: s.uri,
    local: where === 'local',
    relay: where === 'relay',
    IPv6: s.host.includes(':'),
    extra: {},
  }));
  return {
    name: 'Test Server',
    clientIdentifier: MACHINE,
    provides: ['server'],
    owned: true,
    accessToken: TOKEN,
    connections,
    extra: {},
    ...extra,
  };
}

const since = (t: number) => performance.now() - t;

describe('connect over loopback', () => {
  test('the best candidate is up: chosen at once; the token travels only in X-Plex-Token', async () => {
    const local = await pms(up());
    const remote = await pms(up());
    const t = performance.now();
    const result = await connect(
      resourceOf([
        ['remote', remote],
        ['local', local],
      ]),
      { timeout: 5_000 },
    );
    expect(since(t)).toBeLessThan(1_000);
    expect(result.uri).toBe(local.uri);
    expect(result.candidate).toMatchObject({ location: 'local', rank: 0 });
    expect(result.identity).toEqual({ machineIdentifier: MACHINE, version: '1.40.0.7998-c29d4c0c8' });
    expect(result.attempts.map((a) => [a.uri, a.outcome])[0]).toEqual([local.uri, 'ok']);
    expect(result.attempts).toHaveLength(2);
    const [request] = local.requests;
    expect(request!.url).toBe('/identity');
    expect(request!.method).toBe('GET');
    expect(request!.headers['x-plex-token']).toBe(TOKEN);
    expect(request!.headers.accept).toBe('application/json');
  });

  test('XML identity answers decode too', async () => {
    const local = await pms(up({ format: 'xml', version: '1.32.5.7349' }));
    const result = await connect(resourceOf([['local', local]]));
    expect(result.identity).toEqual({ machineIdentifier: MACHINE, version: '1.32.5.7349' });
  });

  test('the best candidate is refused: the next one wins', async () => {
    const local = await pms({ kind: 'refused' });
    const remote = await pms(up());
    const result = await connect(
      resourceOf([
        ['local', local],
        ['remote', remote],
      ]),
      { timeout: 5_000 },
    );
    expect(result.uri).toBe(remote.uri);
    expect(result.attempts[0]).toMatchObject({ uri: local.uri, outcome: 'refused', detail: 'ECONNREFUSED' });
    expect(result.attempts[1]).toMatchObject({ uri: remote.uri, outcome: 'ok' });
  });

  test('a black-holed better candidate costs at most the per-attempt timeout', async () => {
    const local = await pms({ kind: 'blackhole' });
    const remote = await pms(up());
    const t = performance.now();
    const result = await connect(
      resourceOf([
        ['local', local],
        ['remote', remote],
      ]),
      // Issue #12: waiting for the better candidate to time out is no longer the default.
      { timeout: 400, patience: Number.POSITIVE_INFINITY },
    );
    const took = since(t);
    expect(result.uri).toBe(remote.uri);
    expect(took).toBeGreaterThanOrEqual(380);
    expect(took).toBeLessThan(1_400);
    expect(result.attempts[0]).toMatchObject({ outcome: 'timeout', detail: 'no answer within 400 ms' });
    expect(result.attempts[0]!.ms).toBeGreaterThanOrEqual(380);
    // The remote answered long before; it waited only for the better one.
    expect(result.attempts[1]!.ms).toBeLessThan(300);
  });

  test('patience: a worse candidate that answered wins after that many ms instead of the full timeout', async () => {
    const local = await pms({ kind: 'blackhole' });
    const remote = await pms(up());
    const t = performance.now();
    const result = await connect(
      resourceOf([
        ['local', local],
        ['remote', remote],
      ]),
      { timeout: 5_000, patience: 100 },
    );
    expect(result.uri).toBe(remote.uri);
    expect(since(t)).toBeLessThan(1_000);
    expect(result.attempts[0]).toMatchObject({ outcome: 'cancelled' });
  });

  test('a black-holed worse candidate costs nothing, and is aborted', async () => {
    const local = await pms(up({ latency: 50 }));
    const remote = await pms({ kind: 'blackhole' });
    const relay = await pms({ kind: 'blackhole' });
    const t = performance.now();
    const result = await connect(
      resourceOf([
        ['local', local],
        ['remote', remote],
        ['relay', relay],
      ]),
      { timeout: 10_000 },
    );
    expect(since(t)).toBeLessThan(1_000);
    expect(result.uri).toBe(local.uri);
    expect(result.attempts.map((a) => a.outcome)).toEqual(['ok', 'cancelled', 'cancelled']);
    // The losers' sockets are closed by the abort, not left to the timeout.
    await until(() => remote.sockets.asked === 1 && relay.sockets.asked === 1);
    await until(() => remote.sockets.askedClosed === 1 && relay.sockets.askedClosed === 1, 500);
  });

  test('a slow better candidate still beats a fast worse one (patience: Infinity)', async () => {
    const local = await pms(up({ latency: 250 }));
    const remote = await pms(up());
    const t = performance.now();
    const result = await connect(
      resourceOf([
        ['local', local],
        ['remote', remote],
      ]),
      // Issue #12: by default the wait ends max(250 ms, 3 × the first answer's time) after the start.
      { timeout: 5_000, patience: Number.POSITIVE_INFINITY },
    );
    expect(result.uri).toBe(local.uri);
    expect(since(t)).toBeGreaterThanOrEqual(240);
    expect(result.attempts[1]).toMatchObject({ outcome: 'ok' });
  });

  test('a server answering as another machine is rejected', async () => {
    const impostor = await pms(up({ machineIdentifier: 'someone-else' }));
    const remote = await pms(up());
    const result = await connect(
      resourceOf([
        ['local', impostor],
        ['remote', remote],
      ]),
    );
    expect(result.uri).toBe(remote.uri);
    expect(result.attempts[0]).toMatchObject({
      outcome: 'wrong-identity',
      detail: `answered as someone-else, not ${MACHINE}`,
    });
  });

  test('all down: one ConnectionFailedError listing every candidate with its reason and time', async () => {
    const refused = await pms({ kind: 'refused' });
    const hole = await pms({ kind: 'blackhole' });
    const impostor = await pms(up({ machineIdentifier: 'other' }));
    const unauthorized = await pms({ kind: 'status', status: 401 });
    const html = await pms({ kind: 'html' });
    const tls = await pms(up());
    const resource = resourceOf([
      ['local', refused],
      ['local', hole],
      ['local', impostor],
      ['remote', unauthorized],
      ['remote', html],
    ]);
    // https to a plain-http server: the TLS handshake fails.
    resource.connections.push({
      protocol: 'https',
      address: tls.host,
      port: tls.port,
      uri: `https://${tls.host}:${tls.port}`,
      local: false,
      relay: true,
      extra: {},
    });
    const error = await connect(resource, { timeout: 500, httpFallback: false }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConnectionFailedError);
    expect(error).toBeInstanceOf(PlexTvError);
    const failed = error as ConnectionFailedError;
    expect(failed.attempts.map((a) => [a.uri, a.outcome])).toEqual([
      [refused.uri, 'refused'],
      [hole.uri, 'timeout'],
      [impostor.uri, 'wrong-identity'],
      [unauthorized.uri, 'http-status'],
      [html.uri, 'bad-answer'],
      [`https://${tls.host}:${tls.port}`, 'tls'],
    ]);
    expect(failed.attempts[3]).toMatchObject({ status: 401, detail: 'HTTP 401: the token was refused' });
    for (const a of failed.attempts) expect(a.ms).toBeGreaterThanOrEqual(0);
    expect(failed.resource).toEqual({ name: 'Test Server', clientIdentifier: MACHINE });
    expect(failed.message).toContain('Could not connect to "Test Server"');
    expect(failed.message).toContain(`#1 ${refused.uri}: refused (ECONNREFUSED) after`);
    expect(failed.message).toContain(`#2 ${hole.uri}: timeout (no answer within 500 ms)`);
    expect(failed.message).not.toContain(TOKEN);
    expect(JSON.stringify(failed)).not.toContain(TOKEN);
    expect(failed.toJSON()).toMatchObject({ name: 'ConnectionFailedError', attempts: failed.attempts });
  });

  test('nothing to try: the error says what was skipped and why (no network at all)', async () => {
    const resource = resourceOf([], {
      owned: false,
      connections: [
        {
          protocol: 'http',
          address: '10.9.9.9',
          port: 32400,
          uri: 'http://10.9.9.9:32400',
          local: true,
          extra: {},
        },
      ],
    });
    const error = (await connect(resource).catch((e: unknown) => e)) as ConnectionFailedError;
    expect(error).toBeInstanceOf(ConnectionFailedError);
    expect(error.attempts).toEqual([]);
    expect(error.skipped).toEqual([
      { uri: 'http://10.9.9.9:32400', reason: expect.stringContaining('resource you do not own') },
    ]);
    expect(error.message).toContain('no connection to try');
    await expect(connect(resourceOf([['local', await pms(up())]]), { timeout: 0 })).rejects.toThrow(
      /timeout must be a positive number/,
    );
  });

  test('players without an access token: no X-Plex-Token header at all; an explicit token wins', async () => {
    const local = await pms(up());
    await connect(resourceOf([['local', local]], { accessToken: undefined }));
    expect(local.requests[0]!.headers['x-plex-token']).toBeUndefined();
    await connect(resourceOf([['local', local]]), {
      token: 'override',
      headers: { 'X-Plex-Client-Identifier': 'me' },
    });
    expect(local.requests[1]!.headers['x-plex-token']).toBe('override');
    expect(local.requests[1]!.headers['x-plex-client-identifier']).toBe('me');
  });

  test('AbortSignal: aborting rejects with AbortedError at once and closes every attempt', async () => {
    const hole = await pms({ kind: 'blackhole' });
    const controller = new AbortController();
    const t = performance.now();
    setTimeout(() => controller.abort(), 100);
    const error = await connect(resourceOf([['local', hole]]), {
      timeout: 10_000,
      signal: controller.signal,
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AbortedError);
    expect(since(t)).toBeLessThan(1_000);
    await until(() => hole.sockets.asked === 1 && hole.sockets.askedClosed === 1, 500);
    await expect(
      connect(resourceOf([['local', hole]]), { signal: AbortSignal.abort() }),
    ).rejects.toBeInstanceOf(AbortedError);
  });
});

describe('IPv6', async () => {
  const available = await ipv6LoopbackAvailable();

  test.skipIf(!available)(
    'an IPv6 candidate works (::1), bracketed, even when plex.tv forgot the brackets',
    async () => {
      const six = await pms(up(), '::1');
      expect(six.uri).toBe(`http://[::1]:${six.port}`);
      const result = await connect(resourceOf([['local', six]]));
      expect(result.uri).toBe(`http://[::1]:${six.port}`);
      expect(result.candidate.ipVersion).toBe('ipv6');
      const unbracketed = resourceOf([['local', six]]);
      unbracketed.connections[0]!.uri = `http://::1:${six.port}`;
      expect((await connect(unbracketed)).uri).toBe(`http://[::1]:${six.port}`);
    },
  );

  test.skipIf(!available)('IPv4 is preferred over IPv6 at the same location and scheme', async () => {
    const six = await pms(up(), '::1');
    const four = await pms(up());
    const result = await connect(
      resourceOf([
        ['local', six],
        ['local', four],
      ]),
    );
    expect(result.uri).toBe(four.uri);
  });
});

async function until(check: () => boolean, ms = 2_000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 10));
  }
}
