/**
 * What `watchlist`, `search` and `info` share: turning `TITLE|ID` into one discover item (a ratingKey, a
 * `plex://` guid, or a title looked up by search), and the one-line view of an item.
 */
import {
  type DiscoverItem,
  type DiscoverSearchResult,
  NotFoundError,
  type PlexTvClient,
  ratingKeyFromGuid,
  searchDiscover,
} from 'plextv';
import type { Context } from '../context.js';
import { CliError, UsageError } from '../errors.js';
import { plain } from '../redact.js';

/** What a `--type` option takes. */
export type ItemKind = 'movie' | 'show';

/** `--type movie|show` checked, or a usage error (exit 2). */
export function checkKind(value: string | undefined): ItemKind | undefined {
  if (value === undefined) return undefined;
  const kind = value.trim().toLowerCase();
  if (kind === 'movie' || kind === 'show') return kind;
  throw new UsageError(`--type must be movie or show, got "${value}".`);
}

/** A ratingKey as the provider hands them out: 24 hex digits. */
const RATING_KEY = /^[0-9a-f]{24}$/i;
/** `Dune (2021)`: a title with its year, to tell remakes apart. */
const WITH_YEAR = /^(.*\S)\s+\((\d{4})\)$/;

/** The ratingKey a `TITLE|ID` argument names directly (a ratingKey or a plex:// guid), else undefined. */
export function directKey(ref: string): string | undefined {
  const text = ref.trim();
  if (RATING_KEY.test(text)) return text.toLowerCase();
  return ratingKeyFromGuid(text);
}

/** `Dune (2021) movie 5d9f35047bc6d6001fa0d16a`: one item on one line. */
export function itemLine(
  ctx: Context,
  item: Pick<DiscoverItem, 'ratingKey' | 'title' | 'type'> & { year?: number },
): string {
  const c = ctx.out.c;
  const year = item.year === undefined ? '' : ` (${item.year})`;
  return `${item.title ?? '(untitled)'}${year}  ${c.dim(item.type ?? '?')}  ${c.dim(item.ratingKey)}`;
}

/** The item as plain JSON data (dates as ISO strings). */
export function itemData(item: unknown): unknown {
  return plain(item);
}

/** The items whose title holds every word of `ref` (any case; a `(Year)` suffix must match their year). */
export function titleHasWords<T extends { title?: string | undefined; year?: number | undefined }>(
  ref: string,
  items: readonly T[],
): T[] {
  const withYear = WITH_YEAR.exec(ref.trim());
  const words = (withYear?.[1] ?? ref).toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return [];
  return items.filter((item) => {
    const title = item.title?.toLowerCase() ?? '';
    if (withYear && item.year !== Number(withYear[2])) return false;
    return words.every((word) => title.includes(word));
  });
}

/** The items whose title is exactly `title` (any case), or for `Title (Year)` that title in that year. */
export function exactTitle<T extends { title?: string | undefined; year?: number | undefined }>(
  title: string,
  items: readonly T[],
): T[] {
  const wanted = title.trim();
  const same = (item: T, name: string) => item.title?.trim().toLowerCase() === name.toLowerCase();
  const exact = items.filter((item) => same(item, wanted));
  const withYear = WITH_YEAR.exec(wanted);
  if (exact.length > 0 || !withYear) return exact;
  return items.filter((item) => same(item, withYear[1]!) && item.year === Number(withYear[2]));
}

/**
 * The one search hit `title` means: the hits whose title is exactly `title` (any case; `Title (Year)` also
 * matches the year), else the only hit. None is `NOT_FOUND` (exit 15); several a usage error listing them.
 */
export function pickHit(title: string, hits: readonly DiscoverSearchResult[]): DiscoverItem {
  const items = hits.map((hit) => hit.item);
  const exact = exactTitle(title, items);
  const candidates = exact.length > 0 ? exact : items;
  if (candidates.length === 1) return candidates[0]!;
  if (candidates.length === 0) {
    throw new CliError('NOT_FOUND', `Nothing on Plex's discover catalogue matches "${title}".`, {
      details: { query: title, candidates: [] },
    });
  }
  const listed = candidates
    .slice(0, 10)
    .map(
      (item) =>
        `${item.title ?? '?'}${item.year === undefined ? '' : ` (${item.year})`} [${item.type ?? '?'}] ${item.ratingKey}`,
    );
  const more = candidates.length > 10 ? `, … (${candidates.length - 10} more)` : '';
  throw new CliError(
    'USAGE',
    `"${title}" is ambiguous: ${candidates.length} matches (${listed.join('; ')}${more}). Name one by its ratingKey, or add the year: "Title (Year)".`,
    { details: { query: title, candidates: candidates.map(itemData) } },
  );
}

/**
 * The ratingKey `ref` names: itself (a ratingKey), a plex:// guid's id, or the one title search finds
 * (`pickHit`), with the item found when it came from a search.
 */
export async function resolveItem(
  ctx: Context,
  client: PlexTvClient,
  ref: string,
  kind?: ItemKind,
): Promise<{ ratingKey: string; item?: DiscoverItem }> {
  const key = directKey(ref);
  if (key !== undefined) return { ratingKey: key };
  if (ref.trim() === '') throw new UsageError('Name a title, a ratingKey (24 hex digits) or a plex:// guid.');
  const query = WITH_YEAR.exec(ref.trim())?.[1] ?? ref.trim();
  const hits = await searchDiscover(client, query, {
    ...(kind ? { types: [kind] } : {}),
    limit: 30,
    signal: ctx.signal,
  });
  const item = pickHit(ref, hits);
  return { ratingKey: item.ratingKey, item };
}

/** Run a call about one item: the provider's 404 (an unknown ratingKey) becomes `NOT_FOUND` (exit 15). */
export async function aboutItem<T>(ratingKey: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof NotFoundError) {
      throw new CliError('NOT_FOUND', `Plex's discover catalogue has no item ${ratingKey}.`, {
        cause: error,
      });
    }
    throw error;
  }
}
