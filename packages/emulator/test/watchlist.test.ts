import { describe, expect, it } from 'vitest';
import { createEmulator, type Emulator, validateSeed } from '../src/index.js';
import { DISCOVER, METADATA, provider } from './provider-helpers.js';

const WATCHLIST = `${DISCOVER}/library/sections/watchlist`;
const OPPENHEIMER = '613b69464d1516c90af83633';
const MATRIX = '5d776825880197001ec967c2';
const SUPERMAN = '60a6b1c3ac4d5b002c3a98f1';
const BREAKING_DAWN_1 = '5d77688b594b2b001e68f2f0';

interface Page {
  MediaContainer: {
    offset: number;
    totalSize: number;
    size: number;
    identifier: string;
    Metadata?: Array<{ ratingKey: string; type: string; title: string; userState: boolean }>;
  };
}

async function page(emu: Emulator, path: string, opts: Parameters<typeof provider>[2] = {}): Promise<Page> {
  const res = await provider(emu, `${WATCHLIST}${path}`, opts);
  expect(res.status).toBe(200);
  return (await res.json()) as Page;
}

const keys = (p: Page) => (p.MediaContainer.Metadata ?? []).map((m) => m.ratingKey);

describe('GET /library/sections/watchlist/{all|available|released}', () => {
  it('pages by X-Plex-Container-Start/-Size (query or headers), 20 by default; past the end has no Metadata', async () => {
    const emu = createEmulator();
    const first = await page(emu, '/all');
    expect(first.MediaContainer).toMatchObject({ offset: 0, totalSize: 25, size: 20 });
    expect(keys(first)[0]).toBe(OPPENHEIMER);
    const second = await page(emu, '/all?X-Plex-Container-Start=20&X-Plex-Container-Size=20');
    expect(second.MediaContainer).toMatchObject({ offset: 20, totalSize: 25, size: 5 });
    const byHeader = await page(emu, '/all', {
      headers: { 'X-Plex-Container-Start': '20', 'X-Plex-Container-Size': '20' },
    });
    expect(keys(byHeader)).toEqual(keys(second));
    expect(new Set([...keys(first), ...keys(second)]).size).toBe(25);
    const past = await page(emu, '/all?X-Plex-Container-Start=25');
    expect(past.MediaContainer).toMatchObject({ offset: 25, totalSize: 25, size: 0 });
    expect('Metadata' in past.MediaContainer).toBe(false);
    const bad = await provider(emu, `${WATCHLIST}/all?X-Plex-Container-Size=ten`);
    expect(bad.status).toBe(400);
  });

  it('type (1/movie, 2/show), released (no future titles), available (no unstreamable ones), sort', async () => {
    const emu = createEmulator();
    const all = await page(emu, '/all?X-Plex-Container-Size=100');
    const movies = await page(emu, '/all?type=1&X-Plex-Container-Size=100');
    const shows = await page(emu, '/all?type=show&X-Plex-Container-Size=100');
    expect(movies.MediaContainer.Metadata?.every((m) => m.type === 'movie')).toBe(true);
    expect(shows.MediaContainer.Metadata?.every((m) => m.type === 'show')).toBe(true);
    expect(movies.MediaContainer.totalSize + shows.MediaContainer.totalSize).toBe(
      all.MediaContainer.totalSize,
    );
    const released = await page(emu, '/released?X-Plex-Container-Size=100');
    expect(keys(released)).not.toContain(SUPERMAN);
    expect(keys(released)).toContain(BREAKING_DAWN_1);
    const available = await page(emu, '/available?X-Plex-Container-Size=100');
    expect(keys(available)).not.toContain(SUPERMAN);
    expect(keys(available)).not.toContain(BREAKING_DAWN_1);
    const byTitle = await page(emu, '/all?sort=titleSort:asc&X-Plex-Container-Size=3');
    expect(byTitle.MediaContainer.Metadata?.map((m) => m.title)).toEqual([
      'Aquaman and the Lost Kingdom',
      'Arrival',
      'Barbie',
    ]);
    const oldest = await page(emu, '/all?sort=watchlistedAt:asc&X-Plex-Container-Size=1');
    expect(keys(oldest)).toEqual(['62a3b1f4d2a3e24a9c1f6b27']);
    expect((await provider(emu, `${WATCHLIST}/all?type=3`)).status).toBe(400);
    expect((await provider(emu, `${WATCHLIST}/someday`)).status).toBe(404);
  });

  it('an ETag on every answer; If-None-Match with it gives 304 and no body, until the list changes', async () => {
    const emu = createEmulator();
    const res = await provider(emu, `${WATCHLIST}/all`);
    const etag = res.headers.get('etag');
    expect(etag).toMatch(/^".+"$/);
    await res.text();
    const again = await provider(emu, `${WATCHLIST}/all`, { headers: { 'If-None-Match': etag! } });
    expect(again.status).toBe(304);
    expect(again.headers.get('etag')).toBe(etag);
    expect(await again.text()).toBe('');
    const weak = await provider(emu, `${WATCHLIST}/all`, { headers: { 'If-None-Match': `"x", W/${etag}` } });
    expect(weak.status).toBe(304);
    await provider(emu, `${DISCOVER}/actions/addToWatchlist?ratingKey=${MATRIX}`, { method: 'PUT' });
    const changed = await provider(emu, `${WATCHLIST}/all`, { headers: { 'If-None-Match': etag! } });
    expect(changed.status).toBe(200);
    expect(changed.headers.get('etag')).not.toBe(etag);
    const xml = await provider(emu, `${WATCHLIST}/all`, { xml: true });
    expect(xml.headers.get('etag')).not.toBe(changed.headers.get('etag'));
  });

  it('401 without a valid token; the metadata host answers the captured 404 (the watchlist moved)', async () => {
    const emu = createEmulator();
    expect((await provider(emu, `${WATCHLIST}/all`, { token: null })).status).toBe(401);
    expect((await provider(emu, `${WATCHLIST}/all`, { token: 'nope' })).status).toBe(401);
    const moved = await provider(emu, `${METADATA}/library/sections/watchlist/all`);
    expect(moved.status).toBe(404);
    expect(await moved.json()).toEqual({
      Error: { error: 'Not Found', message: "Section 'watchlist' not found!", statusCode: 404 },
    });
  });

  it('XML: <Video> for movies, <Directory> for shows, userState 0/1 and the same header', async () => {
    const emu = createEmulator();
    const res = await provider(emu, `${WATCHLIST}/all?X-Plex-Container-Size=2`, { xml: true });
    const xml = await res.text();
    expect(res.headers.get('content-type')).toBe('application/xml; charset=utf-8');
    expect(xml).toMatch(
      /<MediaContainer librarySectionID="watchlist" librarySectionTitle="Watchlist" offset="0" totalSize="25" identifier="tv.plex.provider.discover" size="2">/,
    );
    expect(xml).toMatch(/<Video [^>]*ratingKey="613b69464d1516c90af83633"[^>]*userState="0"/);
    expect(xml).toMatch(/<Directory [^>]*type="show"/);
    expect(xml).toMatch(/<Image alt="Oppenheimer" type="background"/);
  });
});

describe('PUT /actions/addToWatchlist and /actions/removeFromWatchlist', () => {
  it('adds on top (idempotent), removes, 200 with an empty body; unknown keys and episodes 404', async () => {
    const emu = createEmulator();
    const add = await provider(emu, `${DISCOVER}/actions/addToWatchlist?ratingKey=${MATRIX}`, {
      method: 'PUT',
    });
    expect(add.status).toBe(200);
    expect(await add.text()).toBe('');
    const after = await page(emu, '/all');
    expect(after.MediaContainer.totalSize).toBe(26);
    expect(keys(after)[0]).toBe(MATRIX);
    await provider(emu, `${DISCOVER}/actions/addToWatchlist?ratingKey=${MATRIX}`, { method: 'PUT' });
    expect((await page(emu, '/all')).MediaContainer.totalSize).toBe(26);
    const rm = await provider(emu, `${DISCOVER}/actions/removeFromWatchlist?ratingKey=${OPPENHEIMER}`, {
      method: 'PUT',
    });
    expect(rm.status).toBe(200);
    expect(keys(await page(emu, '/all?X-Plex-Container-Size=100'))).not.toContain(OPPENHEIMER);
    const unknown = await provider(
      emu,
      `${DISCOVER}/actions/addToWatchlist?ratingKey=ffffffffffffffffffffffff`,
      {
        method: 'PUT',
      },
    );
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toEqual({
      Error: { error: 'Not Found', message: 'Not Found', statusCode: 404 },
    });
    expect((await provider(emu, `${DISCOVER}/actions/addToWatchlist`, { method: 'PUT' })).status).toBe(400);
    expect(
      (
        await provider(emu, `${DISCOVER}/actions/addToWatchlist?ratingKey=${MATRIX}`, {
          method: 'PUT',
          token: null,
        })
      ).status,
    ).toBe(401);
    // Another account's list is its own.
    expect((await page(emu, '/all', { token: 'carol-token' })).MediaContainer.totalSize).toBe(3);
  });

  it('control.reset restores the seeded lists', async () => {
    const emu = createEmulator();
    await provider(emu, `${DISCOVER}/actions/removeFromWatchlist?ratingKey=${OPPENHEIMER}`, {
      method: 'PUT',
    });
    emu.control.reset();
    expect(keys(await page(emu, '/all'))[0]).toBe(OPPENHEIMER);
  });
});

describe('seed.watchlists', () => {
  const account = {
    id: 1,
    uuid: '00000000000000a1',
    joinedAt: '2020-01-01T00:00:00Z',
    username: 'solo',
    email: 'solo@x.test',
    password: 'p',
    tokens: ['solo-token'],
  };

  it('seeds a list (newest first), its privacy and watched items', async () => {
    const emu = createEmulator({
      accounts: [account],
      watchlists: [{ account: 'solo', items: [MATRIX, OPPENHEIMER], watched: [MATRIX] }],
    });
    const p = await page(emu, '/all', { token: 'solo-token' });
    expect(keys(p)).toEqual([MATRIX, OPPENHEIMER]);
    expect(p.MediaContainer.Metadata?.map((m) => m.userState)).toEqual([true, false]);
  });

  it('names the offending path: unknown account, unknown item, an episode, a duplicate, an unknown field', () => {
    const bad = (watchlists: unknown) => () => validateSeed({ accounts: [account], watchlists });
    expect(bad([{ account: 'nobody', items: [] }])).toThrow(
      /seed\.watchlists\[0\]\.account: no seeded account/,
    );
    expect(bad([{ account: 'solo', items: ['nope'] }])).toThrow(
      /seed\.watchlists\[0\]\.items\[0\]: no catalogue item/,
    );
    expect(bad([{ account: 'solo', items: [MATRIX, MATRIX] }])).toThrow(/listed twice/);
    const season = '89463844cdf9d77f063c77b2'; // Breaking Bad season 1
    expect(bad([{ account: 'solo', items: [season] }])).toThrow(
      /only movies and shows go on a watchlist \(season\)/,
    );
    expect(bad([{ account: 'solo', items: [], colour: 'red' }])).toThrow(/colour: unknown watchlist field/);
    expect(bad([{ account: 'solo', items: [], private: 'yes' }])).toThrow(/private: expected true or false/);
    expect(bad({})).toThrow(/seed\.watchlists: expected an array/);
  });
});
