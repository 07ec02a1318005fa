/**
 * Friends' watchlists over community.plex.tv GraphQL and the watchlist RSS feeds, over a scripted fetch: the
 * community host, the GraphQL body, cursor paging, a private list as a typed error (never with the token), and
 * bounded concurrency across friends.
 */
import {
  GraphQLError,
  getCommunityFriends,
  getFriendsWatchlists,
  getFriendWatchlist,
  getWatchlistFeeds,
  NetworkError,
  WatchlistPrivateError,
} from 'plextv';
import { describe, expect, test } from 'vitest';
import { capture } from './captures.js';
import { COMMUNITY, DISCOVER, request, setup, TOKEN, tokenOnlyInHeader } from './endpoint-kit.js';
import type { Recorded } from './fake-fetch.js';

const json = (body: string, status = 200) =>
  new Response(body, { status, headers: { 'content-type': 'application/json' } });
const graphqlBody = (call: Recorded) =>
  JSON.parse(call.body ?? '{}') as {
    query: string;
    variables: Record<string, unknown>;
    operationName: string;
  };
const PRIVATE = `{"errors":[{"message":"User not found: User privacy prevents viewing","path":["user"]}],"data":null}`;
const watchlistPage = (ids: string[], next: string | null) =>
  json(
    JSON.stringify({
      data: {
        user: {
          watchlist: {
            nodes: ids.map((id) => ({ id, title: `T ${id}`, type: 'SHOW' })),
            pageInfo: { hasNextPage: next !== null, endCursor: next },
          },
        },
      },
    }),
  );

describe('community GraphQL', () => {
  test('allFriendsV2: POST {community}/api with a JSON GraphQL body; token only in the header', async () => {
    const { client, calls } = setup([json(capture('watchlistarr/plex-get-all-friends.json'))]);
    const friends = await getCommunityFriends(client);
    expect(friends.map((f) => f.username)).toEqual(['friend-1', 'friend-2']);
    expect(request(calls[0]!)).toEqual({ method: 'POST', origin: COMMUNITY, path: '/api', query: {} });
    expect(calls[0]!.headers.get('content-type')).toBe('application/json');
    const body = graphqlBody(calls[0]!);
    expect(body.operationName).toBe('GetAllFriends');
    expect(body.query).toContain('allFriendsV2');
    tokenOnlyInHeader(calls[0]!);
  });

  test("a friend's watchlist page: uuid, first and after as variables", async () => {
    const { client, calls } = setup([
      json(capture('watchlistarr/plex-get-watchlist-from-friend-page-1.json')),
    ]);
    const page = await getFriendWatchlist(client, 'ecdb6a50230e2115', { first: 2, after: 'CURSOR' });
    expect(page).toMatchObject({ hasNextPage: true, endCursor: 'MTY1NjE4NDgyMzEzMA==' });
    expect(page.items.map((i) => i.type)).toEqual(['movie', 'movie']);
    const body = graphqlBody(calls[0]!);
    expect(body.operationName).toBe('GetWatchlistHub');
    expect(body.variables).toEqual({ uuid: 'ecdb6a50230e2115', first: 2, after: 'CURSOR' });
    expect(body.query).toMatch(/user\(id: \$uuid\)/);
    await expect(getFriendWatchlist(client, '')).rejects.toBeInstanceOf(TypeError);
  });

  test('a private watchlist (HTTP 200, data:null, errors) is a WatchlistPrivateError that never holds the token', async () => {
    const echo = `{"errors":[{"message":"User privacy prevents viewing (token ${TOKEN})"}],"data":null}`;
    const { client } = setup([json(PRIVATE), json(echo)]);
    const error = await getFriendWatchlist(client, 'a31281fd8s413643').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WatchlistPrivateError);
    expect((error as WatchlistPrivateError).message).toContain('User privacy prevents viewing');
    expect((error as WatchlistPrivateError).path).toBe('/api');
    const echoed = await getFriendWatchlist(client, 'a31281fd8s413643').catch((e: unknown) => e);
    expect(echoed).toBeInstanceOf(WatchlistPrivateError);
    expect(JSON.stringify(echoed)).not.toContain(TOKEN);
    expect((echoed as Error).message).not.toContain(TOKEN);
  });

  test('the same error as HTTP 400 is a WatchlistPrivateError too', async () => {
    const { client } = setup([json(PRIVATE, 400)]);
    await expect(getFriendWatchlist(client, 'x')).rejects.toBeInstanceOf(WatchlistPrivateError);
  });

  test('getFriendsWatchlists: every friend, every page; a private list is reported on its friend', async () => {
    const friends = JSON.stringify({
      data: { allFriendsV2: ['f1', 'f2', 'f3'].map((id) => ({ user: { id, username: `u-${id}` } })) },
    });
    const byFriend: Record<string, Response[]> = {
      f1: [watchlistPage(['a', 'b'], 'c1'), watchlistPage(['c'], null)],
      f2: [json(PRIVATE)],
      f3: [watchlistPage([], null)],
    };
    let active = 0;
    let peak = 0;
    const step = async (r: Recorded) => {
      const { variables } = graphqlBody(r);
      active++;
      peak = Math.max(peak, active);
      await new Promise((resolve) => setTimeout(resolve, 5));
      active--;
      return byFriend[variables.uuid as string]!.shift()!;
    };
    const { client, calls } = setup([json(friends), step, step, step, step]);
    const lists = await getFriendsWatchlists(client, { concurrency: 2, first: 2 });
    expect(lists.map((l) => [l.friend.uuid, l.items.map((i) => i.ratingKey)])).toEqual([
      ['f1', ['a', 'b', 'c']],
      ['f2', []],
      ['f3', []],
    ]);
    expect(lists[1]!.error).toBeInstanceOf(WatchlistPrivateError);
    expect(lists[0]!.error).toBeUndefined();
    expect(peak).toBeLessThanOrEqual(2);
    expect(calls).toHaveLength(5);
    expect(graphqlBody(calls.find((c) => graphqlBody(c).variables.after === 'c1')!).variables).toMatchObject({
      uuid: 'f1',
      first: 2,
    });
  });

  test('getFriendsWatchlists: a failure that is not GraphQL rejects the whole call', async () => {
    const friends = JSON.stringify({ data: { allFriendsV2: [{ user: { id: 'f1' } }] } });
    const { client } = setup([json(friends), new TypeError('fetch failed')]);
    await expect(getFriendsWatchlists(client)).rejects.toBeInstanceOf(NetworkError);
  });

  test('other GraphQL errors are GraphQLError', async () => {
    const { client } = setup([json(`{"errors":[{"message":"Cannot query field \\"x\\""}],"data":null}`)]);
    const error = await getCommunityFriends(client).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GraphQLError);
    expect(error).not.toBeInstanceOf(WatchlistPrivateError);
  });
});

describe('watchlist RSS feeds', () => {
  test('POST {discover}/rss for both feed types; one URL once', async () => {
    const feed = (type: string, uuid: string) =>
      json(JSON.stringify({ RSSInfo: [{ feedType: type, uuid, url: `https://rss.plex.tv/${uuid}` }] }));
    const { client, calls } = setup([feed('watchlist', 'u1'), feed('friendsWatchlist', 'u2')]);
    const feeds = await getWatchlistFeeds(client);
    expect(feeds.map((f) => [f.feedType, f.url])).toEqual([
      ['watchlist', 'https://rss.plex.tv/u1'],
      ['friendsWatchlist', 'https://rss.plex.tv/u2'],
    ]);
    for (const call of calls) {
      expect(request(call)).toMatchObject({ method: 'POST', origin: DISCOVER, path: '/rss' });
      tokenOnlyInHeader(call);
    }
    expect(calls.map((c) => JSON.parse(c.body ?? '{}').feedType).sort()).toEqual([
      'friendsWatchlist',
      'watchlist',
    ]);
  });

  test('the capture served for both asks gives one feed', async () => {
    const body = capture('watchlistarr/rss-feed-generated.json');
    const { client } = setup([json(body), json(body)]);
    expect(await getWatchlistFeeds(client)).toHaveLength(1);
  });
});
