/** removeServer (#11): DELETE /api/servers/{machineIdentifier}, against the emulator. */
import { createClient, getResources, getServerShares, NotFoundError, removeServer } from 'plextv';
import { createEmulator } from 'plextv-emulator';
import { describe, expect, test } from 'vitest';
import { scriptedFetch, xml } from './fake-fetch.js';

const DEMO_SERVER = 'a1b2c3d4e5f60718293a4b5c6d7e8f9000000001';

describe('removeServer', () => {
  test('the server leaves the account: no longer a resource, its shares gone; someone else cannot', async () => {
    const emulator = createEmulator();
    const client = (token: string) =>
      createClient({ clientIdentifier: 'remove-tests', fetch: emulator.fetch.bind(emulator), token });
    await expect(removeServer(client('free-token'), DEMO_SERVER)).rejects.toBeInstanceOf(NotFoundError);
    expect((await getResources(client('demo-token'))).some((r) => r.clientIdentifier === DEMO_SERVER)).toBe(
      true,
    );
    await removeServer(client('demo-token'), DEMO_SERVER);
    expect((await getResources(client('demo-token'))).some((r) => r.clientIdentifier === DEMO_SERVER)).toBe(
      false,
    );
    expect((await getResources(client('free-token'))).some((r) => r.clientIdentifier === DEMO_SERVER)).toBe(
      false,
    );
    await expect(getServerShares(client('demo-token'), DEMO_SERVER)).rejects.toBeInstanceOf(NotFoundError);
  });

  test('the token goes in the header, never the URL; the answer is not read; blank is a TypeError', async () => {
    const { fetch, calls } = scriptedFetch([xml('<not xml', 200)]);
    const c = createClient({ clientIdentifier: 'c', baseUrl: 'https://plex.test', fetch, token: 'tok-9' });
    await removeServer(c, 'abc/def');
    expect(calls[0]!.method).toBe('DELETE');
    expect(calls[0]!.url).toBe('https://plex.test/api/servers/abc%2Fdef');
    expect(calls[0]!.headers.get('x-plex-token')).toBe('tok-9');
    await expect(removeServer(c, '')).rejects.toThrow(/plextv: removeServer needs/);
  });
});
