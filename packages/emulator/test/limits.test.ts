/** Bounded memory: the request body limit (413) and the request log's ring buffer. */
import { request as httpRequest } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { createEmulator, DEFAULT_MAX_BODY_BYTES, type RunningServer } from '../src/index.js';
import { CLIENT, JSON_ACCEPT } from './helpers.js';

const servers: RunningServer[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) await s.close();
});

describe('request body limit', () => {
  it('answers 413 with a plex.tv-style error body in process, in the request format', async () => {
    const emu = createEmulator();
    expect(DEFAULT_MAX_BODY_BYTES).toBe(1024 * 1024);
    const big = 'x'.repeat(DEFAULT_MAX_BODY_BYTES + 1);
    const json = await emu.fetch('https://plex.tv/api/v2/users/signin', {
      method: 'POST',
      headers: { ...JSON_ACCEPT, 'Content-Type': 'application/x-www-form-urlencoded' },
      body: `login=demo&password=${big}`,
    });
    expect(json.status).toBe(413);
    expect(await json.json()).toEqual({
      errors: [{ code: 1000, message: 'Request body too large (the limit is 1048576 bytes)', status: 413 }],
    });
    const xml = await emu.fetch('https://plex.tv/api/v2/pins', {
      method: 'POST',
      headers: CLIENT,
      body: big,
    });
    expect(xml.status).toBe(413);
    expect(await xml.text()).toContain('status="413"');
    // The route did not run, the request is logged with its 413; the control API is limited too.
    expect(emu.control.pins()).toEqual([]);
    expect(emu.control.requests().map((r) => r.status)).toEqual([413, 413]);
    const control = await emu.fetch('/__emulator/faults', { method: 'POST', body: big });
    expect(control.status).toBe(413);
    // Exactly the limit is fine.
    const ok = await emu.fetch('https://plex.tv/api/v2/pins', {
      method: 'POST',
      headers: { ...JSON_ACCEPT, 'Content-Type': 'application/x-www-form-urlencoded' },
      body: `strong=true&${'p'.repeat(DEFAULT_MAX_BODY_BYTES - 12)}`,
    });
    expect(ok.status).toBe(201);
  });

  it('is configurable (maxBodyBytes) and checked', async () => {
    const emu = createEmulator(undefined, { maxBodyBytes: 16 });
    const res = await emu.fetch('https://plex.tv/api/v2/pins', {
      method: 'POST',
      headers: JSON_ACCEPT,
      body: '{"strong": true, "pad": 1}',
    });
    expect(res.status).toBe(413);
    expect((await res.json()).errors[0].message).toBe('Request body too large (the limit is 16 bytes)');
    expect(() => createEmulator(undefined, { maxBodyBytes: -1 })).toThrow(RangeError);
    expect(() => createEmulator(undefined, { requestLogSize: 1.5 })).toThrow(RangeError);
    expect(() => createEmulator(undefined, { maxPins: 0 })).toThrow(RangeError);
  });

  it('on a socket, refuses a large Content-Length before reading the body, and closes the connection', async () => {
    const emu = createEmulator();
    const server = await emu.listen();
    servers.push(server);
    const result = await new Promise<{ status: number; text: string; connection: string | undefined }>(
      (resolve, reject) => {
        const req = httpRequest({
          host: '127.0.0.1',
          port: server.port,
          method: 'POST',
          path: '/api/v2/pins',
          headers: { ...JSON_ACCEPT, 'Content-Length': String(700 * 1024 * 1024) },
        });
        req.on('response', (res) => {
          let text = '';
          res.on('data', (d) => {
            text += d;
          });
          res.on('end', () =>
            resolve({ status: res.statusCode ?? 0, text, connection: res.headers.connection }),
          );
        });
        req.on('error', reject);
        // Only the headers and a few bytes of the announced 700 MB: the answer must not wait for the rest.
        req.write('x'.repeat(1000));
      },
    );
    expect(result.status).toBe(413);
    expect(result.connection).toBe('close');
    expect(JSON.parse(result.text).errors[0]).toMatchObject({ code: 1000, status: 413 });
  });

  it('on a socket, stops a chunked upload while it streams: 413 long before the client is done', async () => {
    const emu = createEmulator();
    const server = await emu.listen();
    servers.push(server);
    const chunk = Buffer.alloc(64 * 1024, 'x');
    const total = 200 * 1024 * 1024;
    const rssBefore = process.memoryUsage().rss;
    const { status, written } = await new Promise<{ status: number; written: number }>((resolve, reject) => {
      let written = 0;
      let answered = false;
      const req = httpRequest({
        host: '127.0.0.1',
        port: server.port,
        method: 'POST',
        path: '/__emulator/faults',
        headers: { 'Transfer-Encoding': 'chunked' },
      });
      req.on('response', (res) => {
        answered = true;
        res.resume();
        resolve({ status: res.statusCode ?? 0, written });
      });
      req.on('error', (err) => (answered ? undefined : reject(err)));
      const pump = () => {
        while (!answered && written < total) {
          written += chunk.length;
          if (!req.write(chunk)) return void req.once('drain', pump);
        }
        if (!answered) req.end();
      };
      pump();
    });
    expect(status).toBe(413);
    // The server read about 1 MiB; what else went out sits in socket buffers (a few MB on loopback).
    expect(written).toBeLessThan(32 * 1024 * 1024);
    expect(process.memoryUsage().rss - rssBefore).toBeLessThan(100 * 1024 * 1024);
  });
});

describe('request log ring buffer', () => {
  it('keeps the newest requestLogSize records and says how many were dropped', async () => {
    const emu = createEmulator(undefined, { requestLogSize: 3 });
    for (let i = 0; i < 5; i++) await emu.fetch(`https://plex.tv/api/v2/nope${i}`, { headers: CLIENT });
    expect(emu.control.requests().map((r) => r.path)).toEqual([
      '/api/v2/nope2',
      '/api/v2/nope3',
      '/api/v2/nope4',
    ]);
    expect(emu.control.requestLog()).toMatchObject({ dropped: 2, limit: 3 });
    const http = await (await emu.fetch('/__emulator/requests')).json();
    expect(http).toEqual({ requests: emu.control.requests(), dropped: 2, limit: 3 });
    emu.control.clearRequests();
    expect(emu.control.requestLog()).toEqual({ requests: [], dropped: 0, limit: 3 });
    // requestLogSize 0 keeps nothing but still counts.
    const none = createEmulator(undefined, { requestLogSize: 0 });
    await none.fetch('https://plex.tv/api/v2/nope', { headers: CLIENT });
    expect(none.control.requestLog()).toEqual({ requests: [], dropped: 1, limit: 0 });
  });

  it('defaults to 1,000 records: 3,000 requests keep memory flat', async () => {
    const emu = createEmulator();
    for (let i = 0; i < 3000; i++) await emu.fetch(`https://plex.tv/api/v2/nope/${i}`, { headers: CLIENT });
    const log = emu.control.requestLog();
    expect(log.limit).toBe(1000);
    expect(log.requests).toHaveLength(1000);
    expect(log.dropped).toBe(2000);
    expect(log.requests[0]!.path).toBe('/api/v2/nope/2000');
    expect(log.requests[999]!.path).toBe('/api/v2/nope/2999');
    // reset() empties it too.
    emu.control.reset();
    expect(emu.control.requestLog()).toEqual({ requests: [], dropped: 0, limit: 1000 });
  });
});

describe('bin: --max-body-bytes, --request-log-size, --max-pins', () => {
  it('passes the limits on, and refuses bad values', async () => {
    const { spawn } = await import('node:child_process');
    const { fileURLToPath } = await import('node:url');
    const BIN = fileURLToPath(new URL('../dist/bin.js', import.meta.url));
    const run = (args: string[]) => {
      const child = spawn(process.execPath, [BIN, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
      let out = '';
      child.stdout.on('data', (d) => {
        out += d;
      });
      child.stderr.on('data', (d) => {
        out += d;
      });
      const exit = new Promise<number | null>((resolve) => child.once('exit', resolve));
      const url = new Promise<string>((resolve, reject) => {
        child.stdout.on('data', () => {
          const m = /listening on (http:\/\/\S+)/.exec(out);
          if (m) resolve(m[1]!);
        });
        child.once('exit', () => reject(new Error(out)));
      });
      url.catch(() => {});
      return { child, url, exit, output: () => out };
    };
    const good = run(['--max-body-bytes', '10', '--request-log-size', '1', '--max-pins', '2']);
    try {
      const base = await good.url;
      const big = await fetch(`${base}/api/v2/pins`, {
        method: 'POST',
        headers: JSON_ACCEPT,
        body: 'x'.repeat(11),
      });
      expect(big.status).toBe(413);
      for (let i = 0; i < 3; i++)
        await fetch(`${base}/api/v2/pins`, { method: 'POST', headers: JSON_ACCEPT });
      const log = await (await fetch(`${base}/__emulator/requests`)).json();
      expect(log).toMatchObject({ dropped: 3, limit: 1 });
      const pins = await (await fetch(`${base}/__emulator/pins`)).json();
      expect(pins.pins).toHaveLength(2);
    } finally {
      good.child.kill('SIGTERM');
      await good.exit;
    }
    for (const args of [['--max-body-bytes=-1'], ['--max-pins', '0'], ['--request-log-size', '1.5']]) {
      const bad = run(args);
      expect(await bad.exit).toBe(2);
      expect(bad.output()).toContain(`${args[0]!.split('=')[0]} must be an integer`);
    }
  });
});
