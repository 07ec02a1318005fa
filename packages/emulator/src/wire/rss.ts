/**
 * Watchlist RSS feeds: `POST /rss` on discover answers `{RSSInfo:[{feedType, uuid, url}]}`
 * (watchlistarr/rss-feed-generated.json); the feed itself (`GET rss.plex.tv/{uuid}?format=json`)
 * is shaped after watchlistarr/watchlist.json. The friends feed's title/description/category and
 * the RSS 2.0 XML form (no `format=json`) are unverified.
 */

import type { DiscoverItem } from '../state/model.js';
import type { Json } from './discover.js';
import type { XmlElement } from './xml.js';

/** The two feeds an account has. */
export const FEED_TYPES = ['watchlist', 'friendsWatchlist'] as const;
/** One of the feed types. */
export type FeedType = (typeof FEED_TYPES)[number];

/** `{RSSInfo:[{feedType, uuid, url}]}`. */
export function rssInfoJson(feedType: FeedType, uuid: string, url: string): Json {
  return { RSSInfo: [{ feedType, uuid, url }] };
}

function feedItem(item: DiscoverItem, watchlistedAt: number): Json {
  const guids: string[] = [];
  if (item.imdb) guids.push(`imdb://${item.imdb}`);
  if (item.tmdb !== null) guids.push(`tmdb://${item.tmdb}`);
  if (item.tvdb !== null) guids.push(`tvdb://${item.tvdb}`);
  const credits = item.cast.map((credit) => ({ credit, role: 'actor' }));
  if (item.director) credits.push({ credit: item.director, role: 'director' });
  return {
    title: `${item.title} (${item.year})`,
    pubDate: new Date(watchlistedAt * 1000).toUTCString(),
    link: `https://watch.plex.tv/${item.type}/${item.slug}`,
    guids,
    description: item.summary,
    category: item.type,
    credits,
    thumbnail: { url: `https://images.plex.tv/photo?url=${encodeURIComponent(item.thumb)}` },
    keywords: item.genres.map((g) => g.toLowerCase()),
    rating: {
      rating: item.contentRating.toLowerCase(),
      scheme: item.type === 'movie' ? 'urn:mpaa' : 'urn:v-chip',
    },
  };
}

/** The feed document (`?format=json`). */
export function feedJson(
  feedType: FeedType,
  self: string,
  owner: string,
  rows: Array<{ item: DiscoverItem; watchlistedAt: number }>,
): Json {
  const own = feedType === 'watchlist';
  return {
    title: own ? 'Plex Watchlist' : "Plex Friends' Watchlist",
    links: { self },
    description: own ? `Plex watchlist for ${owner}` : `Plex watchlists of ${owner}'s friends`,
    category: own ? 'My Watchlist' : 'Friends Watchlist',
    items: rows.map((r) => feedItem(r.item, r.watchlistedAt)),
  };
}

/** The same feed as RSS 2.0 (unverified). */
export function feedXml(doc: Json): XmlElement {
  const text = (name: string, value: string): XmlElement => ({ name, text: value });
  const items = (doc.items as Json[]).map(
    (i): XmlElement => ({
      name: 'item',
      children: [
        text('title', i.title as string),
        text('pubDate', i.pubDate as string),
        text('link', i.link as string),
        text('description', i.description as string),
        text('category', i.category as string),
        ...(i.guids as string[]).map((g) => text('guid', g)),
      ],
    }),
  );
  return {
    name: 'rss',
    attrs: [['version', '2.0']],
    children: [
      {
        name: 'channel',
        children: [
          text('title', doc.title as string),
          text('link', (doc.links as Json).self as string),
          text('description', doc.description as string),
          text('category', doc.category as string),
          ...items,
        ],
      },
    ],
  };
}
