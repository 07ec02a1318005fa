/**
 * The discover and watchlist methods of `MyPlexAccount`, under python-plexapi's / @ctrl/plex 7's names, as thin
 * wrappers over plextv's functions. A base class of the account, so the account file stays about the account.
 */
import type { PlexTvClient } from '../client.js';
import { type DiscoverItemRef, searchDiscover } from '../endpoints/discover.js';
import { getUserState, markUnwatched, markWatched } from '../endpoints/user-state.js';
import {
  addToWatchlist,
  onWatchlist,
  removeFromWatchlist,
  type WatchlistFilter,
  watchlist,
} from '../endpoints/watchlist.js';
import type { UserState } from '../models/discover.js';
import type { DiscoverItem } from '../models/discover-item.js';
import { MyPlexUrls } from './urls.js';

/** Options of `MyPlexAccount.watchlist()` (python-plexapi's names). */
export interface MyPlexWatchlistOptions {
  /** `all` (default), `available` or `released`. */
  filter?: WatchlistFilter;
  /** The provider's sort, e.g. `watchlistedAt:desc`. */
  sort?: string;
  /** Only movies or only shows. */
  libtype?: 'movie' | 'show';
  /** Stop after this many items. */
  maxresults?: number;
}

/** Options of `MyPlexAccount.searchDiscover()`. */
export interface MyPlexSearchDiscoverOptions {
  /** Most results (default 30). */
  limit?: number;
  /** Only movies or only shows (default both). */
  libtype?: 'movie' | 'show';
}

const many = (items: DiscoverItemRef | readonly DiscoverItemRef[]): readonly DiscoverItemRef[] =>
  Array.isArray(items) ? items : [items as DiscoverItemRef];

/** The discover half of `MyPlexAccount`. */
export abstract class MyPlexDiscover extends MyPlexUrls {
  /** The plextv client this account uses (with its token). */
  abstract get client(): PlexTvClient;

  /** Every item on the account's watchlist (page by page; `maxresults` stops early). */
  async watchlist(options: MyPlexWatchlistOptions = {}): Promise<DiscoverItem[]> {
    const { filter, sort, libtype, maxresults } = options;
    const out: DiscoverItem[] = [];
    if (maxresults !== undefined && maxresults <= 0) return out;
    const pageSize = maxresults === undefined ? 100 : Math.min(100, maxresults);
    for await (const item of watchlist(this.client, { filter, sort, type: libtype, pageSize })) {
      out.push(item);
      if (maxresults !== undefined && out.length >= maxresults) break;
    }
    return out;
  }

  /** Put items on the watchlist (an item, a ratingKey, or a list of them). Resolves with `this`. */
  async addToWatchlist(items: DiscoverItemRef | readonly DiscoverItemRef[]): Promise<this> {
    for (const item of many(items)) await addToWatchlist(this.client, item);
    return this;
  }

  /** Take items off the watchlist. Resolves with `this`. */
  async removeFromWatchlist(items: DiscoverItemRef | readonly DiscoverItemRef[]): Promise<this> {
    for (const item of many(items)) await removeFromWatchlist(this.client, item);
    return this;
  }

  /** Whether an item is on the watchlist (its user state has `watchlistedAt`). */
  onWatchlist(item: DiscoverItemRef): Promise<boolean> {
    return onWatchlist(this.client, item);
  }

  /** Search Plex's discover catalogue; the items, best match first (unverified answer shape). */
  async searchDiscover(query: string, options: MyPlexSearchDiscoverOptions = {}): Promise<DiscoverItem[]> {
    const { limit, libtype } = options;
    const hits = await searchDiscover(this.client, query, {
      ...(limit === undefined ? {} : { limit }),
      ...(libtype === undefined ? {} : { types: [libtype] }),
    });
    return hits.map((hit) => hit.item);
  }

  /** The user's state of an item: views, progress, rating, `watchlistedAt` (unverified shape). */
  userState(item: DiscoverItemRef): Promise<UserState> {
    return getUserState(this.client, item);
  }

  /** Whether an item was watched (its user state's `viewCount` is above 0). */
  async isPlayed(item: DiscoverItemRef): Promise<boolean> {
    return ((await getUserState(this.client, item)).viewCount ?? 0) > 0;
  }

  /** Mark an item watched (scrobble). Resolves with `this`. */
  async markPlayed(item: DiscoverItemRef): Promise<this> {
    await markWatched(this.client, item);
    return this;
  }

  /** Mark an item unwatched (unscrobble). Resolves with `this`. */
  async markUnplayed(item: DiscoverItemRef): Promise<this> {
    await markUnwatched(this.client, item);
    return this;
  }
}
