/** Privacy, online media sources and view-state sync through the library against the emulator. */
import {
  createClient,
  getOnlineMediaSources,
  getPrivacy,
  getViewStateSync,
  setPrivacy,
  setViewStateSync,
} from 'plextv';
import { createEmulator } from 'plextv-emulator';
import { beforeEach, describe, expect, test } from 'vitest';

const emulator = createEmulator();
const client = (token: string) =>
  createClient({
    clientIdentifier: 'devices-tests',
    baseUrl: 'https://plex.tv',
    fetch: emulator.fetch.bind(emulator),
    token,
  });

beforeEach(() => emulator.control.reset());

describe('account settings: privacy', () => {
  test('privacy, online media sources and view-state sync round-trip', async () => {
    const demo = client('demo-token');
    await setPrivacy(demo, { optOutPlayback: true });
    expect(await getPrivacy(demo)).toMatchObject({
      optOutPlayback: true,
      optOutLibraryStats: false,
      domain: 'analytics.plex.tv',
    });
    const sources = await getOnlineMediaSources(demo, 'a1b2c3d4e5f60001');
    expect(sources.map((s) => s.key)).toContain('tv.plex.provider.vod');
    await setViewStateSync(demo, false);
    expect((await getViewStateSync(demo)).consent).toBe(false);
  });
});
