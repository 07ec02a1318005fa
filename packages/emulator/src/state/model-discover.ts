/**
 * The discover provider's records: the catalogue (movies, shows, seasons, episodes, expanded from
 * seed/catalogue.ts), each account's watchlist and per-item user state, and which watchlists are
 * private to friends.
 */

/** A catalogue item of any level. Shows hold their seasons' keys, seasons their episodes'. */
export interface DiscoverItem {
  ratingKey: string;
  type: 'movie' | 'show' | 'season' | 'episode';
  title: string;
  slug: string;
  year: number;
  /** YYYY-MM-DD */
  released: string;
  /** epoch seconds (`addedAt`: the provider's own date, here the release date). */
  addedAt: number;
  studio: string;
  contentRating: string;
  /** milliseconds */
  duration: number;
  tagline: string | null;
  summary: string;
  genres: string[];
  imdb: string | null;
  tmdb: number | null;
  tvdb: number | null;
  rating: number | null;
  critic: number | null;
  thumb: string;
  art: string;
  cast: string[];
  director: string | null;
  continuing: boolean;
  unavailable: boolean;
  /** season/episode number (`index`); 0 for movies and shows. */
  index: number;
  /** The parent (season of an episode, show of a season) and grandparent (show of an episode). */
  parentKey: string | null;
  grandparentKey: string | null;
  /** Shows: season keys; seasons: episode keys; otherwise empty. */
  childKeys: string[];
}

/** One watchlist entry. */
export interface WatchlistEntry {
  ratingKey: string;
  /** epoch seconds; entries are unique per (account, ratingKey) and kept newest first. */
  watchlistedAt: number;
}

/** What an account did with one item (movie or episode; show/season views are derived). */
export interface ViewState {
  viewCount: number;
  /** milliseconds */
  viewOffset: number;
  /** epoch seconds, or null when never viewed. */
  lastViewedAt: number | null;
}

/** The discover side of the world. */
export interface DiscoverState {
  catalogue: Map<string, DiscoverItem>;
  /** account id -> entries, newest first. */
  watchlists: Map<number, WatchlistEntry[]>;
  /** `${accountId}:${ratingKey}` -> view state. */
  views: Map<string, ViewState>;
  /** Accounts whose watchlist friends may not see (community answers the privacy error). */
  privateWatchlists: Set<number>;
}
