/**
 * `DiscoverItem`: a movie, show, season or episode as Plex's discover provider describes it (watchlist pages,
 * `/library/metadata/{ratingKey}`, `/children`, search results).
 *
 * The provider answers JSON (`{"MediaContainer":{"Metadata":[…]}}`) or XML (`<MediaContainer><Video/>…`), and
 * has been seen to put items under `Video` (movies) or `Directory` (shows) instead of `Metadata` (seerr#2948):
 * every form decodes to the same model. Tags (`Guid`, `Genre`, `Role`, `Rating`) are JSON arrays of objects or
 * repeated XML children.
 */

import { FieldTable } from '../wire/table.js';
import { toStr } from '../wire/values.js';
import type { Wire } from '../wire/wire.js';
import { type DecodeContext, missing } from './read.js';

/** The item's ids at the databases apps match on, read from its `Guid[]` and its own `guid`. */
export interface DiscoverGuids {
  /** IMDb id (`tt0111161`), from `imdb://tt0111161`. */
  imdb?: string;
  /** TMDB id (`278`), from `tmdb://278`. */
  tmdb?: string;
  /** TheTVDB id (`372848`), from `tvdb://372848`. */
  tvdb?: string;
  /** Plex's own id: the last segment of `plex://movie/<id>` (the `ratingKey` when there is no plex guid). */
  plex: string;
}

/** One rating of an item (`Rating[]`): which source, whose (`audience`, `critic`) and the score. */
export interface DiscoverRating {
  /** The source, as an image key: `imdb://image.rating`, `rottentomatoes://image.rating.ripe`, … */
  image?: string;
  /** `audience` or `critic`. */
  type?: string;
  /** The score (0–10 on the captures). */
  value?: number;
}

/** One cast member (`Role[]`). */
export interface DiscoverRole {
  /** The person's name. */
  tag: string;
  /** The character played (absent for documentaries). */
  role?: string;
  /** The person's provider id. */
  id?: string;
  thumb?: string;
}

/** What kind of item: open, as the provider may add kinds. */
export type DiscoverItemType = 'movie' | 'show' | 'season' | 'episode' | (string & {});

/** A movie, show, season or episode on Plex's discover provider. */
export interface DiscoverItem {
  /** The provider's id of the item (24 hex digits on the captures): what the watchlist and user state take. */
  ratingKey: string;
  /** Its metadata path (`/library/metadata/<id>`, `…/children` for shows). */
  key?: string;
  /** `plex://movie/<id>`, `plex://show/<id>`, … */
  guid?: string;
  type?: DiscoverItemType;
  title?: string;
  year?: number;
  summary?: string;
  /** Poster URL (absolute, often a third-party image host). */
  thumb?: string;
  /** Background art URL. */
  art?: string;
  contentRating?: string;
  /** Length in milliseconds. */
  duration?: number;
  /** Release date as sent: `YYYY-MM-DD`. */
  originallyAvailableAt?: string;
  addedAt?: Date;
  /** Seasons and episodes: the show's (or season's) title and ratingKey. */
  parentTitle?: string;
  parentRatingKey?: string;
  /** Episodes: the show's title. */
  grandparentTitle?: string;
  /** Season or episode number. */
  index?: number;
  /** Episodes: the season number. */
  parentIndex?: number;
  ratings: DiscoverRating[];
  /** Genre names (`Genre[].tag`). */
  genres: string[];
  roles: DiscoverRole[];
  guids: DiscoverGuids;
  /** Every other field, as sent. */
  extra: Record<string, unknown>;
}

const ITEM = new FieldTable(
  [
    ['ratingKey', 'str'],
    ['key', 'str'],
    ['guid', 'str'],
    ['type', 'str'],
    ['title', 'str'],
    ['year', 'int'],
    ['summary', 'str'],
    ['thumb', 'str'],
    ['art', 'str'],
    ['contentRating', 'str'],
    ['duration', 'int'],
    ['originallyAvailableAt', 'str'],
    ['addedAt', 'date'],
    ['parentTitle', 'str'],
    ['parentRatingKey', 'str'],
    ['grandparentTitle', 'str'],
    ['index', 'int'],
    ['parentIndex', 'int'],
  ],
  ['Guid', 'Genre', 'Role', 'Rating'],
);

/** Tag lists: a JSON array of objects, or repeated XML children (`<Guid id=…/>`). */
export function tagsOf(w: Wire, name: string): Wire[] {
  return w.format === 'xml' ? w.repeated(name) : w.objects(name);
}

/** A number, integer or not (ratings are floats: `8.8`). */
export function toNumber(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (typeof value !== 'string' || !/^\s*-?\d+(\.\d+)?\s*$/.test(value)) return undefined;
  const n = Number(value);
  return Number.isFinite(n) ? n : undefined;
}

/** The last path segment of a guid or key (`plex://movie/5d77…` → `5d77…`), or undefined. */
export function lastSegment(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const path = value.split(/[?#]/)[0]!.replace(/\/+$/, '');
  const last = path.slice(path.lastIndexOf('/') + 1);
  return last === '' || last.endsWith(':') ? undefined : last;
}

/**
 * The ids of a `Guid[]` list (`imdb://tt…`, `tmdb://…`, `tvdb://…`; the legacy agent spellings
 * `com.plexapp.agents.imdb://tt…?lang=en` and `themoviedb://`/`thetvdb://` too) plus the plex id.
 */
export function parseGuids(ids: readonly string[], plex: string): DiscoverGuids {
  const guids: DiscoverGuids = { plex };
  for (const id of ids) {
    const match = /^([a-z.]+):\/\/([^?#]+)/i.exec(id.trim());
    if (!match) continue;
    const scheme = match[1]!.toLowerCase().split('.').pop()!;
    const value = match[2]!.replace(/\/+$/, '');
    if (value === '') continue;
    if (scheme === 'imdb') guids.imdb ??= value;
    else if (scheme === 'tmdb' || scheme === 'themoviedb') guids.tmdb ??= value;
    else if (scheme === 'tvdb' || scheme === 'thetvdb') guids.tvdb ??= value;
  }
  return guids;
}

/**
 * Decode one item. Lenient: a missing `ratingKey` falls back to the last segment of `guid` (and of `key`); only
 * an item with neither is a `DecodeError`.
 */
export function decodeDiscoverItem(w: Wire, ctx: DecodeContext = {}): DiscoverItem {
  const v = ITEM.read(w);
  const guid = v[2] as string | undefined;
  const key = v[1] as string | undefined;
  const ratingKey =
    (v[0] as string | undefined) ?? lastSegment(guid) ?? lastSegment(key?.replace(/\/children$/, ''));
  if (ratingKey === undefined) throw missing(w, 'ratingKey', w.get('ratingKey'), 'a non-empty string', ctx);
  const plexId = guid?.startsWith('plex://') ? lastSegment(guid) : undefined;
  const ids: string[] = [];
  for (const g of tagsOf(w, 'Guid')) {
    const id = toStr(g.get('id'));
    if (id !== undefined) ids.push(id);
  }
  return {
    ratingKey,
    key,
    guid,
    type: v[3],
    title: v[4],
    year: v[5],
    summary: v[6],
    thumb: v[7],
    art: v[8],
    contentRating: v[9],
    duration: v[10],
    originallyAvailableAt: v[11],
    addedAt: v[12],
    parentTitle: v[13],
    parentRatingKey: v[14],
    grandparentTitle: v[15],
    index: v[16],
    parentIndex: v[17],
    ratings: tagsOf(w, 'Rating').map(decodeRating),
    genres: tagNames(w, 'Genre'),
    roles: decodeRoles(w),
    guids: parseGuids(ids, plexId ?? ratingKey),
    extra: v[18],
  };
}

function decodeRating(w: Wire): DiscoverRating {
  return { image: toStr(w.get('image')), type: toStr(w.get('type')), value: toNumber(w.get('value')) };
}

function tagNames(w: Wire, name: string): string[] {
  const out: string[] = [];
  for (const t of tagsOf(w, name)) {
    const tag = toStr(t.get('tag'));
    if (tag !== undefined) out.push(tag);
  }
  return out;
}

function decodeRoles(w: Wire): DiscoverRole[] {
  const out: DiscoverRole[] = [];
  for (const r of tagsOf(w, 'Role')) {
    const tag = toStr(r.get('tag'));
    // A role without a name says nothing: skipped, not an error.
    if (tag === undefined) continue;
    out.push({ tag, role: toStr(r.get('role')), id: toStr(r.get('id')), thumb: toStr(r.get('thumb')) });
  }
  return out;
}
