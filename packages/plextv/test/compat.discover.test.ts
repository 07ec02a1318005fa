/**
 * MyPlexAccount's discover and watchlist methods (python-plexapi / @ctrl/plex 7 names, compat/discover.ts) on a
 * scripted fetch: each is the plextv function underneath, on the account's own client.
 */
import { MyPlexAccount } from 'plextv';
import { describe, expect, test } from 'vitest';
import { request, tokenOnlyInHeader } from './endpoint-kit.js';
import { scriptedFetch } from './fake-fetch.js';

const TOKEN = 'secret-token-abc';

function account(steps: Parameters<typeof scriptedFetch>[0]) {
  const { fetch, calls } = scriptedFetch(steps);
  const me = new MyPlexAccount({
    token: TOKEN,
    client: { clientIdentifier: 'compat', baseUrl: 'https://plex.test', fetch },
  });
  return { me, calls };
}

const json = (body: unknown) =>
  new Response(JSON.stringify(body), { headers: { 'content-type': 'application/json' } });
const page = (start: number, keys: string[], total: number) =>
  json({
    MediaContainer: {
      offset: start,
      totalSize: total,
      size: keys.length,
      Metadata: keys.map((ratingKey) => ({ ratingKey })),
    },
  });
const state = (fields: Record<string, unknown>) =>
  json({ MediaContainer: { size: 1, UserState: [{ ratingKey: 'rk', ...fields }] } });

describe('MyPlexAccount discover methods', () => {
  test('watchlist(): every page, filter/libtype/sort passed on, maxresults stops early', async () => {
    const { me, calls } = account([page(0, ['a', 'b'], 3), page(2, ['c'], 3), page(0, ['a', 'b'], 3)]);
    const items = await me.watchlist({ filter: 'released', libtype: 'movie', sort: 'titleSort' });
    expect(items.map((i) => i.ratingKey)).toEqual(['a', 'b', 'c']);
    expect(request(calls[0]!)).toMatchObject({
      path: '/library/sections/watchlist/released',
      query: { type: '1', sort: 'titleSort', 'X-Plex-Container-Start': '0' },
    });
    tokenOnlyInHeader(calls[0]!);
    const first = await me.watchlist({ maxresults: 2 });
    expect(first.map((i) => i.ratingKey)).toEqual(['a', 'b']);
    expect(request(calls[2]!).query['X-Plex-Container-Size']).toBe('2');
    expect(await me.watchlist({ maxresults: 0 })).toEqual([]);
    expect(calls).toHaveLength(3);
  });

  test('addToWatchlist / removeFromWatchlist take one item or a list, resolve with the account', async () => {
    const ok = () => new Response('');
    const { me, calls } = account([ok(), ok(), ok()]);
    expect(await me.addToWatchlist(['a', { ratingKey: 'b' }])).toBe(me);
    expect(await me.removeFromWatchlist('c')).toBe(me);
    expect(calls.map((c) => [c.method, request(c).path, request(c).query.ratingKey])).toEqual([
      ['PUT', '/actions/addToWatchlist', 'a'],
      ['PUT', '/actions/addToWatchlist', 'b'],
      ['PUT', '/actions/removeFromWatchlist', 'c'],
    ]);
  });

  test('onWatchlist / userState / isPlayed read the user state; markPlayed / markUnplayed scrobble', async () => {
    const { me, calls } = account([
      state({ watchlistedAt: 1690000000 }),
      state({ viewCount: 2, viewState: 'complete' }),
      state({ viewCount: 0 }),
      new Response(''),
      new Response(''),
    ]);
    expect(await me.onWatchlist('rk')).toBe(true);
    expect(await me.userState({ ratingKey: 'rk' })).toMatchObject({ viewCount: 2, viewState: 'complete' });
    expect(await me.isPlayed('rk')).toBe(false);
    expect(await me.markPlayed('rk')).toBe(me);
    expect(await me.markUnplayed('rk')).toBe(me);
    expect(calls.map((c) => request(c).path)).toEqual([
      '/library/metadata/rk/userState',
      '/library/metadata/rk/userState',
      '/library/metadata/rk/userState',
      '/actions/scrobble',
      '/actions/unscrobble',
    ]);
  });

  test('searchDiscover(query, {limit, libtype}) gives the items', async () => {
    const { me, calls } = account([
      json({
        MediaContainer: {
          SearchResults: [
            { id: 'external', SearchResult: [{ score: 1, Metadata: { ratingKey: 'h', title: 'Heat' } }] },
          ],
        },
      }),
    ]);
    const items = await me.searchDiscover('heat', { limit: 3, libtype: 'show' });
    expect(items.map((i) => i.title)).toEqual(['Heat']);
    expect(request(calls[0]!).query).toMatchObject({
      query: 'heat',
      limit: '3',
      searchTypes: 'tv',
      searchProviders: 'discover',
    });
  });
});
