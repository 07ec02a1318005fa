/** Sharing across API generations (#11): v2 first, the v1 endpoints when v2 says the endpoint does not exist. */
import {
  createClient,
  getServerShares,
  NotFoundError,
  removeShare,
  shareServer,
  sharingSections,
  updateShare,
} from 'plextv';
import { createEmulator } from 'plextv-emulator';
import { beforeEach, describe, expect, test } from 'vitest';
import { json, scriptedFetch } from './fake-fetch.js';

const DEMO_SERVER = 'a1b2c3d4e5f60718293a4b5c6d7e8f9000000001';
const CAROL = 10000005;
const emulator = createEmulator();
const demo = () =>
  createClient({
    clientIdentifier: 'sharing-v1-tests',
    baseUrl: 'https://plex.tv',
    clientsBaseUrl: 'https://plex.tv',
    fetch: emulator.fetch.bind(emulator),
    token: 'demo-token',
  });
const gone = (method: string, path: string) =>
  emulator.control.fault({ method, path, status: 404, code: 1002, times: Number.POSITIVE_INFINITY });

beforeEach(() => emulator.control.reset());

describe('v2 answers: nothing changes', () => {
  test('shareServer, updateShare and removeShare say v2 answered', async () => {
    const ids = (await sharingSections(demo(), DEMO_SERVER)).map((s) => s.id);
    const share = await shareServer(demo(), {
      machineIdentifier: DEMO_SERVER,
      invitedId: CAROL,
      librarySectionIds: ids.slice(0, 1),
    });
    expect(share.api).toBe('v2');
    expect(await updateShare(demo(), share.id, { librarySectionIds: ids.slice(0, 2) })).toEqual({
      api: 'v2',
    });
    expect(await removeShare(demo(), share.id)).toEqual({ api: 'v2' });
  });
});

describe('v2 "endpoint not found" (404, 1002): the v1 endpoints', () => {
  test('share, update and remove go through /api/servers/{m}/shared_servers', async () => {
    gone('POST', '/api/v2/shared_servers');
    gone('POST', '/api/v2/shared_servers/*');
    gone('DELETE', '/api/v2/shared_servers/*');
    const ids = (await sharingSections(demo(), DEMO_SERVER)).map((s) => s.id);
    const share = await shareServer(demo(), {
      machineIdentifier: DEMO_SERVER,
      invitedId: CAROL,
      librarySectionIds: ids.slice(0, 1),
      settings: { allowSync: true },
    });
    expect(share.api).toBe('v1');
    expect(share.invitedId).toBe(CAROL);
    expect(share.accessToken).toBeTruthy();
    const listed = (await getServerShares(demo(), DEMO_SERVER)).find((s) => s.id === share.id);
    expect(listed?.libraries.filter((l) => l.shared).map((l) => l.id)).toEqual(ids.slice(0, 1));

    const update = { librarySectionIds: ids.slice(0, 2), machineIdentifier: DEMO_SERVER };
    expect(await updateShare(demo(), share.id, update)).toEqual({ api: 'v1' });
    const after = (await getServerShares(demo(), DEMO_SERVER)).find((s) => s.id === share.id);
    expect(after?.libraries.filter((l) => l.shared)).toHaveLength(2);

    expect(await removeShare(demo(), share.id, { machineIdentifier: DEMO_SERVER })).toEqual({ api: 'v1' });
    expect((await getServerShares(demo(), DEMO_SERVER)).some((s) => s.id === share.id)).toBe(false);
    const posts = emulator.control.requests().filter((r) => r.path.includes('shared_servers'));
    expect(posts.map((r) => `${r.method} ${r.status}`)).toContain('POST 404');
  });

  test('without the server, update and remove cannot fall back: the NotFoundError stands', async () => {
    gone('POST', '/api/v2/shared_servers/*');
    gone('DELETE', '/api/v2/shared_servers/*');
    await expect(updateShare(demo(), 60000001, { librarySectionIds: [] })).rejects.toBeInstanceOf(
      NotFoundError,
    );
    await expect(removeShare(demo(), 60000001)).rejects.toBeInstanceOf(NotFoundError);
  });

  test('another 404 (an unknown server, code 1000) is no reason to try v1', async () => {
    const { fetch, calls } = scriptedFetch([
      json({ errors: [{ code: 1000, message: 'Server not found', status: 404 }] }, 404),
    ]);
    const client = createClient({ clientIdentifier: 'c', baseUrl: 'https://plex.test', fetch, token: 't' });
    const error = await shareServer(client, {
      machineIdentifier: 'unknown',
      invitedId: 5,
      librarySectionIds: [1],
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NotFoundError);
    expect(calls).toHaveLength(1);
  });
});
