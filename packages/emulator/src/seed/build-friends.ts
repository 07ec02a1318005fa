/** Seed friends -> friendships and e-mail invitees; shares imply friendships; the id counters. */

import { addInvitee, findInvitee, friendshipBetween, sameHome, sharingKey } from '../state/friends.js';
import { type EmulatorState, FIRST_IDS } from '../state/model.js';
import { seedDateToEpoch } from './check.js';
import type { SeedFriend } from './seed.js';

/**
 * After accounts, homes and devices are built: e-mail invitees, friendships (seeded, then implied by
 * seeded shares), friend-level settings from the shares, and the id counters.
 */
export function buildSocial(
  state: EmulatorState,
  friends: SeedFriend[],
  resolve: (ref: number | string) => number | null,
  seedNow: number,
): void {
  friends.forEach((f, i) => {
    const path = `seed.friends[${i}]`;
    const inviterId = resolve(f.from)!;
    const invitedAt = f.invitedAt === undefined ? seedNow : seedDateToEpoch(f.invitedAt, `${path}.invitedAt`);
    let inviteeId = resolve(f.to);
    if (inviteeId === null) {
      const email = String(f.to);
      inviteeId = (
        findInvitee(state, email) ??
        addInvitee(state, email, invitedAt, FIRST_IDS.invitee + state.invitees.size)
      ).id;
    }
    const accepted = (f.status ?? 'accepted') === 'accepted';
    state.friendships.push({
      inviterId,
      inviteeId,
      status: accepted ? 'accepted' : 'pending',
      invitedAt,
      acceptedAt: accepted
        ? f.acceptedAt === undefined
          ? invitedAt
          : seedDateToEpoch(f.acceptedAt, `${path}.acceptedAt`)
        : null,
    });
  });

  for (const device of state.devices.values()) {
    for (const share of device.shares) {
      const { ownerId } = device;
      if (!sameHome(state, ownerId, share.accountId) && !friendshipBetween(state, ownerId, share.accountId)) {
        state.friendships.push({
          inviterId: ownerId,
          inviteeId: share.accountId,
          status: 'accepted',
          invitedAt: share.createdAt,
          acceptedAt: share.createdAt,
        });
      }
      const key = sharingKey(ownerId, share.accountId);
      if (!state.sharingSettings.has(key)) state.sharingSettings.set(key, { ...share.settings });
    }
  }

  const max = (values: Iterable<number>, floor: number) => Math.max(floor, ...values);
  const shareIds = [...state.devices.values()].flatMap((d) => d.shares.map((s) => s.id));
  state.nextIds = {
    account: max(state.accounts.keys(), 0) + 1,
    invitee: max(state.invitees.keys(), FIRST_IDS.invitee - 1) + 1,
    share: max(shareIds, FIRST_IDS.share - 1) + 1,
    home: max(state.homes.keys(), FIRST_IDS.home - 1) + 1,
    device: max(state.devices.keys(), FIRST_IDS.device - 1) + 1,
  };
}
