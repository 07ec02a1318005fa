/**
 * Fault injection: every kind, in process (emulator.fetch: what undici would make of it) and over a real
 * loopback socket (what undici does make of it), `after`/`times`/`Infinity`, the request log, the HTTP
 * control endpoints. MSW: faults.msw.test.ts (listen() replaces the global Response, which MSW minds).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEmulator, type Emulator, type FaultSpec, type RunningServer } from '../src/index.js';
import { CLIENT, type Doc, get, JSON_ACCEPT, signin } from './helpers.js';

const USER = '/api/v2/user';
const headers = (json = true) => ({ ...(json ? JSON_ACCEPT : CLIENT), 'X-Plex-Token': 'demo-token' });

/** What a client ends up with: the status and text, or the error (name, message, cause code) and when. */
async function outcome(
  fetcher: () => Promise<Response>,
): Promise<{ status?: number; text?: string; error?: string; stage?: 'fetch' | 'body'; ms: number }> {
  const start = performance.now();
  let res: Response;
  try {
    res = await fetcher();
  } catch (error) {
    return { error: explain(error), stage: 'fetch', ms: performance.now() - start };
  }
  try {
    const text = await res.text();
    return { status: res.status, text, ms: performance.now() - start };
  } catch (error) {
    return { status: res.status, error: explain(error), stage: 'body', ms: performance.now() - start };
  }
}

function explain(error: unknown): string {
  const e = error as Error & { cause?: { code?: string } };
  return `${e.name}: ${e.message}${e.cause?.code ? ` (${e.cause.code})` : ''}`;
}

// The same expectations hold in process and over the socket, except where the README says otherwise.
const modes: Array<{
  name: string;
  setup: () => Promise<{ emu: Emulator; fetchPath: (path: string, init?: RequestInit) => Promise<Response> }>;
}> = [
  {
    name: 'in process',
    async setup() {
      const emu = createEmulator();
      return { emu, fetchPath: (path, init) => emu.fetch(`https://plex.tv${path}`, init) };
    },
  },
  {
    name: 'over loopback HTTP',
    async setup() {
      const emu = createEmulator();
      const server = await emu.listen();
      servers.push(server);
      return { emu, fetchPath: (path, init) => fetch(`${server.url}${path}`, init) };
    },
  },
];
const servers: RunningServer[] = [];
afterAll(async () => {
  await Promise.all(servers.map((s) => s.close()));
});

for (const mode of modes) {
  describe(`wire faults ${mode.name}`, () => {
    it('status: 429 with and without Retry-After, 500, 502, 503, any status; then normal again', async () => {
      const { emu, fetchPath } = await mode.setup();
      const specs: FaultSpec[] = [
        { path: USER, status: 429, retryAfter: 3 },
        { path: USER, status: 429 },
        { path: USER, kind: 'status', status: 500 },
        { path: USER, status: 502 },
        { path: USER, status: 503, retryAfter: 'Wed, 21 Oct 2099 07:28:00 GMT' },
        { path: USER, status: 418, code: 4242, message: 'teapot' },
      ];
      for (const spec of specs) emu.control.fault(spec);
      const seen = [];
      for (let i = 0; i < specs.length; i++) {
        const res = await fetchPath(USER, { headers: headers() });
        seen.push([res.status, res.headers.get('retry-after'), ((await res.json()) as Doc).errors[0].code]);
      }
      expect(seen).toEqual([
        [429, '3', 1003],
        [429, null, 1003],
        [500, null, 1000],
        [502, null, 1000],
        [503, 'Wed, 21 Oct 2099 07:28:00 GMT', 1000],
        [418, null, 4242],
      ]);
      expect((await fetchPath(USER, { headers: headers() })).status).toBe(200);
      expect(emu.control.requests().map((r) => [r.status, r.fault])).toEqual([
        [429, 'status'],
        [429, 'status'],
        [500, 'status'],
        [502, 'status'],
        [503, 'status'],
        [418, 'status'],
        [200, undefined],
      ]);
    });

    it('latency: the answer comes after ms, unchanged', async () => {
      const { emu, fetchPath } = await mode.setup();
      emu.control.fault({ path: USER, kind: 'latency', ms: 150 });
      const slow = await outcome(() => fetchPath(USER, { headers: headers() }));
      expect(slow.status).toBe(200);
      expect(slow.ms).toBeGreaterThanOrEqual(140);
      expect(JSON.parse(slow.text!).username).toBe('demo');
      const fast = await outcome(() => fetchPath(USER, { headers: headers() }));
      expect(fast.ms).toBeLessThan(140);
      expect(emu.control.requests().map((r) => [r.status, r.fault])).toEqual([
        [200, 'latency'],
        [200, undefined],
      ]);
    });

    it('latency: a client that gives up gets its AbortError at once', async () => {
      const { emu, fetchPath } = await mode.setup();
      emu.control.fault({ path: USER, kind: 'latency', ms: 5000 });
      const res = await outcome(() =>
        fetchPath(USER, { headers: headers(), signal: AbortSignal.timeout(100) }),
      );
      expect(res.error).toMatch(/TimeoutError|AbortError/);
      expect(res.ms).toBeLessThan(1000);
    });

    it('reset before the answer: fetch rejects with TypeError "fetch failed" (ECONNRESET); the route ran', async () => {
      const { emu, fetchPath } = await mode.setup();
      emu.control.fault({ path: '/api/v2/users/signin', kind: 'reset' });
      const res = await outcome(() =>
        fetchPath('/api/v2/users/signin', {
          method: 'POST',
          headers: { ...CLIENT, 'Content-Type': 'application/x-www-form-urlencoded' },
          body: 'login=freeuser&password=free-password',
        }),
      );
      expect(res).toMatchObject({ stage: 'fetch', error: 'TypeError: fetch failed (ECONNRESET)' });
      // The sign-in happened: a token was issued that the client never saw.
      expect(emu.control.requests()).toEqual([
        { method: 'POST', path: '/api/v2/users/signin', status: 0, fault: 'reset' },
      ]);
      expect([...emu.state.tokens.values()].filter((t) => t.accountId === 10000002).length).toBeGreaterThan(
        1,
      );
    });

    it('reset after part of the body: the status arrives, reading the body fails (ECONNRESET)', async () => {
      const { emu, fetchPath } = await mode.setup();
      emu.control.fault({ path: USER, kind: 'reset', afterBytes: 10 });
      const res = await outcome(() => fetchPath(USER, { headers: headers() }));
      expect(res).toMatchObject({ status: 200, stage: 'body', error: 'TypeError: terminated (ECONNRESET)' });
      expect(emu.control.requests()[0]).toMatchObject({ status: 200, fault: 'reset' });
    });

    it('truncate: full Content-Length, half the body (or `bytes`), then the connection closes', async () => {
      const { emu, fetchPath } = await mode.setup();
      const full = (await (await fetchPath(USER, { headers: headers(false) })).text()).trim();
      const length = new TextEncoder().encode(full).byteLength;
      emu.control.fault({ path: USER, kind: 'truncate' });
      emu.control.fault({ path: '/api/v2/ping', kind: 'truncate', bytes: 0 });
      const half = await fetchPath(USER, { headers: headers(false) });
      expect([half.status, Number(half.headers.get('content-length'))]).toEqual([200, length]);
      await expect(half.text()).rejects.toThrow('terminated');
      emu.control.fault({ path: USER, kind: 'truncate', bytes: 5 });
      const raw = await fetchPath(USER, { headers: headers(false) });
      expect(raw.status).toBe(200);
      expect(Number(raw.headers.get('content-length'))).toBe(length);
      const reader = raw.body!.getReader();
      let got = '';
      let error = '';
      try {
        for (;;) {
          const { done, value } = await reader.read();
          if (done) break;
          got += new TextDecoder().decode(value);
        }
      } catch (e) {
        error = explain(e);
      }
      expect(got).toBe(full.slice(0, 5));
      expect(error).toBe('TypeError: terminated (UND_ERR_SOCKET)');
      const ping = await outcome(() => fetchPath('/api/v2/ping', { headers: headers() }));
      expect(ping).toMatchObject({
        status: 200,
        stage: 'body',
        error: 'TypeError: terminated (UND_ERR_SOCKET)',
      });
    });

    it('truncate of a 204 (sign-out): a 200 with a placeholder body, cut', async () => {
      const { emu, fetchPath } = await mode.setup();
      emu.control.fault({ path: '/api/v2/users/signout', kind: 'truncate' });
      const res = await fetchPath('/api/v2/users/signout', { method: 'DELETE', headers: headers() });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-length')).toBe('2'); // "{}"
      await expect(res.text()).rejects.toThrow('terminated');
      expect(emu.control.requests()[0]).toMatchObject({ status: 200, fault: 'truncate' });
      // The sign-out happened.
      expect((await fetchPath('/api/v2/ping', { headers: headers() })).status).toBe(401);
    });

    it('trickle: the whole body, `bytes` at a time every `intervalMs`', async () => {
      const { emu, fetchPath } = await mode.setup();
      emu.control.fault({ path: '/api/v2/ping', kind: 'trickle', bytes: 4, intervalMs: 30 });
      const res = await outcome(() => fetchPath('/api/v2/ping', { headers: headers() }));
      expect(res).toMatchObject({ status: 200, text: '{"pong":true}' }); // 13 bytes: 4 writes, 3 waits
      expect(res.ms).toBeGreaterThanOrEqual(80);
      expect(emu.control.requests()[0]).toMatchObject({ status: 200, fault: 'trickle' });
    });

    it('trickle: a client that gives up stops it', async () => {
      const { emu, fetchPath } = await mode.setup();
      emu.control.fault({ path: USER, kind: 'trickle', bytes: 1, intervalMs: 50 });
      const res = await outcome(() =>
        fetchPath(USER, { headers: headers(), signal: AbortSignal.timeout(150) }),
      );
      expect(res).toMatchObject({ status: 200, stage: 'body' });
      expect(res.error).toMatch(/TimeoutError|AbortError/);
      expect(res.ms).toBeLessThan(1000);
    });

    it('invalid: a complete 2xx whose JSON or XML does not parse; a custom body', async () => {
      const { emu, fetchPath } = await mode.setup();
      emu.control.fault({ path: USER, kind: 'invalid', times: 2 });
      const json = await fetchPath(USER, { headers: headers() });
      expect(json.status).toBe(200);
      expect(json.headers.get('content-type')).toBe('application/json; charset=utf-8');
      const jsonText = await json.text();
      expect(jsonText.startsWith('{"')).toBe(true);
      expect(() => JSON.parse(jsonText)).toThrow(SyntaxError);
      const xml = await fetchPath(USER, { headers: headers(false) });
      expect(xml.headers.get('content-type')).toBe('application/xml; charset=utf-8');
      const xmlText = await xml.text();
      expect(xmlText).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>\n<user /);
      expect(xmlText).not.toMatch(/<\/user>\s*$/);
      // A route that answered 401 still gets a 200 (the body is broken either way).
      emu.control.fault({ path: '/api/v2/ping', kind: 'invalid', body: '<html>captive portal' });
      const portal = await fetchPath('/api/v2/ping', { headers: CLIENT });
      expect([portal.status, await portal.text()]).toEqual([200, '<html>captive portal']);
      expect(emu.control.requests().map((r) => [r.status, r.fault])).toEqual([
        [200, 'invalid'],
        [200, 'invalid'],
        [200, 'invalid'],
      ]);
    });
  });
}

describe('which requests a fault hits', () => {
  it('`after` lets N matching requests through first; `times` then counts', async () => {
    const emu = createEmulator();
    emu.control.fault({ path: USER, status: 503, after: 2, times: 2 });
    const statuses = [];
    for (let i = 0; i < 5; i++) statuses.push((await get(emu, USER, { token: 'demo-token' })).status);
    expect(statuses).toEqual([200, 200, 503, 503, 200]);
  });

  it('every matching fault counts a request towards its `after`, whichever answers it', async () => {
    const emu = createEmulator();
    emu.control.fault({ path: USER, status: 500, after: 1 });
    emu.control.fault({ path: '/api/v2/*', status: 429 });
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await get(emu, USER, { token: 'demo-token' })).status);
    expect(statuses).toEqual([429, 500, 200]);
  });

  it('`method` filters; `times: Infinity` until cleared; faults() lists what is left', async () => {
    const emu = createEmulator();
    const a = emu.control.fault({
      path: '/api/v2/users/signin',
      method: 'post',
      kind: 'latency',
      ms: 1,
      times: Infinity,
    });
    const b = emu.control.fault({ path: USER, status: 500, after: 3, times: 2 });
    expect([a.id, b.id]).toEqual([1, 2]);
    for (let i = 0; i < 4; i++) await signin(emu, { login: 'freeuser', password: 'free-password' });
    await get(emu, USER, { token: 'demo-token' });
    expect(emu.control.faults()).toEqual([
      {
        id: 1,
        path: '/api/v2/users/signin',
        method: 'POST',
        remaining: Infinity,
        skip: 0,
        kind: 'latency',
        ms: 1,
      },
      {
        id: 2,
        path: USER,
        method: null,
        remaining: 2,
        skip: 2,
        kind: 'status',
        status: 500,
        retryAfter: null,
        code: 1000,
        message: 'Internal Server Error',
      },
    ]);
    expect(emu.control.requests().filter((r) => r.fault === 'latency')).toHaveLength(4);
    emu.control.clearFaults();
    expect(emu.control.faults()).toEqual([]);
    emu.control.clearRequests();
    expect(emu.control.requests()).toEqual([]);
  });

  it('faults come before the client-identifier check; /__emulator/… is never faulted', async () => {
    const emu = createEmulator();
    emu.control.fault({ path: '/*', kind: 'invalid', times: Infinity });
    const res = await emu.fetch(`https://plex.tv${USER}`);
    expect(res.status).toBe(200);
    expect((await emu.fetch('https://plex.tv/__emulator/clock')).status).toBe(200);
  });

  it('refuses specs that make no sense, naming the problem', () => {
    const emu = createEmulator();
    const bad: Array<[unknown, RegExp]> = [
      [{ path: USER, status: 42 }, /status must be an HTTP status code/],
      [{ path: USER, status: 101 }, /status/],
      [{ path: USER, status: 500, times: 0 }, /times must be a positive integer/],
      [{ path: USER, status: 500, after: -1 }, /after must be a non-negative integer/],
      [{ path: 'api/v2/user', status: 500 }, /path must start with "\/"/],
      [
        { path: USER, kind: 'explode' },
        /kind must be one of status, latency, reset, truncate, trickle, invalid/,
      ],
      [{ path: USER, kind: 'latency' }, /ms must be a number/],
      [{ path: USER, kind: 'latency', ms: 5, status: 500 }, /"status" does not apply to a latency fault/],
      [{ path: USER, kind: 'trickle', bytes: 0 }, /bytes must be an integer from 1/],
      [{ path: USER, kind: 'reset', afterBytes: 1.5 }, /afterBytes must be an integer/],
      [{ path: USER, status: 429, retryAfter: -1 }, /retryAfter must be seconds/],
      [{ path: USER, status: 429, retryAfter: 'x\r\nSet-Cookie: a=b' }, /retryAfter/],
      [{ path: USER, method: 'G E T', status: 500 }, /method must be an HTTP method/],
    ];
    for (const [spec, message] of bad) expect(() => emu.control.fault(spec as FaultSpec)).toThrow(message);
    expect(emu.control.faults()).toEqual([]);
  });
});

describe('faults over the HTTP control API', () => {
  const emu = createEmulator();
  let server: RunningServer;
  beforeAll(async () => {
    server = await emu.listen();
  });
  afterAll(() => server.close());
  const control = (method: string, path: string, body?: unknown) =>
    fetch(`${server.url}/__emulator${path}`, {
      method,
      ...(body === undefined
        ? {}
        : { headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) }),
    });

  it('POST /faults (one, a list, {"faults": […]}), GET /faults, DELETE /faults; GET/DELETE /requests', async () => {
    let res = await control('POST', '/faults', { path: USER, status: 503, retryAfter: 2 });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({
      faults: [
        {
          id: 1,
          path: USER,
          method: null,
          remaining: 1,
          skip: 0,
          kind: 'status',
          status: 503,
          retryAfter: '2',
          code: 1000,
          message: 'Service Unavailable',
        },
      ],
    });
    res = await control('POST', '/faults', [
      { path: '/api/v2/ping', kind: 'trickle', bytes: 2, intervalMs: 1, times: 'Infinity' },
      { path: '/devices.xml', kind: 'reset', after: 1 },
    ]);
    expect(((await res.json()) as Doc).faults.map((f: Doc) => [f.id, f.kind, f.remaining])).toEqual([
      [2, 'trickle', 'Infinity'],
      [3, 'reset', 1],
    ]);
    res = await control('POST', '/faults', { faults: [{ path: '/api/v2/home/users', kind: 'invalid' }] });
    expect(res.status).toBe(200);
    expect(((await (await control('GET', '/faults')).json()) as Doc).faults.map((f: Doc) => f.id)).toEqual([
      1, 2, 3, 4,
    ]);

    const user = await fetch(`${server.url}${USER}`, { headers: headers() });
    expect([user.status, user.headers.get('retry-after')]).toEqual([503, '2']);
    expect(await (await fetch(`${server.url}/api/v2/ping`, { headers: headers() })).text()).toBe(
      '{"pong":true}',
    );
    expect(await (await control('GET', '/requests')).json()).toEqual({
      requests: [
        { method: 'GET', path: USER, status: 503, fault: 'status' },
        { method: 'GET', path: '/api/v2/ping', status: 200, fault: 'trickle' },
      ],
    });
    expect((await control('DELETE', '/requests')).status).toBe(204);
    expect(await (await control('GET', '/requests')).json()).toEqual({ requests: [] });
    expect((await control('DELETE', '/faults')).status).toBe(204);
    expect(await (await control('GET', '/faults')).json()).toEqual({ faults: [] });
  });

  it('a bad spec in a list is a 400 naming it, and nothing is queued', async () => {
    const res = await control('POST', '/faults', [
      { path: USER, status: 503 },
      { path: USER, kind: 'trickle', intervalMs: -5 },
    ]);
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({
      errors: [
        { code: 1000, message: 'fault: intervalMs must be an integer from 0 to 600000, got -5', status: 400 },
      ],
    });
    expect(await (await control('GET', '/faults')).json()).toEqual({ faults: [] });
    const notJson = await fetch(`${server.url}/__emulator/faults`, { method: 'POST', body: 'status=500' });
    expect(notJson.status).toBe(400);
    // curl -d '{…}' labels JSON as a form: still JSON.
    const curlish = await fetch(`${server.url}/__emulator/faults`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: JSON.stringify({ path: USER, status: 503 }),
    });
    expect(curlish.status).toBe(200);
    expect((await fetch(`${server.url}${USER}`, { headers: headers() })).status).toBe(503);
  });
});
