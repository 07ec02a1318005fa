/** Issue #12 item 1: a redirect never carries the token, a password or a body to another origin or to http. */
import { createClient, getUser, RedirectRefusedError, signIn, verifyPlexJwt } from 'plextv';
import { afterEach, describe, expect, test } from 'vitest';
import { ACCOUNT, json, scriptedFetch } from './fake-fetch.js';
import { type Loopback, loopback } from './loopback.js';

const servers: Loopback[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

async function pair(status: number, path = '/steal') {
  const evil = await loopback((_req, res) =>
    res.writeHead(200, { 'content-type': 'application/json' }).end('{}'),
  );
  const plex = await loopback((_req, res) =>
    res.writeHead(status, { location: `${evil.origin}${path}` }).end(),
  );
  servers.push(evil, plex);
  return { evil, plex };
}

describe('redirects to another origin are refused, not followed', () => {
  for (const status of [301, 302, 303, 307, 308]) {
    test(`${status} on getUser: the token never reaches the other origin, and the call is not retried`, async () => {
      const { evil, plex } = await pair(status);
      const client = createClient({ clientIdentifier: 'c', token: 'secret-token-abc', baseUrl: plex.origin });
      const error = await getUser(client).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(RedirectRefusedError);
      const refused = error as RedirectRefusedError;
      expect(refused.location).toBe(evil.origin);
      expect(refused.status).toBe(status);
      expect(refused.message).not.toContain('/steal');
      expect(evil.requests).toHaveLength(0);
      expect(plex.requests).toHaveLength(1);
    });
  }

  test('307 on signIn: login and password are not re-posted elsewhere', async () => {
    const { evil, plex } = await pair(307);
    const client = createClient({ clientIdentifier: 'c', baseUrl: plex.origin });
    const error = await signIn(client, { login: 'me@example.com', password: 'hunter22' }).catch((e) => e);
    expect(error).toBeInstanceOf(RedirectRefusedError);
    expect(evil.requests).toHaveLength(0);
    expect(plex.requests[0]!.body).toContain('hunter22');
  });

  test('https → http on the same host is another origin: refused before anything is sent in clear', async () => {
    const { fetch, calls } = scriptedFetch([
      new Response(null, { status: 301, headers: { location: 'http://plex.tv/api/v2/user' } }),
    ]);
    const client = createClient({ clientIdentifier: 'c', token: 'secret-token-abc', fetch });
    const error = await getUser(client).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RedirectRefusedError);
    expect((error as RedirectRefusedError).location).toBe('http://plex.tv');
    expect(calls).toHaveLength(1);
  });

  test('the JWT key set cannot be redirected to keys an attacker picked', async () => {
    const { fetch, calls } = scriptedFetch([
      new Response(null, { status: 302, headers: { location: 'https://keys.evil.example/keys' } }),
      json({ keys: [] }),
    ]);
    const client = createClient({ clientIdentifier: 'c', fetch });
    const error = await verifyPlexJwt(client, 'eyJhbGciOiJFZERTQSJ9.eyJpc3MiOiJwbGV4LnR2In0.c2ln').catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(RedirectRefusedError);
    expect((error as RedirectRefusedError).location).toBe('https://keys.evil.example');
    expect(calls).toHaveLength(1);
  });

  test("a browser's opaqueredirect is the same typed error", async () => {
    const opaque = Object.assign(Object.create(Response.prototype) as Response, {});
    Object.defineProperties(opaque, {
      type: { value: 'opaqueredirect' },
      status: { value: 0 },
      headers: { value: new Headers() },
      body: { value: null },
    });
    const { fetch, calls } = scriptedFetch([opaque]);
    const client = createClient({ clientIdentifier: 'c', token: 'secret-token-abc', fetch });
    const error = await getUser(client).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RedirectRefusedError);
    expect((error as RedirectRefusedError).location).toBeUndefined();
    expect(calls).toHaveLength(1);
  });

  test("every request asks fetch not to follow redirects (redirect: 'manual')", async () => {
    let mode: RequestRedirect | undefined;
    const fetch = (async (_url: string, init?: RequestInit) => {
      mode = init?.redirect;
      return json(ACCOUNT);
    }) as typeof globalThis.fetch;
    await getUser(createClient({ clientIdentifier: 'c', token: 't', fetch }));
    expect(mode).toBe('manual');
  });
});

describe('same-origin redirects', () => {
  test('are followed by hand (the token stays on the origin it was meant for)', async () => {
    const plex = await loopback((req, res) => {
      if (req.url === '/api/v2/user') res.writeHead(302, { location: '/api/v2/user-moved' }).end();
      else res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(ACCOUNT));
    });
    servers.push(plex);
    const client = createClient({ clientIdentifier: 'c', token: 'secret-token-abc', baseUrl: plex.origin });
    await expect(getUser(client)).resolves.toMatchObject({ username: 'demo' });
    expect(plex.requests.map((r) => r.url)).toEqual(['/api/v2/user', '/api/v2/user-moved']);
    expect(plex.requests[1]!.headers['x-plex-token']).toBe('secret-token-abc');
  });

  test('at most 3 hops', async () => {
    const plex = await loopback((req, res) => res.writeHead(307, { location: `${req.url}x` }).end());
    servers.push(plex);
    const client = createClient({ clientIdentifier: 'c', token: 't', baseUrl: plex.origin });
    const error = await getUser(client).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RedirectRefusedError);
    expect(String(error)).toMatch(/more than 3 redirects/);
    expect(plex.requests).toHaveLength(4);
  });
});
