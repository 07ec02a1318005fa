import type { Context, Hono } from 'hono';
import {
  addToWatchlist,
  catalogueItem,
  hasUserState,
  listWatchlist,
  parseTypeFilter,
  removeFromWatchlist,
  WATCHLIST_FILTERS,
  type WatchlistFilter,
  watchlistable,
} from '../state/discover.js';
import { nowSeconds } from '../state/model.js';
import { titleJson, watchlistContainer } from '../wire/discover.js';
import { readBody } from './body.js';
import {
  pagedResponse,
  providerBadRequest,
  providerError,
  providerNotFound,
  serviceOfRequest,
} from './provider.js';
import { authenticate, type Runtime } from './runtime.js';

/** What the metadata host answers for the watchlist since it moved to discover (python-plexapi #1541). */
export const WATCHLIST_MOVED_MESSAGE = "Section 'watchlist' not found!";

/**
 * The account's watchlist (discover.provider.plex.tv; the metadata host answers the captured 404):
 * - GET /library/sections/watchlist/{all|available|released}[?type=1|2|movie|show][&sort=field:dir]
 *   paged by X-Plex-Container-Start/-Size (query or header; default page 20). Every answer carries
 *   an ETag; If-None-Match with it gives 304 and no body.
 * - PUT /actions/addToWatchlist?ratingKey=… and /actions/removeFromWatchlist?ratingKey=…: 200 with
 *   an empty body (unverified); an unknown ratingKey (or a season/episode) is the provider's 404.
 */
export function registerWatchlistRoutes(app: Hono, runtime: Runtime): void {
  app.get('/library/sections/watchlist/:filter', async (c) => {
    if (serviceOfRequest(c) === 'metadata') return providerError(c, 404, WATCHLIST_MOVED_MESSAGE);
    const filter = c.req.param('filter');
    if (!(WATCHLIST_FILTERS as readonly string[]).includes(filter)) return providerNotFound(c);
    const { account } = await authenticate(c, runtime);
    const type = parseTypeFilter(c.req.query('type'));
    if (type === undefined) throw providerBadRequest('type must be 1 (movie) or 2 (show)');
    const { state } = runtime;
    const rows = listWatchlist(state, account.id, {
      filter: filter as WatchlistFilter,
      type,
      sort: c.req.query('sort'),
      now: nowSeconds(state),
    });
    return pagedResponse(c, rows, (page, at) =>
      watchlistContainer(
        at.identifier,
        { offset: at.start, totalSize: at.total },
        page.map(({ item }) =>
          titleJson(item, childrenOf(runtime, item.childKeys), hasUserState(state, account.id, item), false),
        ),
      ),
    );
  });

  type Change = (state: Runtime['state'], accountId: number, ratingKey: string, now: number) => void;
  const action = (change: Change) => async (c: Context) => {
    const { account } = await authenticate(c, runtime);
    const { fields } = await readBody(c);
    const ratingKey = fields.ratingKey ?? '';
    if (ratingKey === '') throw providerBadRequest('ratingKey is required');
    const item = catalogueItem(runtime.state, ratingKey);
    if (!item || !watchlistable(item)) return providerNotFound(c);
    change(runtime.state, account.id, ratingKey, nowSeconds(runtime.state));
    return c.body(null, 200);
  };
  app.put('/actions/addToWatchlist', action(addToWatchlist));
  app.put(
    '/actions/removeFromWatchlist',
    action((state, id, key) => removeFromWatchlist(state, id, key)),
  );
}

/** Catalogue items by key: a show's seasons, a season's episodes. */
export function childrenOf(runtime: Runtime, keys: string[]) {
  return keys.flatMap((k) => {
    const season = catalogueItem(runtime.state, k);
    return season ? [season] : [];
  });
}
