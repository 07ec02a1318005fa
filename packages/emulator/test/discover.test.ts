import { describe, expect, it } from 'vitest';
import { createEmulator } from '../src/index.js';
import { DISCOVER, METADATA, provider } from './provider-helpers.js';

const INCEPTION = '5d7768ad96b655001fdc3c6a';
const BREAKING_BAD = '5d9c086c46115600200aa2fe';
const THE_GREAT = '5e2ae04287304c003e612d49';

type Item = Record<string, unknown> & { ratingKey: string; type: string; title: string };
type Container = { MediaContainer: Record<string, unknown> & { Metadata?: Item[] } };

async function doc(url: string, opts: Parameters<typeof provider>[2] = {}, emu = createEmulator()) {
  const res = await provider(emu, url, opts);
  expect(res.status).toBe(200);
  return (await res.json()) as Container;
}

describe('GET /library/metadata/{ratingKey} and /children', () => {
  it('a movie in detail form: guid, Guid[] ids, genres, cast, ratings; the host decides the identifier', async () => {
    const { MediaContainer: mc } = await doc(`${DISCOVER}/library/metadata/${INCEPTION}`);
    expect(mc).toMatchObject({ offset: 0, totalSize: 1, identifier: 'tv.plex.provider.discover', size: 1 });
    const item = mc.Metadata?.[0] as Item;
    expect(item).toMatchObject({
      ratingKey: INCEPTION,
      guid: `plex://movie/${INCEPTION}`,
      key: `/library/metadata/${INCEPTION}`,
      type: 'movie',
      title: 'Inception',
      year: 2010,
      originallyAvailableAt: '2010-07-15',
      contentRating: 'PG-13',
      duration: 148 * 60_000,
      userState: true, // demo watched it
      Guid: [{ id: 'imdb://tt1375666' }, { id: 'tmdb://27205' }, { id: 'tvdb://1130' }],
    });
    expect((item.Genre as Array<{ tag: string }>).map((g) => g.tag)).toEqual([
      'Action',
      'Science Fiction',
      'Adventure',
    ]);
    expect((item.Director as Array<{ tag: string }>)[0]?.tag).toBe('Christopher Nolan');
    const onMetadata = await doc(`${METADATA}/library/metadata/${INCEPTION}`);
    expect(onMetadata.MediaContainer.identifier).toBe('tv.plex.provider.metadata');
  });

  it('a show lists its seasons, a season its episodes (with parent and grandparent keys); a movie none', async () => {
    const emu = createEmulator();
    const show = (await doc(`${DISCOVER}/library/metadata/${BREAKING_BAD}`, {}, emu)).MediaContainer
      .Metadata?.[0];
    expect(show).toMatchObject({
      type: 'show',
      key: `/library/metadata/${BREAKING_BAD}/children`,
      childCount: 3,
      leafCount: 33,
    });
    const seasons = (await doc(`${DISCOVER}/library/metadata/${BREAKING_BAD}/children`, {}, emu))
      .MediaContainer;
    expect(seasons).toMatchObject({ offset: 0, totalSize: 3, size: 3 });
    const s1 = seasons.Metadata?.[0] as Item;
    expect(s1).toMatchObject({
      type: 'season',
      index: 1,
      leafCount: 7,
      parentRatingKey: BREAKING_BAD,
      title: 'Season 1',
    });
    expect(s1.ratingKey).toMatch(/^[0-9a-f]{24}$/);
    const episodes = (
      await doc(`${DISCOVER}/library/metadata/${s1.ratingKey}/children?X-Plex-Container-Size=2`, {}, emu)
    ).MediaContainer;
    expect(episodes).toMatchObject({ totalSize: 7, size: 2 });
    expect(episodes.Metadata?.[1]).toMatchObject({
      type: 'episode',
      index: 2,
      parentIndex: 1,
      parentRatingKey: s1.ratingKey,
      grandparentRatingKey: BREAKING_BAD,
      grandparentTitle: 'Breaking Bad',
      userState: true, // demo watched season 1
    });
    const episode = (await doc(`${DISCOVER}/library/metadata/${episodes.Metadata?.[0]?.ratingKey}`, {}, emu))
      .MediaContainer.Metadata?.[0];
    expect(episode?.type).toBe('episode');
    const none = (await doc(`${DISCOVER}/library/metadata/${INCEPTION}/children`, {}, emu)).MediaContainer;
    expect(none).toMatchObject({ totalSize: 0, size: 0 });
    expect('Metadata' in none).toBe(false);
  });

  it('XML: a show is a <Directory> with <Guid>, <Genre>, <Role> children; unknown keys 404; no token 401', async () => {
    const emu = createEmulator();
    const res = await provider(emu, `${DISCOVER}/library/metadata/${THE_GREAT}`, { xml: true });
    const xml = await res.text();
    expect(xml).toMatch(/<Directory [^>]*ratingKey="5e2ae04287304c003e612d49"[^>]*type="show"/);
    expect(xml).toContain('<Guid id="imdb://tt2235759"/>');
    expect(xml).toMatch(/<Genre [^>]*tag="Comedy" directory="1" context="tag.genre"\/>/);
    expect(xml).toMatch(/<Role [^>]*tag="Elle Fanning"/);
    const unknown = await provider(emu, `${DISCOVER}/library/metadata/ffffffffffffffffffffffff`, {
      xml: true,
    });
    expect(unknown.status).toBe(404);
    expect(await unknown.text()).toContain('<Error error="Not Found" message="Not Found" statusCode="404"/>');
    expect((await provider(emu, `${DISCOVER}/library/metadata/${THE_GREAT}`, { token: null })).status).toBe(
      401,
    );
  });
});

describe('userState, scrobble and unscrobble', () => {
  it('userState: watched, watchlisted, never seen (epoch seconds; unset keys left out); XML <UserState>', async () => {
    const emu = createEmulator();
    const watched = await doc(`${METADATA}/library/metadata/${INCEPTION}/userState`, {}, emu);
    expect(watched).toEqual({
      MediaContainer: {
        size: 1,
        UserState: [
          {
            ratingKey: INCEPTION,
            type: 'movie',
            viewCount: 1,
            viewOffset: 0,
            lastViewedAt: Date.parse('2025-01-14T12:00:00Z') / 1000,
            viewState: 'complete',
          },
        ],
      },
    });
    const listed = (await doc(`${METADATA}/library/metadata/${THE_GREAT}/userState`, {}, emu)).MediaContainer
      .UserState as Array<Record<string, unknown>>;
    expect(listed[0]).toEqual({
      ratingKey: THE_GREAT,
      type: 'show',
      viewCount: 0,
      viewOffset: 0,
      viewedLeafCount: 0,
      watchlistedAt: Date.parse('2025-01-15T12:00:00Z') / 1000 - 3600 - 86_400,
    });
    const bb = (await doc(`${METADATA}/library/metadata/${BREAKING_BAD}/userState`, {}, emu)).MediaContainer
      .UserState as Array<Record<string, unknown>>;
    expect(bb[0]).toMatchObject({ viewedLeafCount: 7, viewState: 'partial', viewCount: 0 });
    const xml = await (
      await provider(emu, `${METADATA}/library/metadata/${INCEPTION}/userState`, { xml: true })
    ).text();
    expect(xml).toMatch(
      /<MediaContainer size="1">\n {2}<UserState ratingKey="5d7768ad96b655001fdc3c6a" type="movie" viewCount="1"/,
    );
  });

  it('GET or PUT /actions/scrobble marks watched (a show: every episode), unscrobble forgets; 200 empty', async () => {
    const emu = createEmulator();
    const id = 'identifier=com.plexapp.plugins.library';
    const r = await provider(emu, `${METADATA}/actions/scrobble?key=${THE_GREAT}&${id}`);
    expect(r.status).toBe(200);
    expect(await r.text()).toBe('');
    const state = async (key: string) =>
      (
        (await doc(`${METADATA}/library/metadata/${key}/userState`, {}, emu)).MediaContainer
          .UserState as Array<Record<string, unknown>>
      )[0];
    expect(await state(THE_GREAT)).toMatchObject({
      viewCount: 1,
      viewState: 'complete',
      viewedLeafCount: 30,
    });
    const s = await provider(emu, `${DISCOVER}/actions/scrobble?key=${INCEPTION}&${id}`, { method: 'PUT' });
    expect(s.status).toBe(200);
    expect(await state(INCEPTION)).toMatchObject({ viewCount: 2, viewState: 'complete' });
    await provider(emu, `${METADATA}/actions/unscrobble?key=${INCEPTION}&${id}`);
    expect(await state(INCEPTION)).toEqual({
      ratingKey: INCEPTION,
      type: 'movie',
      viewCount: 0,
      viewOffset: 0,
    });
    expect((await provider(emu, `${METADATA}/actions/scrobble?key=ffffffffffffffffffffffff`)).status).toBe(
      404,
    );
    expect((await provider(emu, `${METADATA}/actions/scrobble`)).status).toBe(400);
    // Someone else's state is their own.
    expect(await state(THE_GREAT)).toMatchObject({ viewCount: 1 });
    const carol = (
      await doc(`${METADATA}/library/metadata/${THE_GREAT}/userState`, { token: 'carol-token' }, emu)
    ).MediaContainer.UserState as Array<Record<string, unknown>>;
    expect(carol[0]).toMatchObject({ viewCount: 0, viewedLeafCount: 0 });
  });
});

describe('GET /library/search', () => {
  const search = (query: string) =>
    `${DISCOVER}/library/search?${query}&searchProviders=discover&includeMetadata=1`;

  it('title words, case-insensitive, movies and shows; the external hub of {score, Metadata}', async () => {
    const emu = createEmulator();
    const { MediaContainer: mc } = await doc(search('query=DUNE&limit=10&searchTypes=movies,tv'), {}, emu);
    expect(mc).toMatchObject({ size: 2, identifier: 'tv.plex.provider.discover' });
    const hub = (mc.SearchResults as Array<Record<string, unknown>>)[0];
    expect(hub).toMatchObject({ id: 'external', title: 'More Ways To Watch', size: 2 });
    const results = hub?.SearchResult as Array<{ score: number; Metadata: Item }>;
    expect(results.map((r) => r.Metadata.title)).toEqual(['Dune', 'Dune: Part Two']);
    expect(results[0]?.score).toBe(1);
    expect(results[0]?.Metadata.guid).toBe('plex://movie/5d9f35047bc6d6001fa0d16a');
    const tv = await doc(search('query=the&searchTypes=tv&limit=100'), {}, emu);
    const tvHits = (tv.MediaContainer.SearchResults as Array<{ SearchResult: Array<{ Metadata: Item }> }>)[0];
    expect(tvHits?.SearchResult.every((r) => r.Metadata.type === 'show')).toBe(true);
    expect(tvHits?.SearchResult.length).toBeGreaterThan(3);
    const limited = await doc(search('query=the&limit=2'), {}, emu);
    expect(limited.MediaContainer.size).toBe(2);
    const nothing = await doc(search('query=zzzz'), {}, emu);
    expect(nothing.MediaContainer.size).toBe(0);
  });

  it('without searchProviders: the captured 404; without a query or with bad types: 400', async () => {
    const emu = createEmulator();
    const missing = await provider(emu, `${DISCOVER}/library/search?query=dune`);
    expect(missing.status).toBe(404);
    expect(await missing.json()).toEqual({
      Error: { error: 'Not Found', message: 'Missing library search', statusCode: 404 },
    });
    expect((await provider(emu, search('query='))).status).toBe(400);
    expect((await provider(emu, search('query=dune&searchTypes=people'))).status).toBe(400);
    expect((await provider(emu, search('query=dune'), { token: null })).status).toBe(401);
  });
});

describe('the provider root', () => {
  it('GET / on the discover and metadata hosts is the provider root; on plex.tv still a 404', async () => {
    const emu = createEmulator();
    const discover = (await doc(`${DISCOVER}/`, { token: null }, emu)) as unknown as {
      MediaProvider: { identifier: string; Feature: Array<{ type: string }> };
    };
    expect(discover.MediaProvider.identifier).toBe('tv.plex.provider.discover');
    expect(discover.MediaProvider.Feature.map((f) => f.type)).toContain('universalsearch');
    const plex = await emu.fetch('https://plex.tv/', { headers: { 'X-Plex-Client-Identifier': 'x' } });
    expect(plex.status).toBe(404);
    const xml = await (await provider(emu, `${METADATA}/`, { xml: true, token: null })).text();
    expect(xml).toMatch(
      /<MediaProvider icon="[^"]+" identifier="tv.plex.provider.metadata" protocols="stream"/,
    );
    expect(xml).toContain(
      '<Action id="addToWatchlist" key="/actions/addToWatchlist" reverseKey="/actions/removeFromWatchlist"/>',
    );
  });
});
