/** Seed -> discover state: the catalogue expanded (shows get seasons and episodes), watchlists, views. */

import type { DiscoverItem, DiscoverState } from '../state/model.js';
import { CATALOGUE, type CatalogueEntry } from './catalogue.js';
import { episodeKey, seasonKey as seasonKeyOf } from './derived-key.js';
import type { SeedWatchlist } from './watchlists.js';

const epoch = (date: string) => Math.floor(Date.parse(`${date}T00:00:00Z`) / 1000);
const plusDays = (date: string, days: number) =>
  new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

function baseItem(e: CatalogueEntry): DiscoverItem {
  const image = (kind: string) =>
    `https://metadata-static.plex.tv/${e.ratingKey[0]}/gracenote/${e.ratingKey}-${kind}.jpg`;
  return {
    ratingKey: e.ratingKey,
    type: e.type,
    title: e.title,
    slug: e.slug,
    year: e.year,
    released: e.released,
    addedAt: epoch(e.released),
    studio: e.studio,
    contentRating: e.contentRating,
    duration: e.minutes * 60_000,
    tagline: e.tagline ?? null,
    summary: e.summary,
    genres: e.genres,
    imdb: e.imdb ?? null,
    tmdb: e.tmdb ?? null,
    tvdb: e.tvdb ?? null,
    rating: e.rating ?? null,
    critic: e.critic ?? null,
    thumb: e.thumb ?? image('poster'),
    art: e.art ?? image('background'),
    cast: e.cast,
    director: e.director ?? null,
    continuing: e.continuing ?? false,
    unavailable: e.unavailable ?? false,
    index: 0,
    parentKey: null,
    grandparentKey: null,
    childKeys: [],
  };
}

/** A show's seasons (a week apart) and episodes (a week apart within the season). */
function addSeasons(catalogue: Map<string, DiscoverItem>, show: DiscoverItem, seasons: number[]): void {
  let date = show.released;
  seasons.forEach((episodes, s) => {
    const seasonKey = seasonKeyOf(show.ratingKey, s + 1);
    const season: DiscoverItem = {
      ...baseItem({ ...entryOf(show), ratingKey: seasonKey, title: `Season ${s + 1}`, released: date }),
      type: 'season',
      year: Number(date.slice(0, 4)),
      thumb: show.thumb,
      art: show.art,
      imdb: null,
      tmdb: null,
      tvdb: null,
      tagline: null,
      index: s + 1,
      parentKey: show.ratingKey,
    };
    catalogue.set(seasonKey, season);
    show.childKeys.push(seasonKey);
    for (let n = 1; n <= episodes; n++) {
      const key = episodeKey(show.ratingKey, s + 1, n);
      const aired = plusDays(date, (n - 1) * 7);
      catalogue.set(key, {
        ...season,
        ratingKey: key,
        type: 'episode',
        title: `Episode ${n}`,
        summary: `${show.title}, season ${s + 1}, episode ${n}.`,
        released: aired,
        year: Number(aired.slice(0, 4)),
        addedAt: epoch(aired),
        index: n,
        parentKey: seasonKey,
        grandparentKey: show.ratingKey,
        childKeys: [],
      });
      season.childKeys.push(key);
    }
    date = plusDays(date, 365);
  });
}

function entryOf(item: DiscoverItem): CatalogueEntry {
  return CATALOGUE.find((e) => e.ratingKey === item.ratingKey)!;
}

/** The expanded catalogue, in catalogue order (shows followed by their seasons and episodes). */
export function buildCatalogue(): Map<string, DiscoverItem> {
  const catalogue = new Map<string, DiscoverItem>();
  for (const entry of CATALOGUE) {
    const item = baseItem(entry);
    catalogue.set(item.ratingKey, item);
    if (entry.seasons) addSeasons(catalogue, item, entry.seasons);
  }
  return catalogue;
}

/**
 * The discover state for a seed: each seeded watchlist's items newest first (the first an hour
 * before the seed clock, then a day apart), its privacy, and its watched items (viewed a day ago).
 */
export function buildDiscover(
  watchlists: SeedWatchlist[],
  resolve: (ref: number | string) => number,
  seedNow: number,
): DiscoverState {
  const discover: DiscoverState = {
    catalogue: buildCatalogue(),
    watchlists: new Map(),
    views: new Map(),
    privateWatchlists: new Set(),
  };
  for (const w of watchlists) {
    const accountId = resolve(w.account);
    discover.watchlists.set(
      accountId,
      w.items.map((ratingKey, i) => ({ ratingKey, watchlistedAt: seedNow - 3600 - i * 86_400 })),
    );
    if (w.private) discover.privateWatchlists.add(accountId);
    for (const key of w.watched ?? []) {
      const item = discover.catalogue.get(key)!;
      const leaves = item.type === 'show' || item.type === 'season' ? collectLeaves(discover, item) : [item];
      for (const leaf of leaves) {
        discover.views.set(`${accountId}:${leaf.ratingKey}`, {
          viewCount: 1,
          viewOffset: 0,
          lastViewedAt: seedNow - 86_400,
        });
      }
    }
  }
  return discover;
}

function collectLeaves(discover: DiscoverState, item: DiscoverItem): DiscoverItem[] {
  if (item.childKeys.length === 0) return item.type === 'episode' ? [item] : [];
  return item.childKeys.flatMap((k) => collectLeaves(discover, discover.catalogue.get(k)!));
}
