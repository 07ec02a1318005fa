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
