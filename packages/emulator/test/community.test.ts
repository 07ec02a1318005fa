import { describe, expect, it } from 'vitest';
import { createEmulator, type Emulator } from '../src/index.js';
import { COMMUNITY, DISCOVER, FRIENDS_QUERY, graphql, WATCHLIST_QUERY } from './provider-helpers.js';

const DEMO_UUID = 'a1b2c3d4e5f60001';
const FREEUSER_UUID = 'a1b2c3d4e5f60002';
const CAROL_UUID = 'a1b2c3d4e5f60005';
const PRIVACY = 'User not found: User privacy prevents viewing';

interface WatchlistAnswer {
  data: {
    user: {
      watchlist: {
        nodes: Array<{ id: string; title: string; publicPagesURL: string; type: string }>;
        pageInfo: { hasNextPage: boolean; endCursor: string | null };
      };
    };
  } | null;
  errors?: Array<{ message: string; path?: string[] }>;
}

async function watchlist(emu: Emulator, token: string, variables: Record<string, unknown>) {
  const res = await graphql(emu, token, WATCHLIST_QUERY, variables);
  expect(res.status).toBe(200);
  return (await res.json()) as WatchlistAnswer;
}

describe('community.plex.tv POST /api (GraphQL)', () => {
  it('allFriendsV2: accepted friends only (not pending invitations, not Home members)', async () => {
    const emu = createEmulator();
    const demo = await (await graphql(emu, 'demo-token', FRIENDS_QUERY)).json();
    expect(demo).toEqual({ data: { allFriendsV2: [{ user: { id: FREEUSER_UUID, username: 'freeuser' } }] } });
    const carol = await (await graphql(emu, 'carol-token', FRIENDS_QUERY)).json();
    expect(carol).toEqual({ data: { allFriendsV2: [] } });
  });

  it("a friend's public watchlist, newest first, paged by the captured timestamp cursor", async () => {
    const emu = createEmulator();
    const ids: string[] = [];
    let after: string | null = null;
    let pages = 0;
    do {
      const answer = await watchlist(emu, 'free-token', { uuid: DEMO_UUID, first: 10, after });
      const wl = answer.data!.user.watchlist;
      ids.push(...wl.nodes.map((n) => n.id));
      after = wl.pageInfo.hasNextPage ? wl.pageInfo.endCursor : null;
      expect(wl.pageInfo.endCursor).toMatch(/^[A-Za-z0-9+/]+=*$/);
      pages++;
    } while (after !== null);
    expect(pages).toBe(3);
    expect(ids).toHaveLength(25);
    expect(new Set(ids).size).toBe(25);
    expect(ids[0]).toBe('613b69464d1516c90af83633');
    const first = await watchlist(emu, 'free-token', { uuid: DEMO_UUID, first: 1 });
    expect(first.data!.user.watchlist.nodes[0]).toEqual({
      id: '613b69464d1516c90af83633',
      title: 'Oppenheimer',
      publicPagesURL: 'https://watch.plex.tv/movie/untitled-oppenheimer-biopic',
      type: 'MOVIE',
    });
    // Literal arguments work too, and your own list is always visible.
    const literal = await graphql(
      emu,
      'demo-token',
      `{ user(id: "${DEMO_UUID}") { watchlist(first: 2) { nodes { id } pageInfo { hasNextPage endCursor } } } }`,
    );
    expect(((await literal.json()) as WatchlistAnswer).data!.user.watchlist.nodes).toHaveLength(2);
  });

  it('a private watchlist and a non-friend get the privacy error (HTTP 200, data null); a stranger id its own', async () => {
    const emu = createEmulator();
    const priv = await watchlist(emu, 'demo-token', { uuid: FREEUSER_UUID, first: 10 });
    expect(priv).toEqual({ errors: [{ message: PRIVACY, path: ['user'] }], data: null });
    const stranger = await watchlist(emu, 'carol-token', { uuid: DEMO_UUID, first: 10 });
    expect(stranger.errors?.[0]?.message).toBe(PRIVACY);
    const notFriend = await watchlist(emu, 'demo-token', { uuid: CAROL_UUID, first: 10 });
    expect(notFriend.errors?.[0]?.message).toBe(PRIVACY);
    const nobody = await watchlist(emu, 'demo-token', { uuid: 'ffffffffffffffff', first: 10 });
    expect(nobody.errors?.[0]?.message).toBe(
      'User not found: Data loader item not found: users uuid=ffffffffffffffff',
    );
    // The owner can always read their own private list.
    const own = await watchlist(emu, 'free-token', { uuid: FREEUSER_UUID, first: 10 });
    expect(own.data!.user.watchlist.nodes.map((n) => n.title)).toEqual([
      'The Twilight Saga: Breaking Dawn - Part 2',
      'The Twilight Saga: Breaking Dawn - Part 1',
      'Enola Holmes 2',
    ]);
  });

  it('control.setWatchlistPrivate (and its HTTP twin) turns the privacy error on and off', async () => {
    const emu = createEmulator();
    emu.control.setWatchlistPrivate('freeuser', false);
    const open = await watchlist(emu, 'demo-token', { uuid: FREEUSER_UUID, first: 10 });
    expect(open.data!.user.watchlist.nodes).toHaveLength(3);
    const res = await emu.fetch('http://emulator.local/__emulator/watchlists/demo/private', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ private: true }),
    });
    expect(res.status).toBe(204);
    expect((await watchlist(emu, 'free-token', { uuid: DEMO_UUID, first: 10 })).errors?.[0]?.message).toBe(
      PRIVACY,
    );
    expect(() => emu.control.setWatchlistPrivate('nobody', true)).toThrow(/no seeded account/);
    const bad = await emu.fetch('http://emulator.local/__emulator/watchlists/demo/private', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ private: 'yes' }),
    });
    expect(bad.status).toBe(400);
  });

  it('malformed or unsupported queries answer 400; no token 401', async () => {
    const emu = createEmulator();
    const post = (body: string, token = 'demo-token') =>
      emu.fetch(`${COMMUNITY}/api`, {
        method: 'POST',
        headers: { 'X-Plex-Token': token, 'Content-Type': 'application/json', Accept: 'application/json' },
        body,
      });
    const notJson = await post('{query');
    expect(notJson.status).toBe(400);
    expect(((await notJson.json()) as { errors: unknown[] }).errors).toHaveLength(1);
    expect((await post(JSON.stringify({ variables: {} }))).status).toBe(400);
    expect((await post(JSON.stringify({ query: '{ me { id } }' }))).status).toBe(400);
    expect((await post(JSON.stringify({ query: WATCHLIST_QUERY, variables: { first: 2 } }))).status).toBe(
      400,
    );
    expect(
      (
        await post(
          JSON.stringify({ query: WATCHLIST_QUERY, variables: { uuid: DEMO_UUID, first: 2, after: '!!' } }),
        )
      ).status,
    ).toBe(400);
    expect((await post(JSON.stringify({ query: FRIENDS_QUERY }), 'bad-token')).status).toBe(401);
  });
});

describe('watchlist RSS feeds', () => {
  async function feedUrl(emu: Emulator, token: string, feedType: string, base = DISCOVER) {
    const res = await emu.fetch(`${base}/rss`, {
      method: 'POST',
      headers: { 'X-Plex-Token': token, 'Content-Type': 'application/json' },
      body: JSON.stringify({ feedType }),
    });
    expect(res.status).toBe(200);
    const info = (await res.json()) as { RSSInfo: Array<{ feedType: string; uuid: string; url: string }> };
    expect(info.RSSInfo[0]?.feedType).toBe(feedType);
    expect(info.RSSInfo[0]?.url).toBe(`https://rss.plex.tv/${info.RSSInfo[0]?.uuid}`);
    return info.RSSInfo[0]!.url;
  }

  it("your own feed and your friends' feed (only friends who let you see theirs); no token needed to read", async () => {
    const emu = createEmulator();
    const own = await feedUrl(emu, 'demo-token', 'watchlist');
    expect(await feedUrl(emu, 'demo-token', 'watchlist')).toBe(own);
    const feed = (await (await emu.fetch(`${own}?format=json`)).json()) as {
      title: string;
      items: Array<{ title: string; guids: string[]; category: string }>;
    };
    expect(feed.title).toBe('Plex Watchlist');
    expect(feed.items).toHaveLength(25);
    expect(feed.items[0]).toMatchObject({
      title: 'Oppenheimer (2023)',
      category: 'movie',
      guids: ['imdb://tt15398776', 'tmdb://872585', 'tvdb://287533'],
    });
    // freeuser's friend (demo) shares: 25 items; demo's friend (freeuser) is private: none.
    const friends = await feedUrl(emu, 'free-token', 'friendsWatchlist');
    expect(
      ((await (await emu.fetch(`${friends}?format=json`)).json()) as { items: unknown[] }).items,
    ).toHaveLength(25);
    const demoFriends = await feedUrl(emu, 'demo-token', 'friendsWatchlist');
    expect(
      ((await (await emu.fetch(`${demoFriends}?format=json`)).json()) as { items: unknown[] }).items,
    ).toHaveLength(0);
    const rss = await emu.fetch(own);
    expect(rss.headers.get('content-type')).toBe('application/xml; charset=utf-8');
    expect(await rss.text()).toMatch(
      /<rss version="2.0">\n {2}<channel>\n {4}<title>Plex Watchlist<\/title>/,
    );
    expect((await emu.fetch('https://rss.plex.tv/00000000-0000-4000-a000-000000000000')).status).toBe(404);
    const bad = await emu.fetch(`${DISCOVER}/rss`, {
      method: 'POST',
      headers: { 'X-Plex-Token': 'demo-token', 'Content-Type': 'application/json' },
      body: JSON.stringify({ feedType: 'everything' }),
    });
    expect(bad.status).toBe(400);
  });
});
