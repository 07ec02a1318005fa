/**
 * Watchlists, view state, search and friends' visibility over the discover catalogue. Routes read
 * and change the world only through these helpers; wire/discover.ts renders what they return.
 */

import { connected } from './friends.js';
import type { DiscoverItem, EmulatorState, ViewState, WatchlistEntry } from './model.js';

/** The watchlist filters (the path's last segment). */
export const WATCHLIST_FILTERS = ['all', 'available', 'released'] as const;
/** One of the watchlist filters. */
export type WatchlistFilter = (typeof WATCHLIST_FILTERS)[number];

/** An item's user state as `/userState` reports it. */
export interface UserState {
  viewCount: number;
  viewOffset: number;
  lastViewedAt: number | null;
  viewState: 'complete' | 'partial' | null;
  /** Shows and seasons: watched episodes; null for movies and episodes. */
  viewedLeafCount: number | null;
  watchlistedAt: number | null;
}

const viewKey = (accountId: number, ratingKey: string) => `${accountId}:${ratingKey}`;

export function catalogueItem(state: EmulatorState, ratingKey: string): DiscoverItem | undefined {
  return state.discover.catalogue.get(ratingKey);
}

/** Only movies and shows go on a watchlist. */
export function watchlistable(item: DiscoverItem): boolean {
  return item.type === 'movie' || item.type === 'show';
}

export function watchlistOf(state: EmulatorState, accountId: number): WatchlistEntry[] {
  return state.discover.watchlists.get(accountId) ?? [];
}

export function watchlistedAt(state: EmulatorState, accountId: number, ratingKey: string): number | null {
  return watchlistOf(state, accountId).find((e) => e.ratingKey === ratingKey)?.watchlistedAt ?? null;
}

/**
 * Put an item on top of the account's watchlist (idempotent: already there keeps its date). Two
 * adds in the same second get distinct dates, so community's timestamp cursors stay unique.
 */
export function addToWatchlist(
  state: EmulatorState,
  accountId: number,
  ratingKey: string,
  now: number,
): void {
  const list = watchlistOf(state, accountId);
  if (list.some((e) => e.ratingKey === ratingKey)) return;
  const newest = list[0]?.watchlistedAt ?? 0;
  state.discover.watchlists.set(accountId, [
    { ratingKey, watchlistedAt: Math.max(now, newest + 1) },
    ...list,
  ]);
}

export function removeFromWatchlist(state: EmulatorState, accountId: number, ratingKey: string): void {
  const list = watchlistOf(state, accountId).filter((e) => e.ratingKey !== ratingKey);
  state.discover.watchlists.set(accountId, list);
}

/** The playable leaves under an item: a show's or season's episodes, or the item itself. */
export function leavesOf(state: EmulatorState, item: DiscoverItem): DiscoverItem[] {
  if (item.type === 'movie' || item.type === 'episode') return [item];
  return item.childKeys.flatMap((key) => {
    const child = catalogueItem(state, key);
    return child ? leavesOf(state, child) : [];
  });
}

function viewOf(state: EmulatorState, accountId: number, ratingKey: string): ViewState | undefined {
  return state.discover.views.get(viewKey(accountId, ratingKey));
}

/** Mark watched (every leaf under a show or season): viewCount + 1, offset 0, lastViewedAt now. */
export function scrobble(state: EmulatorState, accountId: number, item: DiscoverItem, now: number): void {
  for (const leaf of leavesOf(state, item)) {
    const view = viewOf(state, accountId, leaf.ratingKey);
    state.discover.views.set(viewKey(accountId, leaf.ratingKey), {
      viewCount: (view?.viewCount ?? 0) + 1,
      viewOffset: 0,
      lastViewedAt: now,
    });
  }
}

/** Mark unwatched (every leaf): the view state is forgotten. */
export function unscrobble(state: EmulatorState, accountId: number, item: DiscoverItem): void {
  for (const leaf of leavesOf(state, item)) state.discover.views.delete(viewKey(accountId, leaf.ratingKey));
}

export function userStateOf(state: EmulatorState, accountId: number, item: DiscoverItem): UserState {
  const onList = watchlistedAt(state, accountId, item.ratingKey);
  if (item.type === 'movie' || item.type === 'episode') {
    const view = viewOf(state, accountId, item.ratingKey);
    const viewCount = view?.viewCount ?? 0;
    const viewOffset = view?.viewOffset ?? 0;
    return {
      viewCount,
      viewOffset,
      lastViewedAt: view?.lastViewedAt ?? null,
      viewState: viewCount > 0 ? 'complete' : viewOffset > 0 ? 'partial' : null,
      viewedLeafCount: null,
      watchlistedAt: onList,
    };
  }
  const leaves = leavesOf(state, item);
  const views = leaves.map((l) => viewOf(state, accountId, l.ratingKey)).filter((v) => v !== undefined);
  const watched = views.filter((v) => v.viewCount > 0).length;
  const last = Math.max(0, ...views.map((v) => v.lastViewedAt ?? 0));
  const complete = leaves.length > 0 && watched === leaves.length;
  return {
    viewCount: complete ? Math.min(...views.map((v) => v.viewCount)) : 0,
    viewOffset: 0,
    lastViewedAt: last > 0 ? last : null,
    viewState: complete ? 'complete' : watched > 0 ? 'partial' : null,
    viewedLeafCount: watched,
    watchlistedAt: onList,
  };
}

/** The `userState` flag on an item: whether the account has any view state for it. */
export function hasUserState(state: EmulatorState, accountId: number, item: DiscoverItem): boolean {
  return leavesOf(state, item).some((l) => state.discover.views.has(viewKey(accountId, l.ratingKey)));
}

/** `type=1|movie` or `2|show` (python-plexapi sends the numbers); null: no filter; undefined: unknown. */
export function parseTypeFilter(value: string | undefined): 'movie' | 'show' | null | undefined {
  if (value === undefined || value === '') return null;
  if (value === '1' || value === 'movie') return 'movie';
  if (value === '2' || value === 'show') return 'show';
  return undefined;
}

const SORT_FIELDS: Record<string, (e: { item: DiscoverItem; entry: WatchlistEntry }) => string | number> = {
  watchlistedAt: (e) => e.entry.watchlistedAt,
  addedAt: (e) => e.entry.watchlistedAt,
  titleSort: (e) => e.item.title.toLowerCase(),
  title: (e) => e.item.title.toLowerCase(),
  originallyAvailableAt: (e) => e.item.released,
  year: (e) => e.item.year,
  rating: (e) => e.item.rating ?? 0,
};

/** The watchlist after filter, type and sort (`field[:asc|:desc]`; default newest first; unknown fields ignored). */
export function listWatchlist(
  state: EmulatorState,
  accountId: number,
  options: { filter: WatchlistFilter; type: 'movie' | 'show' | null; sort: string | undefined; now: number },
): Array<{ item: DiscoverItem; entry: WatchlistEntry }> {
  const today = new Date(options.now * 1000).toISOString().slice(0, 10);
  let rows = watchlistOf(state, accountId).flatMap((entry) => {
    const item = catalogueItem(state, entry.ratingKey);
    return item ? [{ item, entry }] : [];
  });
  if (options.type !== null) rows = rows.filter((r) => r.item.type === options.type);
  if (options.filter !== 'all') rows = rows.filter((r) => r.item.released <= today);
  if (options.filter === 'available') rows = rows.filter((r) => !r.item.unavailable);
  const [field = '', direction = 'asc'] = (options.sort ?? '').split(':');
  const key = SORT_FIELDS[field];
  if (key) {
    const sign = direction === 'desc' ? -1 : 1;
    rows = [...rows].sort((a, b) => {
      const x = key(a);
      const y = key(b);
      return x < y ? -sign : x > y ? sign : 0;
    });
  }
  return rows;
}

/** Movies and shows whose title contains every word of the query (case-insensitive), best first. */
export function searchCatalogue(
  state: EmulatorState,
  query: string,
  types: ReadonlyArray<'movie' | 'show'>,
  limit: number,
): Array<{ item: DiscoverItem; score: number }> {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return [];
  const hits: Array<{ item: DiscoverItem; score: number }> = [];
  for (const item of state.discover.catalogue.values()) {
    if (!(types as readonly string[]).includes(item.type)) continue;
    const title = item.title.toLowerCase();
    if (!words.every((w) => title.includes(w))) continue;
    const exact = title === words.join(' ');
    const score = exact ? 1 : Math.round((words.join(' ').length / title.length) * 100) / 100;
    hits.push({ item, score });
  }
  hits.sort((a, b) => b.score - a.score || a.item.title.localeCompare(b.item.title));
  return hits.slice(0, limit);
}

/** Whether `viewerId` may read `ownerId`'s watchlist: themselves, or a friend when it is not private. */
export function watchlistVisibility(
  state: EmulatorState,
  viewerId: number,
  ownerId: number,
): 'visible' | 'private' | 'stranger' {
  if (viewerId === ownerId) return 'visible';
  if (!connected(state, viewerId, ownerId)) return 'stranger';
  return state.discover.privateWatchlists.has(ownerId) ? 'private' : 'visible';
}
