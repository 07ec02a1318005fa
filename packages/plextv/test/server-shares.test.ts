/** Per-user server tokens (endpoints/server-shares.ts): the capture, the emulator, and the bulk helper. */
import {
  createClient,
  getServerShares,
  getServerTokens,
  getUserServerToken,
  parseServerShares,
  RateLimitedError,
  shareServer,
  sharingSections,
} from 'plextv';
import { createEmulator } from 'plextv-emulator';
import { beforeEach, describe, expect, test } from 'vitest';
import { capture } from './captures.js';

const DEMO_SERVER = 'a1b2c3d4e5f60718293a4b5c6d7e8f9000000001';
const emulator = createEmulator();
const client = (token: string) =>
  createClient({
    clientIdentifier: 'server-shares-tests',
    baseUrl: 'https://plex.tv',
    fetch: emulator.fetch.bind(emulator),
    token,
    retry: { attempts: 3, baseDelay: 1, maxDelay: 5, deadline: 5_000 },
  });
const demo = () => client('demo-token');

beforeEach(() => emulator.control.reset());

describe('the capture', () => {
  test('go-plex-client: a v1 <SharedServer> with the user, its token and its sections', async () => {
    const [share, ...rest] = await parseServerShares(
      capture('go-plex-client/plex_test.go.TestInviteFriendResponse.xml'),
    );
    expect(rest).toEqual([]);
    expect(share).toMatchObject({
      id: 1234,
      invitedId: 1234,
      username: 'bob-guest',
      email: 'bob@gmail.com',
      accessToken: 'abc123',
      name: 'bob-server',
      acceptedAt: new Date(1465796576 * 1000),
    });
    expect(share!.libraries.map((l) => l.title)).toEqual(['TV Shows']);
  });
});

describe('against the emulator', () => {
  test('getServerShares lists every user of a server with the token they use for it', async () => {
    const shares = await getServerShares(demo(), DEMO_SERVER);
    expect(shares.length).toBeGreaterThanOrEqual(2);
    const free = shares.find((s) => s.username === 'freeuser')!;
    expect(free.accessToken).toBe('free-demo-server-token');
    expect(free.libraries.length).toBeGreaterThan(0);
  });

  test('getUserServerToken by account id, username, e-mail or object; undefined when not shared', async () => {
    const shares = await getServerShares(demo(), DEMO_SERVER);
    const free = shares.find((s) => s.username === 'freeuser')!;
    for (const who of [free.invitedId!, 'FreeUser', free.email!, { id: free.invitedId! }]) {
      expect(await getUserServerToken(demo(), DEMO_SERVER, who)).toBe('free-demo-server-token');
    }
    expect(await getUserServerToken(demo(), DEMO_SERVER, 'nobody@example.test')).toBeUndefined();
  });

  test("a new share appears with its user's token", async () => {
    const sections = await sharingSections(demo(), DEMO_SERVER);
    const before = await getServerShares(demo(), DEMO_SERVER);
    await shareServer(demo(), {
      machineIdentifier: DEMO_SERVER,
      invitedEmail: 'carol',
      librarySectionIds: sections.slice(0, 1).map((s) => s.id),
    });
    const after = await getServerShares(demo(), DEMO_SERVER);
    expect(after.length).toBe(before.length + 1);
  });

  test('only the owner may read them; a blank server is a TypeError naming the function', async () => {
    await expect(getServerShares(client('free-token'), DEMO_SERVER)).rejects.toMatchObject({ status: 404 });
    await expect(getServerShares(demo(), ' ')).rejects.toThrow(/plextv: getServerShares needs/);
  });

  test('getServerTokens: one request per server, bounded, riding out a 429', async () => {
    emulator.control.fault({
      path: `/api/servers/${DEMO_SERVER}/shared_servers`,
      status: 429,
      retryAfter: 0,
      times: 1,
    });
    const tokens = await getServerTokens(demo(), [DEMO_SERVER, DEMO_SERVER, DEMO_SERVER], { concurrency: 2 });
    const reads = emulator.control.requests().filter((r) => r.path.endsWith('/shared_servers'));
    expect(reads).toHaveLength(4); // three servers, one retried
    expect(tokens.filter((t) => t.username === 'freeuser').map((t) => t.accessToken)).toEqual([
      'free-demo-server-token',
      'free-demo-server-token',
      'free-demo-server-token',
    ]);
    expect(tokens.every((t) => t.machineIdentifier === DEMO_SERVER && t.accessToken)).toBe(true);
  });

  test('getServerTokens fails with the typed error when a server keeps refusing', async () => {
    emulator.control.fault({
      path: `/api/servers/${DEMO_SERVER}/shared_servers`,
      status: 429,
      retryAfter: 0,
      times: 10,
    });
    await expect(getServerTokens(demo(), [DEMO_SERVER])).rejects.toBeInstanceOf(RateLimitedError);
  });
});
