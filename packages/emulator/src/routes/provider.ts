/**
 * What the provider routes (watchlist, discover, community, rss) share: which Plex host a request
 * is for, the provider's own error documents, paging parameters and ETags.
 */

import type { Context } from 'hono';
import { PlexHttpError } from '../state/errors.js';
import { type PlexService, serviceOf } from '../util/hosts.js';
import { type Json, PROVIDER_IDS, providerErrorJson, providerXml } from '../wire/discover.js';
import { JSON_CONTENT_TYPE, XML_CONTENT_TYPE } from '../wire/format.js';
import { renderXmlDocument } from '../wire/xml.js';
import { format } from './runtime.js';

/**
 * Paths the provider, community and RSS hosts serve. They need no X-Plex-Client-Identifier (no
 * capture shows the providers asking for one; an RSS reader sends none).
 */
export const PROVIDER_PATHS = /^(\/library\/|\/actions\/|\/api\/?$|\/rss(\/|$))/;

/** The Plex service the request's host names ('any' on the emulator's own origin). */
export function serviceOfRequest(c: Context): PlexService {
  return serviceOf(new URL(c.req.url).hostname);
}

/** The container identifier for the request's host: the metadata host's own, else discover's. */
export function identifierFor(c: Context): string {
  return serviceOfRequest(c) === 'metadata' ? PROVIDER_IDS.metadata : PROVIDER_IDS.discover;
}

/** A provider document response (JSON or XML by Accept), with extra headers. */
export function providerResponse(
  c: Context,
  status: number,
  doc: Json,
  headers: Record<string, string> = {},
): Response {
  const { body, contentType } = render(c, doc);
  return new Response(body, { status, headers: { 'Content-Type': contentType, ...headers } });
}

function render(c: Context, doc: Json): { body: string; contentType: string } {
  return format(c) === 'json'
    ? { body: JSON.stringify(doc), contentType: JSON_CONTENT_TYPE }
    : { body: renderXmlDocument(providerXml(doc)), contentType: XML_CONTENT_TYPE };
}

/** The provider's error document (`{Error:{…}}` / `<Error …/>`, as the captures show). */
export function providerError(c: Context, status: number, message: string): Response {
  return providerResponse(c, status, providerErrorJson(status, message));
}

/** The generic provider 404 (captured for `PUT /:/rate` on the metadata host). */
export const NOT_FOUND_MESSAGE = 'Not Found';

/** The generic provider 404: every unknown item, filter or path answers this one document. */
export function providerNotFound(c: Context): Response {
  return providerError(c, 404, NOT_FOUND_MESSAGE);
}

/** A 400 from the provider, thrown (rendered by app.onError as plex.tv's error body). */
export function providerBadRequest(message: string): PlexHttpError {
  return new PlexHttpError({ code: 1000, message, status: 400 });
}

function intParam(c: Context, name: string, fallback: number, max: number): number {
  const raw = c.req.query(name) ?? c.req.header(name);
  if (raw === undefined || raw === '') return fallback;
  if (!/^\d+$/.test(raw)) throw providerBadRequest(`${name} must be a non-negative integer`);
  return Math.min(Number(raw), max);
}

/** The default page size when no `X-Plex-Container-Size` is sent (PlexKodiConnect's capture: 20). */
export const DEFAULT_PAGE_SIZE = 20;

/** `X-Plex-Container-Start` / `-Size` from the query (python-plexapi) or the headers. */
export function paging(c: Context): { start: number; size: number } {
  return {
    start: intParam(c, 'X-Plex-Container-Start', 0, 1_000_000),
    size: intParam(c, 'X-Plex-Container-Size', DEFAULT_PAGE_SIZE, 1000),
  };
}

/** A strong ETag over the answer's bytes (FNV-1a 32 + length): equal answers, equal tags. */
export function etagOf(body: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < body.length; i++) h = Math.imul(h ^ body.charCodeAt(i), 0x01000193) >>> 0;
  return `"${h.toString(16).padStart(8, '0')}-${body.length.toString(16)}"`;
}

/** Whether `If-None-Match` names this ETag (a list, weak tags and `*` included). */
export function etagMatches(c: Context, etag: string): boolean {
  const header = c.req.header('if-none-match');
  if (header === undefined) return false;
  const bare = (t: string) => t.trim().replace(/^W\//, '');
  return header.split(',').some((t) => t.trim() === '*' || bare(t) === etag);
}

/**
 * A document with an ETag; 304 with an empty body when the client already has it (Seerr relies on
 * this for the watchlist).
 */
export function cachedResponse(c: Context, doc: Json): Response {
  const { body, contentType } = render(c, doc);
  const etag = etagOf(body);
  if (etagMatches(c, etag)) return new Response(null, { status: 304, headers: { ETag: etag } });
  return new Response(body, { status: 200, headers: { 'Content-Type': contentType, ETag: etag } });
}

/** Where a page sits in its list, for the container's offset/size attributes. */
export interface PageAt {
  /** The provider's identifier for this host (identifierFor). */
  identifier: string;
  /** The index of the page's first row in the whole list. */
  start: number;
  /** How many rows the whole list has. */
  total: number;
}

/**
 * One page of `rows` (paging(c)) rendered by `render` and answered with an ETag: every paged provider
 * list (watchlist, a title's children) pages, counts and caches the same way.
 */
export function pagedResponse<T>(
  c: Context,
  rows: readonly T[],
  render: (page: T[], at: PageAt) => Json,
): Response {
  const { start, size } = paging(c);
  const at = { identifier: identifierFor(c), start, total: rows.length };
  return cachedResponse(c, render(rows.slice(start, start + size), at));
}
