/**
 * The account's watchlist on Plex's discover provider: one page (with ETag / 304), every page, add, remove.
 * The list moved from metadata.provider to discover.provider in Aug 2025 (the old host now answers 404
 * "Section 'watchlist' not found!"). Captures: watchlistarr (an 11-item page, a page past the end).
 */
import type { PlexTvClient } from '../client.js';
import { providerContainer, readPageFields, type WatchlistPage } from '../models/discover.js';
import { type DiscoverItem, decodeDiscoverItem } from '../models/discover-item.js';
import type { CallOptions } from '../transport.js';
import { type BodyDecoder, decodeAnswer, type ParseOptions, parser } from './body.js';
import { call, describe } from './call.js';
import { type DiscoverItemRef, ratingKeyOf } from './discover.js';
import { checkWalk } from './paging.js';
import { route } from './route.js';
import { getUserState } from './user-state.js';

/** Which part of the watchlist: everything, what can be watched now, or what has been released. */
export type WatchlistFilter = 'all' | 'available' | 'released';

/** Options of `getWatchlist`. */
export interface GetWatchlistOptions extends CallOptions {
  /** Default `all`. */
  filter?: WatchlistFilter;
  /** Only movies or only shows (default both). */
  type?: 'movie' | 'show';
  /** The provider's sort, e.g. `watchlistedAt:desc`, `titleSort`, `originallyAvailableAt:desc`. */
  sort?: string;
  /** Index of the first item of the page (default 0). */
  start?: number;
  /** Items per page (default: the provider's; it sent 20 when asked for none). */
  size?: number;
  /** The `etag` of a page read before: an unchanged list then answers `{ notModified: true }` (HTTP 304). */
  etag?: string;
}

/** The answer when the list is unchanged since the page whose `etag` was sent (HTTP 304). */
export interface WatchlistNotModified {
  notModified: true;
  /** The ETag still current (the one sent, unless the provider named another). */
  etag: string | undefined;
}

const FILTERS: readonly WatchlistFilter[] = ['all', 'available', 'released'];
const TYPES = { movie: 1, show: 2 } as const;

/** A watchlist page body: the container's paging fields and its items (`Metadata` absent past the end). */
const WATCHLIST_PAGE: BodyDecoder<WatchlistPage, { start?: number }> = {
  field: 'watchlist',
  expected: 'a MediaContainer watchlist page',
  read: (body, ctx) => {
    const found = providerContainer(body, 'watchlist');
    if (found === undefined) return undefined;
    const fields = readPageFields(found.container);
    const items = found.items.map((w) => decodeDiscoverItem(w, ctx));
    return {
      items,
      offset: fields.offset ?? ctx.start ?? 0,
      size: items.length,
      totalSize: fields.totalSize,
      extra: fields.extra,
    };
  },
};

const GET_WATCHLIST = route('getWatchlist', 'GET /library/sections/watchlist/{filter}', {
  host: 'discover',
  params: { filter: 'a watchlist filter (all, available or released)' },
  body: WATCHLIST_PAGE,
});

/**
 * One page of the watchlist (`GET {discover}/library/sections/watchlist/{filter}?includeCollections=1&includeExternalMedia=1`,
 * paged by the `X-Plex-Container-Start` / `X-Plex-Container-Size` query parameters). A page past the end has no
 * items. With `etag` (from a page read before), an unchanged list answers `{ notModified: true, etag }` (304)
 * instead of a page, as Seerr relies on.
 */
export async function getWatchlist(
  client: PlexTvClient,
  options: GetWatchlistOptions = {},
): Promise<WatchlistPage | WatchlistNotModified> {
  const { filter = 'all', type, sort, start, size, etag, ...callOptions } = options;
  if (!FILTERS.includes(filter)) {
    throw new TypeError(
      `plextv: getWatchlist filter must be all, available or released, got ${String(filter)}`,
    );
  }
  if (type !== undefined && !Object.hasOwn(TYPES, type)) {
    throw new TypeError(`plextv: getWatchlist type must be movie or show, got ${String(type)}`);
  }
  const input = {
    params: { filter },
    query: {
      includeCollections: 1,
      includeExternalMedia: 1,
      sort,
      type: type === undefined ? undefined : TYPES[type],
      'X-Plex-Container-Start': start,
      'X-Plex-Container-Size': size,
    },
  };
  const headers =
    etag === undefined ? callOptions.headers : { ...callOptions.headers, 'If-None-Match': etag };
  const spec = describe(GET_WATCHLIST, input, { ...callOptions, ...(headers ? { headers } : {}) });
  const response = await client.request(spec);
  const answered = response.headers.get('etag') ?? undefined;
  // 304: the transport hands back the empty answer as a success; it is no page to decode.
  if (response.status === 304) return { notModified: true, etag: answered ?? etag };
  const page = decodeAnswer(response, WATCHLIST_PAGE, { method: spec.method, path: spec.path, start });
  return answered === undefined ? page : { ...page, etag: answered };
}

/** Decode a watchlist page body you already have (JSON or XML). */
export const parseWatchlistPage: (text: string, options?: ParseOptions) => Promise<WatchlistPage> = parser(
  WATCHLIST_PAGE,
  'watchlist page',
);

/** Options of `watchlist` and `watchlistPages`: those of `getWatchlist` minus paging and ETag. */
export interface WatchlistOptions extends Omit<GetWatchlistOptions, 'start' | 'size' | 'etag'> {
  /** Items per request (default 100, as python-plexapi). */
  pageSize?: number;
}

/**
 * Every page of the watchlist, in order, one request each. Stops at `totalSize`, at a page without items (past
 * the end), at a short page when the provider gives no `totalSize`, and when a page repeats one before (a
 * provider ignoring the paging parameters, or cycling). A provider that never ends fails with
 * `ResponseTooLargeError` past 100 000 items or 10 000 pages.
 */
export async function* watchlistPages(
  client: PlexTvClient,
  options: WatchlistOptions = {},
): AsyncGenerator<WatchlistPage, void, undefined> {
  const { pageSize = 100, ...rest } = options;
  if (!Number.isSafeInteger(pageSize) || pageSize < 1) {
    throw new TypeError(`plextv: watchlist pageSize must be a positive integer, got ${String(pageSize)}`);
  }
  let start = 0;
  // The first item of every page read: a page seen before (the same one again, or a cycle) ends the walk.
  const firsts = new Set<string>();
  for (let pages = 0; ; pages++) {
    checkWalk('watchlist', { method: 'GET', path: '/library/sections/watchlist' }, pages, start);
    const page = await getWatchlist(client, { ...rest, start, size: pageSize });
    // No etag was sent, so no 304 is expected; a provider sending one anyway has nothing more to give.
    if (page.notModified === true || page.items.length === 0) return;
    const first = page.items[0]!.ratingKey;
    if (firsts.has(first)) return;
    firsts.add(first);
    yield page;
    start += page.items.length;
    if (page.totalSize !== undefined ? start >= page.totalSize : page.items.length < pageSize) return;
  }
}

/** Every item on the watchlist (`watchlistPages`, flattened): `for await (const item of watchlist(client))`. */
export async function* watchlist(
  client: PlexTvClient,
  options: WatchlistOptions = {},
): AsyncGenerator<DiscoverItem, void, undefined> {
  for await (const page of watchlistPages(client, options)) yield* page.items;
}

const ADD = route('addToWatchlist', 'PUT /actions/addToWatchlist', { host: 'discover' });
const REMOVE = route('removeFromWatchlist', 'PUT /actions/removeFromWatchlist', { host: 'discover' });

/**
 * Put an item on the watchlist (`PUT {discover}/actions/addToWatchlist?ratingKey=`). The answer's body is not
 * read (unverified; no capture).
 */
export async function addToWatchlist(
  client: PlexTvClient,
  item: DiscoverItemRef,
  options: CallOptions = {},
): Promise<void> {
  await call(client, ADD, { query: { ratingKey: ratingKeyOf(item, 'addToWatchlist') } }, options);
}

/**
 * Take an item off the watchlist (`PUT {discover}/actions/removeFromWatchlist?ratingKey=`). The answer's body is
 * not read (unverified; no capture).
 */
export async function removeFromWatchlist(
  client: PlexTvClient,
  item: DiscoverItemRef,
  options: CallOptions = {},
): Promise<void> {
  await call(client, REMOVE, { query: { ratingKey: ratingKeyOf(item, 'removeFromWatchlist') } }, options);
}

/** Whether an item is on the watchlist: its user state has a `watchlistedAt` (as python-plexapi decides). */
export async function onWatchlist(
  client: PlexTvClient,
  item: DiscoverItemRef,
  options: CallOptions = {},
): Promise<boolean> {
  const state = await getUserState(client, ratingKeyOf(item, 'onWatchlist'), options);
  return state.watchlistedAt !== undefined;
}
