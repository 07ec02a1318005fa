/**
 * Conformance of the discover, metadata, community and RSS hosts with the real captures in
 * fixtures/realworld/plextv (watchlistarr, Tuxflix, python-plexapi issues, plex-api.rs): the same
 * keys in the same relative order with the same value types (see conformance.test.ts for the
 * method). Every remaining difference is listed with its reason; a new or vanished one fails.
 */

import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createEmulator } from '../src/index.js';
import { DISCOVER, FRIENDS_QUERY, graphql, METADATA, provider, WATCHLIST_QUERY } from './provider-helpers.js';
import { diffOrder, diffShapes, jsonShape, parseXml } from './shapes.js';

const CAPTURES = new URL('../../../fixtures/realworld/plextv/', import.meta.url);
const capture = (path: string) => readFileSync(fileURLToPath(new URL(path, CAPTURES)), 'utf8');
const captureJson = (path: string) => JSON.parse(capture(path)) as unknown;

function expectOnly(actual: string[], explained: Record<string, string>): void {
  expect([...actual].sort()).toEqual(Object.keys(explained).sort());
}

async function body(res: Promise<Response>): Promise<unknown> {
  const r = await res;
  expect(r.status).toBe(200);
  return r.json();
}

/**
 * Lists the seed does not model (credits beyond cast and director, countries, networks): a whole
 * `missing <list>…` group per name is expected, and nothing else under it.
 */
const UNMODELLED = ['Producer', 'Writer', 'Country', 'Network'];

function compare(
  cap: unknown,
  ours: unknown,
  shapes: Record<string, string>,
  order: Record<string, string> = {},
) {
  const a = jsonShape(cap);
  const b = jsonShape(ours);
  const unmodelled = (line: string) =>
    UNMODELLED.some((name) => line.startsWith(`missing MediaContainer.Metadata[].${name}`));
  const diffs = diffShapes(a.shape, b.shape);
  expectOnly(
    diffs.filter((d) => !unmodelled(d)),
    shapes,
  );
  // Every unmodelled line is a missing list of the capture's, never a type or an extra.
  for (const d of diffs.filter(unmodelled)) expect(d).toMatch(/^missing /);
  expectOnly(diffOrder(a.order, b.order), order);
}

const THE_TEST = '5df46a38237002001dce338d';
const NOWHERE = '617d3ab142705b2183b1b20b';
const NOT_EVERY_ITEM =
  'the capture has it on some items only (banner art, extras, original titles); the seed has none';
const CHARACTERS = 'the seed has no character names for the cast';
const SEASON_IDS = 'the seed has no per-season external ids (a season carries no Guid[])';

describe('conformance: discover / metadata provider captures', () => {
  it("watchlist-from-token.json (11 items) <-> demo's first page", async () => {
    const ours = await body(provider(createEmulator(), `${DISCOVER}/library/sections/watchlist/all`));
    compare(captureJson('watchlistarr/watchlist-from-token.json'), ours, {
      'missing MediaContainer.Metadata[].banner (capture: string)': NOT_EVERY_ITEM,
      'missing MediaContainer.Metadata[].primaryExtraKey (capture: string)': NOT_EVERY_ITEM,
      'missing MediaContainer.Metadata[].theme (capture: string)': NOT_EVERY_ITEM,
      'missing MediaContainer.Metadata[].subtype (capture: string)': NOT_EVERY_ITEM,
      'missing MediaContainer.Metadata[].originalTitle (capture: string)': NOT_EVERY_ITEM,
      'missing MediaContainer.Metadata[].skipChildren (capture: bool)': NOT_EVERY_ITEM,
    });
  });

  it('empty-watchlist-from-token.json <-> a page past the end (no Metadata key)', async () => {
    const ours = await body(
      provider(createEmulator(), `${DISCOVER}/library/sections/watchlist/all?X-Plex-Container-Start=300`),
    );
    compare(captureJson('watchlistarr/empty-watchlist-from-token.json'), ours, {});
    expect(ours).toEqual({
      MediaContainer: {
        librarySectionID: 'watchlist',
        librarySectionTitle: 'Watchlist',
        offset: 300,
        totalSize: 25,
        identifier: 'tv.plex.provider.discover',
        size: 0,
      },
    });
  });

  it('Tuxflix watchlist-empty.json <-> an account with an empty watchlist', async () => {
    const ours = await body(
      provider(createEmulator(), `${DISCOVER}/library/sections/watchlist/all`, { token: 'kids-token' }),
    );
    compare(
      captureJson('Tuxflix/HomeTests.cs.watchlist-empty.json'),
      ours,
      {},
      {
        'order MediaContainer: capture librarySectionID,librarySectionTitle,identifier,offset,totalSize,size / emulator librarySectionID,librarySectionTitle,offset,totalSize,identifier,size':
          "the two captures disagree on where identifier goes; the emulator follows watchlistarr's (a real body, not a test literal)",
      },
    );
  });

  it('single-item-plex-metadata.json (a show) <-> The Test', async () => {
    const ours = await body(provider(createEmulator(), `${DISCOVER}/library/metadata/${THE_TEST}`));
    compare(captureJson('watchlistarr/single-item-plex-metadata.json'), ours, {
      'missing MediaContainer.Metadata[].banner (capture: string)': NOT_EVERY_ITEM,
    });
  });

  it('single-item-plex-metadata2.json (a movie) <-> Nowhere', async () => {
    const ours = await body(provider(createEmulator(), `${DISCOVER}/library/metadata/${NOWHERE}`));
    compare(captureJson('watchlistarr/single-item-plex-metadata2.json'), ours, {
      'missing MediaContainer.Metadata[].banner (capture: string)': NOT_EVERY_ITEM,
      'missing MediaContainer.Metadata[].primaryExtraKey (capture: string)': NOT_EVERY_ITEM,
      'missing MediaContainer.Metadata[].Role[].role (capture: string)': CHARACTERS,
    });
  });

  it("single-item-plex-metadata.children-143bb93.json <-> The Test's seasons", async () => {
    const ours = await body(provider(createEmulator(), `${DISCOVER}/library/metadata/${THE_TEST}/children`));
    compare(captureJson('watchlistarr/single-item-plex-metadata.children-143bb93.json'), ours, {
      'missing MediaContainer.Metadata[].primaryExtraKey (capture: string)': NOT_EVERY_ITEM,
      'missing MediaContainer.Metadata[].Guid (capture: array)': SEASON_IDS,
      'missing MediaContainer.Metadata[].Guid[] (capture: object)': SEASON_IDS,
      'missing MediaContainer.Metadata[].Guid[].id (capture: string)': SEASON_IDS,
    });
  });

  it('the captured provider errors: watchlist on the metadata host, search without providers, PUT /:/rate', async () => {
    const emu = createEmulator();
    const xmlOf = async (r: Response) => parseXml(await r.text()).children[0];
    const moved = await provider(emu, `${METADATA}/library/sections/watchlist/all`, { xml: true });
    expect(moved.status).toBe(404);
    expect(await xmlOf(moved)).toEqual(
      parseXml(capture('python-plexapi/issue-1541.metadata-watchlist-all-404.xml')).children[0],
    );
    const search = await provider(emu, `${METADATA}/library/search?query=dune`);
    expect(search.status).toBe(404);
    expect(await search.json()).toEqual(
      captureJson('python-plexapi/issue-1425.metadata-library-search-404.json'),
    );
    const rate = await provider(emu, `${METADATA}/:/rate?key=${NOWHERE}&rating=8`, {
      xml: true,
      method: 'PUT',
    });
    expect(rate.status).toBe(404);
    expect(await xmlOf(rate)).toEqual(
      parseXml(capture('python-plexapi/issue-1137.metadata-rate-404.xml')).children[0],
    );
  });

  it('plex-api.rs provider-mocks/metadata/index.json <-> GET / on the metadata host: equal', async () => {
    const ours = await body(provider(createEmulator(), `${METADATA}/`, { token: null }));
    expect(ours).toEqual(captureJson('plex-api.rs/provider-mocks/metadata/index.json'));
  });
});

describe('conformance: community GraphQL and RSS captures', () => {
  it("plex-get-all-friends.json <-> demo's allFriendsV2", async () => {
    const ours = await body(graphql(createEmulator(), 'demo-token', FRIENDS_QUERY));
    compare(captureJson('watchlistarr/plex-get-all-friends.json'), ours, {});
  });

  it("plex-get-watchlist-from-friend-page-1.json and …-friend.json <-> freeuser reading demo's", async () => {
    const emu = createEmulator();
    const first = (await body(
      graphql(emu, 'free-token', WATCHLIST_QUERY, { uuid: 'a1b2c3d4e5f60001', first: 2 }),
    )) as {
      data: { user: { watchlist: { pageInfo: { hasNextPage: boolean; endCursor: string } } } };
    };
    compare(captureJson('watchlistarr/plex-get-watchlist-from-friend-page-1.json'), first, {});
    expect(first.data.user.watchlist.pageInfo.hasNextPage).toBe(true);
    const last = await body(
      graphql(emu, 'free-token', WATCHLIST_QUERY, { uuid: 'a1b2c3d4e5f60001', first: 100 }),
    );
    compare(captureJson('watchlistarr/plex-get-watchlist-from-friend.json'), last, {});
  });

  it('rss-feed-generated.json <-> POST /rss; watchlist.json <-> the feed', async () => {
    const emu = createEmulator();
    const info = (await body(
      emu.fetch(`${DISCOVER}/rss`, {
        method: 'POST',
        headers: { 'X-Plex-Token': 'free-token', 'Content-Type': 'application/json' },
        body: JSON.stringify({ feedType: 'friendsWatchlist' }),
      }),
    )) as { RSSInfo: Array<{ url: string }> };
    compare(captureJson('watchlistarr/rss-feed-generated.json'), info, {});
    const feed = await body(emu.fetch(`${info.RSSInfo[0]?.url}?format=json`));
    compare(captureJson('watchlistarr/watchlist.json'), feed, {});
  });
});
