/**
 * Devices that appear when a client gets a token (plex.tv lists every signed-in app under Devices):
 * the first token a client identifier obtains for an account registers it with the request's
 * X-Plex-* headers; authenticated calls move its `lastSeenAt`. Removing it (state/devices.ts)
 * revokes its tokens.
 */

import { deviceDescription, isServerProvides, providesList } from './devices.js';
import {
  type Account,
  type ClientHeaders,
  type Device,
  type EmulatorState,
  nowSeconds,
  type Token,
} from './model.js';

export type { ClientHeaders };

/** The X-Plex-* names each ClientHeaders field is read from. */
export const CLIENT_HEADER_NAMES: Record<keyof ClientHeaders, string> = {
  clientIdentifier: 'X-Plex-Client-Identifier',
  product: 'X-Plex-Product',
  version: 'X-Plex-Version',
  platform: 'X-Plex-Platform',
  platformVersion: 'X-Plex-Platform-Version',
  device: 'X-Plex-Device',
  deviceName: 'X-Plex-Device-Name',
  provides: 'X-Plex-Provides',
  model: 'X-Plex-Model',
  vendor: 'X-Plex-Vendor',
};

/** The account's device for this client identifier, if it has one. */
export function findClientDevice(
  state: EmulatorState,
  accountId: number,
  clientIdentifier: string,
): Device | undefined {
  for (const device of state.devices.values()) {
    if (device.ownerId === accountId && device.clientIdentifier === clientIdentifier) return device;
  }
  return undefined;
}

/** The next device id (ids are never handed out twice). */
function nextDeviceId(state: EmulatorState): number {
  let id = state.nextIds.device;
  while (state.devices.has(id)) id++;
  state.nextIds.device = id + 1;
  return id;
}

/**
 * Register the client that just obtained `token` as a device of `account`, unless it already is
 * one (then only its `lastSeenAt` moves). No client identifier: nothing to register. The device's
 * `token` is this first token; players and clients list it as their resource `accessToken` too
 * (as PlexKit's resources.json shows for clients; unverified for a freshly signed-in app).
 * `publicAddress` is the caller's address as the emulator sees it.
 */
export function registerClientDevice(
  state: EmulatorState,
  account: Account,
  token: Token,
  client: ClientHeaders,
  publicAddress = '',
): Device | null {
  const clientIdentifier = client.clientIdentifier;
  if (clientIdentifier === null) return null;
  const now = nowSeconds(state);
  const existing = findClientDevice(state, account.id, clientIdentifier);
  if (existing) {
    existing.lastSeenAt = now;
    return existing;
  }
  const provides = providesList(client.provides ?? '').join(',');
  const server = isServerProvides(provides);
  const playable = providesList(provides).some((p) => p === 'client' || p === 'player');
  const product = client.product ?? '';
  const device: Device = {
    id: nextDeviceId(state),
    ownerId: account.id,
    // plex.tv names an unnamed device after its product (our choice; unverified).
    name: client.deviceName ?? product,
    product,
    productVersion: client.version ?? '',
    ...deviceDescription(client),
    provides,
    clientIdentifier,
    version: client.version ?? '',
    token: token.token,
    accessToken: server || playable ? token.token : null,
    createdAt: now,
    lastSeenAt: now,
    publicAddress,
    screenResolution: '',
    screenDensity: '',
    presence: true,
    publicAddressMatches: true,
    server,
    httpsRequired: false,
    synced: false,
    relay: false,
    dnsRebindingProtection: false,
    natLoopbackSupported: false,
    connections: null,
    syncList: null,
    librarySections: [],
    shares: [],
  };
  state.devices.set(device.id, device);
  return device;
}

/**
 * An authenticated call was made with `token`: its client's device (if any) was seen now. The
 * lookup is a scan of the devices, so it runs at most once per emulator second per token.
 */
const lastTouched = new WeakMap<Token, number>();

export function touchClientDevice(state: EmulatorState, token: Token): void {
  if (token.clientIdentifier === null) return;
  const now = nowSeconds(state);
  if (lastTouched.get(token) === now) return;
  lastTouched.set(token, now);
  const device = findClientDevice(state, token.accountId, token.clientIdentifier);
  if (device && device.lastSeenAt < now) device.lastSeenAt = now;
}
