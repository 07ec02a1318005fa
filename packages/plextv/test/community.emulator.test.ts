/**
 * Friends' watchlists (community.plex.tv GraphQL) and the watchlist RSS feeds through the library against the
 * emulator: a friend's list visible to that friend page by page, a private one and a non-friend's refused
 * with `WatchlistPrivateError`, and the feeds' URLs readable without a token.
 */
import {
  addToWatchlist,
  createClient,
  GraphQLError,
  getCommunityFriends,
  getFriendsWatchlists,
  getFriendWatchlist,
  getWatchlistFeeds,
  parseWatchlistFeed,
  WatchlistPrivateError,
} from 'plextv';
import { createEmulator, DEMO_ITEMS } from 'plextv-emulator';
import { beforeEach, describe, expect, test } from 'vitest';

const emulator = createEmulator();
const client = (token: string) =>
  createClient({ clientIdentifier: 'community-tests', fetch: emulator.fetch.bind(emulator), token });

/** The demo seed's uuids. */
const DEMO_UUID = 'a1b2c3d4e5f60001';
const FREEUSER_UUID = 'a1b2c3d4e5f60002';
const CAROL_UUID = 'a1b2c3d4e5f60005';

beforeEach(() => emulator.control.reset());

describe("friends' watchlists over community GraphQL", () => {
  test('a friend sees the list, page by page with the cursor, newest first; a change shows up', async () => {
    const free = client('free-token');
    const friends = await getCommunityFriends(free);
    expect(friends.map((f) => [f.username, f.uuid])).toEqual([['demo', DEMO_UUID]]);
    const seen: string[] = [];
    let after: string | undefined;
    let pages = 0;
    for (;;) {
      const page = await getFriendWatchlist(free, DEMO_UUID, { first: 10, ...(after ? { after } : {}) });
      pages++;
      seen.push(...page.items.map((i) => i.ratingKey));
      if (!page.hasNextPage) break;
      expect(page.endCursor).toBeTruthy();
      after = page.endCursor;
    }
    expect(pages).toBe(3);
    expect(seen).toHaveLength(25);
    expect(new Set(seen).size).toBe(25);
    expect(seen[0]).toBe(DEMO_ITEMS.oppenheimer);

    await addToWatchlist(client('demo-token'), DEMO_ITEMS.theMatrix);
    const fresh = await getFriendWatchlist(free, DEMO_UUID, { first: 2 });
    expect(fresh.items[0]).toMatchObject({
      ratingKey: DEMO_ITEMS.theMatrix,
      title: 'The Matrix',
      type: 'movie',
    });
  });

  test('a private list is a WatchlistPrivateError (never the token), not an empty page', async () => {
    const demo = client('demo-token');
    expect((await getCommunityFriends(demo)).map((f) => f.username)).toEqual(['freeuser']);
    const error = await getFriendWatchlist(demo, FREEUSER_UUID).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WatchlistPrivateError);
    expect(error).toBeInstanceOf(GraphQLError);
    expect((error as Error).message).toMatch(/privacy/i);
    expect(JSON.stringify(error)).not.toContain('demo-token');
    expect(String((error as Error).stack)).not.toContain('demo-token');

    // getFriendsWatchlists reports it on the friend instead of throwing.
    const all = await getFriendsWatchlists(demo);
    expect(all).toHaveLength(1);
    expect(all[0]!.friend.username).toBe('freeuser');
    expect(all[0]!.items).toEqual([]);
    expect(all[0]!.error).toBeInstanceOf(WatchlistPrivateError);

    // Made public, the same friend's list reads.
    emulator.control.setWatchlistPrivate('freeuser', false);
    const [open] = await getFriendsWatchlists(demo, { first: 2 });
    expect(open!.error).toBeUndefined();
    expect(open!.items.map((i) => i.ratingKey)).toEqual([
      DEMO_ITEMS.breakingDawn2,
      DEMO_ITEMS.breakingDawn1,
      DEMO_ITEMS.enolaHolmes2,
    ]);
  });

  test('someone who is not your friend is refused too, even with a public list; a list made private is refused', async () => {
    await expect(getFriendWatchlist(client('demo-token'), CAROL_UUID)).rejects.toBeInstanceOf(
      WatchlistPrivateError,
    );
    expect(await getCommunityFriends(client('carol-token'))).toEqual([]);
    emulator.control.setWatchlistPrivate('demo', true);
    await expect(getFriendWatchlist(client('free-token'), DEMO_UUID)).rejects.toBeInstanceOf(
      WatchlistPrivateError,
    );
    expect((await getFriendsWatchlists(client('free-token')))[0]!.error).toBeInstanceOf(
      WatchlistPrivateError,
    );
  });
});

describe('watchlist RSS feeds', () => {
  test('getWatchlistFeeds gives the two feeds; the own feed lists the watchlist with external ids', async () => {
    const feeds = await getWatchlistFeeds(client('demo-token'));
    expect(feeds.map((f) => f.feedType).sort()).toEqual(['friendsWatchlist', 'watchlist']);
    const own = feeds.find((f) => f.feedType === 'watchlist')!;
    expect(own.url).toMatch(/^https:\/\/rss\.plex\.tv\/[0-9a-f-]{36}$/);
    // The feed needs no token: fetched plainly, decoded with parseWatchlistFeed.
    const answer = await emulator.fetch(`${own.url}?format=json`);
    expect(answer.status).toBe(200);
    const content = await parseWatchlistFeed(await answer.text());
    expect(content.items).toHaveLength(25);
    const oppenheimer = content.items.find((i) => i.title.startsWith('Oppenheimer'));
    expect(oppenheimer?.guids).toMatchObject({ imdb: 'tt15398776', tmdb: '872585' });
  });
});
