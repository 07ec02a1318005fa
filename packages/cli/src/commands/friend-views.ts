/**
 * Your friends (and Home members) with the servers you share with each, as `friends list --json` shows them:
 * plex.tv's v1 users list (the shares) merged with its v2 friends (status, settings, libraries of each share).
 */
import {
  type Friend,
  getFriends,
  getSharedUsers,
  type PlexTvClient,
  type PlexUser,
  type SharedServer,
  type SharingSettings,
} from 'plextv';
import type { Context } from '../context.js';
import type { PersonView } from '../people.js';

/** One library of a share. */
export interface LibraryView {
  id: string;
  title: string | null;
  type: string | null;
}

/** One of your servers shared with a friend. */
export interface ShareView {
  /** The share's id (what `unshare` removes). */
  id: number;
  name: string | null;
  machineIdentifier: string | null;
  numLibraries: number | null;
  allLibraries: boolean;
  /** The friend has not accepted it yet. */
  pending: boolean;
  /** The shared libraries, when plex.tv lists them (v2). */
  libraries: LibraryView[];
}

/** A friend (or Home member) with the servers you share with them: what `friends list --json` prints. */
export interface FriendView extends PersonView {
  status: string | null;
  /** A member of your Plex Home. */
  home: boolean;
  /** A managed user. */
  restricted: boolean;
  sharingSettings: SharingSettings | null;
  servers: ShareView[];
}

function libraryView(section: { id: string; title?: string | undefined; type?: string | undefined }) {
  return { id: section.id, title: section.title ?? null, type: section.type ?? null };
}

/** The share of `server` in a v2 friend's `sharedServers`, by share id or machine identifier. */
function v2Share(friend: Friend | undefined, id: number, machineIdentifier: string | undefined) {
  return friend?.sharedServers.find(
    (s) => s.id === id || (machineIdentifier !== undefined && s.machineIdentifier === machineIdentifier),
  );
}

export function shareFromV2(share: SharedServer): ShareView {
  return {
    id: share.id,
    name: share.name ?? null,
    machineIdentifier: share.machineIdentifier ?? null,
    numLibraries: share.numLibraries ?? (share.libraries.length || null),
    allLibraries: share.allLibraries === true,
    pending: share.accepted === false,
    libraries: share.libraries.map(libraryView),
  };
}

/** Merge the v1 users (shares) with the v2 friends (status, settings, libraries of each share). */
export function mergeFriends(users: readonly PlexUser[], friends: readonly Friend[]): FriendView[] {
  const byId = new Map(friends.map((f) => [f.id, f]));
  const views: FriendView[] = [];
  const seen = new Set<number>();
  for (const user of users) {
    const friend = byId.get(user.id);
    seen.add(user.id);
    views.push({
      id: user.id,
      uuid: friend?.uuid ?? null,
      title: user.title ?? friend?.title ?? null,
      username: user.username ?? friend?.username ?? null,
      email: user.email ?? friend?.email ?? null,
      status: friend?.status ?? 'accepted',
      home: user.home === true || friend?.home === true,
      restricted: user.restricted === true || friend?.restricted === true,
      sharingSettings: friend?.sharingSettings ?? user.sharingSettings ?? null,
      servers: user.servers.map((server) => {
        const v2 = v2Share(friend, server.id, server.machineIdentifier);
        return {
          id: server.id,
          name: server.name ?? v2?.name ?? null,
          machineIdentifier: server.machineIdentifier ?? v2?.machineIdentifier ?? null,
          numLibraries: server.numLibraries ?? v2?.numLibraries ?? (v2?.libraries.length || null),
          allLibraries: server.allLibraries === true || v2?.allLibraries === true,
          pending: server.pending === true,
          libraries: (v2?.libraries ?? []).map(libraryView),
        };
      }),
    });
  }
  for (const friend of friends) {
    if (seen.has(friend.id)) continue;
    views.push({
      id: friend.id,
      uuid: friend.uuid,
      title: friend.title ?? null,
      username: friend.username ?? null,
      email: friend.email ?? null,
      status: friend.status ?? null,
      home: friend.home === true,
      restricted: friend.restricted === true,
      sharingSettings: friend.sharingSettings ?? null,
      servers: friend.sharedServers.map(shareFromV2),
    });
  }
  return views;
}

/** Your friends (and Home members) with the servers you share with each. */
export async function fetchFriends(ctx: Context, client: PlexTvClient): Promise<FriendView[]> {
  const signal = ctx.signal;
  const [users, friends] = await Promise.all([
    getSharedUsers(client, { signal }),
    getFriends(client, { signal, status: 'accepted' }),
  ]);
  return mergeFriends(users, friends);
}

/** `Movies, TV Shows`, `all libraries` or `2 libraries`: what a share includes. */
export function shareLibraries(share: ShareView): string {
  if (share.allLibraries) return 'all libraries';
  if (share.libraries.length > 0) return share.libraries.map((l) => l.title ?? l.id).join(', ');
  const n = share.numLibraries;
  return n === null ? 'libraries unknown' : `${n} librar${n === 1 ? 'y' : 'ies'}`;
}

/** `Demo Server: Movies, TV Shows`, `Demo Server: all libraries (pending)`. */
export function describeShare(share: ShareView): string {
  const name = share.name ?? share.machineIdentifier ?? `share ${share.id}`;
  return `${name}: ${shareLibraries(share)}${share.pending ? ' (pending)' : ''}`;
}

/** `sync, camera upload, Live TV 2, movies contentRating=G`: what a friend may do, briefly. */
export function describeSettings(settings: SharingSettings | null): string {
  if (!settings) return '';
  const parts: string[] = [];
  if (settings.allowSync) parts.push('sync');
  if (settings.allowCameraUpload) parts.push('camera upload');
  if (settings.allowChannels) parts.push('channels');
  if (settings.allowSubtitleAdmin) parts.push('subtitles');
  if (settings.allowTuners) parts.push(`Live TV ${settings.allowTuners}`);
  const filters: Array<[string, string | undefined]> = [
    ['movies', settings.filterMovies],
    ['TV', settings.filterTelevision],
    ['music', settings.filterMusic],
    ['photos', settings.filterPhotos],
    ['all', settings.filterAll],
  ];
  for (const [what, filter] of filters) if (filter) parts.push(`${what} ${decodeFilter(filter)}`);
  return parts.join(', ');
}

/** A filter as people write it: `contentRating=G,PG|label=kids`. */
export function decodeFilter(filter: string): string {
  try {
    return decodeURIComponent(filter);
  } catch {
    return filter;
  }
}
