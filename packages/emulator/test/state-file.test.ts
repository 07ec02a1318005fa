import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createEmulator, type Emulator, STATE_FILE_VERSION, StateFileError } from '../src/index.js';
import type { EmulatorState } from '../src/state/model.js';
import { restoreState, serializeState } from '../src/state/persist.js';
import { makeDevice } from './device.js';
import { CLIENT, JSON_ACCEPT } from './helpers.js';

function tempFile(name = 'state.json'): string {
  return join(mkdtempSync(join(tmpdir(), 'plextv-emulator-state-')), name);
}

/** Sign in with the demo password (a new legacy token), over `base` (a URL) or in process. */
async function signIn(emu: Emulator, base = 'https://plex.tv'): Promise<string> {
  const res = await emu.fetch(`${base}/api/v2/users/signin`, {
    method: 'POST',
    headers: { ...JSON_ACCEPT, 'Content-Type': 'application/x-www-form-urlencoded' },
    body: 'login=freeuser&password=free-password',
  });
  expect(res.status).toBe(201);
  return (await res.json()).authToken;
}

/** Plex JWT for a fresh device key (jwk registered with demo-token, nonce, exchange). */
async function plexJwt(emu: Emulator): Promise<string> {
  const device = makeDevice('state-file-device');
  const headers = { 'X-Plex-Client-Identifier': device.clientIdentifier, Accept: 'application/json' };
  const registered = await emu.fetch('https://clients.plex.tv/api/v2/auth/jwk', {
    method: 'POST',
    headers: { ...headers, 'X-Plex-Token': 'demo-token', 'Content-Type': 'application/json' },
    body: JSON.stringify({ jwk: device.jwk }),
  });
  expect(registered.status).toBe(204);
  const { nonce } = await (await emu.fetch('https://clients.plex.tv/api/v2/auth/nonce', { headers })).json();
  const now = Math.floor(emu.state.nowMs / 1000);
  const res = await emu.fetch('https://clients.plex.tv/api/v2/auth/token', {
    method: 'POST',
    headers: { ...headers, 'Content-Type': 'application/json' },
    body: JSON.stringify({ jwt: device.clientJwt({ now, nonce }) }),
  });
  expect(res.status).toBe(200);
  return (await res.json()).auth_token;
}

async function user(emu: Emulator, token: string): Promise<Response> {
  return emu.fetch('https://plex.tv/api/v2/user', { headers: { ...JSON_ACCEPT, 'X-Plex-Token': token } });
}

describe('state file: serializeState / restoreState', () => {
  it('a world with activity comes back the same, shared records still shared', async () => {
    const emu = createEmulator();
    const token = await signIn(emu);
    const pin = await (
      await emu.fetch('https://plex.tv/api/v2/pins', { method: 'POST', headers: JSON_ACCEPT })
    ).json();
    emu.control.approvePin(pin.id, 'demo');
    emu.control.setClock('2025-02-01T00:00:00Z');
    emu.control.fault({ path: '/api/v2/ping', status: 503, times: 'Infinity' });
    const text = await serializeState(emu.state, 'f.json');
    expect(text).toContain(token);
    expect(text).not.toContain('"requests"');
    expect(text).not.toContain('"maxPins"');

    const fresh = createEmulator().state;
    const back = await restoreState(text, fresh, 'f.json');
    expect(await serializeState(back)).toBe(text);
    expect(back.tokens.get(token)?.accountId).toBe(emu.state.tokens.get(token)?.accountId);
    expect(back.nowMs).toBe(Date.parse('2025-02-01T00:00:00Z'));
    expect(back.faults[0]?.remaining).toBe(Number.POSITIVE_INFINITY);
    expect(back.pinsByCode.get(pin.code)).toBe(back.pins.get(pin.id));
    // The run's own settings come from the fresh state, not the file.
    expect(back.requests).toBe(fresh.requests);
    expect(back.maxPins).toBe(fresh.maxPins);
  });

  it('keeps fields added to the state later: stored ones come back, missing ones keep the fresh value', async () => {
    const withExtra = (state: EmulatorState, extra: unknown) =>
      ({ ...state, watchlists: extra }) as unknown as EmulatorState;
    const stored = new Map([[10000001, new Set(['plex://movie/1'])]]);
    const text = await serializeState(withExtra(createEmulator().state, stored));
    const back = (await restoreState(text, withExtra(createEmulator().state, new Map()), 'f')) as unknown as {
      watchlists: unknown;
    };
    expect(back.watchlists).toEqual(stored);

    const older = await serializeState(createEmulator().state);
    const kept = new Map([[1, new Set(['x'])]]);
    const later = (await restoreState(older, withExtra(createEmulator().state, kept), 'f')) as unknown as {
      watchlists: unknown;
    };
    expect(later.watchlists).toBe(kept);
  });

  it('a state field that cannot be stored (a class instance) is named, with where run-only fields go', async () => {
    class Cache {}
    const state = { ...createEmulator().state, cache: new Cache() } as unknown as EmulatorState;
    await expect(serializeState(state, 'w.json')).rejects.toThrow(
      'state file w.json: cannot store state.cache: a Cache instance cannot be stored (only plain data, Map, Set, Date); a field of the run rather than of the world belongs in TRANSIENT (src/state/persist.ts)',
    );
  });

  it('a corrupt, foreign, newer or mismatched file is a StateFileError naming the file', async () => {
    const fresh = createEmulator().state;
    const good = JSON.parse(await serializeState(fresh));
    const cases: Array<[string, RegExp]> = [
      [
        '{"format": "plextv-emulator-state", "vers',
        /^state file \/tmp\/x\.json: is not a plextv-emulator state file .*: not JSON/,
      ],
      ['{"accounts": []}', /is not a plextv-emulator state file .*: no "format": "plextv-emulator-state"/],
      ['[]', /no "format"/],
      [
        JSON.stringify({ ...good, version: STATE_FILE_VERSION + 1 }),
        /was written by a newer plextv-emulator \(format version 2; this one reads 1\)/,
      ],
      [JSON.stringify({ ...good, version: 0 }), /unknown format version 0/],
      [
        JSON.stringify({ ...good, state: { ...good.state, accounts: [] } }),
        /is damaged: state\.accounts is a array, expected a Map/,
      ],
      [
        JSON.stringify({ ...good, state: { ...good.state, tokens: { $t: 'map', v: 3 } } }),
        /is damaged: state\.tokens: a map needs an array of entries/,
      ],
    ];
    for (const [text, message] of cases) {
      const failure = await restoreState(text, fresh, '/tmp/x.json').catch((err: unknown) => err);
      expect(failure, text).toBeInstanceOf(StateFileError);
      expect((failure as StateFileError).file).toBe('/tmp/x.json');
      expect((failure as Error).message, text).toMatch(message);
    }
  });
});

describe('listen({ stateFile })', () => {
  it('a token (legacy and Plex JWT) issued before a restart still works after it; the file is 0600', async () => {
    const file = tempFile();
    const first = createEmulator();
    const server = await first.listen({ stateFile: file });
    expect(server.stateFile).toEqual({ path: file, restored: false });
    const token = await signIn(first, server.url);
    const jwt = await plexJwt(first);
    await server.close();
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readFileSync(file, 'utf8')).toContain(token);

    const second = createEmulator();
    expect((await user(second, token)).status).toBe(401);
    const again = await second.listen({ stateFile: file });
    try {
      expect(again.stateFile).toEqual({ path: file, restored: true });
      const res = await fetch(`${again.url}/api/v2/user`, {
        headers: { ...JSON_ACCEPT, 'X-Plex-Token': token },
      });
      expect(res.status).toBe(200);
      expect((await res.json()).username).toBe('freeuser');
      expect((await user(second, jwt)).status).toBe(200);
    } finally {
      await again.close();
    }
  });

  it('writes soon after a change, not only on close', async () => {
    const file = tempFile();
    const emu = createEmulator();
    const server = await emu.listen({ stateFile: file });
    try {
      const token = await signIn(emu, server.url);
      await expect.poll(() => readFileSync(file, 'utf8').includes(token), { timeout: 2000 }).toBe(true);
    } finally {
      await server.close();
    }
  });

  it('a file that is not a state file fails listen, naming it, and is left as it was', async () => {
    const file = tempFile();
    writeFileSync(file, 'my notes, not a state\n');
    const emu = createEmulator();
    await expect(emu.listen({ stateFile: file })).rejects.toThrow(
      new RegExp(`^state file ${file}: is not a plextv-emulator state file`),
    );
    expect(readFileSync(file, 'utf8')).toBe('my notes, not a state\n');
    // The emulator itself still answers from the seed.
    expect(
      (
        await emu.fetch('https://plex.tv/api/v2/ping', {
          headers: { ...CLIENT, 'X-Plex-Token': 'demo-token' },
        })
      ).status,
    ).toBe(200);
  });

  it('an unwritable place fails listen with the file named', async () => {
    const file = join(tempFile(), 'no-such-folder', 'state.json');
    await expect(createEmulator().listen({ stateFile: file })).rejects.toThrow(
      new RegExp(`^state file ${file}: cannot write it`),
    );
  });
});
