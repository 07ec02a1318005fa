/**
 * community.plex.tv GraphQL answers (friends, a friend's watchlist) and the watchlist RSS feeds. Captures:
 * watchlistarr (`allFriendsV2`, `user.watchlist` pages, `POST /rss`). A GraphQL answer with `errors` and no data
 * is a `GraphQLError` (a `WatchlistPrivateError` when privacy hides the list), never an empty list.
 */
import { GraphQLError, WatchlistPrivateError } from '../errors.js';
import type { ParsedBody } from '../wire/body.js';
import { objectOf } from '../wire/body.js';
import { FieldTable } from '../wire/table.js';
import { toBool, toStr } from '../wire/values.js';
import type { Wire } from '../wire/wire.js';
import type { DiscoverItemType } from './discover-item.js';
import { type DecodeContext, missing } from './read.js';

/** A friend, as community.plex.tv lists them. */
export interface CommunityFriend {
  /** The friend's account uuid (16 hex digits): what `getFriendWatchlist` takes. Not the numeric account id. */
  uuid: string;
  username?: string;
  extra: Record<string, unknown>;
}

/** One item of a friend's watchlist. */
export interface FriendWatchlistItem {
  /** The provider id (a discover `ratingKey`): `getMetadata` gives its details and ids. */
  ratingKey: string;
  title?: string;
  /** Lower-cased (`movie`, `show`): GraphQL sends an upper-case enum. */
  type?: DiscoverItemType;
  /** The item's page on watch.plex.tv. */
  publicPagesURL?: string;
  extra: Record<string, unknown>;
}

/** One page of a friend's watchlist (GraphQL cursor paging). */
export interface FriendWatchlistPage {
  items: FriendWatchlistItem[];
  hasNextPage: boolean;
  /** Pass as `after` for the next page (null on some answers: then there is none). */
  endCursor?: string;
}

/** An RSS feed of a watchlist (`POST {discover}/rss`; Plex Pass only). */
export interface WatchlistFeed {
  /** `watchlist` (yours) or `friendsWatchlist` (your friends'). */
  feedType?: 'watchlist' | 'friendsWatchlist' | (string & {});
  uuid?: string;
  /** The feed: `https://rss.plex.tv/<uuid>` (add `?format=json` for JSON). */
  url: string;
  extra: Record<string, unknown>;
}

/** The GraphQL `data` of an answer, or the typed error its `errors` make (when `data` lacks `field`). */
export function graphqlData(body: ParsedBody, field: string, ctx: DecodeContext): Wire | undefined {
  const root = objectOf(body, 'graphql');
  if (root === undefined || root.format !== 'json') return undefined;
  const data = root.object('data');
  const value = data?.plain(field);
  if (data !== undefined && value !== undefined && value !== null) return data;
  const messages = root
    .objects('errors')
    .map((e) => toStr(e.get('message')))
    .filter((m): m is string => m !== undefined);
  if (messages.length === 0) return undefined;
  const context = { method: ctx.method, path: ctx.path, status: 200, messages };
  const text = `community GraphQL: ${messages[0]!.slice(0, 200)}`;
  throw /privacy|user not found/i.test(messages.join('\n'))
    ? new WatchlistPrivateError(text, context)
    : new GraphQLError(text, context);
}

const FRIEND = new FieldTable([['username', 'str']], ['id']);

/** `data.allFriendsV2[].user{id, username}`. A friend without an id is a `DecodeError`. */
export function decodeFriends(data: Wire, ctx: DecodeContext): CommunityFriend[] {
  const out: CommunityFriend[] = [];
  for (const entry of data.objects('allFriendsV2')) {
    const user = entry.object('user');
    if (user === undefined) continue;
    const uuid = toStr(user.get('id'));
    if (uuid === undefined) throw missing(user, 'id', user.get('id'), 'a non-empty string', ctx);
    const v = FRIEND.read(user);
    out.push({ uuid, username: v[0], extra: v[1] });
  }
  return out;
}

const NODE = new FieldTable(
  [
    ['title', 'str'],
    ['type', 'str'],
    ['publicPagesURL', 'str'],
  ],
  ['id'],
);

/** `data.user.watchlist{nodes[], pageInfo{hasNextPage, endCursor}}`. A node without an id is a `DecodeError`. */
export function decodeFriendWatchlist(data: Wire, ctx: DecodeContext): FriendWatchlistPage | undefined {
  const list = data.object('user')?.object('watchlist');
  if (list === undefined) return undefined;
  const items: FriendWatchlistItem[] = [];
  for (const node of list.objects('nodes')) {
    const ratingKey = toStr(node.get('id'));
    if (ratingKey === undefined) throw missing(node, 'id', node.get('id'), 'a non-empty string', ctx);
    const v = NODE.read(node);
    const type = v[1] as string | undefined;
    items.push({ ratingKey, title: v[0], type: type?.toLowerCase(), publicPagesURL: v[2], extra: v[3] });
  }
  const info = list.object('pageInfo');
  return {
    items,
    hasNextPage: toBool(info?.get('hasNextPage')) ?? false,
    endCursor: toStr(info?.get('endCursor')),
  };
}

const FEED = new FieldTable([
  ['feedType', 'str'],
  ['uuid', 'str'],
  ['url', 'str'],
]);

/** `{"RSSInfo":[{feedType, uuid, url}]}` (an array even for one feed). A feed without a `url` is a `DecodeError`. */
export function decodeWatchlistFeeds(body: ParsedBody, ctx: DecodeContext): WatchlistFeed[] | undefined {
  const root = objectOf(body, 'rss');
  if (root === undefined) return undefined;
  const wires = root.format === 'xml' ? root.repeated('RSSInfo') : root.objects('RSSInfo');
  const single = root.format === 'json' ? root.object('RSSInfo') : undefined;
  const all = single === undefined ? wires : [single];
  if (all.length === 0 && !root.keys().includes('RSSInfo')) return undefined;
  return all.map((w) => {
    const v = FEED.read(w);
    if (v[2] === undefined) throw missing(w, 'url', w.get('url'), 'a non-empty string', ctx);
    return { feedType: v[0], uuid: v[1], url: v[2], extra: v[3] };
  });
}
