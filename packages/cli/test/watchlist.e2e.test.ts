/**
 * The built `plextv` as a subprocess against the emulator over loopback HTTP, with `--base-url` only: every
 * host (plex.tv, discover, metadata, community) is served on that one origin, as `npx plextv-emulator` users
 * run it. search → info → watchlist add → list → rm, and a friend's list visible, then refused once private.
 */
import { createEmulator, DEMO_ITEMS, type Emulator, type RunningServer } from 'plextv-emulator';
import { afterAll, beforeAll, beforeEach, expect, test } from 'vitest';
import { ExitCode } from '../src/index.js';
import { cli, tempDir } from './helpers.js';

let emulator: Emulator;
let server: RunningServer;

beforeAll(async () => {
  emulator = createEmulator();
  server = await emulator.listen();
});
afterAll(async () => {
  await server.close();
});
beforeEach(() => emulator.control.reset());

test('watchlist, search and info over one loopback origin', async () => {
  const config = await tempDir();
  const plextv = (args: string[], token = 'demo-token') =>
    cli([...args, '--base-url', server.url, '--config-dir', config.dir], { env: { PLEX_TOKEN: token } });
  try {
    const search = await plextv(['search', 'inception']);
    expect(search.code).toBe(0);
    expect(search.stdout).toContain(DEMO_ITEMS.inception);
    const info = await plextv(['info', 'Inception', '--json']);
    expect(info.code).toBe(0);
    expect(JSON.parse(info.stdout).ids).toMatchObject({ imdb: 'tt1375666', tmdb: '27205' });
    expect((await plextv(['watchlist', 'add', 'Inception'])).code).toBe(0);
    const list = await plextv(['watchlist', '--json', '--page-size', '5']);
    const items = JSON.parse(list.stdout).items as Array<{ ratingKey: string }>;
    expect(items).toHaveLength(26);
    expect(items[0]!.ratingKey).toBe(DEMO_ITEMS.inception);
    expect((await plextv(['watchlist', 'rm', 'Inception'])).code).toBe(0);
    expect((await plextv(['watchlist'])).stdout).not.toContain('Inception');

    const friend = await plextv(['watchlist', '--friend', 'demo'], 'free-token');
    expect(friend.code).toBe(0);
    expect(friend.stdout.trim().split('\n')).toHaveLength(25);
    emulator.control.setWatchlistPrivate('demo', true);
    const refused = await plextv(['watchlist', '--friend', 'demo'], 'free-token');
    expect(refused.code).toBe(ExitCode.FORBIDDEN);
    expect(refused.stderr).toMatch(/demo's watchlist is private/);
    for (const r of [search, info, list, friend, refused]) {
      expect(r.stdout + r.stderr).not.toMatch(/demo-token|free-token/);
    }
  } finally {
    await config.cleanup();
  }
});
