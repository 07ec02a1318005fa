/**
 * The paging walks (`watchlist`, `watchlistPages`, `getFriendsWatchlists`) against providers that never say
 * the list ended: pages that cycle, a `totalSize` in the trillions with fresh items forever, cursors that never
 * repeat, empty pages that still claim a next one. Every walk must end, with a bounded number of requests.
 */
import { createClient, getFriendsWatchlists, ResponseTooLargeError, watchlist, watchlistPages } from 'plextv';
import { describe, expect, test } from 'vitest';
import { TOKEN } from './endpoint-kit.js';

const json = (body: unknown) =>
  new Response(JSON.stringify(body), { headers: { 'content-type': 'application/json' } });

/** A client whose every request is answered by `answer(n, url, body)` (n counts from 0). */
function endless(answer: (n: number, url: URL, body: string | undefined) => Response) {
  let requests = 0;
  const fetch = async (input: RequestInfo | URL, init?: RequestInit) =>
    answer(requests++, new URL(String(input)), typeof init?.body === 'string' ? init.body : undefined);
  const client = createClient({
    clientIdentifier: 'hostile-paging',
    baseUrl: 'https://plex.test',
    fetch: fetch as typeof globalThis.fetch,
    token: TOKEN,
    retry: false,
  });
  return { client, requests: () => requests };
}

const watchlistPage = (keys: string[], totalSize: number | undefined) =>
  json({
    MediaContainer: {
      offset: 0,
      totalSize,
      Metadata: keys.map((k) => ({ ratingKey: k, guid: `plex://movie/${k}`, type: 'movie', title: k })),
    },
  });

async function drain<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of iterable) out.push(x);
  return out;
}

describe('watchlist paging against a provider that never ends', () => {
  test('pages that cycle A, B, A, B… (totalSize huge) end the walk at the first page seen again', async () => {
    const { client, requests } = endless((n) =>
      watchlistPage(n % 2 === 0 ? ['a1', 'a2'] : ['b1', 'b2'], 1e12),
    );
    const items = await drain(watchlist(client, { pageSize: 2 }));
    expect(items.map((i) => i.ratingKey)).toEqual(['a1', 'a2', 'b1', 'b2']);
    expect(requests()).toBe(3);
  });

  test('fresh items forever under a huge totalSize: a typed failure after a bounded number of requests', async () => {
    const { client, requests } = endless((n, url) => {
      const size = Number(url.searchParams.get('X-Plex-Container-Size'));
      return watchlistPage(
        Array.from({ length: size }, (_, i) => `k${n}-${i}`),
        1e12,
      );
    });
    const error = await drain(watchlistPages(client, { pageSize: 500 })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ResponseTooLargeError);
    expect(requests()).toBeLessThanOrEqual(201);
  });

  test('a NaN-like totalSize and full pages forever also stop', async () => {
    const { client, requests } = endless((n) =>
      json({
        MediaContainer: {
          totalSize: 'lots',
          Metadata: [{ ratingKey: `x${n}`, guid: `plex://movie/x${n}`, type: 'movie', title: 'x' }],
        },
      }),
    );
    const error = await drain(watchlist(client, { pageSize: 1 })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ResponseTooLargeError);
    expect(requests()).toBeLessThanOrEqual(10_001);
  }, 60_000);
});

describe("friends' watchlists against a community API that never ends", () => {
  const friends = () => json({ data: { allFriendsV2: [{ user: { id: 'f1', username: 'friend' } }] } });

  test('fresh cursors forever (hasNextPage always true, empty pages): bounded, typed', async () => {
    const { client, requests } = endless((n) =>
      n === 0
        ? friends()
        : json({
            data: { user: { watchlist: { nodes: [], pageInfo: { hasNextPage: true, endCursor: `c${n}` } } } },
          }),
    );
    const error = await getFriendsWatchlists(client).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ResponseTooLargeError);
    expect(requests()).toBeLessThanOrEqual(10_002);
  });

  test('fresh cursors and items forever: bounded, typed', async () => {
    const { client, requests } = endless((n) =>
      n === 0
        ? friends()
        : json({
            data: {
              user: {
                watchlist: {
                  nodes: Array.from({ length: 100 }, (_, i) => ({
                    id: `i${n}-${i}`,
                    title: 't',
                    type: 'MOVIE',
                  })),
                  pageInfo: { hasNextPage: true, endCursor: `c${n}` },
                },
              },
            },
          }),
    );
    const error = await getFriendsWatchlists(client).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ResponseTooLargeError);
    expect(requests()).toBeLessThanOrEqual(10_002);
  });
});
