/**
 * Seeds for the discover provider: each account's watchlist (newest first), whether friends may
 * see it, and what it has watched. Items are catalogue ratingKeys (seed/catalogue.ts).
 */

import { fail, isObj, SeedError } from './check.js';
import { seasonKey } from './derived-key.js';

/** One account's watchlist in a seed. */
export interface SeedWatchlist {
  /** Whose: account id, username or e-mail. */
  account: number | string;
  /** Movie and show ratingKeys, newest first (watchlisted an hour before the seed clock, then a day apart). */
  items: string[];
  /** Friends get community's privacy error instead of the list. Default false. */
  private?: boolean;
  /** Catalogue ratingKeys marked watched a day before the seed clock (a show or season: all its episodes). */
  watched?: string[];
}

/** Validate `seed.watchlists` against the accounts and the catalogue. */
export function validateWatchlists(
  value: unknown,
  hasAccount: (ref: number | string) => boolean,
  itemType: (ratingKey: string) => string | undefined,
): void {
  if (!Array.isArray(value)) fail('seed.watchlists', 'an array of watchlists', value);
  const owners = new Set<string>();
  value.forEach((w: unknown, i: number) => {
    const path = `seed.watchlists[${i}]`;
    if (!isObj(w)) fail(path, 'a watchlist object { account, items, private?, watched? }', w);
    for (const key of Object.keys(w)) {
      if (!['account', 'items', 'private', 'watched'].includes(key))
        throw new SeedError(`${path}.${key}: unknown watchlist field`);
    }
    const ref = w.account;
    if ((typeof ref !== 'number' && typeof ref !== 'string') || !hasAccount(ref))
      throw new SeedError(`${path}.account: no seeded account ${JSON.stringify(ref)}`);
    if (owners.has(String(ref)))
      throw new SeedError(`${path}.account: a second watchlist for ${String(ref)}`);
    owners.add(String(ref));
    if (w.private !== undefined && typeof w.private !== 'boolean')
      fail(`${path}.private`, 'true or false', w.private);
    for (const field of ['items', 'watched'] as const) {
      const keys = w[field];
      if (keys === undefined && field === 'watched') continue;
      if (!Array.isArray(keys)) fail(`${path}.${field}`, 'an array of catalogue ratingKeys', keys);
      keys.forEach((key: unknown, j: number) => {
        const type = typeof key === 'string' ? itemType(key) : undefined;
        if (type === undefined)
          throw new SeedError(`${path}.${field}[${j}]: no catalogue item ${JSON.stringify(key)}`);
        if (field === 'items' && type !== 'movie' && type !== 'show')
          throw new SeedError(`${path}.${field}[${j}]: only movies and shows go on a watchlist (${type})`);
        if (field === 'items' && keys.indexOf(key) !== j)
          throw new SeedError(`${path}.${field}[${j}]: ${String(key)} is listed twice`);
      });
    }
  });
}

/** Catalogue ratingKeys the demo seed uses (names for tests and docs). */
export const DEMO_ITEMS = {
  oppenheimer: '613b69464d1516c90af83633',
  theGreat: '5e2ae04287304c003e612d49',
  pastLives: '5f86722f2556d100412f614d',
  breakingBad: '5d9c086c46115600200aa2fe',
  inception: '5d7768ad96b655001fdc3c6a',
  theTest: '5df46a38237002001dce338d',
  nowhere: '617d3ab142705b2183b1b20b',
  superman: '60a6b1c3ac4d5b002c3a98f1',
  breakingDawn1: '5d77688b594b2b001e68f2f0',
  breakingDawn2: '5d77688b9ab54400214e789b',
  enolaHolmes2: '5fe1e8b9e9b8bb002dd6a2c1',
  theMatrix: '5d776825880197001ec967c2',
} as const;

/**
 * The demo watchlists: demo has 25 items (two pages at the default page size of 20, with an
 * unreleased film and one on no streaming service), public; freeuser (demo's friend) keeps a
 * private one; carol (nobody's friend) a public one.
 */
export const demoWatchlists: SeedWatchlist[] = [
  {
    account: 'demo',
    items: [
      '613b69464d1516c90af83633', // Oppenheimer
      '5e2ae04287304c003e612d49', // The Great
      '60a6b1c3ac4d5b002c3a98f1', // Superman (2025, unreleased at the demo clock)
      '5f86722f2556d100412f614d', // Past Lives
      '5d9c086c46115600200aa2fe', // Breaking Bad
      '5d77688b594b2b001e68f2f0', // Breaking Dawn - Part 1 (on no streaming service)
      '5df46a38237002001dce338d', // The Test
      '617d3ab142705b2183b1b20b', // Nowhere
      '5d7770a5fb0d55001f5f59bb', // Blue Beetle
      '5f7c9b1c9b958e00415de6bb', // ONE PIECE (2023)
      '5d7770b2594b2b001e74fb7e', // Aquaman and the Lost Kingdom
      '64ce38a43c64e3111391ee9d', // Taylor Swift: The Eras Tour
      '5d9c08e6ba6eb9001fbac2bb', // The Wheel of Time
      '62b355e8c2185650f860644f', // Three-Body
      '5d7768c8ad5437001f7528e4', // Interstellar
      '5d9f35047bc6d6001fa0d16a', // Dune
      '5f4df1ca3f2bd900424ab0ad', // Dune: Part Two
      '5d776b4d96b655001fe3a0b0', // Barbie
      '5d776d1b7a53e9001e748a10', // Everything Everywhere All at Once
      '5d776cb396b655001fe6a8be', // Parasite
      '5d776a0d96b655001fe0f2d5', // Arrival
      '5d776cbe96b655001fe6c4c0', // Knives Out
      '5e1632df2d4d84003e48e54e', // Severance
      '5d9c0874ffd9ef001e99607a', // The Last of Us
      '62a3b1f4d2a3e24a9c1f6b27', // The Bear
    ],
    watched: ['5d7768ad96b655001fdc3c6a', seasonKey('5d9c086c46115600200aa2fe', 1)],
  },
  {
    account: 'freeuser',
    items: ['5d77688b9ab54400214e789b', '5d77688b594b2b001e68f2f0', '5fe1e8b9e9b8bb002dd6a2c1'],
    private: true,
  },
  {
    account: 'carol',
    items: ['5d776825880197001ec967c2', '5d9c08fe46115600200b4e5c', '5d9c08544eefaa001f5daa50'],
  },
];
