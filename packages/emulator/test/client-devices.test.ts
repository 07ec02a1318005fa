/** A device appears when a client gets a token; authenticated calls move its lastSeenAt; removing it signs it out. */
import { describe, expect, it } from 'vitest';
import { createEmulator, type Emulator } from '../src/index.js';
import { makeDevice } from './device.js';
import { attrs, children } from './helpers.js';
import { parseXml } from './shapes.js';

/** The X-Plex-* headers a client like @ctrl/plex or python-plexapi sends. */
function clientHeaders(id: string): Record<string, string> {
  return {
    'X-Plex-Client-Identifier': id,
    'X-Plex-Product': 'Test Player',
    'X-Plex-Version': '4.2.0',
    'X-Plex-Platform': 'Linux',
    'X-Plex-Platform-Version': '6.8',
    'X-Plex-Device': 'PC',
    'X-Plex-Device-Name': `Desk ${id}`,
    'X-Plex-Provides': 'controller',
  };
}

async function devices(emu: Emulator, token: string): Promise<Array<Record<string, string>>> {
  const res = await emu.fetch('https://plex.tv/devices.xml', {
    headers: { 'X-Plex-Client-Identifier': 'lister', 'X-Plex-Token': token },
  });
  expect(res.status).toBe(200);
  return children(parseXml(await res.text()), 'Device').map(attrs);
}

async function passwordSignIn(emu: Emulator, id: string): Promise<string> {
  const res = await emu.fetch('https://plex.tv/api/v2/users/signin', {
    method: 'POST',
    headers: { ...clientHeaders(id), Accept: 'application/json' },
    body: new URLSearchParams({ login: 'freeuser', password: 'free-password' }),
  });
  expect(res.status).toBe(201);
  return ((await res.json()) as { authToken: string }).authToken;
}

async function status(emu: Emulator, token: string): Promise<number> {
  const res = await emu.fetch('https://plex.tv/api/v2/user', {
    headers: { 'X-Plex-Client-Identifier': 'anyone', 'X-Plex-Token': token },
  });
  return res.status;
}

describe('devices registered by sign-in', () => {
  it('the v2 password sign-in registers the client once, with its X-Plex-* headers and the token', async () => {
    const emu = createEmulator();
    const before = await devices(emu, 'free-token');
    const token = await passwordSignIn(emu, 'client-a');
    await passwordSignIn(emu, 'client-a');
    const after = await devices(emu, 'free-token');
    expect(after).toHaveLength(before.length + 1);
    const device = after.find((d) => d.clientIdentifier === 'client-a')!;
    expect(device).toMatchObject({
      name: 'Desk client-a',
      product: 'Test Player',
      productVersion: '4.2.0',
      version: '4.2.0',
      platform: 'Linux',
      platformVersion: '6.8',
      device: 'PC',
      provides: 'controller',
      token,
    });
    expect(Number(device.id)).toBeGreaterThan(Math.max(...before.map((d) => Number(d.id))));
    // Someone else's list does not show it.
    expect((await devices(emu, 'demo-token')).some((d) => d.clientIdentifier === 'client-a')).toBe(false);
  });

  it('the legacy sign-in and a PIN approved through the control API register their clients too', async () => {
    const emu = createEmulator();
    const legacy = await emu.fetch('https://plex.tv/users/sign_in.json', {
      method: 'POST',
      headers: {
        ...clientHeaders('legacy-client'),
        Authorization: `Basic ${Buffer.from('freeuser:free-password').toString('base64')}`,
      },
    });
    expect(legacy.status).toBe(201);

    const created = await emu.fetch('https://plex.tv/api/v2/pins', {
      method: 'POST',
      headers: { ...clientHeaders('pin-client'), Accept: 'application/json' },
    });
    const pin = (await created.json()) as { id: number; code: string };
    expect((await devices(emu, 'free-token')).some((d) => d.clientIdentifier === 'pin-client')).toBe(false);
    emu.control.approvePin(pin.code, 'freeuser');
    const polled = await emu.fetch(`https://plex.tv/api/v2/pins/${pin.id}`, {
      headers: { 'X-Plex-Client-Identifier': 'pin-client', Accept: 'application/json' },
    });
    const { authToken } = (await polled.json()) as { authToken: string };

    const list = await devices(emu, 'free-token');
    expect(list.find((d) => d.clientIdentifier === 'legacy-client')?.name).toBe('Desk legacy-client');
    expect(list.find((d) => d.clientIdentifier === 'pin-client')).toMatchObject({
      name: 'Desk pin-client',
      product: 'Test Player',
      token: authToken,
    });
  });

  it('lastSeenAt moves on authenticated calls with its token, by the emulator clock', async () => {
    const emu = createEmulator();
    const token = await passwordSignIn(emu, 'client-b');
    const seen = async () =>
      Number((await devices(emu, 'free-token')).find((d) => d.clientIdentifier === 'client-b')!.lastSeenAt);
    const first = await seen();
    emu.control.setClock(emu.state.nowMs + 3_600_000);
    expect(await seen()).toBe(first); // another token's calls do not count
    expect(await status(emu, token)).toBe(200);
    expect(await seen()).toBe(first + 3600);
  });

  it('DELETE /devices/{id}.xml signs the client out: every token it got answers 401', async () => {
    const emu = createEmulator();
    const first = await passwordSignIn(emu, 'client-c');
    const second = await passwordSignIn(emu, 'client-c');
    const id = (await devices(emu, 'free-token')).find((d) => d.clientIdentifier === 'client-c')!.id;
    const removed = await emu.fetch(`https://plex.tv/devices/${id}.xml`, {
      method: 'DELETE',
      headers: { 'X-Plex-Client-Identifier': 'lister', 'X-Plex-Token': 'free-token' },
    });
    expect(removed.status).toBe(200);
    expect(await status(emu, first)).toBe(401);
    expect(await status(emu, second)).toBe(401);
    expect(await status(emu, 'free-token')).toBe(200);
    expect((await devices(emu, 'free-token')).some((d) => d.clientIdentifier === 'client-c')).toBe(false);
    // Signing in again registers it again, under a new id.
    await passwordSignIn(emu, 'client-c');
    const again = (await devices(emu, 'free-token')).find((d) => d.clientIdentifier === 'client-c')!;
    expect(Number(again.id)).toBeGreaterThan(Number(id));
  });

  it('a Plex JWT (key registered with a token, then exchanged) registers the client; removing it kills the JWT', async () => {
    const emu = createEmulator();
    const key = makeDevice('jwt-client');
    const headers = { ...clientHeaders('jwt-client'), Accept: 'application/json' };
    const registered = await emu.fetch('https://clients.plex.tv/api/v2/auth/jwk', {
      method: 'POST',
      headers: { ...headers, 'X-Plex-Token': 'free-token', 'Content-Type': 'application/json' },
      body: JSON.stringify({ jwk: key.jwk }),
    });
    expect(registered.status).toBe(204);
    const nonce = (
      (await (await emu.fetch('https://clients.plex.tv/api/v2/auth/nonce', { headers })).json()) as {
        nonce: string;
      }
    ).nonce;
    const exchanged = await emu.fetch('https://clients.plex.tv/api/v2/auth/token', {
      method: 'POST',
      headers: { ...headers, 'Content-Type': 'application/json' },
      body: JSON.stringify({ jwt: key.clientJwt({ now: Math.floor(emu.state.nowMs / 1000), nonce }) }),
    });
    expect(exchanged.status).toBe(200);
    const jwt = ((await exchanged.json()) as { auth_token: string }).auth_token;
    expect(await status(emu, jwt)).toBe(200);

    const device = (await devices(emu, 'free-token')).find((d) => d.clientIdentifier === 'jwt-client')!;
    expect(device).toMatchObject({ name: 'Desk jwt-client', product: 'Test Player', platform: 'Linux' });
    const removed = await emu.fetch(`https://plex.tv/devices/${device.id}.xml`, {
      method: 'DELETE',
      headers: { 'X-Plex-Client-Identifier': 'lister', 'X-Plex-Token': 'free-token' },
    });
    expect(removed.status).toBe(200);
    expect(await status(emu, jwt)).toBe(401);
  });
});
