/**
 * Issue #12 items 1–4 for `connect`: a hostile connection list, endless or redirecting `/identity` answers, and
 * the default wait when the best-ranked address is black-holed.
 */
import { ConnectionFailedError, connect, type PlexResource, type ResourceConnection } from 'plextv';
import { afterEach, describe, expect, test } from 'vitest';
import { type FakePms, type PmsMode, startPms } from './fake-pms.js';
import { type Loopback, loopback } from './loopback.js';

const MACHINE = 'f00dcafe0123456789abcdef';
const TOKEN = 'pms-token-xyz-secret';

const running: Array<{ close(): Promise<void> }> = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((s) => s.close()));
});
async function pms(mode: PmsMode): Promise<FakePms> {
  const server = await startPms(mode);
  running.push(server);
  return server;
}
async function server(handler: Parameters<typeof loopback>[0]): Promise<Loopback> {
  const s = await loopback(handler);
  running.push(s);
  return s;
}
const up = (latency = 0): PmsMode => ({ kind: 'up', machineIdentifier: MACHINE, latency });

const conn = (uri: string, local = false): ResourceConnection => {
  const u = new URL(uri);
  return {
    protocol: u.protocol.slice(0, -1),
    address: u.hostname,
    port: Number(u.port),
    uri,
    local,
    relay: false,
    extra: {},
  };
};
const resourceOf = (connections: ResourceConnection[], extra: Partial<PlexResource> = {}): PlexResource => ({
  name: 'Test Server',
  clientIdentifier: MACHINE,
  provides: ['server'],
  owned: true,
  accessToken: TOKEN,
  connections,
  extra: {},
  ...extra,
});
const identity = JSON.stringify({ MediaContainer: { machineIdentifier: MACHINE } });

describe('a hostile connection list', () => {
  test('5,000 listed URIs: 16 candidates at most, 6 probes in flight at most, best-ranked first', async () => {
    const connections = Array.from({ length: 5_000 }, (_, i) =>
      conn(`https://h${i}.example:${1 + (i % 60_000)}`),
    );
    let inFlight = 0;
    let most = 0;
    const asked: string[] = [];
    const fetch = (async (url: string, init?: RequestInit) => {
      asked.push(String(url));
      inFlight++;
      most = Math.max(most, inFlight);
      await new Promise((r) => setTimeout(r, 5));
      inFlight--;
      expect(init?.redirect).toBe('manual');
      throw Object.assign(new TypeError('fetch failed'), { cause: { code: 'ECONNREFUSED' } });
    }) as typeof globalThis.fetch;
    const error = await connect(resourceOf(connections, { owned: false }), { fetch }).catch((e) => e);
    expect(error).toBeInstanceOf(ConnectionFailedError);
    const failed = error as ConnectionFailedError;
    expect(asked).toHaveLength(16);
    expect(most).toBeLessThanOrEqual(6);
    expect(asked).toEqual(failed.attempts.map((a) => `${a.uri}/identity`));
    expect(failed.attempts.map((a) => a.rank)).toEqual([...Array(16).keys()]);
    // Remote https URLs get no derived plain-http twin: the token is not sent in clear to the internet.
    expect(asked.every((u) => u.startsWith('https://'))).toBe(true);
    expect(failed.skipped.filter((s) => /past maxCandidates \(16\)/.test(s.reason))).toHaveLength(4_984);
  });

  test('maxCandidates and concurrency are options', async () => {
    const hosts = await Promise.all([pms({ kind: 'refused' }), pms({ kind: 'refused' }), pms(up())]);
    const result = await connect(resourceOf(hosts.map((h) => conn(h.uri))), {
      maxCandidates: 3,
      concurrency: 1,
    });
    expect(result.uri).toBe(hosts[2]!.uri);
    expect(result.attempts.map((a) => a.outcome)).toEqual(['refused', 'refused', 'ok']);
    // One at a time: each attempt ends before the next one starts.
    expect(result.attempts[0]!.ms).toBeLessThanOrEqual(result.attempts[1]!.ms);
    await expect(connect(resourceOf([]), { concurrency: 0 })).rejects.toThrow(/concurrency/);
  });

  test('when a winner is found, candidates never started are reported as not tried', async () => {
    const good = await pms(up());
    const rest = Array.from({ length: 10 }, (_, i) => conn(`https://h${i}.example:443`));
    const result = await connect(resourceOf([conn(good.uri, true), ...rest]), {
      concurrency: 1,
      // Loopback only: any other URL would be a test failure.
      fetch: (async (url: string, init?: RequestInit) => {
        if (!String(url).startsWith(good.uri)) throw new Error(`unexpected fetch of ${String(url)}`);
        return globalThis.fetch(url, init);
      }) as typeof fetch,
    });
    expect(result.uri).toBe(good.uri);
    expect(result.attempts.slice(1).every((a) => a.outcome === 'cancelled' && a.detail === 'not tried')).toBe(
      true,
    );
  });
});

describe('/identity answers that would not end or that redirect', () => {
  test('an endless /identity is cut at 8 KiB: a bad answer at once, the socket closed', async () => {
    const endless = await server((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      const chunk = Buffer.alloc(16_384, ' ');
      const pump = () => {
        while (!res.destroyed && res.write(chunk)) {}
        if (!res.destroyed) res.once('drain', pump);
      };
      pump();
    });
    const good = await pms(up(300));
    const t = performance.now();
    const result = await connect(resourceOf([conn(endless.origin, true), conn(good.uri)]), {
      timeout: 10_000,
    });
    expect(result.uri).toBe(good.uri);
    expect(result.attempts[0]).toMatchObject({
      outcome: 'bad-answer',
      detail: expect.stringMatching(/8192 bytes/),
    });
    expect(result.attempts[0]!.ms).toBeLessThan(2_000);
    expect(performance.now() - t).toBeLessThan(3_000);
    await expect.poll(() => endless.closed, { timeout: 2_000 }).toBeGreaterThanOrEqual(1);
  });

  test('a redirect to another origin is not followed (no token there); a same-origin one is', async () => {
    const elsewhere = await server((_req, res) => res.writeHead(200).end(identity));
    const redirecting = await server((_req, res) =>
      res.writeHead(302, { location: `${elsewhere.origin}/identity` }).end(),
    );
    const moved = await server((req, res) =>
      req.url === '/identity'
        ? res.writeHead(308, { location: '/identity2' }).end()
        : res.writeHead(200, { 'content-type': 'application/json' }).end(identity),
    );
    const result = await connect(resourceOf([conn(redirecting.origin, true), conn(moved.origin)]));
    expect(result.uri).toBe(moved.origin);
    expect(result.attempts[0]).toMatchObject({
      outcome: 'http-status',
      status: 302,
      detail: `HTTP 302: a redirect to ${elsewhere.origin} (not followed)`,
    });
    expect(elsewhere.requests).toHaveLength(0);
    expect(moved.requests.map((r) => [r.url, r.headers['x-plex-token']])).toEqual([
      ['/identity', TOKEN],
      ['/identity2', TOKEN],
    ]);
  });
});

describe('the default wait for better candidates', () => {
  test('a black-holed best candidate costs max(250 ms, 3× the first answer), not the 10 s timeout', async () => {
    const hole = await pms({ kind: 'blackhole' });
    const remote = await pms(up());
    const t = performance.now();
    const result = await connect(resourceOf([conn(hole.uri, true), conn(remote.uri)]));
    const took = performance.now() - t;
    expect(result.uri).toBe(remote.uri);
    expect(took).toBeGreaterThanOrEqual(240);
    expect(took).toBeLessThan(1_500);
    expect(result.attempts[0]).toMatchObject({ outcome: 'cancelled' });
    await expect.poll(() => hole.sockets.askedClosed, { timeout: 2_000 }).toBe(1);
  });

  test('a better candidate that answers inside the window still wins', async () => {
    const local = await pms(up(120));
    const remote = await pms(up());
    const result = await connect(resourceOf([conn(local.uri, true), conn(remote.uri)]));
    expect(result.uri).toBe(local.uri);
  });

  test('the window grows with the first answer: 3× its time', async () => {
    const local = await pms(up(450));
    const remote = await pms(up(200));
    const t = performance.now();
    const result = await connect(resourceOf([conn(local.uri, true), conn(remote.uri)]));
    expect(result.uri).toBe(local.uri);
    expect(performance.now() - t).toBeLessThan(1_500);
  });

  test('patience overrides the window', async () => {
    const local = await pms(up(150));
    const remote = await pms(up());
    const result = await connect(resourceOf([conn(local.uri, true), conn(remote.uri)]), { patience: 0 });
    expect(result.uri).toBe(remote.uri);
  });
});
