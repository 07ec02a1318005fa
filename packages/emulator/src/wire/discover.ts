/**
 * The discover/metadata provider's documents, shaped after watchlistarr's captures: watchlist pages
 * (watchlist-from-token.json), single items (single-item-plex-metadata*.json), `/children`
 * (…children-143bb93.json) and the provider root (plex-api.rs index.json). JSON keys come in the
 * captures' order; XML writes the same data as `<MediaContainer>` with `<Video>` (movies, episodes)
 * and `<Directory>` (shows, seasons) elements, scalars as attributes (flags 0/1) and lists as child
 * elements (`<Image>`, `<Guid>`, …), as the metadata host's XML does (PlexKodiConnect PR #2041).
 * Episodes, search results and user state have no capture: their shapes are unverified.
 */

import type { UserState } from '../state/discover.js';
import type { DiscoverItem } from '../state/model.js';
import { derivedKey } from '../util/hex-key.js';
import type { XmlAttrValue, XmlElement } from './xml.js';

/** A JSON object as the provider writes it. */
export type Json = Record<string, unknown>;

/** The provider identifiers the containers carry. */
export const PROVIDER_IDS = {
  discover: 'tv.plex.provider.discover',
  metadata: 'tv.plex.provider.metadata',
} as const;

const WATCH = 'https://watch.plex.tv';
const SOURCE = 'provider://tv.plex.provider.metadata';

const slugify = (s: string) =>
  s
    .normalize('NFD')
    .replace(/[^\w\s-]/g, '')
    .trim()
    .toLowerCase()
    .replace(/\s+/g, '-');

/** A deterministic count that looks like a vote tally (the captures' `imdbRatingCount`). */
const voteCount = (item: DiscoverItem) => Number.parseInt(item.ratingKey.slice(-5), 16) * 7 + 1000;

function images(item: DiscoverItem): Json[] {
  return [
    { alt: item.title, type: 'background', url: item.art },
    { alt: item.title, type: 'coverPoster', url: item.thumb },
  ];
}

/** `Guid[]`: the external ids (imdb, tmdb, tvdb), as `{id: "imdb://tt…"}`. */
function guids(item: DiscoverItem): Json[] {
  const out: Json[] = [];
  if (item.imdb) out.push({ id: `imdb://${item.imdb}` });
  if (item.tmdb !== null) out.push({ id: `tmdb://${item.tmdb}` });
  if (item.tvdb !== null) out.push({ id: `tvdb://${item.tvdb}` });
  return out;
}

function person(name: string, order: number | null, role: string | null): Json {
  const id = derivedKey('person', name);
  const out: Json = { key: `/library/people/${id}`, id };
  if (order !== null) out.order = order;
  Object.assign(out, {
    slug: slugify(name),
    tag: name,
    thumb: `https://metadata-static.plex.tv/${id[0]}/people/${derivedKey('thumb', name)}.jpg`,
  });
  if (role !== null) out.role = role;
  out.type = 'person';
  return out;
}

/** The movie/show attributes every form shares, in the captures' order, up to `title`. */
function head(item: DiscoverItem, userState: boolean, detail: boolean): Json {
  const isShow = item.type === 'show';
  const out: Json = {
    art: item.art,
    guid: `plex://${item.type}/${item.ratingKey}`,
    key: `/library/metadata/${item.ratingKey}${isShow ? '/children' : ''}`,
  };
  const rating = item.critic ?? item.rating;
  if (rating !== null) out.rating = rating;
  out.ratingKey = item.ratingKey;
  out.studio = item.studio;
  if (detail) out.summary = item.summary;
  if (item.tagline) out.tagline = item.tagline;
  Object.assign(out, {
    type: item.type,
    thumb: item.thumb,
    addedAt: item.addedAt,
    duration: item.duration,
    publicPagesURL: `${WATCH}/${item.type}/${item.slug}`,
    slug: item.slug,
    userState,
    title: item.title,
  });
  return out;
}

/** A movie or show: `list` (watchlist, search) or `detail` (`/library/metadata/{id}`) form. */
export function titleJson(
  item: DiscoverItem,
  children: DiscoverItem[],
  userState: boolean,
  detail: boolean,
): Json {
  const out = head(item, userState, detail);
  if (item.type === 'show') {
    out.leafCount = children.reduce((n, season) => n + season.childKeys.length, 0);
    out.childCount = children.length;
    if (item.continuing) out.isContinuingSeries = true;
  }
  Object.assign(out, {
    contentRating: item.contentRating,
    originallyAvailableAt: item.released,
    year: item.year,
  });
  if (item.type === 'movie' && item.critic !== null && item.rating !== null) {
    out.audienceRating = item.rating;
    out.audienceRatingImage = 'imdb://image.rating';
  }
  if (item.critic !== null || item.rating !== null) {
    out.ratingImage =
      item.critic !== null
        ? `rottentomatoes://image.rating.${item.critic >= 6 ? 'ripe' : 'rotten'}`
        : 'imdb://image.rating';
    out.imdbRatingCount = voteCount(item);
  }
  if (detail) out.source = SOURCE;
  out.Image = images(item);
  if (!detail) return out;
  out.Genre = item.genres.map((tag) => {
    const id = derivedKey('genre', tag);
    return {
      filter: `genre=${id}`,
      id,
      ratingKey: `genre_${id}`,
      slug: slugify(tag),
      tag,
      directory: true,
      context: 'tag.genre',
    };
  });
  out.Guid = guids(item);
  out.Role = item.cast.map((name, i) => person(name, i + 1, null));
  if (item.director) out.Director = [person(item.director, null, 'Director')];
  const ratings: Json[] = [];
  if (item.rating !== null)
    ratings.push({ image: 'imdb://image.rating', type: 'audience', value: item.rating });
  if (item.critic !== null)
    ratings.push({ image: out.ratingImage as string, type: 'critic', value: item.critic });
  out.Rating = ratings;
  out.Studio = [{ tag: item.studio }];
  return out;
}

/** A season (`/children` of a show, as captured) or an episode (`/children` of a season; unverified). */
export function childJson(
  item: DiscoverItem,
  parent: DiscoverItem,
  show: DiscoverItem,
  userState: boolean,
): Json {
  const season = item.type === 'season';
  const page = season
    ? `${WATCH}/show/${show.slug}/season/${item.index}`
    : `${WATCH}/show/${show.slug}/season/${parent.index}/episode/${item.index}`;
  const out: Json = {
    art: item.art,
    guid: `plex://${item.type}/${item.ratingKey}`,
    key: `/library/metadata/${item.ratingKey}${season ? '/children' : ''}`,
    ratingKey: item.ratingKey,
    summary: item.summary,
    type: item.type,
    thumb: item.thumb,
    addedAt: item.addedAt,
  };
  if (!season) out.duration = item.duration;
  Object.assign(out, { publicPagesURL: page, userState, title: item.title });
  // plex.tv marks "Season 2"-style titles (the children capture's second season).
  if (season && item.title === `Season ${item.index}`) out.hasGenericTitle = true;
  if (!season) {
    Object.assign(out, {
      grandparentSlug: show.slug,
      grandparentTitle: show.title,
      grandparentType: 'show',
      grandparentArt: show.art,
      grandparentThumb: show.thumb,
      grandparentRatingKey: show.ratingKey,
      grandparentGuid: `plex://show/${show.ratingKey}`,
      grandparentKey: `/library/metadata/${show.ratingKey}`,
    });
  }
  Object.assign(
    out,
    season
      ? {
          parentSlug: show.slug,
          parentTitle: show.title,
          parentType: 'show',
          parentArt: show.art,
          parentThumb: show.thumb,
        }
      : { parentTitle: parent.title, parentType: 'season' },
    {
      parentRatingKey: parent.ratingKey,
      parentGuid: `plex://${parent.type}/${parent.ratingKey}`,
      parentKey: `/library/metadata/${parent.ratingKey}`,
    },
  );
  if (season) out.leafCount = item.childKeys.length;
  out.index = item.index;
  if (!season) out.parentIndex = parent.index;
  Object.assign(out, {
    contentRating: item.contentRating,
    originallyAvailableAt: item.released,
    year: item.year,
    source: SOURCE,
    Image: images(item),
  });
  const ids = guids(item);
  if (ids.length > 0) out.Guid = ids;
  if (season) {
    // A season lists the show's cast, as captured.
    out.Role = show.cast.map((name, i) => person(name, i + 1, null));
    if (show.director) out.Director = [person(show.director, null, 'Director')];
  }
  return out;
}

/** The container header of a watchlist page (`librarySectionID` first, as captured). */
export function watchlistContainer(
  identifier: string,
  page: { offset: number; totalSize: number },
  items: Json[],
): Json {
  const mc: Json = {
    librarySectionID: 'watchlist',
    librarySectionTitle: 'Watchlist',
    offset: page.offset,
    totalSize: page.totalSize,
    identifier,
    size: items.length,
  };
  // A page past the end has no Metadata key at all (empty-watchlist-from-token.json).
  if (items.length > 0) mc.Metadata = items;
  return { MediaContainer: mc };
}

/** `/library/metadata/{id}` and `/children`: offset, totalSize, identifier, size, Metadata. */
export function metadataContainer(
  identifier: string,
  offset: number,
  totalSize: number,
  items: Json[],
): Json {
  const mc: Json = { offset, totalSize, identifier, size: items.length };
  if (items.length > 0) mc.Metadata = items;
  return { MediaContainer: mc };
}

/** Search results (unverified): one `external` hub ("More Ways To Watch") of `{score, Metadata}`. */
export function searchContainer(hits: Array<{ score: number; json: Json }>): Json {
  return {
    MediaContainer: {
      size: hits.length,
      identifier: PROVIDER_IDS.discover,
      SearchResults: [
        {
          id: 'external',
          title: 'More Ways To Watch',
          size: hits.length,
          SearchResult: hits.map((h) => ({ score: h.score, Metadata: h.json })),
        },
      ],
    },
  };
}

/** `/library/metadata/{id}/userState` (unverified): dates in epoch seconds, unset ones left out. */
export function userStateContainer(item: DiscoverItem, s: UserState): Json {
  const us: Json = {
    ratingKey: item.ratingKey,
    type: item.type,
    viewCount: s.viewCount,
    viewOffset: s.viewOffset,
  };
  if (s.lastViewedAt !== null) us.lastViewedAt = s.lastViewedAt;
  if (s.viewState !== null) us.viewState = s.viewState;
  if (s.viewedLeafCount !== null) us.viewedLeafCount = s.viewedLeafCount;
  if (s.watchlistedAt !== null) us.watchlistedAt = s.watchlistedAt;
  return { MediaContainer: { size: 1, UserState: [us] } };
}

/** The provider's error document: JSON `{Error:{error,message,statusCode}}`, XML `<Error …/>` (captured). */
export function providerErrorJson(status: number, message: string): Json {
  return { Error: { error: status === 404 ? 'Not Found' : 'Bad Request', message, statusCode: status } };
}

/** The provider root (`GET /`), as plex-api.rs's index.json, for the host's identifier. */
export function providerRoot(identifier: string, title: string): Json {
  return {
    MediaProvider: {
      icon: 'https://provider-static.plex.tv/icons/metadata-560.svg',
      identifier,
      protocols: ['stream'],
      version: '1.3.0',
      title,
      Feature: [
        { type: 'metadata', key: '/library/metadata' },
        {
          type: 'actions',
          Action: [
            {
              id: 'addToWatchlist',
              key: '/actions/addToWatchlist',
              reverseKey: '/actions/removeFromWatchlist',
            },
          ],
        },
        { type: 'collection', key: '/library/collections' },
        { type: 'availability', key: '/availability' },
        { type: 'availability-platforms', key: '/availability-platforms' },
        { type: 'location', key: '/location' },
        { type: 'universalsearch', key: '/library/search' },
        { public: true, type: 'imagetranscoder', key: 'https://images.plex.tv/photo' },
        { flavor: 'universal', type: 'playqueue', key: 'https://play.provider.plex.tv/playQueues' },
        { type: 'match', key: '/library/metadata/matches' },
      ],
    },
  };
}

/** XML element names for items: movies and episodes are `<Video>`, shows and seasons `<Directory>`. */
function itemElementName(json: Json, fallback: string): string {
  if (fallback !== 'Metadata') return fallback;
  return json.type === 'movie' || json.type === 'episode' ? 'Video' : 'Directory';
}

/**
 * A provider JSON document as XML: the root key's object becomes the root element; scalars are
 * attributes; arrays of objects (and single nested objects such as a search result's `Metadata`)
 * child elements named after their key (`Metadata` items as `<Video>`/`<Directory>`); arrays of
 * scalars (`protocols`) a comma-joined attribute.
 */
export function providerXml(doc: Json): XmlElement {
  const [name, value] = Object.entries(doc)[0] as [string, Json];
  return toElement(name, value);
}

function toElement(name: string, value: Json): XmlElement {
  const attrs: Array<[string, XmlAttrValue]> = [];
  const children: XmlElement[] = [];
  for (const [key, v] of Object.entries(value)) {
    if (Array.isArray(v)) {
      if (v.every((x) => typeof x !== 'object' || x === null)) attrs.push([key, v.join(',')]);
      else for (const x of v as Json[]) children.push(toElement(itemElementName(x, key), x));
    } else if (typeof v === 'object' && v !== null) {
      children.push(toElement(itemElementName(v as Json, key), v as Json));
    } else attrs.push([key, v as XmlAttrValue]);
  }
  return children.length > 0 ? { name, attrs, children } : { name, attrs };
}
