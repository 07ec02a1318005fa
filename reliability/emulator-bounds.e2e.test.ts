/**
 * Adversarial: the emulator stays bounded when abused. 50,000 PINs with the clock frozen (nothing
 * ever expires) are made in bounded time and memory, and creating one does not get slower as they
 * pile up; the request log stays at its size.
 */
import { createEmulator, DEFAULT_MAX_PINS } from 'plextv-emulator';
import { expect, test } from 'vitest';

const HEADERS = { 'X-Plex-Client-Identifier': 'bounds-test', Accept: 'application/json' };

test('50,000 PIN creations: bounded time, memory, PIN count and request log; flat creation time', async () => {
  const emulator = createEmulator();
  const batches = 10;
  const perBatch = 5_000;
  const times: number[] = [];
  globalThis.gc?.();
  const heapBefore = process.memoryUsage().heapUsed;
  for (let b = 0; b < batches; b++) {
    const start = performance.now();
    for (let i = 0; i < perBatch; i++) {
      const res = await emulator.fetch('https://plex.tv/api/v2/pins', { method: 'POST', headers: HEADERS });
      if (res.status !== 201) throw new Error(`PIN ${b * perBatch + i}: HTTP ${res.status}`);
      await res.arrayBuffer();
    }
    times.push(performance.now() - start);
  }
  const total = times.reduce((a, t) => a + t, 0);
  // Generous for 2 shared cores; a linear scan per creation took minutes here.
  expect(total).toBeLessThan(90_000);
  // Not growing with the count: the slowest of the last batches is within 3x of the fastest early one.
  const early = Math.min(...times.slice(0, 3));
  const late = Math.max(...times.slice(-3));
  expect(late, `batch times ${times.map((t) => t.toFixed(0)).join(', ')} ms`).toBeLessThan(early * 3);

  expect(emulator.state.pins.size).toBe(DEFAULT_MAX_PINS);
  expect(emulator.state.pinsByCode.size).toBe(DEFAULT_MAX_PINS);
  expect(emulator.control.requestLog()).toMatchObject({ limit: 1000, dropped: 49_000 });
  expect(emulator.control.requests()).toHaveLength(1000);
  globalThis.gc?.();
  expect(process.memoryUsage().heapUsed - heapBefore).toBeLessThan(150 * 1024 * 1024);
  // The newest PIN still works, the oldest is gone.
  const newest = emulator.control.pins().at(-1)!;
  const poll = await emulator.fetch(`https://plex.tv/api/v2/pins/${newest.id}`, { headers: HEADERS });
  expect(poll.status).toBe(200);
  const oldest = await emulator.fetch('https://plex.tv/api/v2/pins/1100000001', { headers: HEADERS });
  expect(oldest.status).toBe(404);
}, 120_000);

test('a 700 MB upload to the bin: 413 at once, the connection closed, the server never holds it', async () => {
  const { spawn } = await import('node:child_process');
  const { existsSync, readFileSync } = await import('node:fs');
  const { request } = await import('node:http');
  const { fileURLToPath } = await import('node:url');
  const bin = fileURLToPath(new URL('../packages/emulator/dist/bin.js', import.meta.url));
  const child = spawn(process.execPath, [bin], { stdio: ['ignore', 'pipe', 'inherit'] });
  try {
    const base = await new Promise<URL>((resolve, reject) => {
      let out = '';
      child.stdout!.on('data', (d) => {
        out += d;
        const m = /listening on (http:\/\/\S+)/.exec(out);
        if (m) resolve(new URL(m[1]!));
      });
      child.once('exit', (code) => reject(new Error(`bin exited ${code}`)));
    });
    const chunk = Buffer.alloc(256 * 1024, 'x');
    const upload = (headers: Record<string, string>) =>
      new Promise<{ status: number; written: number }>((resolve, reject) => {
        let written = 0;
        let status = 0;
        const req = request({
          host: base.hostname,
          port: base.port,
          method: 'POST',
          path: '/api/v2/users/signin',
          headers: { 'X-Plex-Client-Identifier': 'bounds-test', Accept: 'application/json', ...headers },
        });
        req.on('response', (res) => {
          status = res.statusCode ?? 0;
          res.resume();
          res.on('end', () => resolve({ status, written }));
        });
        // The server closes the connection while we still write: that is the point.
        req.on('error', (err) => (status ? resolve({ status, written }) : reject(err)));
        const pump = () => {
          while (status === 0 && written < 700 * 1024 * 1024) {
            written += chunk.length;
            if (!req.write(chunk)) return void req.once('drain', pump);
          }
          if (status === 0) req.end();
        };
        pump();
      });
    const declared = await upload({ 'Content-Length': String(700 * 1024 * 1024) });
    expect(declared.status).toBe(413);
    expect(declared.written).toBeLessThan(64 * 1024 * 1024);
    const chunked = await upload({ 'Transfer-Encoding': 'chunked' });
    expect(chunked.status).toBe(413);
    expect(chunked.written).toBeLessThan(64 * 1024 * 1024);
    // Peak resident memory of the emulator process (Linux): nowhere near the upload's size.
    const statusFile = `/proc/${child.pid}/status`;
    if (existsSync(statusFile)) {
      const peakKb = Number(/VmHWM:\s+(\d+)/.exec(readFileSync(statusFile, 'utf8'))?.[1]);
      expect(peakKb * 1024).toBeLessThan(200 * 1024 * 1024);
    }
    // Still serving.
    const ok = await fetch(new URL('/api/v2/user', base), {
      headers: {
        'X-Plex-Client-Identifier': 'bounds-test',
        'X-Plex-Token': 'demo-token',
        Accept: 'application/json',
      },
    });
    expect(ok.status).toBe(200);
  } finally {
    child.kill('SIGTERM');
  }
}, 60_000);
