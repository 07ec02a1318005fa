/** Seed devices -> Device records (with their shares), and the device tokens that work as their owner. */

import { deviceDescription, isServerProvides } from '../state/devices.js';
import { defaultSettingsFor, mergeSettings } from '../state/friends.js';
import {
  DEFAULT_SERVER_VERSION,
  type Device,
  type DeviceConnection,
  type EmulatorState,
  FIRST_IDS,
} from '../state/model.js';
import { inviteTokenFor } from '../state/sharing.js';
import { tokenExpiry } from '../state/tokens.js';
import { hostPortUri } from '../util/net.js';
import { seedDateToEpoch } from './check.js';
import type { SeedConnection, SeedDevice } from './seed.js';

export function buildDevices(
  state: EmulatorState,
  devices: SeedDevice[],
  accountId: (ref: number | string) => number,
  seedNow: number,
): void {
  // Shares without an id get 60000001, … in seed order, skipping the ids given explicitly.
  const explicitShareIds = new Set(
    devices.flatMap((d) => (d.sharedWith ?? []).flatMap((s) => (s.id === undefined ? [] : [s.id]))),
  );
  let nextShareId = FIRST_IDS.share;
  const shareId = (id: number | undefined): number => {
    if (id !== undefined) return id;
    while (explicitShareIds.has(nextShareId)) nextShareId++;
    return nextShareId++;
  };
  devices.forEach((d, i) => {
    const path = `seed.devices[${i}]`;
    const ownerId = accountId(d.owner);
    const server = isServerProvides(d.provides);
    const productVersion = d.productVersion ?? (server ? DEFAULT_SERVER_VERSION : '');
    const device: Device = {
      id: d.id,
      ownerId,
      name: d.name,
      product: d.product,
      productVersion,
      ...deviceDescription(d),
      provides: d.provides,
      clientIdentifier: d.clientIdentifier,
      version: d.version ?? productVersion,
      token: d.token,
      accessToken: d.accessToken === undefined ? d.token : d.accessToken,
      createdAt: seedDateToEpoch(d.createdAt, `${path}.createdAt`),
      lastSeenAt: seedDateToEpoch(d.lastSeenAt, `${path}.lastSeenAt`),
      publicAddress: d.publicAddress ?? '',
      screenResolution: d.screenResolution ?? '',
      screenDensity: d.screenDensity ?? '',
      presence: d.presence ?? true,
      publicAddressMatches: d.publicAddressMatches ?? true,
      server,
      httpsRequired: d.httpsRequired ?? false,
      synced: d.synced ?? false,
      relay: d.relay ?? server,
      dnsRebindingProtection: d.dnsRebindingProtection ?? false,
      natLoopbackSupported: d.natLoopbackSupported ?? false,
      connections: d.connections ? d.connections.map(normaliseConnection) : null,
      syncList: d.syncList
        ? {
            itemsCompleteCount: d.syncList.itemsCompleteCount,
            totalSize: d.syncList.totalSize,
            version: d.syncList.version ?? 2,
          }
        : null,
      librarySections: (d.librarySections ?? []).map((s) => ({ ...s })),
      shares: (d.sharedWith ?? []).map((s, j) => {
        const granteeId = accountId(s.account);
        const id = shareId(s.id);
        return {
          id,
          accountId: granteeId,
          accessToken: s.accessToken,
          home: s.home ?? false,
          publicAddressMatches: s.publicAddressMatches ?? false,
          librarySectionIds: s.librarySectionIds ? [...s.librarySectionIds] : null,
          settings: mergeSettings(defaultSettingsFor(state, ownerId, granteeId), s.settings ?? {}),
          createdAt:
            s.sharedAt === undefined
              ? seedNow
              : seedDateToEpoch(s.sharedAt, `${path}.sharedWith[${j}].sharedAt`),
          inviteToken: inviteTokenFor(id),
        };
      }),
    };
    state.devices.set(device.id, device);
    // The device's own token works against plex.tv as its owner, as real device tokens do.
    state.tokens.set(device.token, {
      token: device.token,
      accountId: ownerId,
      issuedAt: device.createdAt,
      rememberExpiresAt: tokenExpiry(state.accounts.get(ownerId)!, seedNow, true),
      clientIdentifier: device.clientIdentifier,
    });
  });
}

function normaliseConnection(c: SeedConnection): DeviceConnection {
  return {
    protocol: c.protocol,
    address: c.address,
    port: c.port,
    uri: c.uri ?? hostPortUri(c.protocol, c.address, c.port),
    local: c.local ?? false,
    relay: c.relay ?? false,
    IPv6: c.IPv6 ?? c.address.includes(':'),
  };
}
