/**
 * What one account sees as resources: its own servers, clients and players, plus the servers
 * shared with it. Connections are filtered by the request's include* flags and, while the fake
 * servers run, point at their loopback sockets.
 */

import { providesList } from './devices.js';
import { sameHome, shareAcceptedAt } from './friends.js';
import type { Account, Device, DeviceConnection, EmulatorState } from './model.js';

/** Where a server's connection points instead while the fake servers run (pms/behaviour.ts PmsRegistry). */
export interface ConnectionOverrides {
  override(clientIdentifier: string, index: number): { address: string; port: number; uri: string } | null;
}

export interface ResourceView {
  device: Device;
  owned: boolean;
  /** The owner's account id for shared servers; null when owned. */
  ownerId: number | null;
  /** The owner's title for shared servers; null when owned. */
  sourceTitle: string | null;
  home: boolean;
  accessToken: string | null;
  publicAddressMatches: boolean;
  /** null: the device has no connections at all. */
  connections: DeviceConnection[] | null;
}

/** `includeHttps`, `includeRelay`, `includeIPv6`: absent or 0 leaves those connections out. */
export interface ConnectionFilter {
  https: boolean;
  relay: boolean;
  ipv6: boolean;
}

export const ALL_CONNECTIONS: ConnectionFilter = { https: true, relay: true, ipv6: true };

/** Servers, clients and players are resources; controller-only apps (and provides="") are not. */
export function isResource(device: Device): boolean {
  return providesList(device.provides).some((p) => p === 'server' || p === 'client' || p === 'player');
}

/** The device's connections as listed right now (loopback while the fake servers run). */
export function listedConnections(device: Device, registry: ConnectionOverrides): DeviceConnection[] | null {
  if (device.connections === null) return null;
  return device.connections.map((c, i) => {
    const override = device.server ? registry.override(device.clientIdentifier, i) : null;
    return override ? { ...c, ...override } : c;
  });
}

export function filterConnections(
  connections: DeviceConnection[],
  filter: ConnectionFilter,
): DeviceConnection[] {
  return connections.filter(
    (c) => (filter.https || c.protocol !== 'https') && (filter.relay || !c.relay) && (filter.ipv6 || !c.IPv6),
  );
}

export function resourcesFor(
  state: EmulatorState,
  account: Account,
  registry: ConnectionOverrides,
  filter: ConnectionFilter,
): ResourceView[] {
  const out: ResourceView[] = [];
  for (const device of state.devices.values()) {
    if (!isResource(device)) continue;
    const listed = listedConnections(device, registry);
    const connections = listed === null ? null : filterConnections(listed, filter);
    if (device.ownerId === account.id) {
      out.push({
        device,
        owned: true,
        ownerId: null,
        sourceTitle: null,
        home: false,
        accessToken: device.accessToken,
        publicAddressMatches: device.publicAddressMatches,
        connections,
      });
      continue;
    }
    // Pending shares (the invitation is not accepted yet) are not resources of the invitee.
    const share = device.shares.find((s) => s.accountId === account.id);
    if (!share || shareAcceptedAt(state, device.ownerId, share) === null) continue;
    const owner = state.accounts.get(device.ownerId);
    out.push({
      device,
      owned: false,
      ownerId: device.ownerId,
      sourceTitle: owner?.title ?? null,
      home: share.home || sameHome(state, device.ownerId, account.id),
      accessToken: share.accessToken,
      publicAddressMatches: share.publicAddressMatches,
      connections,
    });
  }
  return out;
}

/** An account's own devices (`/devices.xml`), in seed order. */
export function devicesOf(state: EmulatorState, account: Account): Device[] {
  return [...state.devices.values()].filter((d) => d.ownerId === account.id);
}
