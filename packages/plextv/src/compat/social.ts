/** The friends and sharing steps behind `MyPlexAccount`'s methods that do several calls. */
import type { PlexTvClient } from '../client.js';
import { acceptInvite, getPendingInvites } from '../endpoints/friends.js';
import { removeShare, shareServer, updateShare, updateSharingSettings } from '../endpoints/sharing.js';
import { NotFoundError } from '../errors.js';
import type { Friend, SharedServer } from '../models/sharing.js';
import type { PlexUser } from '../models/users.js';
import { machineIdOf, matchUser, sectionIds } from './lookup.js';
import type { MyPlexShareOptionsOptional, MyPlexUpdateFriendOptions } from './types.js';

/** Share `share.server` (its sections by title, key or id; all by default) with one account. */
export async function shareWith(
  client: PlexTvClient,
  who: { invitedEmail: string } | { invitedId: number },
  share: MyPlexShareOptionsOptional,
): Promise<SharedServer> {
  if (share.server === undefined) throw new TypeError('MyPlexAccount: pass a server to share');
  const machineIdentifier = machineIdOf(share.server);
  return shareServer(client, {
    machineIdentifier,
    ...who,
    librarySectionIds: await sectionIds(client, machineIdentifier, share.sections),
    settings: share.settings,
  });
}

/** `MyPlexAccount#updateFriend`: the share of one server replaced or removed, then the settings. */
export async function updateFriend(
  client: PlexTvClient,
  friend: PlexUser,
  update: MyPlexUpdateFriendOptions,
): Promise<void> {
  if (update.server !== undefined) {
    const machineIdentifier = machineIdOf(update.server);
    const share = friend.servers.find((s) => s.machineIdentifier === machineIdentifier);
    if (update.removeSections) {
      if (share) await removeShare(client, share.id);
    } else if (update.sections !== undefined) {
      const librarySectionIds = await sectionIds(client, machineIdentifier, update.sections);
      if (share) await updateShare(client, share.id, { librarySectionIds, machineIdentifier });
      else {
        await shareServer(client, {
          machineIdentifier,
          invitedId: friend.id,
          librarySectionIds,
          settings: update.settings,
        });
      }
    }
  }
  if (update.settings !== undefined && Object.keys(update.settings).length > 0) {
    await updateSharingSettings(client, friend.id, update.settings);
  }
}

/** Accept an invitation: from a `Friend`, an account id, or a name looked up among those received. */
export async function acceptInviteFrom(
  client: PlexTvClient,
  user: Friend | string | number,
): Promise<Friend> {
  if (typeof user === 'object' || typeof user === 'number') {
    return acceptInvite(client, typeof user === 'number' ? user : user.id);
  }
  const received = await getPendingInvites(client, { includeSent: false });
  const found = matchUser(received, user);
  if (!found) {
    throw new NotFoundError(`No pending invitation from "${user}"`, {
      method: 'GET',
      path: '/api/v2/friends/invites/received/pending',
    });
  }
  return acceptInvite(client, found.id);
}
