/** Issue #12 item 2: answers are read up to a byte limit (the download cancelled past it) and parsed up to an item limit. */
import { createClient, DecodeError, getResources, getUser, ResponseTooLargeError, ServerError } from 'plextv';
import { afterEach, describe, expect, test } from 'vitest';
import { ACCOUNT, json, scriptedFetch } from './fake-fetch.js';
import { type Loopback, loopback } from './loopback.js';

const servers: Loopback[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

/** A server whose answer never ends: 64 KB chunks of JSON-looking bytes until the socket closes. */
async function endless(status = 200) {
  const sent = { bytes: 0 };
  const server = await loopback((_req, res) => {
    res.writeHead(status, { 'content-type': 'application/json' });
    const chunk = Buffer.alloc(65_536, 'a');
    res.write('{"x":"');
    const pump = () => {
      while (!res.destroyed && res.write(chunk)) sent.bytes += chunk.length;
      if (!res.destroyed) res.once('drain', pump);
    };
    res.on('close', () => undefined);
    pump();
  });
  servers.push(server);
  return { server, sent };
}

describe('byte limit', () => {
  test('an endless getUser answer fails fast with ResponseTooLargeError and the socket is closed', async () => {
    const { server, sent } = await endless();
    const client = createClient({
      clientIdentifier: 'c',
      token: 't',
      baseUrl: server.origin,
      maxResponseBytes: 1_000_000,
    });
    const started = Date.now();
    const error = await getUser(client).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ResponseTooLargeError);
    expect(error).toBeInstanceOf(DecodeError);
    expect(error).toMatchObject({ limit: 1_000_000, unit: 'bytes', status: 200, path: '/api/v2/user' });
    expect(Date.now() - started).toBeLessThan(5_000);
    await expect.poll(() => server.closed, { timeout: 2_000 }).toBeGreaterThanOrEqual(1);
    const atClose = sent.bytes;
    await new Promise((r) => setTimeout(r, 100));
    expect(sent.bytes).toBe(atClose);
    // Not retried: one request.
    expect(server.requests).toHaveLength(1);
  });

  test('the default limit is 8 MiB', async () => {
    const { server } = await endless();
    const client = createClient({ clientIdentifier: 'c', token: 't', baseUrl: server.origin });
    const error = await getUser(client).catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'ResponseTooLargeError', limit: 8 * 1024 * 1024 });
  });

  test('a Content-Length over the limit is refused before reading', async () => {
    const body = JSON.stringify({ ...ACCOUNT, pad: 'x'.repeat(2_000) });
    const { fetch } = scriptedFetch([json(JSON.parse(body), 200, { 'content-length': String(body.length) })]);
    const client = createClient({ clientIdentifier: 'c', token: 't', fetch, maxResponseBytes: 1_000 });
    await expect(getUser(client)).rejects.toBeInstanceOf(ResponseTooLargeError);
  });

  test('an endless error page still gives the error its status decides', async () => {
    const { server } = await endless(503);
    const client = createClient({
      clientIdentifier: 'c',
      token: 't',
      baseUrl: server.origin,
      retry: false,
      maxResponseBytes: 100_000,
    });
    await expect(getUser(client)).rejects.toBeInstanceOf(ServerError);
  });

  test('answers under the limit are read whole (multi-byte text across chunks included)', async () => {
    const name = 'Zoë 日本 🎬'.repeat(3_000);
    const server = await loopback((_req, res) => {
      const bytes = Buffer.from(JSON.stringify({ ...ACCOUNT, username: name }));
      res.writeHead(200, { 'content-type': 'application/json' });
      // Odd-sized chunks split the multi-byte characters.
      for (let i = 0; i < bytes.length; i += 7) res.write(bytes.subarray(i, i + 7));
      res.end();
    });
    servers.push(server);
    const client = createClient({ clientIdentifier: 'c', token: 't', baseUrl: server.origin });
    await expect(getUser(client)).resolves.toMatchObject({ username: name });
  });

  test('options are checked', () => {
    expect(() => createClient({ clientIdentifier: 'c', maxResponseBytes: 0 })).toThrow(/maxResponseBytes/);
    expect(() => createClient({ clientIdentifier: 'c', maxResponseItems: -1 })).toThrow(/maxResponseItems/);
  });
});

describe('item limit (bounded parse work)', () => {
  test('400k XML attributes: a quick ResponseTooLargeError, not seconds of parsing', async () => {
    let attrs = '';
    for (let i = 0; i < 400_000; i++) attrs += ` a${i}="1"`;
    const { fetch } = scriptedFetch([
      new Response(`<user id="1"${attrs}/>`, { headers: { 'content-type': 'application/xml' } }),
    ]);
    const client = createClient({ clientIdentifier: 'c', token: 't', fetch });
    const started = Date.now();
    const error = await getUser(client).catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'ResponseTooLargeError', unit: 'items', limit: 250_000 });
    expect(Date.now() - started).toBeLessThan(1_500);
  });

  test('1M JSON keys (within the byte limit) are refused before JSON.parse', async () => {
    const parts: string[] = [];
    for (let i = 0; i < 1_000_000; i++) parts.push(`"${i}":1`);
    const body = `{${parts.join(',')}}`;
    const client = createClient({
      clientIdentifier: 'c',
      token: 't',
      fetch: async () => new Response(body, { headers: { 'content-type': 'application/json' } }),
      maxResponseBytes: 64 * 1024 * 1024,
    });
    const error = await getUser(client).catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'ResponseTooLargeError', unit: 'items' });
  });

  test('element counting: many small elements count too; a smaller limit is honoured', async () => {
    const devices = '<Device clientIdentifier="x"/>'.repeat(2_000);
    const client = createClient({
      clientIdentifier: 'c',
      token: 't',
      maxResponseItems: 1_000,
      fetch: async () =>
        new Response(`<MediaContainer>${devices}</MediaContainer>`, {
          headers: { 'content-type': 'application/xml' },
        }),
    });
    await expect(getResources(client)).rejects.toMatchObject({ name: 'ResponseTooLargeError', limit: 1_000 });
  });
});
