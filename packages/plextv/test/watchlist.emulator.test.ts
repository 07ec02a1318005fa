/**
 * The watchlist, discover and user-state calls through the library against the emulator (in process, routed by
 * host; and through its MSW handlers with the client's four default host URLs): search → info → add → pages →
 * 304 → remove, mark watched → user state, and MyPlexAccount's names for the same.
 */
import { setupServer } from 'msw/node';
import {
  addToWatchlist,
  createClient,
  getChildren,
  getCommunityFriends,
  getMetadata,
  getUserState,
  getWatchlist,
  MyPlexAccount,
  markUnwatched,
  markWatched,
  NotFoundError,
  onWatchlist,
  ratingKeyFromGuid,
  removeFromWatchlist,
  searchDiscover,
  watchlist,
  watchlistPages,
} from 'plextv';
import { createEmulator, DEMO_ITEMS } from 'plextv-emulator';
import { plexTvHandlers } from 'plextv-emulator/msw';
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';

const emulator = createEmulator();
const client = (token = 'demo-token') =>
  createClient({ clientIdentifier: 'watchlist-tests', fetch: emulator.fetch.bind(emulator), token });

beforeEach(() => emulator.control.reset());

async function keys(options: Parameters<typeof watchlist>[1] = {}, token?: string): Promise<string[]> {
  const out: string[] = [];
  for await (const item of watchlist(client(token), options)) out.push(item.ratingKey);
  return out;
}

describe('watchlist scenario (in process, the default hosts)', () => {
  test('search → info → add → list in small pages → 304 with the etag → remove', async () => {
    const demo = client();
    const hits = await searchDiscover(demo, 'matrix', { types: ['movie'] });
    expect(hits.map((h) => h.item.title)).toEqual(['The Matrix']);
    const matrix = hits[0]!.item;
    const info = await getMetadata(demo, matrix);
    expect(info).toMatchObject({ ratingKey: DEMO_ITEMS.theMatrix, type: 'movie', year: 1999 });
    expect(info.guids).toEqual({ plex: DEMO_ITEMS.theMatrix, imdb: 'tt0133093', tmdb: '603', tvdb: '169' });
    expect(await onWatchlist(demo, matrix)).toBe(false);

    const first = await getWatchlist(demo, { size: 4 });
    if (first.notModified) throw new Error('a first read is a page');
    expect(first).toMatchObject({ offset: 0, size: 4, totalSize: 25 });
    expect(first.etag).toBeTruthy();
    expect(await getWatchlist(demo, { size: 4, etag: first.etag })).toEqual({
      notModified: true,
      etag: first.etag,
    });

    await addToWatchlist(demo, matrix);
    expect(await onWatchlist(demo, matrix.ratingKey)).toBe(true);
    // The list changed: the old etag gets a page again, newest first.
    const changed = await getWatchlist(demo, { size: 4, etag: first.etag });
    if (changed.notModified) throw new Error('the list changed: no 304');
    expect(changed.items[0]!.ratingKey).toBe(DEMO_ITEMS.theMatrix);
    expect(changed.totalSize).toBe(26);

    const pages = [];
    for await (const page of watchlistPages(demo, { pageSize: 4 })) pages.push(page);
    expect(pages.map((p) => p.offset)).toEqual([0, 4, 8, 12, 16, 20, 24]);
    expect(pages.map((p) => p.items.length)).toEqual([4, 4, 4, 4, 4, 4, 2]);
    const all = pages.flatMap((p) => p.items.map((i) => i.ratingKey));
    expect(new Set(all).size).toBe(26);
    expect(all[1]).toBe(DEMO_ITEMS.oppenheimer);
    // A page past the end has no items.
    const past = await getWatchlist(demo, { start: 26, size: 4 });
    expect(past.notModified ? 'notModified' : past.items).toEqual([]);

    await removeFromWatchlist(demo, matrix);
    expect(await onWatchlist(demo, matrix)).toBe(false);
    expect(await keys({ pageSize: 10 })).not.toContain(DEMO_ITEMS.theMatrix);
  });

  test('filters and type: available leaves out what no service has; released what is not out yet', async () => {
    const everything = await keys();
    expect(everything).toHaveLength(25);
    const available = await keys({ filter: 'available' });
    expect(available).not.toContain(DEMO_ITEMS.breakingDawn1);
    expect(available.length).toBeLessThan(25);
    const released = await keys({ filter: 'released' });
    expect(released).not.toContain(DEMO_ITEMS.superman);
    const shows = [];
    for await (const item of watchlist(client(), { type: 'show', pageSize: 3 })) shows.push(item);
    expect(shows.length).toBeGreaterThan(3);
    expect(shows.every((s) => s.type === 'show')).toBe(true);
  });

  test("a show's children are its seasons; an unknown ratingKey is a NotFoundError", async () => {
    const demo = client();
    const seasons = await getChildren(demo, DEMO_ITEMS.breakingBad);
    expect(seasons.map((s) => [s.type, s.index])).toEqual([
      ['season', 1],
      ['season', 2],
      ['season', 3],
    ]);
    const episodes = await getChildren(demo, seasons[0]!);
    expect(episodes).toHaveLength(7);
    expect(episodes[0]).toMatchObject({ type: 'episode', index: 1, parentIndex: 1 });
    await expect(getMetadata(demo, 'ffffffffffffffffffffffff')).rejects.toBeInstanceOf(NotFoundError);
    await expect(addToWatchlist(demo, 'ffffffffffffffffffffffff')).rejects.toBeInstanceOf(NotFoundError);
  });

  test('a plex:// guid (as Plex Media Server metadata and webhooks carry it) names the item too', async () => {
    const demo = client();
    const guid = `plex://movie/${DEMO_ITEMS.theMatrix}`;
    expect(ratingKeyFromGuid(guid)).toBe(DEMO_ITEMS.theMatrix);
    expect(await onWatchlist(demo, guid)).toBe(false);
    await addToWatchlist(demo, guid);
    expect(await onWatchlist(demo, DEMO_ITEMS.theMatrix)).toBe(true);
    expect((await getMetadata(demo, guid)).title).toBe('The Matrix');
    expect((await getUserState(demo, guid)).watchlistedAt).toBeInstanceOf(Date);
    await removeFromWatchlist(demo, guid);
    expect(await onWatchlist(demo, DEMO_ITEMS.theMatrix)).toBe(false);
    // Anything else is a ratingKey as given (and the provider's 404 for an unknown one).
    expect(ratingKeyFromGuid('imdb://tt0133093')).toBeUndefined();
    await expect(getMetadata(demo, 'imdb://tt0133093')).rejects.toBeInstanceOf(NotFoundError);
    expect(() => ratingKeyFromGuid(' plex://show/5d9c086c46115600200aa2fe ')).not.toThrow();
    expect(ratingKeyFromGuid(' plex://show/5d9c086c46115600200aa2fe ')).toBe('5d9c086c46115600200aa2fe');
  });

  test('mark watched → the user state shows it; mark unwatched clears it; each account has its own', async () => {
    const demo = client();
    const before = await getUserState(demo, DEMO_ITEMS.theMatrix);
    expect(before.viewCount ?? 0).toBe(0);
    await markWatched(demo, DEMO_ITEMS.theMatrix);
    const after = await getUserState(demo, DEMO_ITEMS.theMatrix);
    expect(after.viewCount).toBe(1);
    expect(after.lastViewedAt).toBeInstanceOf(Date);
    expect((await getUserState(client('carol-token'), DEMO_ITEMS.theMatrix)).viewCount ?? 0).toBe(0);
    // The seed's watched film, and a watchlisted one's watchlistedAt.
    expect((await getUserState(demo, DEMO_ITEMS.inception)).viewCount).toBe(1);
    expect((await getUserState(demo, DEMO_ITEMS.oppenheimer)).watchlistedAt).toBeInstanceOf(Date);
    await markUnwatched(demo, DEMO_ITEMS.theMatrix);
    expect((await getUserState(demo, DEMO_ITEMS.theMatrix)).viewCount ?? 0).toBe(0);
  });
});

describe("MyPlexAccount's watchlist methods against the emulator", () => {
  test('watchlist(), addToWatchlist(), userState(), onWatchlist(), searchDiscover()', async () => {
    const me = new MyPlexAccount({
      token: 'demo-token',
      client: { clientIdentifier: 'compat-watchlist', fetch: emulator.fetch.bind(emulator) },
    });
    const items = await me.watchlist();
    expect(items).toHaveLength(25);
    expect(items[0]!.title).toBe('Oppenheimer');
    expect(await me.watchlist({ maxresults: 3 })).toHaveLength(3);
    const shows = await me.watchlist({ libtype: 'show' });
    expect(shows.every((i) => i.type === 'show')).toBe(true);
    const [inception] = await me.searchDiscover('inception');
    expect(inception?.ratingKey).toBe(DEMO_ITEMS.inception);
    expect(await me.addToWatchlist(inception!)).toBe(me);
    expect(await me.onWatchlist(inception!)).toBe(true);
    const state = await me.userState(inception!);
    expect(state).toMatchObject({ viewCount: 1 });
    expect(state.watchlistedAt).toBeInstanceOf(Date);
    expect((await me.watchlist())[0]!.ratingKey).toBe(DEMO_ITEMS.inception);
    await me.removeFromWatchlist(inception!);
    expect(await me.onWatchlist(inception!)).toBe(false);
  });
});

describe("through the emulator's MSW handlers: a client with the four default host URLs", () => {
  const emu = createEmulator();
  const msw = setupServer(...plexTvHandlers(emu));
  beforeAll(() => msw.listen({ onUnhandledRequest: 'error' }));
  afterAll(() => msw.close());

  test('plex.tv, discover, metadata and community all answer through the global fetch', async () => {
    // No fetch and no URLs: plex.tv, discover.provider, metadata.provider and community.plex.tv by default.
    const demo = createClient({ clientIdentifier: 'msw-watchlist', token: 'demo-token' });
    const page = await getWatchlist(demo, { size: 2 });
    if (page.notModified) throw new Error('a first read is a page');
    expect(page.items.map((i) => i.title)).toEqual(['Oppenheimer', 'The Great']);
    expect((await getUserState(demo, DEMO_ITEMS.inception)).viewCount).toBe(1);
    const [hit] = await searchDiscover(demo, 'interstellar');
    expect(hit?.item.title).toBe('Interstellar');
    expect((await getMetadata(demo, hit!.item)).guids.imdb).toBe('tt0816692');
    await addToWatchlist(demo, hit!.item);
    expect(await onWatchlist(demo, hit!.item)).toBe(true);
    expect((await getCommunityFriends(demo)).map((f) => f.username)).toEqual(['freeuser']);
  });
});
