/** PINs do not pile up: an index by code, pruning of long-expired PINs, and a cap on how many are kept. */
import { describe, expect, it } from 'vitest';
import { createEmulator, DEFAULT_MAX_PINS, type Emulator } from '../src/index.js';
import { JSON_ACCEPT } from './helpers.js';

async function createPin(emu: Emulator, strong = false): Promise<{ id: number; code: string }> {
  const res = await emu.fetch(`https://plex.tv/api/v2/pins${strong ? '?strong=true' : ''}`, {
    method: 'POST',
    headers: JSON_ACCEPT,
  });
  expect(res.status).toBe(201);
  return res.json();
}

function poll(emu: Emulator, id: number): Promise<Response> {
  return emu.fetch(`https://plex.tv/api/v2/pins/${id}`, { headers: JSON_ACCEPT });
}

describe('PIN limits', () => {
  it('keeps at most maxPins: the oldest is dropped (404 1020), even with a frozen clock', async () => {
    expect(DEFAULT_MAX_PINS).toBe(10_000);
    const emu = createEmulator(undefined, { maxPins: 3 });
    const pins = [];
    for (let i = 0; i < 5; i++) pins.push(await createPin(emu));
    expect(emu.control.pins().map((p) => p.id)).toEqual(pins.slice(2).map((p) => p.id));
    expect(emu.state.pins.size).toBe(3);
    expect(emu.state.pinsByCode.size).toBe(3);
    const dropped = await poll(emu, pins[0]!.id);
    expect(dropped.status).toBe(404);
    expect((await dropped.json()).errors[0].code).toBe(1020);
    expect((await poll(emu, pins[4]!.id)).status).toBe(200);
    // A dropped PIN cannot be linked either; a kept one can.
    const link = (code: string) =>
      emu.fetch('https://plex.tv/api/v2/pins/link', {
        method: 'PUT',
        headers: {
          ...JSON_ACCEPT,
          'X-Plex-Token': 'demo-token',
          'Content-Type': 'application/x-www-form-urlencoded',
        },
        body: `code=${code}`,
      });
    expect((await link(pins[1]!.code)).status).toBe(404);
    expect((await link(pins[4]!.code)).status).toBe(204);
  });

  it('prunes PINs an hour after they expired; expired ones stay listed until then', async () => {
    const emu = createEmulator();
    const old = await createPin(emu);
    emu.control.expirePin(old.code);
    const strong = await createPin(emu, true);
    expect(emu.control.pins().map((p) => [p.id, p.expired])).toEqual([
      [old.id, true],
      [strong.id, false],
    ]);
    // Found by code while kept (control is idempotent on expired PINs).
    expect(emu.control.expirePin(old.code).id).toBe(old.id);
    emu.control.setClock(emu.state.nowMs + 3601 * 1000);
    const fresh = await createPin(emu);
    expect(emu.control.pins().map((p) => p.id)).toEqual([strong.id, fresh.id]);
    emu.control.setClock(emu.state.nowMs + 1800 * 1000 + 3601 * 1000);
    const last = await createPin(emu);
    expect(emu.control.pins().map((p) => p.id)).toEqual([last.id]);
    expect(emu.state.pinsByCode.size).toBe(1);
  });

  it('looks codes up through the index (a reused code maps to the newest PIN)', async () => {
    const emu = createEmulator();
    const pin = await createPin(emu);
    expect(emu.state.pinsByCode.get(pin.code)?.id).toBe(pin.id);
    emu.control.denyPin(pin.code);
    expect(emu.state.pinsByCode.has(pin.code)).toBe(false);
    expect(emu.state.pins.size).toBe(0);
  });
});
