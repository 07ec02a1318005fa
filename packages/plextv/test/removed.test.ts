/** Removed endpoints (endpoints/removed.ts) never reach the network. */
import {
  createClient,
  EndpointRemovedError,
  legacyAcceptInvite,
  legacyCancelInvite,
  legacyPendingInvites,
  legacyRemoveFriend,
  legacyUpdateFriend,
  REMOVED_ENDPOINTS,
} from 'plextv';
import { describe, expect, test } from 'vitest';
import { scriptedFetch } from './fake-fetch.js';

const TOKEN = 'secret-token-abc';
const BASE = 'https://plex.test';
const CLIENTS = 'https://clients.plex.test';

function setup(steps: Parameters<typeof scriptedFetch>[0]) {
  const { fetch, calls } = scriptedFetch(steps);
  const client = createClient({
    clientIdentifier: 'test-client',
    baseUrl: BASE,
    clientsBaseUrl: CLIENTS,
    fetch,
    token: TOKEN,
    retry: false,
  });
  return { client, calls };
}

describe('removed endpoints never reach plex.tv', () => {
  const cases = [
    ['legacyPendingInvites', legacyPendingInvites, '/api/invites/requested'],
    ['legacyAcceptInvite', legacyAcceptInvite, '/api/invites/requests/{id}'],
    ['legacyCancelInvite', legacyCancelInvite, '/api/invites/requested/{id}'],
    ['legacyRemoveFriend', legacyRemoveFriend, '/api/friends/{id}'],
    ['legacyUpdateFriend', legacyUpdateFriend, '/api/friends/{id}'],
  ] as const;

  test.each(cases)(
    '%s rejects with EndpointRemovedError naming the replacement, without a request',
    async (_name, fn, path) => {
      const { client, calls } = setup([]);
      const error = await fn(client, 42).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(EndpointRemovedError);
      expect((error as EndpointRemovedError).path).toBe(path);
      expect((error as EndpointRemovedError).replacement).toMatch(/\(\w+ \/api\/v2\//);
      expect((error as Error).message).toContain('use ');
      expect(calls).toHaveLength(0);
    },
  );

  test('legacyPendingInvites points at getFriends and the pending invites', async () => {
    const error = (await legacyPendingInvites().catch((e: unknown) => e)) as EndpointRemovedError;
    expect(error.message).toContain('use getFriends / pending invites');
    expect(error.replacement).toContain('getPendingInvites');
    expect(error.replacement).toContain("getFriends(client, { status: 'pending_received' })");
  });

  test('REMOVED_ENDPOINTS lists the three removed paths with their replacements', () => {
    const paths = new Set(Object.values(REMOVED_ENDPOINTS).map((e) => e.path.replace(/\/\{id\}$/, '')));
    expect(paths).toEqual(new Set(['/api/invites/requested', '/api/invites/requests', '/api/friends']));
    expect(REMOVED_ENDPOINTS.removeFriend.replacement).toContain('DELETE /api/v2/sharings/{id}');
  });
});
