/**
 * Item lookup and search on Plex's discover provider (discover.provider.plex.tv): `/library/metadata/{id}`,
 * its `/children`, and `/library/search`. Captures: watchlistarr (single items with `Guid[]`, a show's seasons);
 * search results have none (unverified shape).
 */
import type { PlexTvClient } from '../client.js';
import { DecodeError } from '../errors.js';
import { ITEM_NAMES, providerContainer } from '../models/discover.js';
import { type DiscoverItem, decodeDiscoverItem, tagsOf, toNumber } from '../models/discover-item.js';
import type { DecodeContext } from '../models/read.js';
import type { CallOptions } from '../transport.js';
import type { ParsedBody } from '../wire/body.js';
import type { Wire } from '../wire/wire.js';
import { type BodyDecoder, type ParseOptions, parser } from './body.js';
import { call } from './call.js';
import { route } from './route.js';

/** A provider container of items (`Metadata`, `Video` or `Directory`). */
export const DISCOVER_ITEMS: BodyDecoder<DiscoverItem[]> = {
  field: 'items',
  expected: 'a MediaContainer of items',
  read: (body, ctx) => providerContainer(body, 'items')?.items.map((w) => decodeDiscoverItem(w, ctx)),
};

const RATING_KEY = "an item's ratingKey (DiscoverItem.ratingKey)";

/** An item, or its children: the same host, parameter and answer (a container of items). */
const ON_ITEM = { host: 'discover', params: { ratingKey: RATING_KEY }, body: DISCOVER_ITEMS } as const;
const GET_METADATA = route('getMetadata', 'GET /library/metadata/{ratingKey}', ON_ITEM);
const GET_CHILDREN = route('getChildren', 'GET /library/metadata/{ratingKey}/children', ON_ITEM);

/**
 * An item, its ratingKey, or its plex guid (`plex://movie/5d776b59ad5437001f79c6f8`, as Plex Media Server
 * metadata and webhooks carry it): what the discover and watchlist calls take.
 */
export type DiscoverItemRef = string | Pick<DiscoverItem, 'ratingKey'>;

/** `plex://movie/<id>`, `plex://show/…`, `plex://season/…`, `plex://episode/…`: the id is the ratingKey. */
const PLEX_GUID = /^plex:\/\/(?:movie|show|season|episode)\/([0-9a-z]+)$/i;

/** The ratingKey a plex guid names (`plex://movie/5d77…` → `5d77…`), or undefined for any other text. */
export function ratingKeyFromGuid(guid: string): string | undefined {
  return PLEX_GUID.exec(guid.trim())?.[1];
}

/** The ratingKey of an item, a ratingKey or a plex guid (a `TypeError` naming `name` when blank). */
export function ratingKeyOf(item: DiscoverItemRef, name: string): string {
  const key = typeof item === 'string' ? item : item?.ratingKey;
  if (typeof key !== 'string' || key.trim() === '') {
    throw new TypeError(`plextv: ${name} needs an item, its ratingKey or its plex:// guid`);
  }
  return ratingKeyFromGuid(key) ?? key;
}

/**
 * One item with all its details (`GET {discover}/library/metadata/{ratingKey}`): summary, `Guid[]` ids (parsed
 * into `guids`), genres, cast, ratings. The provider answers a container of one; this returns that item, or
 * the first when it sends more. An empty container is a `DecodeError`; an unknown ratingKey a `NotFoundError`.
 */
export async function getMetadata(
  client: PlexTvClient,
  item: DiscoverItemRef,
  options: CallOptions = {},
): Promise<DiscoverItem> {
  const ratingKey = ratingKeyOf(item, 'getMetadata');
  const items = await call(client, GET_METADATA, { params: { ratingKey } }, options);
  const first = items[0];
  if (first === undefined) {
    throw new DecodeError(`GET /library/metadata/${ratingKey}: the answer holds no item`, {
      method: 'GET',
      path: `/library/metadata/${ratingKey}`,
      field: 'items',
    });
  }
  return first;
}

/** The children of an item (`GET {discover}/library/metadata/{ratingKey}/children`): a show's seasons, a season's episodes. */
export async function getChildren(
  client: PlexTvClient,
  item: DiscoverItemRef,
  options: CallOptions = {},
): Promise<DiscoverItem[]> {
  const ratingKey = ratingKeyOf(item, 'getChildren');
  return call(client, GET_CHILDREN, { params: { ratingKey } }, options);
}

/** Decode a provider item container you already have (`/library/metadata/…`, `/children`, a watchlist page). */
export const parseDiscoverItems: (text: string, options?: ParseOptions) => Promise<DiscoverItem[]> = parser(
  DISCOVER_ITEMS,
  'discover items',
);

// ---- search ----

/** One search hit: the item and the provider's relevance score. */
export interface DiscoverSearchResult {
  item: DiscoverItem;
  /** Relevance (higher first), when the provider sends one. */
  score?: number;
}

/** Options of `searchDiscover`. */
export interface SearchDiscoverOptions extends CallOptions {
  /** What to look for: movies, shows or both (default both). */
  types?: ReadonlyArray<'movie' | 'show'>;
  /** Most results (default 30, as python-plexapi). */
  limit?: number;
}

function searchHits(body: ParsedBody, ctx: DecodeContext): DiscoverSearchResult[] | undefined {
  const found = providerContainer(body, 'search');
  if (found === undefined) return undefined;
  const groups = tagsOf(found.container, 'SearchResults');
  // The "external" group is the discover catalogue (python-plexapi reads only it); other groups when it is absent.
  const external = groups.filter((g) => g.get('id') === 'external');
  const out: DiscoverSearchResult[] = [];
  for (const group of external.length > 0 ? external : groups) {
    for (const hit of tagsOf(group, 'SearchResult')) {
      const itemWire = itemOf(hit);
      if (itemWire === undefined) continue;
      out.push({ item: decodeDiscoverItem(itemWire, ctx), score: toNumber(hit.get('score')) });
    }
  }
  return out;
}

function itemOf(hit: Wire): Wire | undefined {
  for (const name of ITEM_NAMES) {
    const w = hit.format === 'xml' ? hit.repeated(name)[0] : (hit.object(name) ?? hit.objects(name)[0]);
    if (w !== undefined) return w;
  }
  return undefined;
}

/** `/library/search` results: `MediaContainer.SearchResults[].SearchResult[].Metadata` (unverified shape). */
export const DISCOVER_SEARCH: BodyDecoder<DiscoverSearchResult[]> = {
  field: 'search',
  expected: 'a MediaContainer of search results',
  read: searchHits,
};

const SEARCH = route('searchDiscover', 'GET /library/search', { host: 'discover', body: DISCOVER_SEARCH });

const SEARCH_TYPES = { movie: 'movies', show: 'tv' } as const;

/**
 * Search Plex's discover catalogue (`GET {discover}/library/search?query=&limit=&searchTypes=&searchProviders=discover&includeMetadata=1`),
 * best match first. **Unverified** answer shape (no capture): read as python-plexapi does,
 * `MediaContainer.SearchResults[id="external"].SearchResult[].Metadata`. `searchProviders` is required: without
 * it the provider answers 404 "Missing library search".
 */
export async function searchDiscover(
  client: PlexTvClient,
  query: string,
  options: SearchDiscoverOptions = {},
): Promise<DiscoverSearchResult[]> {
  if (typeof query !== 'string' || query.trim() === '') {
    throw new TypeError('plextv: searchDiscover needs a non-empty query');
  }
  const { types, limit, ...callOptions } = options;
  const wanted = types === undefined || types.length === 0 ? ['movie', 'show'] : [...new Set(types)];
  const searchTypes = wanted.map((t) => SEARCH_TYPES[t as 'movie' | 'show'] ?? t).join(',');
  return call(
    client,
    SEARCH,
    {
      query: {
        query,
        limit: limit ?? 30,
        searchTypes,
        searchProviders: 'discover',
        includeMetadata: 1,
      },
    },
    callOptions,
  );
}

/** Decode a `/library/search` body you already have (unverified shape; see `searchDiscover`). */
export const parseDiscoverSearch: (text: string, options?: ParseOptions) => Promise<DiscoverSearchResult[]> =
  parser(DISCOVER_SEARCH, 'discover search');
