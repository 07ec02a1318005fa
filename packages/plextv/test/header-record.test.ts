/**
 * Request headers as a plain record (header-record.ts): what reaches `fetch` exactly as passed (no `Headers`
 * in between to merge or refuse anything): one header per name however it is spelt, the token not doubled,
 * and a value HTTP forbids (CR/LF injection) refused with a TypeError before anything is sent.
 */
import { connect, createClient, type PlexResource } from 'plextv';
import { describe, expect, it } from 'vitest';

const TOKEN = 'secret-token-abc';

/** A fetch that records the raw `init.headers` it was given (never normalised through `Headers`). */
function rawFetch() {
  const seen: Array<Record<string, string>> = [];
  const fetch = async (_input: RequestInfo | URL, init?: RequestInit) => {
    seen.push({ ...(init?.headers as Record<string, string>) });
    return new Response('{}', { headers: { 'content-type': 'application/json' } });
  };
  return { fetch: fetch as typeof globalThis.fetch, seen };
}

/** The values sent under `name`, any spelling. */
const valuesOf = (headers: Record<string, string>, name: string) =>
  Object.entries(headers)
    .filter(([k]) => k.toLowerCase() === name.toLowerCase())
    .map(([, v]) => v);

describe('request headers as a record', () => {
  it('one header per name, however the client options, the call and the transport spell it', async () => {
    const { fetch, seen } = rawFetch();
    const client = createClient({
      clientIdentifier: 'hdr',
      token: TOKEN,
      fetch,
      headers: { 'x-plex-product': 'Custom', ACCEPT: 'text/html' },
    });
    await client.request({
      method: 'GET',
      path: '/x',
      ignoreBody: true,
      headers: { 'X-PLEX-TOKEN': 'per-call-token', 'x-plex-product': 'PerCall', 'X-Extra': 'a' },
    });
    const sent = seen[0]!;
    expect(valuesOf(sent, 'X-Plex-Token')).toEqual(['per-call-token']);
    expect(valuesOf(sent, 'X-Plex-Product')).toEqual(['PerCall']);
    expect(valuesOf(sent, 'Accept')).toEqual(['application/json']);
    expect(valuesOf(sent, 'x-extra')).toEqual(['a']);
  });

  it('a value with CR/LF (header injection) is a TypeError, nothing is sent, nothing retried', async () => {
    for (const setup of [
      { headers: { 'X-Plex-Device-Name': 'pc\r\nX-Injected: 1' } },
      { token: `${TOKEN}\r\nX-Injected: 1` },
    ]) {
      const { fetch, seen } = rawFetch();
      const client = createClient({ clientIdentifier: 'hdr', token: TOKEN, fetch, ...setup });
      const error = await client.request({ method: 'GET', path: '/x' }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(TypeError);
      expect((error as Error).message).not.toContain(TOKEN);
      expect((error as Error).message).not.toContain('pc');
      expect(seen).toHaveLength(0);
    }
    const { fetch, seen } = rawFetch();
    const client = createClient({ clientIdentifier: 'hdr', fetch });
    const bad: Array<Record<string, string>> = [
      { 'X-A': 'a\nb' },
      { 'X-A': 'a\u0000b' },
      { 'X-A': 'emoji 😀' },
      { 'Bad Name': 'v' },
    ];
    for (const headers of bad) {
      await expect(
        client.request({ method: 'GET', path: '/x', ignoreBody: true, headers }),
      ).rejects.toBeInstanceOf(TypeError);
    }
    expect(seen).toHaveLength(0);
  });

  it('a token given as a header (client or call, any casing) is scrubbed from errors like the client token', async () => {
    const echo = (token: string) => async () =>
      new Response(JSON.stringify({ errors: [{ code: 1000, message: `bad token ${token}` }] }), {
        status: 400,
        headers: { 'content-type': 'application/json' },
      });
    const viaCall = createClient({ clientIdentifier: 'hdr', fetch: echo('call-token-123') as typeof fetch });
    const one = await viaCall
      .request({ method: 'GET', path: '/x', headers: { 'x-plex-token': 'call-token-123' } })
      .catch((e: unknown) => e);
    expect(one).toBeInstanceOf(Error);
    expect(JSON.stringify(one) + String((one as Error).message)).not.toContain('call-token-123');
    const viaClient = createClient({
      clientIdentifier: 'hdr',
      headers: { 'X-PLEX-TOKEN': 'client-token-456' },
      fetch: echo('client-token-456') as typeof fetch,
    });
    const two = await viaClient.request({ method: 'GET', path: '/x' }).catch((e: unknown) => e);
    expect(two).toBeInstanceOf(Error);
    expect(JSON.stringify(two) + String((two as Error).message)).not.toContain('client-token-456');
  });

  it('whitespace around a value is trimmed as Headers trims it; Latin-1 passes', async () => {
    const { fetch, seen } = rawFetch();
    const client = createClient({ clientIdentifier: 'hdr', fetch, deviceName: 'Zoë’s PC'.replace('’', "'") });
    await client.request({ method: 'GET', path: '/x', ignoreBody: true, headers: { 'X-A': ' value\r\n' } });
    expect(valuesOf(seen[0]!, 'X-A')).toEqual(['value']);
    expect(valuesOf(seen[0]!, 'X-Plex-Device-Name')).toEqual(["Zoë's PC"]);
  });

  it('connect() with a token holding CR/LF rejects with a TypeError and probes nothing', async () => {
    const { fetch, seen } = rawFetch();
    const resource: PlexResource = {
      name: 'S',
      clientIdentifier: 'machine',
      provides: ['server'],
      owned: true,
      accessToken: `${TOKEN}\r\nX-Injected: 1`,
      connections: [
        {
          protocol: 'http',
          address: '127.0.0.1',
          port: 9,
          uri: 'http://127.0.0.1:9',
          local: true,
          relay: false,
          IPv6: false,
          extra: {},
        },
      ],
      extra: {},
    };
    const pending = connect(resource, { fetch });
    await expect(pending).rejects.toBeInstanceOf(TypeError);
    expect(seen).toHaveLength(0);
  });
});
