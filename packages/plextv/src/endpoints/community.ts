/**
 * Friends' watchlists, over community.plex.tv's GraphQL API (`POST {community}/api`, JSON
 * `{query, variables, operationName}`), and the watchlist RSS feeds (`POST {discover}/rss`). What users keep
 * asking for: a friend's list read with your own token, not theirs. Captures: watchlistarr.
 */
import type { PlexTvClient } from '../client.js';
import { scrub } from '../error-map.js';
import { BadRequestError, GraphQLError, WatchlistPrivateError } from '../errors.js';
import {
  type CommunityFriend,
  decodeFriends,
  decodeFriendWatchlist,
  decodeWatchlistFeeds,
  type FriendWatchlistItem,
  type FriendWatchlistPage,
  graphqlData,
  type WatchlistFeed,
} from '../models/community.js';
import { decodeWatchlistFeed, type WatchlistFeedContent } from '../models/watchlist-feed.js';
import type { CallOptions } from '../transport.js';
import { type BodyDecoder, type ParseOptions, parser } from './body.js';
import { call } from './call.js';
import { checkWalk } from './paging.js';
import { route } from './route.js';

const FRIENDS_QUERY = 'query GetAllFriends { allFriendsV2 { user { id username } } }';
const WATCHLIST_QUERY = `query GetWatchlistHub($uuid: ID = "", $first: PaginationInt!, $after: String) {
  user(id: $uuid) {
    watchlist(first: $first, after: $after) {
      nodes { id title type publicPagesURL }
      pageInfo { hasNextPage endCursor }
    }
  }
}`;

const FRIENDS: BodyDecoder<CommunityFriend[]> = {
  field: 'allFriendsV2',
  expected: 'a GraphQL allFriendsV2 answer',
  read: (body, ctx) => {
    const data = graphqlData(body, 'allFriendsV2', ctx);
    return data === undefined ? undefined : decodeFriends(data, ctx);
  },
};

const FRIEND_WATCHLIST: BodyDecoder<FriendWatchlistPage> = {
  field: 'watchlist',
  expected: 'a GraphQL user.watchlist answer',
  read: (body, ctx) => {
    const data = graphqlData(body, 'user', ctx);
    return data === undefined ? undefined : decodeFriendWatchlist(data, ctx);
  },
};

// GraphQL reads are POSTs that change nothing: safe to retry.
const GET_FRIENDS = route('getCommunityFriends', 'POST /api', {
  host: 'community',
  idempotent: true,
  body: FRIENDS,
});
const GET_FRIEND_WATCHLIST = route('getFriendWatchlist', 'POST /api', {
  host: 'community',
  idempotent: true,
  body: FRIEND_WATCHLIST,
});

/** GraphQL errors as typed errors, scrubbed of the token; a 400 about privacy becomes `WatchlistPrivateError`. */
async function graphql<T>(client: PlexTvClient, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    const secrets = [client.getToken()];
    if (error instanceof GraphQLError) {
      const Type = error instanceof WatchlistPrivateError ? WatchlistPrivateError : GraphQLError;
      throw new Type(scrub(error.message, secrets), {
        status: error.status,
        method: error.method,
        path: error.path,
        messages: error.messages.map((m) => scrub(m, secrets)),
      });
    }
    // Query errors may also come as HTTP 400 with the same `errors` body (Maintainerr PR #3400).
    if (error instanceof BadRequestError && /privacy/i.test(error.message)) {
      throw new WatchlistPrivateError(error.message, {
        status: error.status,
        method: error.method,
        path: error.path,
        messages: [error.message],
      });
    }
    throw error;
  }
}

/** Your friends as community.plex.tv lists them (`allFriendsV2`), each with the uuid their watchlist is read by. */
export async function getCommunityFriends(
  client: PlexTvClient,
  options: CallOptions = {},
): Promise<CommunityFriend[]> {
  const json = { query: FRIENDS_QUERY, variables: {}, operationName: 'GetAllFriends' };
  return graphql(client, () => call(client, GET_FRIENDS, { json }, options));
}

/** Options of `getFriendWatchlist`. */
export interface FriendWatchlistOptions extends CallOptions {
  /** Items per page (default 100). */
  first?: number;
  /** The `endCursor` of the page before. */
  after?: string;
}

/**
 * One page of a friend's watchlist (`user(id: $uuid) { watchlist(first, after) }`), read with your token. A
 * list hidden by the friend's privacy settings (or an account that is not your friend) is a
 * `WatchlistPrivateError`, not an empty page.
 */
export async function getFriendWatchlist(
  client: PlexTvClient,
  friendUuid: string,
  options: FriendWatchlistOptions = {},
): Promise<FriendWatchlistPage> {
  if (typeof friendUuid !== 'string' || friendUuid.trim() === '') {
    throw new TypeError("plextv: getFriendWatchlist needs the friend's uuid (CommunityFriend.uuid)");
  }
  const { first = 100, after, ...callOptions } = options;
  const json = {
    query: WATCHLIST_QUERY,
    variables: { uuid: friendUuid, first, ...(after === undefined ? {} : { after }) },
    operationName: 'GetWatchlistHub',
  };
  return graphql(client, () => call(client, GET_FRIEND_WATCHLIST, { json }, callOptions));
}

/**
 * Every item of one friend's watchlist, page after page (stops when a cursor repeats; past 100 000 items or
 * 10 000 pages a `ResponseTooLargeError`).
 */
async function wholeFriendWatchlist(
  client: PlexTvClient,
  uuid: string,
  first: number,
  options: CallOptions,
): Promise<FriendWatchlistItem[]> {
  const items: FriendWatchlistItem[] = [];
  const seen = new Set<string>();
  let after: string | undefined;
  for (let pages = 0; ; pages++) {
    checkWalk("a friend's watchlist", { method: 'POST', path: '/api' }, pages, items.length);
    const page = await getFriendWatchlist(client, uuid, {
      ...options,
      first,
      ...(after === undefined ? {} : { after }),
    });
    items.push(...page.items);
    if (!page.hasNextPage || page.endCursor === undefined || seen.has(page.endCursor)) return items;
    seen.add(page.endCursor);
    after = page.endCursor;
  }
}

/** One friend's whole watchlist, or why it could not be read. */
export interface FriendWatchlist {
  friend: CommunityFriend;
  items: FriendWatchlistItem[];
  /** Set when this friend's list could not be read (`WatchlistPrivateError` for a private one); `items` is then empty. */
  error?: GraphQLError;
}

/** Options of `getFriendsWatchlists`. */
export interface FriendsWatchlistsOptions extends CallOptions {
  /** Friends read at once (default 4). */
  concurrency?: number;
  /** Items per page (default 100). */
  first?: number;
}

/**
 * Every friend's whole watchlist: the friends (`allFriendsV2`), then each list, a few at a time. A private list
 * is reported on its friend (`error`), not thrown; any other failure (network, auth) rejects the whole call.
 */
export async function getFriendsWatchlists(
  client: PlexTvClient,
  options: FriendsWatchlistsOptions = {},
): Promise<FriendWatchlist[]> {
  const { concurrency = 4, first = 100, ...callOptions } = options;
  const friends = await getCommunityFriends(client, callOptions);
  const results: FriendWatchlist[] = new Array(friends.length);
  let next = 0;
  const worker = async () => {
    while (next < friends.length) {
      const i = next++;
      const friend = friends[i]!;
      try {
        results[i] = { friend, items: await wholeFriendWatchlist(client, friend.uuid, first, callOptions) };
      } catch (error) {
        if (!(error instanceof GraphQLError)) throw error;
        results[i] = { friend, items: [], error };
      }
    }
  };
  const width = Math.max(1, Math.min(Number.isSafeInteger(concurrency) ? concurrency : 4, friends.length));
  await Promise.all(Array.from({ length: width }, worker));
  return results;
}

/** Decode an `allFriendsV2` GraphQL answer you already have. GraphQL errors throw `GraphQLError`. */
export const parseCommunityFriends: (text: string, options?: ParseOptions) => Promise<CommunityFriend[]> =
  parser(FRIENDS, 'community friends');

/** Decode a `user.watchlist` GraphQL answer you already have. A private list throws `WatchlistPrivateError`. */
export const parseFriendWatchlist: (text: string, options?: ParseOptions) => Promise<FriendWatchlistPage> =
  parser(FRIEND_WATCHLIST, 'friend watchlist');

// ---- RSS feeds ----

const FEEDS: BodyDecoder<WatchlistFeed[]> = {
  field: 'RSSInfo',
  expected: 'an RSSInfo list',
  read: decodeWatchlistFeeds,
};

const CREATE_FEED = route('getWatchlistFeeds', 'POST /rss', { host: 'discover', body: FEEDS });

/**
 * The RSS feeds of your watchlist and of your friends' watchlists (`POST {discover}/rss` with
 * `{"feedType":"watchlist"}` and `{"feedType":"friendsWatchlist"}`, in parallel), each `https://rss.plex.tv/<uuid>`.
 * Plex Pass only: without it the provider refuses (a typed HTTP error).
 */
export async function getWatchlistFeeds(
  client: PlexTvClient,
  options: CallOptions = {},
): Promise<WatchlistFeed[]> {
  const answers = await Promise.all(
    (['watchlist', 'friendsWatchlist'] as const).map((feedType) =>
      call(client, CREATE_FEED, { json: { feedType } }, options).then((feeds) =>
        feeds.map((feed) => ({ ...feed, feedType: feed.feedType ?? feedType })),
      ),
    ),
  );
  // The provider may hand out one feed for both asks: each URL once.
  const byUrl = new Map<string, WatchlistFeed>();
  for (const feed of answers.flat()) if (!byUrl.has(feed.url)) byUrl.set(feed.url, feed);
  return [...byUrl.values()];
}

/** Decode a `POST /rss` answer you already have. */
export const parseWatchlistFeeds: (text: string, options?: ParseOptions) => Promise<WatchlistFeed[]> = parser(
  FEEDS,
  'watchlist feeds',
);

const FEED_CONTENT: BodyDecoder<WatchlistFeedContent> = {
  field: 'feed',
  expected: 'a watchlist feed read as JSON',
  read: decodeWatchlistFeed,
};

/**
 * Decode a watchlist RSS feed fetched as JSON (`GET https://rss.plex.tv/<uuid>?format=json`, a URL from
 * `getWatchlistFeeds`; the feed needs no token, so fetch it yourself). Items carry their imdb/tmdb/tvdb ids.
 */
export const parseWatchlistFeed: (text: string, options?: ParseOptions) => Promise<WatchlistFeedContent> =
  parser(FEED_CONTENT, 'watchlist feed');
