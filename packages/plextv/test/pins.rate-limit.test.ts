/** Issue #12 item 5: a 429 storm is reported as rate limiting, not an expired PIN; `Retry-After: 0` keeps a backoff floor. */
import {
  createClient,
  createPin,
  getUser,
  PinExpiredError,
  RateLimitedError,
  TimeoutError,
  waitForPin,
} from 'plextv';
import { describe, expect, test } from 'vitest';
import { json } from './fake-fetch.js';

const pinBody = (extra: Record<string, unknown> = {}) => ({
  id: 42,
  code: 'abcd',
  authToken: null,
  expiresIn: 900,
  ...extra,
});

/** plex.tv that creates a PIN (valid 15 minutes), then answers every poll with `poll()`. */
function plexTv(poll: () => Response) {
  let polls = 0;
  const fetch = (async (_url: string, init?: RequestInit) => {
    if (init?.method === 'POST') return json(pinBody(), 201);
    polls++;
    return poll();
  }) as typeof globalThis.fetch;
  return { fetch, polls: () => polls };
}

describe('waitForPin gives up with the right error', () => {
  test('a 429 storm with Retry-After: 0 is RateLimitedError, not PinExpiredError (the PIN is still valid)', async () => {
    const server = plexTv(() => json({}, 429, { 'retry-after': '0' }));
    const client = createClient({ clientIdentifier: 'c', fetch: server.fetch });
    const pin = await createPin(client);
    const error = await waitForPin(client, pin, { interval: 50, timeout: 1_500 }).catch((e: unknown) => e);
    expect(error).not.toBeInstanceOf(PinExpiredError);
    expect(error).toBeInstanceOf(RateLimitedError);
    expect(error).toMatchObject({ status: 429, path: '/api/v2/pins/42' });
  });

  test('an unapproved PIN at the end of `timeout` is TimeoutError', async () => {
    const server = plexTv(() => json(pinBody()));
    const client = createClient({ clientIdentifier: 'c', fetch: server.fetch });
    const pin = await createPin(client);
    const error = await waitForPin(client, pin, { interval: 50, timeout: 300 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TimeoutError);
    expect(String(error)).toMatch(/not approved within 300 ms/);
  });

  test('a PIN that really expires is still PinExpiredError', async () => {
    const fetch = (async (_url: string, init?: RequestInit) =>
      json(pinBody({ expiresIn: 1 }), init?.method === 'POST' ? 201 : 200)) as typeof globalThis.fetch;
    const client = createClient({ clientIdentifier: 'c', fetch });
    const pin = await createPin(client);
    await expect(waitForPin(client, pin, { interval: 50 })).rejects.toBeInstanceOf(PinExpiredError);
  });
});

describe('Retry-After: 0 does not switch the backoff off', () => {
  test('a GET retried under a 429 storm keeps the backoff floor (a handful of requests in 2 s, not hundreds)', async () => {
    let requests = 0;
    const fetch = (async () => {
      requests++;
      return json({}, 429, { 'retry-after': '0' });
    }) as typeof globalThis.fetch;
    const client = createClient({
      clientIdentifier: 'c',
      token: 't',
      fetch,
      retry: { attempts: 1_000, deadline: 2_000 },
    });
    const started = Date.now();
    await expect(getUser(client)).rejects.toBeInstanceOf(RateLimitedError);
    expect(requests).toBeLessThanOrEqual(5);
    expect(Date.now() - started).toBeLessThan(2_500);
  });
});
