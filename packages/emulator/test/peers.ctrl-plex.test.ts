/**
 * @ctrl/plex 3.12.1, unchanged, against the emulator over loopback HTTP: the offline plex.tv other
 * clients run against. @ctrl/plex calls `https://plex.tv/…` literally (through ofetch, which calls
 * `globalThis.fetch` on each request), so for this file `globalThis.fetch` sends plex.tv's requests
 * to the emulator's loopback server; everything else (the fake servers on 127.0.0.1) goes through
 * untouched. The test then checks what the library read back: names, usernames, servers.
 */

import { hostname } from 'node:os';
import { MyPlexAccount, type MyPlexDevice, type PlexServer, X_PLEX_IDENTIFIER } from '@ctrl/plex';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEmulator, DEMO_SERVER_ID, type Emulator, type RunningServer } from '../src/index.js';

let emulator: Emulator;
let server: RunningServer;
const originalFetch = globalThis.fetch;
/** Every plex.tv path @ctrl/plex asked for, in order. */
const asked: string[] = [];

beforeAll(async () => {
  emulator = createEmulator();
  server = await emulator.listen();
  await emulator.servers.start({ ipv6: false });
  const base = server.url.replace(/\/+$/, '');
  globalThis.fetch = ((input: RequestInfo | URL, init?: RequestInit) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    if (!url.startsWith('https://plex.tv/')) return originalFetch(input, init);
    const path = url.slice('https://plex.tv'.length);
    asked.push(`${init?.method ?? 'GET'} ${path.split('?')[0]}`.toUpperCase());
    return originalFetch(`${base}${path}`, init);
  }) as typeof fetch;
});

afterAll(async () => {
  globalThis.fetch = originalFetch;
  await emulator.servers.stop();
  await server.close();
});

/** The account @ctrl/plex signs in to with a token (GET /api/v2/user). */
function withToken(token: string): Promise<MyPlexAccount> {
  return new MyPlexAccount(null, undefined, undefined, token).connect();
}

describe('@ctrl/plex 3.12.1 against the emulator', () => {
  it('legacy sign-in (POST /users/sign_in.json, HTTP Basic): the account, and its token works', async () => {
    const account = await new MyPlexAccount(null, 'freeuser', 'free-password').connect();
    expect(asked).toContain('POST /USERS/SIGN_IN.JSON');
    expect(account.username).toBe('freeuser');
    expect(account.email).toBe('free@plextv.test');
    expect(account.subscriptionActive).toBe(false);
    expect(account.authenticationToken).toMatch(/^[A-Za-z0-9_-]{20}$/);
    const again = await withToken(account.authenticationToken!);
    expect(again.username).toBe('freeuser');
    // The sign-in registered @ctrl/plex as one of freeuser's devices, with its X-Plex-* headers.
    const mine = await again.device('', X_PLEX_IDENTIFIER);
    expect(mine.product).toBe('PlexAPI');
    expect(mine.name).toBe(hostname());
    expect(mine.provides).toBe('controller');
  });

  it('legacy sign-in of a 2FA account: wrong code refused, the code appended to the password works', async () => {
    await expect(new MyPlexAccount(null, 'demo', 'demo-password').connect()).rejects.toThrow(/401/);
    const account = await new MyPlexAccount(null, 'demo', 'demo-password123456').connect();
    expect(account.username).toBe('demo');
    expect(account.subscriptionActive).toBe(true);
    expect(account.subscriptionFeatures).toContain('webhooks');
  });

  it('resources, and MyPlexResource.connect() reaching the fake server with its accessToken', async () => {
    const account = await withToken('demo-token');
    expect(account.username).toBe('demo');
    const resources = await account.resources();
    const names = resources.map((r) => r.name);
    expect(names).toEqual(expect.arrayContaining(['Demo Server', 'Basement NAS', 'Chrome', 'iPhone']));
    const resource = await account.resource('Demo Server');
    expect(resource.owned).toBe(true);
    expect(resource.clientIdentifier).toBe(DEMO_SERVER_ID);
    const pms: PlexServer = await resource.connect();
    expect(pms.friendlyName).toBe('Demo Server');
    expect(pms.machineIdentifier).toBe(DEMO_SERVER_ID);
    expect(pms.myPlexUsername).toBe('demo@plextv.test');
    expect(pms.ownerFeatures).toContain('webhooks');
    expect(pms.platform).toBe('Linux');
  });

  it('a friend connects to a server shared with it (its share token, remote connections only)', async () => {
    const friend = await withToken('free-token');
    const shared = await friend.resource('Demo Server');
    expect(shared.owned).toBe(false);
    expect(shared.accessToken).toBe('free-demo-server-token');
    const pms = await shared.connect();
    expect(pms.friendlyName).toBe('Demo Server');
    expect(pms.myPlexUsername).toBe('demo@plextv.test');
  });

  it('devices, and MyPlexDevice.connect() reaching the fake server with the device token', async () => {
    const account = await withToken('demo-token');
    const devices = await account.devices();
    expect(devices.map((d) => d.name)).toEqual(
      expect.arrayContaining(['Demo Server', 'Basement NAS', 'iPhone', 'Home Assistant']),
    );
    const device: MyPlexDevice = await account.device('Demo Server');
    expect(device.clientIdentifier).toBe(DEMO_SERVER_ID);
    const pms = await device.connect();
    expect(pms.friendlyName).toBe('Demo Server');
    expect(pms.myPlexUsername).toBe('demo@plextv.test');
  });

  it('claim token', async () => {
    const account = await withToken('demo-token');
    const token = await account.claimToken();
    expect(token).toMatch(/^claim-/);
    expect(asked).toContain('GET /API/CLAIM/TOKEN.JSON');
  });

  it('web login: getWebLogin, approval through the control API, webLoginCheck; then the device can be removed', async () => {
    const webLogin = await MyPlexAccount.getWebLogin();
    expect(webLogin.code).toMatch(/^[a-z0-9]{25}$/);
    expect(webLogin.uri).toContain(`code=${webLogin.code}`);
    emulator.control.approvePin(webLogin.code, 'demo');
    const account = await MyPlexAccount.webLoginCheck(webLogin, 10);
    expect(account.username).toBe('demo');
    const token = account.authenticationToken!;

    // @ctrl/plex now shows among demo's devices; removing it (through a server's own
    // myPlexAccount(), the one way @ctrl/plex's MyPlexDevice.delete() has a query to use) signs it out.
    const owner = await withToken('demo-token');
    const mine = await owner.device('', X_PLEX_IDENTIFIER);
    expect(mine.product).toBe('PlexAPI');
    const pms = await (await owner.device('Demo Server')).connect();
    const viaServer = await pms.myPlexAccount().devices();
    const self = viaServer.find((d) => d.clientIdentifier === X_PLEX_IDENTIFIER);
    expect(self).toBeDefined();
    await self!.delete();
    await expect(withToken(token)).rejects.toThrow(/401/);
    expect((await owner.devices()).some((d) => d.clientIdentifier === X_PLEX_IDENTIFIER)).toBe(false);
  });
});
