/**
 * Every discover, community and RSS capture in fixtures/realworld/plextv decodes, with values checked: the
 * watchlist pages (full, empty, past the end), single items with `Guid[]`, a show's seasons, the RSS feed
 * answer and the community GraphQL answers. XML forms have no capture: the XML bodies below are DERIVED from
 * the JSON captures by hand (labelled as such), to check that both forms decode alike.
 */
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
  WatchlistPrivateError,
} from 'plextv';
import { describe, expect, test } from 'vitest';
import { capture } from './captures.js';

const epoch = (s: number) => new Date(s * 1000);

describe('watchlist pages', () => {
  test('watchlistarr: 11 items (5 shows, 6 movies), no Guid[] on watchlist items', async () => {
    const page = await parseWatchlistPage(capture('watchlistarr/watchlist-from-token.json'));
    expect(page).toMatchObject({ offset: 0, size: 11, totalSize: 11 });
    expect(page.extra).toEqual({
      librarySectionID: 'watchlist',
      librarySectionTitle: 'Watchlist',
      identifier: 'tv.plex.provider.metadata',
    });
    expect(page.items.filter((i) => i.type === 'show')).toHaveLength(5);
    expect(page.items.filter((i) => i.type === 'movie')).toHaveLength(6);
    const first = page.items[0]!;
    expect(first).toMatchObject({
      ratingKey: '5df46a38237002001dce338d',
      key: '/library/metadata/5df46a38237002001dce338d/children',
      guid: 'plex://show/5df46a38237002001dce338d',
      type: 'show',
      title: 'The Test',
      year: 2020,
      contentRating: 'TV-14',
      duration: 2580000,
      originallyAvailableAt: '2020-03-11',
      addedAt: epoch(1583884800),
      ratings: [],
      genres: [],
      roles: [],
      guids: { plex: '5df46a38237002001dce338d' },
    });
    // Unknown fields are kept as sent (JSON bool userState, float rating, the Image list).
    expect(first.extra).toMatchObject({ userState: false, rating: 8.8, leafCount: 12, studio: 'CA Film' });
    expect(first.extra.Image).toHaveLength(5);
    for (const item of page.items) expect(item.guids.plex).toBe(item.ratingKey);
  });

  test('a page past the end: no Metadata key, offset echoes the start', async () => {
    const page = await parseWatchlistPage(capture('watchlistarr/empty-watchlist-from-token.json'));
    expect(page).toMatchObject({ items: [], offset: 300, size: 0, totalSize: 16 });
    expect(page.extra.identifier).toBe('tv.plex.provider.discover');
  });

  test('Tuxflix: an empty watchlist', async () => {
    const page = await parseWatchlistPage(capture('Tuxflix/HomeTests.cs.watchlist-empty.json'));
    expect(page).toMatchObject({ items: [], offset: 0, size: 0, totalSize: 0 });
  });

  test('the old host’s 404 body is not a page', async () => {
    await expect(
      parseWatchlistPage(capture('python-plexapi/issue-1541.metadata-watchlist-all-404.xml')),
    ).rejects.toBeInstanceOf(DecodeError);
    await expect(
      parseDiscoverSearch(capture('python-plexapi/issue-1425.metadata-library-search-404.json')),
    ).rejects.toBeInstanceOf(DecodeError);
  });
});

describe('single items and children', () => {
  test('a show: Guid[] parsed to imdb/tmdb/tvdb, genres, roles, ratings', async () => {
    const [show, ...rest] = await parseDiscoverItems(capture('watchlistarr/single-item-plex-metadata.json'));
    expect(rest).toEqual([]);
    expect(show!.guids).toEqual({
      imdb: 'tt11347692',
      tmdb: '95837',
      tvdb: '372848',
      plex: '5df46a38237002001dce338d',
    });
    expect(show!.summary).toMatch(/^Australian Cricket/);
    expect(show!.genres).toContain('Documentary');
    expect(show!.roles.length).toBe(75);
    expect(show!.roles[0]).toEqual({
      tag: 'Justin Langer',
      role: undefined,
      id: '5e6b19d04a9324003e3ce724',
      thumb: 'https://metadata-static.plex.tv/8/people/8b10bf4e65aab17e45522ea4ca9a2939.jpg',
    });
    expect(show!.ratings).toEqual([
      { image: 'imdb://image.rating', type: 'audience', value: 8.8 },
      { image: 'themoviedb://image.rating', type: 'audience', value: 7.3 },
    ]);
    // Lists the model reads itself do not reappear in extra; the others stay.
    expect(Object.keys(show!.extra)).not.toContain('Guid');
    expect(Object.keys(show!.extra)).toEqual(
      expect.arrayContaining(['Country', 'Director', 'Network', 'Studio']),
    );
  });

  test('a movie: character names in Role[].role, non-ASCII names', async () => {
    const [movie] = await parseDiscoverItems(capture('watchlistarr/single-item-plex-metadata2.json'));
    expect(movie).toMatchObject({
      ratingKey: '617d3ab142705b2183b1b20b',
      type: 'movie',
      title: 'Nowhere',
      year: 2023,
      guids: { imdb: 'tt15789472', tmdb: '1151534', tvdb: '347900', plex: '617d3ab142705b2183b1b20b' },
    });
    expect(movie!.roles[0]).toMatchObject({ tag: 'Anna Castillo', role: 'Mia' });
    expect(movie!.ratings).toHaveLength(4);
    expect((movie!.extra.Director as Array<{ tag: string }>)[0]!.tag).toBe('Albert Pintó');
  });

  test("a show's seasons: index, parent fields, tmdb-only Guid[]", async () => {
    const seasons = await parseDiscoverItems(
      capture('watchlistarr/single-item-plex-metadata.children-143bb93.json'),
    );
    expect(seasons).toHaveLength(2);
    expect(seasons[0]).toMatchObject({
      type: 'season',
      index: 1,
      parentTitle: 'The Test',
      parentRatingKey: '5df46a38237002001dce338d',
      guids: { tmdb: '136525', plex: '5df475e5578f84001d121dbe' },
    });
    expect(seasons[0]!.guids.imdb).toBeUndefined();
    expect(seasons[1]!.extra.hasGenericTitle).toBe(true);
  });

  test('DERIVED XML of the movie capture (<Video> with repeated tag children) decodes like the JSON', async () => {
    // Hand-made from single-item-plex-metadata2.json (not a capture): the first tag of each list kept.
    const xml = `<?xml version="1.0" encoding="UTF-8"?>
<MediaContainer offset="0" totalSize="1" identifier="tv.plex.provider.discover" size="1">
  <Video guid="plex://movie/617d3ab142705b2183b1b20b" key="/library/metadata/617d3ab142705b2183b1b20b" ratingKey="617d3ab142705b2183b1b20b" type="movie" title="Nowhere" year="2023" duration="6540000" addedAt="1695945600" contentRating="R" originallyAvailableAt="2023-09-29" userState="0">
    <Guid id="imdb://tt15789472"/><Guid id="tmdb://1151534"/><Guid id="tvdb://347900"/>
    <Genre tag="Drama" id="5d9c046c705e7a001e6c8d9a"/>
    <Role tag="Anna Castillo" role="Mia" id="5d7768dff617c90020159be5"/>
    <Rating image="imdb://image.rating" type="audience" value="6.3"/>
  </Video>
</MediaContainer>`;
    const json = JSON.stringify({
      MediaContainer: {
        offset: 0,
        totalSize: 1,
        identifier: 'tv.plex.provider.discover',
        size: 1,
        Metadata: [
          {
            guid: 'plex://movie/617d3ab142705b2183b1b20b',
            key: '/library/metadata/617d3ab142705b2183b1b20b',
            ratingKey: '617d3ab142705b2183b1b20b',
            type: 'movie',
            title: 'Nowhere',
            year: 2023,
            duration: 6540000,
            addedAt: 1695945600,
            contentRating: 'R',
            originallyAvailableAt: '2023-09-29',
            userState: '0',
            Guid: [{ id: 'imdb://tt15789472' }, { id: 'tmdb://1151534' }, { id: 'tvdb://347900' }],
            Genre: [{ tag: 'Drama', id: '5d9c046c705e7a001e6c8d9a' }],
            Role: [{ tag: 'Anna Castillo', role: 'Mia', id: '5d7768dff617c90020159be5' }],
            Rating: [{ image: 'imdb://image.rating', type: 'audience', value: 6.3 }],
          },
        ],
      },
    });
    const fromXml = await parseDiscoverItems(xml);
    expect(fromXml).toEqual(await parseDiscoverItems(json));
    expect(fromXml[0]!.guids.imdb).toBe('tt15789472');
    const page = await parseWatchlistPage(xml);
    expect(page).toMatchObject({ offset: 0, size: 1, totalSize: 1 });
  });

  test('Video and Directory instead of Metadata (seerr#2948), in JSON and XML, keep document order', async () => {
    const json = `{"MediaContainer":{"size":2,"Video":[{"ratingKey":"m1","type":"movie"}],"Directory":[{"ratingKey":"s1","type":"show"}]}}`;
    expect((await parseDiscoverItems(json)).map((i) => i.ratingKey)).toEqual(['m1', 's1']);
    const single = `{"MediaContainer":{"size":1,"Video":{"ratingKey":"m1","type":"movie"}}}`;
    expect((await parseDiscoverItems(single)).map((i) => i.ratingKey)).toEqual(['m1']);
    const xml = `<MediaContainer size="2"><Directory ratingKey="s1" type="show"/><Video ratingKey="m1" type="movie"/></MediaContainer>`;
    expect((await parseDiscoverItems(xml)).map((i) => i.ratingKey)).toEqual(['s1', 'm1']);
  });

  test('a missing ratingKey falls back to the guid; no identity at all is a DecodeError naming the field', async () => {
    const [item] = await parseDiscoverItems(
      `{"MediaContainer":{"Metadata":[{"guid":"plex://movie/abc123","title":"X"}]}}`,
    );
    expect(item!.ratingKey).toBe('abc123');
    const error = await parseDiscoverItems(`{"MediaContainer":{"Metadata":[{"title":"X"}]}}`).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(DecodeError);
    expect((error as DecodeError).field).toBe('items.MediaContainer.Metadata[0].ratingKey');
  });

  test('legacy agent guids and odd Guid[] entries', async () => {
    const [item] = await parseDiscoverItems(
      JSON.stringify({
        MediaContainer: {
          Metadata: [
            {
              ratingKey: 'k',
              Guid: [
                { id: 'com.plexapp.agents.imdb://tt0111161?lang=en' },
                { id: 'themoviedb://278' },
                { id: 'tvdb://' },
                { id: 42 },
                'junk',
              ],
            },
          ],
        },
      }),
    );
    expect(item!.guids).toEqual({ imdb: 'tt0111161', tmdb: '278', plex: 'k' });
  });
});

describe('search and user state (no capture: unverified shapes)', () => {
  test('SearchResults: the "external" group is preferred', async () => {
    const body = JSON.stringify({
      MediaContainer: {
        size: 2,
        identifier: 'tv.plex.provider.metadata',
        SearchResults: [
          { id: 'plex', title: 'On Plex', SearchResult: [{ score: 1, Metadata: { ratingKey: 'p1' } }] },
          {
            id: 'external',
            title: 'More Ways To Watch',
            size: 2,
            SearchResult: [
              { score: 0.9, Metadata: { ratingKey: 'e1', type: 'movie', title: 'Heat' } },
              { score: '0.5', Directory: [{ ratingKey: 'e2', type: 'show' }] },
              { score: 0.1 },
            ],
          },
        ],
      },
    });
    const hits = await parseDiscoverSearch(body);
    expect(hits.map((h) => [h.item.ratingKey, h.score])).toEqual([
      ['e1', 0.9],
      ['e2', 0.5],
    ]);
    const xml = `<MediaContainer size="1"><SearchResults id="external"><SearchResult score="0.9"><Metadata ratingKey="e1" type="movie" title="Heat"/></SearchResult><SearchResult score="0.5"><Directory ratingKey="e2" type="show"/></SearchResult></SearchResults></MediaContainer>`;
    expect((await parseDiscoverSearch(xml)).map((h) => [h.item.ratingKey, h.score])).toEqual([
      ['e1', 0.9],
      ['e2', 0.5],
    ]);
  });

  test('an answer without SearchResults is no results', async () => {
    expect(await parseDiscoverSearch(`{"MediaContainer":{"size":0}}`)).toEqual([]);
  });

  test('UserState: JSON and XML alike, epoch seconds, float rating', async () => {
    const json = `{"MediaContainer":{"size":1,"UserState":[{"ratingKey":"rk","type":"movie","viewCount":2,"viewOffset":1000,"lastViewedAt":1700000000,"viewState":"complete","watchlistedAt":1690000000,"rating":7.5,"new":"x"}]}}`;
    const xml = `<MediaContainer size="1"><UserState ratingKey="rk" type="movie" viewCount="2" viewOffset="1000" lastViewedAt="1700000000" viewState="complete" watchlistedAt="1690000000" rating="7.5" new="x"/></MediaContainer>`;
    const expected = {
      ratingKey: 'rk',
      type: 'movie',
      viewCount: 2,
      viewOffset: 1000,
      lastViewedAt: epoch(1700000000),
      viewState: 'complete',
      viewedLeafCount: undefined,
      watchlistedAt: epoch(1690000000),
      rating: 7.5,
      extra: { new: 'x' },
    };
    expect(await parseUserState(json)).toEqual(expected);
    expect(await parseUserState(xml)).toEqual(expected);
    // Not on the watchlist: no watchlistedAt; a missing ratingKey is the one asked for.
    const bare = await parseUserState(`{"MediaContainer":{"UserState":{"type":"show"}}}`, {
      ratingKey: 'asked',
    });
    expect(bare).toMatchObject({ ratingKey: 'asked', watchlistedAt: undefined });
    await expect(parseUserState(`{"MediaContainer":{"size":0}}`)).rejects.toBeInstanceOf(DecodeError);
  });
});

describe('community GraphQL and RSS', () => {
  test('allFriendsV2: uuid and username', async () => {
    const friends = await parseCommunityFriends(capture('watchlistarr/plex-get-all-friends.json'));
    expect(friends).toEqual([
      { uuid: 'ecdb6as0230e2115', username: 'friend-1', extra: {} },
      { uuid: 'a31281fd8s413643', username: 'friend-2', extra: {} },
    ]);
  });

  test("a friend's watchlist: upper-case enum lower-cased, cursor paging", async () => {
    const last = await parseFriendWatchlist(capture('watchlistarr/plex-get-watchlist-from-friend.json'));
    expect(last).toEqual({
      items: [
        {
          ratingKey: '5d77688b9ab54400214e789b',
          title: 'The Twilight Saga: Breaking Dawn - Part 2',
          type: 'movie',
          publicPagesURL: 'https://watch.plex.tv/movie/the-twilight-saga-breaking-dawn-part-2',
          extra: {},
        },
        {
          ratingKey: '5d77688b594b2b001e68f2f0',
          title: 'The Twilight Saga: Breaking Dawn - Part 1',
          type: 'movie',
          publicPagesURL: 'https://watch.plex.tv/movie/the-twilight-saga-breaking-dawn-part-1',
          extra: {},
        },
      ],
      hasNextPage: false,
      endCursor: 'MTY1NjE4NDgyMzEzMA==',
    });
    const first = await parseFriendWatchlist(
      capture('watchlistarr/plex-get-watchlist-from-friend-page-1.json'),
    );
    expect(first.hasNextPage).toBe(true);
  });

  test('GraphQL errors with data:null are typed errors, a private list a WatchlistPrivateError', async () => {
    const privacy = `{"errors":[{"message":"User not found: User privacy prevents viewing","locations":[{"line":2,"column":3}],"path":["user"]}],"data":null}`;
    const error = await parseFriendWatchlist(privacy).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WatchlistPrivateError);
    expect((error as WatchlistPrivateError).messages).toEqual([
      'User not found: User privacy prevents viewing',
    ]);
    const other = await parseCommunityFriends(
      `{"errors":[{"message":"Cannot query field"}],"data":null}`,
    ).catch((e: unknown) => e);
    expect(other).toBeInstanceOf(GraphQLError);
    expect(other).not.toBeInstanceOf(WatchlistPrivateError);
    // No data and no errors: the wrong shape.
    await expect(parseFriendWatchlist(`{"data":{"user":null}}`)).rejects.toBeInstanceOf(DecodeError);
  });

  test('POST /rss: RSSInfo is an array even for one feed', async () => {
    expect(await parseWatchlistFeeds(capture('watchlistarr/rss-feed-generated.json'))).toEqual([
      {
        feedType: 'friendsWatchlist',
        uuid: 'b5adbd07-fc91-4636-b77a-89f34a703473',
        url: 'https://rss.plex.tv/b5adbd07-fc91-4636-b77a-89f34a703473',
        extra: {},
      },
    ]);
    await expect(parseWatchlistFeeds(`{"RSSInfo":[{"feedType":"watchlist"}]}`)).rejects.toBeInstanceOf(
      DecodeError,
    );
  });

  test('rss.plex.tv ?format=json: 7 items with flat guids, RFC-1123 dates, a duplicate top-level key', async () => {
    const feed = await parseWatchlistFeed(capture('watchlistarr/watchlist.json'));
    expect(feed).toMatchObject({ title: 'Plex Watchlist', category: 'My Watchlist' });
    expect(feed.extra.links).toEqual({ self: 'https://rss.plex.tv/REDACTED' });
    expect(feed.items).toHaveLength(7);
    const first = feed.items[0]!;
    expect(first).toMatchObject({
      title: 'Enola Holmes 2 (2022)',
      pubDate: new Date(Date.UTC(2023, 9, 23, 7, 58, 16)),
      link: 'https://watch.plex.tv/movie/enola-holmes-2-2',
      guids: { imdb: 'tt14641788', tmdb: '829280', tvdb: '166087' },
      category: 'movie',
    });
    expect(first.thumbnail).toMatch(/^https:\/\/images\.plex\.tv\/photo\?url=/);
    expect(first.contentRating).toBeDefined();
    expect(Array.isArray(first.extra.credits)).toBe(true);
    await expect(parseWatchlistFeed(`{"items":[{"link":"x"}]}`)).rejects.toBeInstanceOf(DecodeError);
    await expect(parseWatchlistFeed(`{"title":"no items"}`)).rejects.toBeInstanceOf(DecodeError);
  });
});
