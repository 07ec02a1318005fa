/**
 * The CLI's fetch over node:http(s) (http-fetch.ts) against hostile or odd servers on loopback: raw malformed
 * answers (node:net), cut bodies, compressed bodies nobody asked for, a self-signed certificate, aborts and
 * timeouts at every stage, and request bodies. Each answer must be what plextv's transport relies on: a
 * network error rather than a truncated success, no leaked socket, no unhandled rejection.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { type AddressInfo, createServer as createNetServer, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import {
  AbortedError,
  createClient,
  getUser,
  NetworkError,
  ResponseTooLargeError,
  TimeoutError,
} from 'plextv';
import { afterEach, describe, expect, it } from 'vitest';
import { httpFetch } from '../src/http-fetch.js';

const manual = (init: RequestInit = {}): RequestInit => ({ redirect: 'manual', ...init });
const closers: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const close of closers.splice(0)) await close();
});

/** A raw TCP server: `answer` gets each connection and what it sent first. Tracks open sockets. */
async function rawServer(answer: (socket: Socket, request: string) => void) {
  const sockets = new Set<Socket>();
  const server = createNetServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
    let seen = '';
    let answered = false;
    socket.on('data', (chunk) => {
      seen += chunk.toString('latin1');
      if (!answered && seen.includes('\r\n\r\n')) {
        answered = true;
        answer(socket, seen);
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  closers.push(async () => {
    for (const s of sockets) s.destroy();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, sockets };
}

/** A node:http server on `host`; tracks open sockets. */
async function httpServer(
  handler: (req: IncomingMessage, res: ServerResponse, body: Buffer) => void,
  host = '127.0.0.1',
) {
  const sockets = new Set<Socket>();
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => handler(req, res, Buffer.concat(chunks)));
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  closers.push(async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });
  const port = (server.address() as AddressInfo).port;
  return { url: host.includes(':') ? `http://[${host}]:${port}` : `http://${host}:${port}`, sockets };
}

const client = (baseUrl: string, extra: Record<string, unknown> = {}) =>
  createClient({
    clientIdentifier: 'http-fetch-adversarial',
    baseUrl,
    token: 'secret-token-abc',
    fetch: httpFetch,
    retry: false,
    ...extra,
  });

const until = async (check: () => boolean, ms = 2000) => {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('condition not reached');
    await new Promise((r) => setTimeout(r, 10));
  }
};

describe('httpFetch: cut and malformed answers', () => {
  it('a chunked body cut mid-chunk is a network error, not a truncated success', async () => {
    const { url } = await rawServer((socket) => {
      socket.write(
        'HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n20\r\n{"id":1,"uuid":"x"',
      );
      setTimeout(() => socket.destroy(), 20);
    });
    const response = await httpFetch(url, manual());
    await expect(response.text()).rejects.toBeInstanceOf(TypeError);
    await expect(getUser(client(url))).rejects.toBeInstanceOf(NetworkError);
  });

  it('a body shorter than its Content-Length is a network error', async () => {
    const { url } = await rawServer((socket) => {
      socket.write(
        'HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"id":1}',
      );
      setTimeout(() => socket.destroy(), 20);
    });
    const response = await httpFetch(url, manual());
    await expect(response.text()).rejects.toBeInstanceOf(TypeError);
    await expect(getUser(client(url))).rejects.toBeInstanceOf(NetworkError);
  });

  it('an invalid header or status line rejects with fetch failed; a status without reason is fine', async () => {
    const bad = await rawServer((socket) => {
      socket.end('HTTP/1.1 200 OK\r\nX-Bad\x01Name: a\r\nContent-Length: 0\r\n\r\n');
    });
    await expect(httpFetch(bad.url, manual())).rejects.toMatchObject({ name: 'TypeError' });
    const garbage = await rawServer((socket) => socket.end('NOT HTTP AT ALL\r\n\r\n'));
    await expect(httpFetch(garbage.url, manual())).rejects.toMatchObject({ name: 'TypeError' });
    const noReason = await rawServer((socket) => {
      socket.end('HTTP/1.1 200\r\nContent-Length: 2\r\nConnection: close\r\n\r\nok');
    });
    const response = await httpFetch(noReason.url, manual());
    expect(response.status).toBe(200);
    expect(response.statusText).toBe('');
    expect(await response.text()).toBe('ok');
  });

  it('headers that never end (100 KB) are refused, not buffered without bound', async () => {
    const { url } = await rawServer((socket) => {
      socket.write(`HTTP/1.1 200 OK\r\nX-Huge: ${'a'.repeat(100 * 1024)}\r\n\r\n`);
    });
    await expect(httpFetch(url, manual())).rejects.toBeInstanceOf(TypeError);
  });

  it('a 101 Switching Protocols nobody asked for fails at once (not a wait for the timeout)', async () => {
    const { url, sockets } = await rawServer((socket) => {
      socket.write('HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\r\nhi');
    });
    const started = Date.now();
    await expect(httpFetch(url, manual())).rejects.toBeInstanceOf(TypeError);
    await expect(getUser(client(url, { timeout: 5000 }))).rejects.toBeInstanceOf(NetworkError);
    expect(Date.now() - started).toBeLessThan(4000);
    await until(() => sockets.size === 0);
  });

  it('a gzip body sent though not asked for is decoded (as fetch does), never handed on as garbage', async () => {
    const json = JSON.stringify({ id: 1, uuid: 'u-1', username: 'zipped', authToken: 'tok' });
    const { url } = await httpServer((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Encoding': 'gzip' });
      res.end(gzipSync(json));
    });
    const response = await httpFetch(url, manual());
    expect(await response.text()).toBe(json);
    expect((await getUser(client(url))).username).toBe('zipped');
  });

  it('a gzip bomb is stopped at the byte limit (the limit counts decoded bytes)', async () => {
    const bomb = gzipSync(Buffer.alloc(32 * 1024 * 1024, 0x20));
    const { url } = await httpServer((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Encoding': 'gzip' });
      res.end(bomb);
    });
    await expect(getUser(client(url, { maxResponseBytes: 64 * 1024 }))).rejects.toBeInstanceOf(
      ResponseTooLargeError,
    );
  });

  it('a gzip body cut off or corrupt is a network error, not a short success', async () => {
    const zipped = gzipSync(JSON.stringify({ id: 1, uuid: 'u', username: 'x'.repeat(5000) }));
    const cut = await rawServer((socket) => {
      socket.write(
        `HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Encoding: gzip\r\nContent-Length: ${zipped.length}\r\n\r\n`,
      );
      socket.write(zipped.subarray(0, zipped.length >> 1));
      setTimeout(() => socket.destroy(), 20);
    });
    await expect((await httpFetch(cut.url, manual())).text()).rejects.toBeInstanceOf(TypeError);
    await expect(getUser(client(cut.url))).rejects.toBeInstanceOf(NetworkError);
    const corrupt = await httpServer((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Encoding': 'gzip' });
      res.end(Buffer.from('this is not gzip at all'));
    });
    await expect((await httpFetch(corrupt.url, manual())).text()).rejects.toBeInstanceOf(TypeError);
  });

  it('HEAD, 204 and 304 have a null body; text() is empty', async () => {
    const { url } = await httpServer((req, res) => {
      res.statusCode = req.url === '/204' ? 204 : req.url === '/304' ? 304 : 200;
      if (req.method === 'HEAD') res.setHeader('Content-Length', '10');
      res.end();
    });
    for (const [path, method] of [
      ['/204', 'GET'],
      ['/304', 'GET'],
      ['/', 'HEAD'],
    ] as const) {
      const response = await httpFetch(url + path, manual({ method }));
      expect(response.body).toBeNull();
      expect(await response.text()).toBe('');
    }
  });
});

describe('httpFetch: aborts and timeouts', () => {
  it('the per-attempt timeout ends a server that never answers, and the socket is closed', async () => {
    const { url, sockets } = await rawServer(() => undefined);
    const started = Date.now();
    await expect(getUser(client(url, { timeout: 150 }))).rejects.toBeInstanceOf(TimeoutError);
    expect(Date.now() - started).toBeLessThan(2000);
    await until(() => sockets.size === 0);
  });

  it('the per-attempt timeout ends a body that stalls half-way, and the socket is closed', async () => {
    const { url, sockets } = await rawServer((socket) => {
      socket.write('HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"id":');
    });
    await expect(getUser(client(url, { timeout: 150 }))).rejects.toBeInstanceOf(TimeoutError);
    await until(() => sockets.size === 0);
  });

  it('an abort while reading the body rejects AbortedError and closes the socket', async () => {
    const { url, sockets } = await rawServer((socket) => {
      socket.write('HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n');
      socket.write('2\r\n{"\r\n');
    });
    const controller = new AbortController();
    const pending = getUser(client(url), { signal: controller.signal });
    await until(() => sockets.size === 1);
    setTimeout(() => controller.abort(), 50);
    await expect(pending).rejects.toBeInstanceOf(AbortedError);
    await until(() => sockets.size === 0);
  });

  it('a body never read, then cancelled, closes the socket', async () => {
    const { url, sockets } = await rawServer((socket) => {
      socket.write('HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n');
    });
    const response = await httpFetch(url, manual());
    await response.body!.cancel();
    await until(() => sockets.size === 0);
  });
});

describe('httpFetch: redirects through plextv', () => {
  it('a redirect to another origin with an endless body: refused, the body let go, the socket closed', async () => {
    const { url, sockets } = await rawServer((socket) => {
      socket.write(
        'HTTP/1.1 302 Found\r\nLocation: http://elsewhere.invalid/\r\nTransfer-Encoding: chunked\r\n\r\n',
      );
      const pump = () => {
        if (socket.destroyed) return;
        socket.write('400\r\n' + ' '.repeat(1024) + '\r\n', pump);
      };
      pump();
    });
    const error = await getUser(client(url)).catch((e: unknown) => e);
    expect((error as Error).name).toBe('RedirectRefusedError');
    await until(() => sockets.size === 0);
  });

  it('a same-origin redirect loop stops after a few hops, the token never sent elsewhere', async () => {
    const hosts: Array<string | undefined> = [];
    const { url } = await httpServer((req, res) => {
      hosts.push(req.headers.host);
      res.writeHead(307, { Location: `/loop${hosts.length}` });
      res.end('again');
    });
    const error = await getUser(client(url)).catch((e: unknown) => e);
    expect((error as Error).name).toBe('RedirectRefusedError');
    expect(hosts.length).toBeLessThanOrEqual(4);
  });
});

describe('httpFetch: where it connects and what it sends', () => {
  it('an IPv6 literal URL reaches the server with a bracketed Host', async () => {
    let host: string | undefined;
    let server: { url: string };
    try {
      server = await httpServer((req, res) => {
        host = req.headers.host;
        res.end('six');
      }, '::1');
    } catch {
      return; // no IPv6 loopback on this machine
    }
    const response = await httpFetch(`${server.url}/x`, manual());
    expect(await response.text()).toBe('six');
    expect(host).toBe(new URL(server.url).host);
  });

  it('https with a self-signed certificate fails (never silently accepted)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'plextv-tls-'));
    try {
      execFileSync(
        'openssl',
        [
          'req',
          '-x509',
          '-newkey',
          'rsa:2048',
          '-nodes',
          '-subj',
          '/CN=127.0.0.1',
          '-days',
          '1',
          '-keyout',
          join(dir, 'key.pem'),
          '-out',
          join(dir, 'cert.pem'),
        ],
        { stdio: 'ignore' },
      );
      const server = createHttpsServer(
        { key: readFileSync(join(dir, 'key.pem')), cert: readFileSync(join(dir, 'cert.pem')) },
        (_req, res) => res.end('{"id":1,"uuid":"u"}'),
      );
      server.on('tlsClientError', () => undefined);
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      closers.push(() => new Promise<void>((resolve) => server.close(() => resolve())));
      const url = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
      const error = await httpFetch(url, manual()).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(TypeError);
      expect((error as { cause?: { code?: string } }).cause?.code).toMatch(/SELF_SIGNED|UNABLE_TO_VERIFY/);
      const failure = await getUser(client(url)).catch((e: unknown) => e);
      expect(failure).toBeInstanceOf(NetworkError);
      expect(String((failure as Error).message)).not.toContain('secret-token-abc');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('request bodies: a string, a form and JSON with non-ASCII carry their byte length', async () => {
    const seen: Array<{ length?: string; type?: string; body: string; te?: string }> = [];
    const { url } = await httpServer((req, res, body) => {
      seen.push({
        length: req.headers['content-length'],
        type: req.headers['content-type'],
        te: req.headers['transfer-encoding'],
        body: body.toString('utf8'),
      });
      res.end();
    });
    await httpFetch(url, manual({ method: 'POST', body: 'é€😀' }));
    await httpFetch(url, manual({ method: 'POST', body: new URLSearchParams({ name: 'Zoë' }) }));
    await httpFetch(
      url,
      manual({
        method: 'PUT',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ t: 'ñ' }),
      }),
    );
    await httpFetch(url, manual({ method: 'PUT' }));
    expect(seen[0]).toMatchObject({ length: String(Buffer.byteLength('é€😀')), body: 'é€😀' });
    expect(seen[1]).toMatchObject({
      length: String(Buffer.byteLength('name=Zo%C3%AB')),
      type: 'application/x-www-form-urlencoded;charset=UTF-8',
      body: 'name=Zo%C3%AB',
    });
    expect(seen[2]).toMatchObject({
      length: String(Buffer.byteLength('{"t":"ñ"}')),
      type: 'application/json',
    });
    // A PUT without a body says so with Content-Length: 0 (as fetch does), not a chunked empty body.
    expect(seen[3]).toMatchObject({ length: '0', te: undefined });
  });

  it('a header value with CR/LF is never sent, and the error does not quote it', async () => {
    const { url, sockets } = await rawServer((socket) => socket.end('HTTP/1.1 200 OK\r\n\r\n'));
    const error = await httpFetch(
      url,
      manual({ headers: { 'X-Plex-Token': 'secret-token-abc\r\nX-Injected: 1' } }),
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TypeError);
    expect(String((error as Error).message)).not.toContain('secret-token-abc');
    expect(sockets.size).toBe(0);
  });
});
