import type { Context, Hono } from 'hono';
import { watchlistOf, watchlistVisibility } from '../state/discover.js';
import { connected, friendshipBetween } from '../state/friends.js';
import type { Account, DiscoverItem } from '../state/model.js';
import { derivedKey } from '../util/hex-key.js';
import { RSS_HOST } from '../util/hosts.js';
import { JSON_CONTENT_TYPE, XML_CONTENT_TYPE } from '../wire/format.js';
import { FEED_TYPES, type FeedType, feedJson, feedXml, rssInfoJson } from '../wire/rss.js';
import { renderXmlDocument } from '../wire/xml.js';
import { readBody } from './body.js';
import { providerBadRequest, providerNotFound, serviceOfRequest } from './provider.js';
import { authenticate, type Runtime } from './runtime.js';

/** A feed's uuid: stable per (account, feed type), formatted 8-4-4-4-12. */
export function feedUuid(account: Account, feedType: FeedType): string {
  const hex = derivedKey(account.uuid, feedType) + derivedKey(feedType, account.uuid).slice(0, 8);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/**
 * Where a feed lives: rss.plex.tv when the request came for a Plex host; on the emulator's own
 * origin (over HTTP) `/rss/{uuid}`, a path plex.tv does not use.
 */
function feedUrl(c: Context, uuid: string): string {
  if (serviceOfRequest(c) !== 'any') return `https://${RSS_HOST}/${uuid}`;
  return `${new URL(c.req.url).origin}/rss/${uuid}`;
}

/**
 * Watchlist RSS feeds:
 * - POST /rss (discover) with JSON `{"feedType":"watchlist"|"friendsWatchlist"}` (default watchlist):
 *   `{RSSInfo:[{feedType, uuid, url}]}` (JSON whatever Accept says, as captured).
 * - GET /{uuid} on rss.plex.tv, or /rss/{uuid} on any host: the feed, no token needed (the uuid is
 *   the secret). `?format=json` as captured; otherwise RSS 2.0 XML (unverified). The friends feed
 *   holds the watchlists of the friends who let you see theirs.
 */
export function registerRssRoutes(app: Hono, runtime: Runtime): void {
  app.post('/rss', async (c) => {
    const { account } = await authenticate(c, runtime);
    const { fields } = await readBody(c);
    const feedType = fields.feedType ?? 'watchlist';
    if (!(FEED_TYPES as readonly string[]).includes(feedType))
      throw providerBadRequest(`feedType must be ${FEED_TYPES.join(' or ')}`);
    const uuid = feedUuid(account, feedType as FeedType);
    return new Response(JSON.stringify(rssInfoJson(feedType as FeedType, uuid, feedUrl(c, uuid))), {
      status: 200,
      headers: { 'Content-Type': JSON_CONTENT_TYPE },
    });
  });

  const feed = (c: Context, uuid: string): Response => {
    const { state } = runtime;
    for (const account of state.accounts.values()) {
      for (const feedType of FEED_TYPES) {
        if (feedUuid(account, feedType) !== uuid) continue;
        const owners =
          feedType === 'watchlist'
            ? [account]
            : [...state.accounts.values()].filter(
                (a) =>
                  a.id !== account.id &&
                  connected(state, account.id, a.id) &&
                  friendshipBetween(state, account.id, a.id) !== undefined &&
                  watchlistVisibility(state, account.id, a.id) === 'visible',
              );
        const rows = owners
          .flatMap((o) => watchlistOf(state, o.id))
          .sort((x, y) => y.watchlistedAt - x.watchlistedAt)
          .flatMap((e) => {
            const item: DiscoverItem | undefined = state.discover.catalogue.get(e.ratingKey);
            return item ? [{ item, watchlistedAt: e.watchlistedAt }] : [];
          });
        const doc = feedJson(feedType, feedUrl(c, uuid), account.username || account.title, rows);
        return c.req.query('format') === 'json'
          ? new Response(JSON.stringify(doc), { status: 200, headers: { 'Content-Type': JSON_CONTENT_TYPE } })
          : new Response(renderXmlDocument(feedXml(doc)), {
              status: 200,
              headers: { 'Content-Type': XML_CONTENT_TYPE },
            });
      }
    }
    return providerNotFound(c);
  };

  app.get('/rss/:uuid', (c) => feed(c, c.req.param('uuid')));
  app.get('/:uuid{[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}}', async (c, next) => {
    if (serviceOfRequest(c) !== 'rss') return next();
    return feed(c, c.req.param('uuid'));
  });
}
