/**
 * The watchlist and discover endpoints over a scripted fetch: the right host, path and query, the token only
 * in the header, ETag → 304 → `notModified`, and the paging iterator's stops (totalSize, a page without
 * Metadata, a short page, a repeated page).
 */
import {
  addToWatchlist,
  getChildren,
  getMetadata,
  getUserState,
  getWatchlist,
  markUnwatched,
  markWatched,
  NotFoundError,
  onWatchlist,
  removeFromWatchlist,
  searchDiscover,
  watchlist,
  watchlistPages,
} from 'plextv';
import { describe, expect, test } from 'vitest';
import { capture } from './captures.js';
import { DISCOVER, METADATA, request, setup, tokenOnlyInHeader } from './endpoint-kit.js';
import type { Recorded } from './fake-fetch.js';

const json = (body: string, status = 200, headers: Record<string, string> = {}) =>
  new Response(body, { status, headers: { 'content-type': 'application/json', ...headers } });

/** A watchlist page of `count` items starting at `start`, out of `total` (no Metadata key when empty). */
function page(start: number, count: number, total: number | undefined): Response {
  const items = Array.from({ length: count }, (_, i) => ({
    ratingKey: `rk${start + i}`,
    guid: `plex://movie/rk${start + i}`,
    type: 'movie',
    title: `Movie ${start + i}`,
  }));
  return json(
    JSON.stringify({
      MediaContainer: {
        librarySectionID: 'watchlist',
        offset: start,
        ...(total === undefined ? {} : { totalSize: total }),
        size: count,
        ...(count > 0 ? { Metadata: items } : {}),
      },
    }),
  );
}

const all = async <T>(it: AsyncIterable<T>) => {
  const out: T[] = [];
  for await (const x of it) out.push(x);
  return out;
};

describe('getWatchlist', () => {
  test('GET {discover}/library/sections/watchlist/{filter} with the paging query; token only in the header', async () => {
    const { client, calls } = setup([
      json(capture('watchlistarr/watchlist-from-token.json'), 200, { etag: 'W/"abc"' }),
    ]);
    const result = await getWatchlist(client, {
      filter: 'available',
      type: 'show',
      sort: 'watchlistedAt:desc',
      start: 0,
      size: 50,
    });
    expect(request(calls[0]!)).toEqual({
      method: 'GET',
      origin: DISCOVER,
      path: '/library/sections/watchlist/available',
      query: {
        includeCollections: '1',
        includeExternalMedia: '1',
        sort: 'watchlistedAt:desc',
        type: '2',
        'X-Plex-Container-Start': '0',
        'X-Plex-Container-Size': '50',
      },
    });
    tokenOnlyInHeader(calls[0]!);
    expect(calls[0]!.headers.get('if-none-match')).toBeNull();
    if (result.notModified) throw new Error('expected a page');
    expect(result).toMatchObject({ offset: 0, size: 11, totalSize: 11, etag: 'W/"abc"' });
  });

  test('defaults: filter all, no type, no paging parameters', async () => {
    const { client, calls } = setup([json(capture('Tuxflix/HomeTests.cs.watchlist-empty.json'))]);
    const result = await getWatchlist(client);
    expect(request(calls[0]!)).toMatchObject({
      path: '/library/sections/watchlist/all',
      query: { includeCollections: '1', includeExternalMedia: '1' },
    });
    expect(result).toMatchObject({ items: [], totalSize: 0 });
    expect('etag' in result && result.etag).toBeFalsy();
  });

  test('If-None-Match: etag; a 304 with an empty body is { notModified: true, etag }', async () => {
    const { client, calls } = setup([new Response(null, { status: 304, headers: { etag: 'W/"abc"' } })]);
    const result = await getWatchlist(client, { etag: 'W/"abc"' });
    expect(calls[0]!.headers.get('if-none-match')).toBe('W/"abc"');
    expect(result).toEqual({ notModified: true, etag: 'W/"abc"' });
  });

  test('a 304 without an ETag header keeps the one sent', async () => {
    const { client } = setup([new Response(null, { status: 304 })]);
    expect(await getWatchlist(client, { etag: '"v1"' })).toEqual({ notModified: true, etag: '"v1"' });
  });

  test('the old host’s 404 is a NotFoundError with the provider message', async () => {
    const body = capture('python-plexapi/issue-1541.metadata-watchlist-all-404.xml');
    const { client } = setup([
      new Response(body, { status: 404, headers: { 'content-type': 'application/xml' } }),
    ]);
    const error = await getWatchlist(client).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NotFoundError);
    expect((error as Error).message).toContain("Section 'watchlist' not found!");
  });

  test('a bad filter or type is a TypeError before any request', async () => {
    const { client, calls } = setup([]);
    await expect(getWatchlist(client, { filter: 'nope' as 'all' })).rejects.toBeInstanceOf(TypeError);
    await expect(getWatchlist(client, { type: 'episode' as 'movie' })).rejects.toBeInstanceOf(TypeError);
    expect(calls).toHaveLength(0);
  });
});

describe('watchlist / watchlistPages', () => {
  test('pages by X-Plex-Container-Start until totalSize', async () => {
    const { client, calls } = setup([page(0, 2, 5), page(2, 2, 5), page(4, 1, 5)]);
    const items = await all(watchlist(client, { pageSize: 2 }));
    expect(items.map((i) => i.ratingKey)).toEqual(['rk0', 'rk1', 'rk2', 'rk3', 'rk4']);
    expect(calls.map((c) => request(c).query['X-Plex-Container-Start'])).toEqual(['0', '2', '4']);
    expect(calls.every((c) => request(c).query['X-Plex-Container-Size'] === '2')).toBe(true);
  });

  test('stops at a page without Metadata (past the end) even when totalSize says more', async () => {
    const { client, calls } = setup([page(0, 2, 9), page(2, 0, 9)]);
    const pages = await all(watchlistPages(client, { pageSize: 2 }));
    expect(pages).toHaveLength(1);
    expect(calls).toHaveLength(2);
  });

  test('without totalSize: stops at a short page', async () => {
    const { client, calls } = setup([page(0, 3, undefined), page(3, 1, undefined)]);
    expect(await all(watchlist(client, { pageSize: 3 }))).toHaveLength(4);
    expect(calls).toHaveLength(2);
  });

  test('a provider that ignores the paging parameters (the same page again) ends the walk', async () => {
    const { client, calls } = setup([page(0, 2, undefined), page(0, 2, undefined)]);
    expect(await all(watchlist(client, { pageSize: 2 }))).toHaveLength(2);
    expect(calls).toHaveLength(2);
  });

  test('default page size is 100; an empty list makes one request', async () => {
    const { client, calls } = setup([page(0, 0, 0)]);
    expect(await all(watchlist(client))).toEqual([]);
    expect(request(calls[0]!).query['X-Plex-Container-Size']).toBe('100');
  });
});

describe('add, remove, onWatchlist, user state, scrobble', () => {
  const check = (
    call: Recorded,
    method: string,
    origin: string,
    path: string,
    query: Record<string, string>,
  ) => {
    expect(request(call)).toEqual({ method, origin, path, query });
    tokenOnlyInHeader(call);
  };

  test('PUT {discover}/actions/addToWatchlist and removeFromWatchlist with ratingKey (item or key)', async () => {
    const { client, calls } = setup([new Response('', { status: 200 }), new Response('{}', { status: 200 })]);
    await addToWatchlist(client, 'rk1');
    await removeFromWatchlist(client, { ratingKey: 'rk2' });
    check(calls[0]!, 'PUT', DISCOVER, '/actions/addToWatchlist', { ratingKey: 'rk1' });
    check(calls[1]!, 'PUT', DISCOVER, '/actions/removeFromWatchlist', { ratingKey: 'rk2' });
    await expect(addToWatchlist(client, '  ')).rejects.toBeInstanceOf(TypeError);
  });

  test('onWatchlist reads {metadata}/…/userState and answers from watchlistedAt', async () => {
    const { client, calls } = setup([
      json(`{"MediaContainer":{"size":1,"UserState":[{"ratingKey":"rk1","watchlistedAt":1690000000}]}}`),
      json(`{"MediaContainer":{"size":1,"UserState":[{"ratingKey":"rk2","viewCount":0}]}}`),
    ]);
    expect(await onWatchlist(client, 'rk1')).toBe(true);
    expect(await onWatchlist(client, 'rk2')).toBe(false);
    check(calls[0]!, 'GET', METADATA, '/library/metadata/rk1/userState', {});
  });

  test('getUserState fills a missing ratingKey with the one asked for', async () => {
    const { client } = setup([json(`{"MediaContainer":{"size":1,"UserState":[{"viewCount":3}]}}`)]);
    expect(await getUserState(client, 'rk9')).toMatchObject({ ratingKey: 'rk9', viewCount: 3 });
  });

  test('markWatched / markUnwatched: GET {metadata}/actions/scrobble|unscrobble?key&identifier', async () => {
    const { client, calls } = setup([new Response(''), new Response('')]);
    await markWatched(client, 'rk1');
    await markUnwatched(client, { ratingKey: 'rk1' });
    const query = { key: 'rk1', identifier: 'com.plexapp.plugins.library' };
    check(calls[0]!, 'GET', METADATA, '/actions/scrobble', query);
    check(calls[1]!, 'GET', METADATA, '/actions/unscrobble', query);
  });

  test('markWatched with another identifier (what several apps send)', async () => {
    const { client, calls } = setup([new Response('')]);
    await markWatched(client, 'rk1', { identifier: 'tv.plex.provider.metadata' });
    expect(request(calls[0]!).query).toEqual({ key: 'rk1', identifier: 'tv.plex.provider.metadata' });
  });
});

describe('metadata, children, search', () => {
  test('GET {discover}/library/metadata/{ratingKey} and /children', async () => {
    const { client, calls } = setup([
      json(capture('watchlistarr/single-item-plex-metadata2.json')),
      json(capture('watchlistarr/single-item-plex-metadata.children-143bb93.json')),
    ]);
    const movie = await getMetadata(client, '617d3ab142705b2183b1b20b');
    expect(movie.guids.imdb).toBe('tt15789472');
    const seasons = await getChildren(client, { ratingKey: '5df46a38237002001dce338d' });
    expect(seasons.map((s) => s.index)).toEqual([1, 2]);
    expect(request(calls[0]!)).toMatchObject({
      origin: DISCOVER,
      path: '/library/metadata/617d3ab142705b2183b1b20b',
    });
    expect(request(calls[1]!)).toMatchObject({
      origin: DISCOVER,
      path: '/library/metadata/5df46a38237002001dce338d/children',
    });
    tokenOnlyInHeader(calls[0]!);
  });

  test('an empty container for one item is a DecodeError, not undefined', async () => {
    const { client } = setup([json(`{"MediaContainer":{"size":0}}`)]);
    await expect(getMetadata(client, 'rk')).rejects.toMatchObject({ name: 'DecodeError' });
  });

  test('searchDiscover: query, limit, searchTypes, searchProviders=discover, includeMetadata=1', async () => {
    const body = `{"MediaContainer":{"SearchResults":[{"id":"external","SearchResult":[{"score":1,"Metadata":{"ratingKey":"e1","title":"Heat"}}]}]}}`;
    const { client, calls } = setup([json(body), json(body), json(body)]);
    const hits = await searchDiscover(client, 'heat');
    expect(hits[0]).toMatchObject({ score: 1, item: { ratingKey: 'e1', title: 'Heat' } });
    expect(request(calls[0]!)).toEqual({
      method: 'GET',
      origin: DISCOVER,
      path: '/library/search',
      query: {
        query: 'heat',
        limit: '30',
        searchTypes: 'movies,tv',
        searchProviders: 'discover',
        includeMetadata: '1',
      },
    });
    await searchDiscover(client, 'heat', { types: ['movie'], limit: 5 });
    expect(request(calls[1]!).query).toMatchObject({ searchTypes: 'movies', limit: '5' });
    await searchDiscover(client, 'heat', { types: ['show'] });
    expect(request(calls[2]!).query.searchTypes).toBe('tv');
    await expect(searchDiscover(client, ' ')).rejects.toBeInstanceOf(TypeError);
  });
});
