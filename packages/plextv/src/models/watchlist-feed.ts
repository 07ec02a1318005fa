/**
 * A watchlist RSS feed read as JSON (`GET https://rss.plex.tv/<uuid>?format=json`, the URL `getWatchlistFeeds`
 * hands out). Capture: watchlistarr/watchlist.json. Items carry flat `guids` strings (`imdb://…`), unlike the
 * provider's `Guid[{id}]`, and an RFC-1123 `pubDate`.
 */
import type { ParsedBody } from '../wire/body.js';
import { objectOf } from '../wire/body.js';
import { FieldTable } from '../wire/table.js';
import { toStr } from '../wire/values.js';
import type { Wire } from '../wire/wire.js';
import { type DiscoverGuids, parseGuids } from './discover-item.js';
import { type DecodeContext, missing } from './read.js';

/** One item of a watchlist feed. */
export interface WatchlistFeedItem {
  /** `Name (Year)`, as the feed writes it. */
  title: string;
  /** When it was put on the list. */
  pubDate?: Date;
  /** Its page on watch.plex.tv. */
  link?: string;
  /** Its imdb/tmdb/tvdb ids (`plex` is absent: the feed has no plex guid). */
  guids: Partial<DiscoverGuids>;
  description?: string;
  /** `movie` or `show`. */
  category?: string;
  /** Poster URL (`thumbnail.url`). */
  thumbnail?: string;
  /** Lower-case genres. */
  keywords: string[];
  /** `rating.rating` (`pg-13`, `tv-14`). */
  contentRating?: string;
  extra: Record<string, unknown>;
}

/** A watchlist feed: its title and its items, newest first. */
export interface WatchlistFeedContent {
  title?: string;
  description?: string;
  /** `My Watchlist` or the friends' equivalent. */
  category?: string;
  items: WatchlistFeedItem[];
  extra: Record<string, unknown>;
}

const FEED = new FieldTable(
  [
    ['title', 'str'],
    ['description', 'str'],
    ['category', 'str'],
  ],
  ['items'],
);

const ITEM = new FieldTable(
  [
    ['title', 'str'],
    ['link', 'str'],
    ['description', 'str'],
    ['category', 'str'],
  ],
  ['pubDate', 'guids', 'thumbnail', 'keywords', 'rating'],
);

const RFC_1123 = /^[A-Z][a-z]{2}, \d{1,2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} (GMT|UTC|[+-]\d{4})$/;

/** An RFC-1123 date (`Mon, 23 Oct 2023 07:58:16 GMT`), or undefined. */
function rfc1123(value: unknown): Date | undefined {
  const text = toStr(value)?.trim();
  if (text === undefined || !RFC_1123.test(text)) return undefined;
  const ms = Date.parse(text);
  return Number.isNaN(ms) ? undefined : new Date(ms);
}

/** The strings of a JSON array (other values skipped). */
function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string' && v !== '') : [];
}

function decodeItem(w: Wire, ctx: DecodeContext): WatchlistFeedItem {
  const v = ITEM.read(w);
  const title = v[0] as string | undefined;
  if (title === undefined) throw missing(w, 'title', w.get('title'), 'a non-empty string', ctx);
  const { plex: _none, ...guids } = parseGuids(strings(w.plain('guids')), '');
  return {
    title,
    pubDate: rfc1123(w.get('pubDate')),
    link: v[1],
    guids,
    description: v[2],
    category: v[3],
    thumbnail: toStr(w.object('thumbnail')?.get('url')),
    keywords: strings(w.plain('keywords')),
    contentRating: toStr(w.object('rating')?.get('rating')),
    extra: v[4],
  };
}

/** Decode a feed read as JSON; an item without a title is a `DecodeError`. */
export function decodeWatchlistFeed(body: ParsedBody, ctx: DecodeContext): WatchlistFeedContent | undefined {
  const root = objectOf(body, 'feed');
  if (root === undefined || root.format !== 'json' || !Array.isArray(root.plain('items'))) return undefined;
  const v = FEED.read(root);
  return {
    title: v[0],
    description: v[1],
    category: v[2],
    items: root.objects('items').map((w) => decodeItem(w, ctx)),
    extra: v[3],
  };
}
