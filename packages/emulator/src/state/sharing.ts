/**
 * Shared servers over the one state: finding shares, which the fake servers accept, and ending
 * them (with the relationship they belong to). A share is live exactly while its owner and invitee
 * are connected (state/friends.ts).
 */

import { connected, dropOrphanInvitees, shareAcceptedAt, sharingKey } from './friends.js';
import type { Device, EmulatorState, LibrarySection, Share } from './model.js';

export interface ShareRef {
  device: Device;
  share: Share;
}

export function findShare(state: EmulatorState, id: number): ShareRef | null {
  for (const device of state.devices.values()) {
    const share = device.shares.find((s) => s.id === id);
    if (share) return { device, share };
  }
  return null;
}

/** Shares of `ownerId`'s servers with `accountId`, in device order. */
export function sharesFromTo(state: EmulatorState, ownerId: number, accountId: number): ShareRef[] {
  const out: ShareRef[] = [];
  for (const device of state.devices.values()) {
    if (device.ownerId !== ownerId) continue;
    for (const share of device.shares) if (share.accountId === accountId) out.push({ device, share });
  }
  return out;
}

/** The sections a share covers (all of the server's when it shares all libraries), in server order. */
export function sharedSections(device: Device, share: Share): LibrarySection[] {
  if (share.librarySectionIds === null) return [...device.librarySections];
  const ids = new Set(share.librarySectionIds);
  return device.librarySections.filter((s) => ids.has(s.id));
}

/** The owner of the server `machineIdentifier` as the fake server's root reports it, or null. */
export function serverOwner(
  state: EmulatorState,
  machineIdentifier: string,
): { email: string; features: string[]; subscriptionActive: boolean } | null {
  for (const device of state.devices.values()) {
    if (!device.server || device.clientIdentifier !== machineIdentifier) continue;
    const owner = state.accounts.get(device.ownerId);
    if (!owner) return null;
    return {
      email: owner.email,
      features: [...owner.subscription.features],
      subscriptionActive: owner.subscription.active,
    };
  }
  return null;
}

/** Whether the fake server for `machineIdentifier` accepts this X-Plex-Token right now. */
export function serverAcceptsToken(state: EmulatorState, machineIdentifier: string, token: string): boolean {
  if (token === '') return false;
  for (const device of state.devices.values()) {
    if (!device.server || device.clientIdentifier !== machineIdentifier) continue;
    if (device.accessToken === token) return true;
    // The owner's account token and device tokens work on the owner's server, as on a real PMS.
    if (state.tokens.get(token)?.accountId === device.ownerId) return true;
    return device.shares.some(
      (s) => s.accessToken === token && shareAcceptedAt(state, device.ownerId, s) !== null,
    );
  }
  return false;
}

/** Delete every share between two people, both directions. Returns how many went. */
export function removeSharesBetween(state: EmulatorState, a: number, b: number): number {
  let removed = 0;
  for (const device of state.devices.values()) {
    const before = device.shares.length;
    device.shares = device.shares.filter(
      (s) => !((device.ownerId === a && s.accountId === b) || (device.ownerId === b && s.accountId === a)),
    );
    removed += before - device.shares.length;
  }
  return removed;
}

/**
 * End everything between two people: the friendship or invitation, the shares both ways and the
 * friend-level settings both ways. Returns whether there was anything to end.
 */
export function removeRelationship(state: EmulatorState, a: number, b: number): boolean {
  const before = state.friendships.length;
  state.friendships = state.friendships.filter(
    (f) => !((f.inviterId === a && f.inviteeId === b) || (f.inviterId === b && f.inviteeId === a)),
  );
  const shares = removeSharesBetween(state, a, b);
  const settings =
    Number(state.sharingSettings.delete(sharingKey(a, b))) +
    Number(state.sharingSettings.delete(sharingKey(b, a)));
  dropOrphanInvitees(state);
  return before !== state.friendships.length || shares > 0 || settings > 0;
}

/** Shares that only existed because of a connection that is gone (e.g. a member left the Home) go too. */
export function dropUnconnectedShares(state: EmulatorState, personId: number): void {
  for (const device of state.devices.values()) {
    device.shares = device.shares.filter(
      (s) =>
        (device.ownerId !== personId && s.accountId !== personId) ||
        connected(state, device.ownerId, s.accountId),
    );
  }
}

/**
 * A share's `inviteToken`: opaque on plex.tv (the captures anonymise it); ours is a stable 24-hex
 * string derived from the share id.
 */
export function inviteTokenFor(shareId: number): string {
  let h = 0x9e3779b9 ^ shareId;
  let out = '';
  for (let i = 0; i < 3; i++) {
    h = Math.imul(h ^ (h >>> 15), 0x2c1b3c6d) >>> 0;
    h = Math.imul(h ^ (h >>> 12), 0x297a2d39) >>> 0;
    out += h.toString(16).padStart(8, '0');
  }
  return out;
}
