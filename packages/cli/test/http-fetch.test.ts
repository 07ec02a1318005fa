/**
 * The CLI's fetch over node:http (http-fetch.ts): what plextv's transport relies on, against loopback servers,
 * and through the library against the emulator.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createClient, getUser, ResponseTooLargeError } from 'plextv';
import { createEmulator } from 'plextv-emulator';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { cliFetch, httpFetch, proxyConfigured } from '../src/http-fetch.js';

type Handler = (req: IncomingMessage, res: ServerResponse, body: string) => void;
let handler: Handler = (_req, res) => res.end();
let server: Server;
let base: string;

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8').on('data', (c: string) => {
      body += c;
    });
    req.on('end', () => handler(req, res, body));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
afterEach(() => vi.unstubAllGlobals());

const manual = (init: RequestInit = {}): RequestInit => ({ redirect: 'manual', ...init });

describe('httpFetch', () => {
  it('sends the method, headers (record or pairs) and a string body; answers status, headers and a streamed body', async () => {
    let seen: { method?: string; headers?: IncomingMessage['headers']; body?: string } = {};
    handler = (req, res, body) => {
      seen = { method: req.method, headers: req.headers, body };
      res.setHeader('Content-Type', 'application/json');
      res.setHeader('X-Twice', ['a', 'b']);
      res.statusCode = 201;
      res.end('{"ok":true}');
    };
    const response = await httpFetch(
      `${base}/path?q=1`,
      manual({ method: 'POST', headers: { 'X-Plex-Token': 't', Accept: 'application/json' }, body: 'a=b' }),
    );
    expect(seen).toMatchObject({ method: 'POST', body: 'a=b' });
    expect(seen.headers).toMatchObject({ 'x-plex-token': 't', 'content-length': '3' });
    expect(response.status).toBe(201);
    expect(response.ok).toBe(true);
    expect(response.headers.get('content-type')).toBe('application/json');
    expect(response.headers.get('x-twice')).toBe('a, b');
    expect(response.headers.has('X-TWICE')).toBe(true);
    expect(response.headers.get('missing')).toBeNull();
    const reader = response.body!.getReader();
    const chunks: Uint8Array[] = [];
    for (let r = await reader.read(); !r.done; r = await reader.read()) chunks.push(r.value);
    expect(Buffer.concat(chunks).toString()).toBe('{"ok":true}');

    await httpFetch(base, manual({ headers: [['x-pair', '1']] }));
    expect(seen.headers?.['x-pair']).toBe('1');
  });

  it("returns a redirect as it is (redirect: 'manual'): plextv decides whether to follow it", async () => {
    handler = (_req, res) => {
      res.writeHead(302, { Location: 'https://elsewhere.example/' });
      res.end('moved');
    };
    const response = await httpFetch(base, manual());
    expect(response.status).toBe(302);
    expect(response.headers.get('location')).toBe('https://elsewhere.example/');
    expect(await response.text()).toBe('moved');
  });

  it('rejects like fetch when nothing listens: a TypeError whose cause has the system code', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const error = await httpFetch(`http://127.0.0.1:${port}/`, manual()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TypeError);
    expect((error as TypeError & { cause: { code: string } }).cause.code).toBe('ECONNREFUSED');
  });

  it('an abort before the answer rejects with the AbortError; during the body it errors the stream', async () => {
    handler = () => undefined; // never answers
    const before = new AbortController();
    before.abort();
    await expect(httpFetch(base, manual({ signal: before.signal }))).rejects.toMatchObject({
      name: 'AbortError',
    });
    const waiting = new AbortController();
    const pending = httpFetch(base, manual({ signal: waiting.signal }));
    setTimeout(() => waiting.abort(), 20);
    await expect(pending).rejects.toMatchObject({ name: 'AbortError' });

    handler = (_req, res) => res.write('first part, and never the end');
    const reading = new AbortController();
    const response = await httpFetch(base, manual({ signal: reading.signal }));
    const reader = response.body!.getReader();
    expect((await reader.read()).done).toBe(false);
    reading.abort();
    await expect(reader.read()).rejects.toMatchObject({ name: 'AbortError' });
  });

  it('anything else goes to the global fetch: another redirect mode, a Request, a streamed body', async () => {
    const global = vi.fn(async () => ({ status: 299 }) as Response);
    vi.stubGlobal('fetch', global);
    await httpFetch(base, { redirect: 'follow' });
    await httpFetch(base);
    await httpFetch(new Request(base), manual());
    await httpFetch(base, manual({ method: 'POST', body: new Blob(['x']) }));
    expect(global).toHaveBeenCalledTimes(4);
  });
});

describe('cliFetch', () => {
  it('uses the global fetch when the environment names a proxy (node:http would ignore it)', async () => {
    expect(proxyConfigured({})).toBe(false);
    expect(proxyConfigured({ HTTPS_PROXY: 'http://proxy.test:3128' })).toBe(true);
    expect(proxyConfigured({ http_proxy: 'http://proxy.test:3128' })).toBe(true);
    expect(cliFetch({})).toBe(httpFetch);
    const global = vi.fn(async () => ({ status: 299 }) as Response);
    vi.stubGlobal('fetch', global);
    await cliFetch({ HTTP_PROXY: 'http://proxy.test:3128' })(base, manual());
    expect(global).toHaveBeenCalledTimes(1);
  });
});

describe('plextv over httpFetch', () => {
  it('reads the account from the emulator, and stops an endless answer at the byte limit', async () => {
    const emulator = await createEmulator().listen();
    try {
      const client = createClient({
        clientIdentifier: 'http-fetch-test',
        baseUrl: emulator.url,
        token: 'demo-token',
        fetch: httpFetch,
      });
      expect((await getUser(client)).username).toBeTruthy();
    } finally {
      await emulator.close();
    }

    handler = (_req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      const chunk = `${' '.repeat(1023)}\n`;
      const pump = () => {
        while (!res.destroyed && res.write(chunk));
        if (!res.destroyed) res.once('drain', pump);
      };
      pump();
    };
    const client = createClient({
      clientIdentifier: 'http-fetch-test',
      baseUrl: base,
      token: 't',
      fetch: httpFetch,
      maxResponseBytes: 64 * 1024,
      retry: false,
    });
    await expect(getUser(client)).rejects.toBeInstanceOf(ResponseTooLargeError);
  });
});
