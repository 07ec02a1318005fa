/**
 * `plextv watchlist`, `search` and `info` in-process against the emulator (its default hosts: plex.tv,
 * discover.provider, community): search → info → add → list → rm, a friend's list visible or refused, and
 * what a title that names nothing (or several things) does.
 */
import { DEMO_ITEMS } from 'plextv-emulator';
import { describe, expect, test } from 'vitest';
import { directKey, pickHit } from '../src/commands/discover-items.js';
import { ExitCode } from '../src/index.js';
import { emulatorSession, runIn } from './helpers.js';

const session = emulatorSession();

function plextv(args: string[], token = 'demo-token') {
  return session.run(args, { env: { PLEX_TOKEN: token } });
}

async function json(args: string[], token?: string) {
  const result = await plextv([...args, '--json'], token);
  expect(result.stderr).toBe('');
  expect(result.code).toBe(ExitCode.OK);
  return JSON.parse(result.stdout);
}

describe('search and info', () => {
  test('search lists the matches; --type narrows them; --json carries the items', async () => {
    const human = await plextv(['search', 'dune']);
    expect(human.code).toBe(0);
    expect(human.stdout).toMatch(/^Dune \(2021\) {2}movie {2}5d9f35047bc6d6001fa0d16a$/m);
    expect(human.stdout).toMatch(/^Dune: Part Two \(2024\)/m);
    const shows = await json(['search', 'dune', '--type', 'show']);
    expect(shows.results).toEqual([]);
    const movies = await json(['search', 'breaking']);
    expect(movies.results.map((r: { item: { title: string } }) => r.item.title)).toContain('Breaking Bad');
  });

  test('info by title, ratingKey or plex:// guid: the ids, and a show its seasons', async () => {
    const byTitle = await plextv(['info', 'Breaking Bad']);
    expect(byTitle.code).toBe(0);
    expect(byTitle.stdout).toMatch(/IMDb\s+tt0903747/);
    expect(byTitle.stdout).toMatch(/TMDB\s+1396/);
    expect(byTitle.stdout).toMatch(/TVDB\s+81189/);
    expect(byTitle.stdout).toMatch(/Seasons \(3\)/);
    const byKey = await json(['info', DEMO_ITEMS.breakingBad]);
    expect(byKey.ids).toEqual({
      plex: DEMO_ITEMS.breakingBad,
      imdb: 'tt0903747',
      tmdb: '1396',
      tvdb: '81189',
    });
    expect(byKey.seasons).toHaveLength(3);
    expect(byKey.seasons[0]).toMatchObject({ type: 'season', index: 1 });
    const byGuid = await json(['info', `plex://movie/${DEMO_ITEMS.inception}`]);
    expect(byGuid.item).toMatchObject({ title: 'Inception', year: 2010, guids: { imdb: 'tt1375666' } });
    expect(byGuid.seasons).toBeUndefined();
  });

  test('a title with several matches is ambiguous (exit 2, candidates listed); the year settles it', async () => {
    const ambiguous = await plextv(['info', 'Breaking Dawn']);
    expect(ambiguous.code).toBe(ExitCode.USAGE);
    expect(ambiguous.stderr).toMatch(/"Breaking Dawn" is ambiguous: 2 matches/);
    expect(ambiguous.stderr).toContain(DEMO_ITEMS.breakingDawn1);
    expect(ambiguous.stderr).toContain(DEMO_ITEMS.breakingDawn2);
    const withJson = await plextv(['info', 'Breaking Dawn', '--json']);
    expect(JSON.parse(withJson.stdout).candidates).toHaveLength(2);
    const dune = await json(['info', 'Dune (2021)']);
    expect(dune.item.ratingKey).toBe('5d9f35047bc6d6001fa0d16a');
  });

  test('nothing found, or an unknown ratingKey: exit 15', async () => {
    const none = await plextv(['info', 'Zzyzx Nonexistent']);
    expect(none.code).toBe(ExitCode.NOT_FOUND);
    expect(none.stderr).toMatch(/Nothing on Plex's discover catalogue matches "Zzyzx Nonexistent"/);
    const unknown = await plextv(['info', 'ffffffffffffffffffffffff']);
    expect(unknown.code).toBe(ExitCode.NOT_FOUND);
    expect(unknown.stderr).toMatch(/no item ffffffffffffffffffffffff/);
  });

  test('--type and --limit are checked before anything is sent', async () => {
    const badType = await plextv(['search', 'dune', '--type', 'episode']);
    expect(badType.code).toBe(ExitCode.USAGE);
    expect(badType.stderr).toMatch(/--type must be movie or show/);
    const badLimit = await plextv(['search', 'dune', '--limit', '0']);
    expect(badLimit.code).toBe(ExitCode.USAGE);
  });
});

describe('watchlist', () => {
  test('search → info → add → list (small pages) → rm, in text and JSON', async () => {
    const before = await json(['watchlist']);
    expect(before.totalSize).toBe(25);
    expect(before.items).toHaveLength(25);
    expect(before.items[0].title).toBe('Oppenheimer');
    const added = await plextv(['watchlist', 'add', 'Inception']);
    expect(added.code).toBe(0);
    expect(added.stdout).toMatch(/Added to the watchlist: Inception \(2010\)/);
    const paged = await json(['watchlist', 'list', '--page-size', '7']);
    expect(paged.items).toHaveLength(26);
    expect(paged.items[0].ratingKey).toBe(DEMO_ITEMS.inception);
    const movies = await json(['watchlist', '--type', 'movie']);
    expect(movies.items.every((i: { type: string }) => i.type === 'movie')).toBe(true);
    expect(movies.items.length).toBeLessThan(26);
    const available = await json(['watchlist', '--available']);
    expect(available.items.map((i: { ratingKey: string }) => i.ratingKey)).not.toContain(
      DEMO_ITEMS.breakingDawn1,
    );
    const removed = await json(['watchlist', 'rm', DEMO_ITEMS.inception]);
    expect(removed).toMatchObject({ ok: true, changed: true, item: { title: 'Inception' } });
    const after = await plextv(['watchlist', 'ls']);
    expect(after.stdout).not.toContain('Inception');
    expect(after.stdout.trim().split('\n')).toHaveLength(25);
  });

  test('rm TITLE looks at the watchlist first: "Breaking Dawn" is the one Part on it; several on it are ambiguous', async () => {
    const removed = await json(['watchlist', 'rm', 'breaking dawn']);
    expect(removed.item.ratingKey).toBe(DEMO_ITEMS.breakingDawn1);
    expect((await json(['watchlist'])).items).toHaveLength(24);
    const dunes = await plextv(['watchlist', 'rm', 'Dune']);
    // "Dune" is an exact title on the list: Dune: Part Two is not taken with it.
    expect(dunes.code).toBe(0);
    expect(dunes.stdout).toMatch(/Removed from the watchlist: Dune \(2021\)/);
    const the = await plextv(['watchlist', 'rm', 'the']);
    expect(the.code).toBe(ExitCode.USAGE);
    expect(the.stderr).toMatch(/"the" is ambiguous: \d+ matches/);
    // Not on the list: the catalogue decides (the provider's remove is then a no-op).
    const notListed = await json(['watchlist', 'rm', 'The Matrix']);
    expect(notListed.item.ratingKey).toBe(DEMO_ITEMS.theMatrix);
  });

  test('add takes --type after the title; a bad --type is a usage error', async () => {
    const added = await json(['watchlist', 'add', 'The Office', '--type', 'show']);
    expect(added.item).toMatchObject({ title: 'The Office', type: 'show' });
    const list = await json(['watchlist', '--type', 'show']);
    expect(list.items[0].title).toBe('The Office');
    const bad = await plextv(['watchlist', 'add', 'x', '--type', 'album']);
    expect(bad.code).toBe(ExitCode.USAGE);
  });

  test("a friend's watchlist: visible to a friend, refused when private (exit 13), unknown name (exit 15)", async () => {
    const visible = await json(['watchlist', '--friend', 'demo'], 'free-token');
    expect(visible.friend.username).toBe('demo');
    expect(visible.items).toHaveLength(25);
    expect(visible.items[0]).toMatchObject({ title: 'Oppenheimer', ratingKey: DEMO_ITEMS.oppenheimer });
    const paged = await json(
      ['watchlist', '--friend', 'DEMO', '--page-size', '10', '--type', 'show'],
      'free-token',
    );
    expect(paged.items.length).toBeGreaterThan(0);
    expect(paged.items.every((i: { type: string }) => i.type === 'show')).toBe(true);

    const refused = await plextv(['watchlist', '--friend', 'freeuser']);
    expect(refused.code).toBe(ExitCode.FORBIDDEN);
    expect(refused.stderr).toMatch(/freeuser's watchlist is private/);
    const refusedJson = await plextv(['watchlist', '--friend', 'freeuser', '--json']);
    expect(refusedJson.code).toBe(13);
    expect(JSON.parse(refusedJson.stdout)).toMatchObject({ ok: false, private: true });

    const stranger = await plextv(['watchlist', '--friend', 'carol']);
    expect(stranger.code).toBe(ExitCode.NOT_FOUND);
    expect(stranger.stderr).toMatch(/"carol" is not one of your friends.*your friends: freeuser/);

    session.emulator.control.setWatchlistPrivate('demo', true);
    const nowPrivate = await plextv(['watchlist', '--friend', 'demo'], 'free-token');
    expect(nowPrivate.code).toBe(ExitCode.FORBIDDEN);
    const noAvailable = await plextv(['watchlist', '--friend', 'demo', '--available'], 'free-token');
    expect(noAvailable.code).toBe(ExitCode.USAGE);
  });

  test('unknown subcommand and missing token', async () => {
    const typo = await plextv(['watchlist', 'lsit']);
    expect(typo.code).toBe(ExitCode.USAGE);
    expect(typo.stderr).toMatch(/unknown command 'lsit' for 'plextv watchlist'/);
    const noToken = await runIn(['watchlist', '--config-dir', session.configDir], {
      fetch: session.emulator.fetch,
    });
    expect(noToken.code).toBe(ExitCode.NOT_LOGGED_IN);
  });
});

describe('TITLE|ID resolution', () => {
  test('directKey: ratingKeys and plex:// guids, not titles', () => {
    expect(directKey('5D9F35047BC6D6001FA0D16A')).toBe('5d9f35047bc6d6001fa0d16a');
    expect(directKey('plex://show/5d9c086c46115600200aa2fe')).toBe('5d9c086c46115600200aa2fe');
    expect(directKey('Dune')).toBeUndefined();
    expect(directKey('plex://artist/abc')).toBeUndefined();
    expect(directKey('5d9f35047bc6d6001fa0d16')).toBeUndefined();
  });

  test('pickHit: an exact title wins over partial ones; one hit is taken; none is NOT_FOUND', () => {
    const item = (ratingKey: string, title: string, year?: number) => ({
      item: {
        ratingKey,
        title,
        year,
        ratings: [],
        genres: [],
        roles: [],
        guids: { plex: ratingKey },
        extra: {},
      },
    });
    expect(pickHit('dune', [item('a', 'Dune', 2021), item('b', 'Dune: Part Two', 2024)]).ratingKey).toBe('a');
    expect(pickHit('part two', [item('b', 'Dune: Part Two', 2024)]).ratingKey).toBe('b');
    expect(pickHit('Dune (1984)', [item('a', 'Dune', 2021), item('c', 'Dune', 1984)]).ratingKey).toBe('c');
    expect(() => pickHit('Dune', [item('a', 'Dune', 2021), item('c', 'Dune', 1984)])).toThrow(/ambiguous/);
    expect(() => pickHit('x', [])).toThrow(/Nothing/);
  });
});
