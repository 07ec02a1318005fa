/**
 * The discover provider's containers: a list of items (`/library/metadata/{id}`, `/children`), a watchlist page
 * (the same container with `offset`/`size`/`totalSize`), search results and a user state. JSON
 * `{"MediaContainer":{…}}` and XML `<MediaContainer …>` alike; items under `Metadata`, `Video` or `Directory`.
 */
import type { ParsedBody } from '../wire/body.js';
import { FieldTable } from '../wire/table.js';
import { JsonWire, type Wire } from '../wire/wire.js';
import { type DiscoverItem, toNumber } from './discover-item.js';
import { type DecodeContext, missing } from './read.js';

/** The element and key names an item may come under (seerr#2948: `Video` instead of `Metadata`). */
export const ITEM_NAMES: readonly string[] = ['Metadata', 'Video', 'Directory'];

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** A provider container: its own fields (`offset`, `totalSize`, …) and its item wires, in document order. */
export interface ProviderContainer {
  container: Wire;
  items: Wire[];
}

/** The `MediaContainer` of a provider body and its items, or undefined when the body is not one. */
export function providerContainer(body: ParsedBody, root: string): ProviderContainer | undefined {
  if (body.format === 'xml' && body.xml && body.xmlWire) {
    // The provider's error envelope (`<Error …/>`) and anything else is not a container.
    if (body.xml.name !== 'MediaContainer') return undefined;
    const container = body.xmlWire(body.xml, root);
    const items: Wire[] = [];
    for (const child of body.xml.children) {
      if (ITEM_NAMES.includes(child.name))
        items.push(body.xmlWire(child, `${root}.${child.name}[${items.length}]`));
    }
    return { container, items };
  }
  if (body.format !== 'json' || !isRecord(body.json)) return undefined;
  const inner = Object.hasOwn(body.json, 'MediaContainer') ? body.json.MediaContainer : undefined;
  if (!isRecord(inner)) return undefined;
  const container = new JsonWire(inner, `${root}.MediaContainer`);
  const items: Wire[] = [];
  for (const name of ITEM_NAMES) {
    const list = container.objects(name);
    // One item sent as an object rather than a one-element array: still an item.
    const one = list.length === 0 ? container.object(name) : undefined;
    items.push(...list, ...(one === undefined ? [] : [one]));
  }
  return { container, items };
}

/** One page of the watchlist. */
export interface WatchlistPage {
  /** Not a 304: this page has content. */
  notModified?: false;
  items: DiscoverItem[];
  /** Where this page starts (the container's `offset`; the requested start when absent). */
  offset: number;
  /** Items on this page. */
  size: number;
  /** Items on the whole list, when the provider says (it does on every capture). */
  totalSize?: number;
  /** The answer's `ETag`: send it back as `etag` to get `{ notModified: true }` while the list is unchanged. */
  etag?: string;
  /** The container's other fields (`librarySectionID`, `identifier`, …). */
  extra: Record<string, unknown>;
}

const PAGE = new FieldTable(
  [
    ['offset', 'int'],
    ['size', 'int'],
    ['totalSize', 'int'],
  ],
  ITEM_NAMES,
);

/** The container fields of a watchlist page (`offset`, `size`, `totalSize`) and the rest in `extra`. */
export function readPageFields(container: Wire): {
  offset: number | undefined;
  size: number | undefined;
  totalSize: number | undefined;
  extra: Record<string, unknown>;
} {
  const v = PAGE.read(container);
  return { offset: v[0], size: v[1], totalSize: v[2], extra: v[3] };
}

/**
 * The user's state of one item (`GET {metadata}/library/metadata/{ratingKey}/userState`). **Unverified** shape:
 * no capture exists; read as python-plexapi's `UserState` (`{MediaContainer:{size:1, UserState:[{…}]}}` JSON,
 * `<MediaContainer><UserState …/></MediaContainer>` XML, dates as epoch seconds).
 */
export interface UserState {
  ratingKey: string;
  type?: string;
  /** How many times it was watched (0 or absent: never). */
  viewCount?: number;
  /** Where playback stopped, in milliseconds. */
  viewOffset?: number;
  lastViewedAt?: Date;
  /** `complete` when watched through. */
  viewState?: string;
  /** Shows and seasons: episodes watched. */
  viewedLeafCount?: number;
  /** When it was put on the watchlist; absent when it is not on it. */
  watchlistedAt?: Date;
  /** The user's own rating (0–10). */
  rating?: number;
  extra: Record<string, unknown>;
}

const USER_STATE = new FieldTable(
  [
    ['ratingKey', 'str'],
    ['type', 'str'],
    ['viewCount', 'int'],
    ['viewOffset', 'int'],
    ['lastViewedAt', 'date'],
    ['viewState', 'str'],
    ['viewedLeafCount', 'int'],
    ['watchlistedAt', 'date'],
  ],
  ['rating', 'userRating'],
);

/** Decode one `UserState`; a missing `ratingKey` is the one asked for (`ctx.ratingKey`), else a `DecodeError`. */
export function decodeUserState(
  w: Wire,
  ctx: DecodeContext & { ratingKey?: string | undefined } = {},
): UserState {
  const v = USER_STATE.read(w);
  const ratingKey = (v[0] as string | undefined) ?? ctx.ratingKey;
  if (ratingKey === undefined) throw missing(w, 'ratingKey', w.get('ratingKey'), 'a non-empty string', ctx);
  const raw = w.get('userRating') ?? w.get('rating');
  const rating = raw === null || raw === '' ? undefined : toNumber(raw);
  return {
    ratingKey,
    type: v[1],
    viewCount: v[2],
    viewOffset: v[3],
    lastViewedAt: v[4],
    viewState: v[5],
    viewedLeafCount: v[6],
    watchlistedAt: v[7],
    rating,
    extra: v[8],
  };
}
