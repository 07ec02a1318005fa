/**
 * community.plex.tv GraphQL answers, shaped after watchlistarr's captures (plex-get-all-friends.json,
 * plex-get-watchlist-from-friend*.json). The error strings are Maintainerr's mock bodies
 * (unverified): HTTP 200 with `errors` and `data: null`.
 */

import type { DiscoverItem } from '../state/model.js';
import type { Json } from './discover.js';

/** A friend's watchlist that its owner keeps private, or someone who is not your friend. */
export const PRIVACY_MESSAGE = 'User not found: User privacy prevents viewing';

/** An id that names nobody. */
export function unknownUserMessage(id: string): string {
  return `User not found: Data loader item not found: users uuid=${id}`;
}

/** `{data:{allFriendsV2:[{user:{id,username}}]}}`. */
export function allFriendsJson(friends: Array<{ uuid: string; username: string }>): Json {
  return { data: { allFriendsV2: friends.map((f) => ({ user: { id: f.uuid, username: f.username } })) } };
}

/** A watchlist cursor: base64 of the entry's watchlistedAt in epoch milliseconds (as captured). */
export function cursorOf(watchlistedAt: number): string {
  return btoa(String(watchlistedAt * 1000));
}

/** The epoch seconds a cursor names, or null when it is not one of ours. */
export function parseCursor(cursor: string): number | null {
  try {
    const text = atob(cursor);
    return /^\d+$/.test(text) ? Math.floor(Number(text) / 1000) : null;
  } catch {
    return null;
  }
}

/** `{data:{user:{watchlist:{nodes:[{id,title,publicPagesURL,type}], pageInfo:{hasNextPage,endCursor}}}}}`. */
export function friendWatchlistJson(
  rows: Array<{ item: DiscoverItem; watchlistedAt: number }>,
  hasNextPage: boolean,
): Json {
  const last = rows[rows.length - 1];
  return {
    data: {
      user: {
        watchlist: {
          nodes: rows.map(({ item }) => ({
            id: item.ratingKey,
            title: item.title,
            publicPagesURL: `https://watch.plex.tv/${item.type}/${item.slug}`,
            type: item.type.toUpperCase(),
          })),
          pageInfo: { hasNextPage, endCursor: last ? cursorOf(last.watchlistedAt) : null },
        },
      },
    },
  };
}

/** A GraphQL error answer: `{errors:[{message, path?}], data:null}`. */
export function graphqlErrorJson(message: string, path?: string[]): Json {
  return { errors: [path ? { message, path } : { message }], data: null };
}
