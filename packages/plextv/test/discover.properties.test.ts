/**
 * Properties of the discover decoders: random items rendered as provider JSON (`Metadata[]` with tag arrays)
 * and as provider XML (`<Video>`/`<Directory>` with repeated tag children) decode to the same `DiscoverItem`;
 * unknown fields land in `extra`; and any JSON value or broken body gives a value or a typed error, nothing else.
 */
import fc from 'fast-check';
import {
  DecodeError,
  GraphQLError,
  parseCommunityFriends,
  parseDiscoverItems,
  parseDiscoverSearch,
  parseFriendWatchlist,
  parseUserState,
  parseWatchlistFeed,
  parseWatchlistFeeds,
  parseWatchlistPage,
  ratingKeyFromGuid,
} from 'plextv';
import { describe, expect, test } from 'vitest';
import { attrs, epoch, opt, text } from './wire-render.js';

const hex = fc.stringMatching(/^[0-9a-f]{24}$/);
const itemArb = fc.record({
  ratingKey: hex,
  type: fc.constantFrom('movie', 'show', 'season', 'episode'),
  title: text,
  year: opt(fc.integer({ min: 1900, max: 2100 })),
  duration: opt(fc.integer({ min: 1, max: 2 ** 31 })),
  addedAt: opt(epoch),
  summary: opt(text),
  originallyAvailableAt: opt(fc.constantFrom('2020-03-11', '1999-12-31')),
  imdb: opt(fc.stringMatching(/^tt[0-9]{5,8}$/)),
  tmdb: opt(fc.integer({ min: 1, max: 9_999_999 })),
  tvdb: opt(fc.integer({ min: 1, max: 9_999_999 })),
  genres: fc.array(text, { maxLength: 3 }),
  roles: fc.array(fc.record({ tag: text, role: opt(text) }), { maxLength: 3 }),
  ratings: fc.array(
    fc.record({
      image: text,
      type: fc.constantFrom('audience', 'critic'),
      value: fc.integer({ min: 0, max: 100 }),
    }),
    { maxLength: 3 },
  ),
  // An unknown field: must come back in extra, as sent.
  unknownKey: fc.constantFrom('slug', 'studio', 'tagline', 'publicPagesURL'),
  unknownValue: text,
});
type ItemIn = typeof itemArb extends fc.Arbitrary<infer T> ? T : never;

const guidIds = (i: ItemIn) =>
  [i.imdb && `imdb://${i.imdb}`, i.tmdb && `tmdb://${i.tmdb}`, i.tvdb && `tvdb://${i.tvdb}`].filter(
    (g): g is string => typeof g === 'string',
  );
const scalars = (i: ItemIn) => ({
  ratingKey: i.ratingKey,
  guid: `plex://${i.type}/${i.ratingKey}`,
  type: i.type,
  title: i.title,
  ...(i.year === undefined ? {} : { year: i.year }),
  ...(i.duration === undefined ? {} : { duration: i.duration }),
  ...(i.addedAt === undefined ? {} : { addedAt: i.addedAt }),
  ...(i.summary === undefined ? {} : { summary: i.summary }),
  ...(i.originallyAvailableAt === undefined ? {} : { originallyAvailableAt: i.originallyAvailableAt }),
  [i.unknownKey]: i.unknownValue,
});
const ratingValue = (v: number) => v / 10;

function renderJson(items: ItemIn[]): string {
  return JSON.stringify({
    MediaContainer: {
      offset: 0,
      totalSize: items.length,
      size: items.length,
      Metadata: items.map((i) => ({
        ...scalars(i),
        Guid: guidIds(i).map((id) => ({ id })),
        Genre: i.genres.map((tag) => ({ tag })),
        Role: i.roles.map((r) => ({ tag: r.tag, ...(r.role === undefined ? {} : { role: r.role }) })),
        Rating: i.ratings.map((r) => ({ image: r.image, type: r.type, value: ratingValue(r.value) })),
      })),
    },
  });
}

function renderXml(items: ItemIn[]): string {
  const body = items.map((i) => {
    const element = i.type === 'movie' ? 'Video' : 'Directory';
    const tags = [
      ...guidIds(i).map((id) => `<Guid${attrs({ id })}/>`),
      ...i.genres.map((tag) => `<Genre${attrs({ tag })}/>`),
      ...i.roles.map(
        (r) => `<Role${attrs(r.role === undefined ? { tag: r.tag } : { tag: r.tag, role: r.role })}/>`,
      ),
      ...i.ratings.map(
        (r) => `<Rating${attrs({ image: r.image, type: r.type, value: ratingValue(r.value) })}/>`,
      ),
    ];
    return `<${element}${attrs(scalars(i))}>${tags.join('')}</${element}>`;
  });
  return `<?xml version="1.0" encoding="UTF-8"?><MediaContainer offset="0" totalSize="${items.length}" size="${items.length}">${body.join('')}</MediaContainer>`;
}

describe('DiscoverItem', () => {
  test('XML and JSON give the same items; guids, tags and unknown fields decode as rendered', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.uniqueArray(itemArb, { maxLength: 5, selector: (i) => i.ratingKey }),
        async (items) => {
          const fromJson = await parseDiscoverItems(renderJson(items));
          const fromXml = await parseDiscoverItems(renderXml(items));
          expect(fromXml).toEqual(fromJson);
          expect(await parseWatchlistPage(renderXml(items))).toEqual(
            await parseWatchlistPage(renderJson(items)),
          );
          fromJson.forEach((item, n) => {
            const i = items[n]!;
            expect(item.ratingKey).toBe(i.ratingKey);
            expect(item.guids).toEqual({
              plex: i.ratingKey,
              ...(i.imdb ? { imdb: i.imdb } : {}),
              ...(i.tmdb ? { tmdb: String(i.tmdb) } : {}),
              ...(i.tvdb ? { tvdb: String(i.tvdb) } : {}),
            });
            expect(item.genres).toEqual(i.genres);
            expect(item.roles.map((r) => [r.tag, r.role])).toEqual(i.roles.map((r) => [r.tag, r.role]));
            expect(item.ratings.map((r) => r.value)).toEqual(i.ratings.map((r) => ratingValue(r.value)));
            expect(item.addedAt?.getTime()).toBe(i.addedAt === undefined ? undefined : i.addedAt * 1000);
            expect(item.extra).toEqual({ [i.unknownKey]: i.unknownValue });
          });
        },
      ),
      { numRuns: 150 },
    );
  });
});

const PARSERS = [
  parseDiscoverItems,
  parseWatchlistPage,
  parseDiscoverSearch,
  parseUserState,
  parseWatchlistFeeds,
  parseWatchlistFeed,
  parseCommunityFriends,
  parseFriendWatchlist,
];

/** Values shaped like the provider's and GraphQL's containers, with arbitrary contents. */
const shaped = fc.oneof(
  fc
    .jsonValue()
    .map((v) => ({ MediaContainer: { Metadata: [v], Video: v, SearchResults: [{ SearchResult: [v] }] } })),
  fc.jsonValue().map((v) => ({ MediaContainer: { UserState: v } })),
  fc.jsonValue().map((v) => ({
    data: { user: { watchlist: { nodes: [v], pageInfo: v } }, allFriendsV2: [{ user: v }] },
  })),
  fc.jsonValue().map((v) => ({ errors: [v], data: null, RSSInfo: [v] })),
  fc.jsonValue().map((v) => ({ title: v, items: [v, { title: 'x', guids: v, thumbnail: v, rating: v }] })),
  fc.jsonValue(),
);

describe('every discover parser', () => {
  test('any JSON value gives a value or a DecodeError / GraphQLError, never anything else', async () => {
    await fc.assert(
      fc.asyncProperty(shaped, async (value) => {
        for (const parse of PARSERS) {
          const error = await parse(JSON.stringify(value)).then(
            () => undefined,
            (e: unknown) => e,
          );
          if (error !== undefined && !(error instanceof DecodeError) && !(error instanceof GraphQLError))
            throw error;
        }
      }),
      { numRuns: 200 },
    );
  });

  test('broken text is a DecodeError', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ maxLength: 60 }), async (s) => {
        for (const parse of PARSERS) {
          const error = await parse(`{${s}`).catch((e: unknown) => e);
          expect(error).toBeInstanceOf(DecodeError);
        }
      }),
      { numRuns: 50 },
    );
  });
});

describe('ratingKeyFromGuid', () => {
  const hex = fc.stringMatching(/^[0-9a-f]{24}$/);
  test('plex://<type>/<id> gives the id, whatever the spaces around it', () => {
    fc.assert(
      fc.property(
        hex,
        fc.constantFrom('movie', 'show', 'season', 'episode'),
        fc.constantFrom('', ' ', '\t'),
        (id, type, pad) => {
          expect(ratingKeyFromGuid(`${pad}plex://${type}/${id}${pad}`)).toBe(id);
        },
      ),
    );
  });
  test('any other text is no guid (never a throw)', () => {
    fc.assert(
      fc.property(fc.string(), (text) => {
        const got = ratingKeyFromGuid(text);
        if (got !== undefined) expect(text.trim()).toMatch(/^plex:\/\/(movie|show|season|episode)\//i);
      }),
    );
    expect(ratingKeyFromGuid('imdb://tt0133093')).toBeUndefined();
    expect(ratingKeyFromGuid('plex://movie/')).toBeUndefined();
    expect(ratingKeyFromGuid('plex://artist/5d07bbfd403c6402904a6480')).toBeUndefined();
  });
});
