import type { Context, Hono } from 'hono';
import {
  catalogueItem,
  hasUserState,
  scrobble,
  searchCatalogue,
  unscrobble,
  userStateOf,
} from '../state/discover.js';
import { type Account, type DiscoverItem, nowSeconds } from '../state/model.js';
import {
  childJson,
  type Json,
  metadataContainer,
  PROVIDER_IDS,
  providerRoot,
  searchContainer,
  titleJson,
  userStateContainer,
} from '../wire/discover.js';
import {
  cachedResponse,
  identifierFor,
  pagedResponse,
  providerBadRequest,
  providerError,
  providerNotFound,
  providerResponse,
  serviceOfRequest,
} from './provider.js';
import { authenticate, type Runtime } from './runtime.js';
import { childrenOf } from './watchlist.js';

/** What the provider answers for `/library/search` without `searchProviders` (python-plexapi #1425). */
export const MISSING_SEARCH_MESSAGE = 'Missing library search';

const SEARCH_TYPES: Record<string, 'movie' | 'show'> = {
  movies: 'movie',
  movie: 'movie',
  tv: 'show',
  show: 'show',
};

/**
 * Items, search and user state on the discover and metadata hosts:
 * - GET /library/metadata/{ratingKey}: the item in detail form (Guid[], Genre[], Role[], Rating[]…).
 * - GET /library/metadata/{ratingKey}/children: a show's seasons, a season's episodes (paged).
 * - GET /library/metadata/{ratingKey}/userState (unverified shape).
 * - GET|PUT /actions/scrobble and /actions/unscrobble ?key=<ratingKey>&identifier=…: 200, empty (unverified).
 * - GET /library/search?query=&searchProviders=discover[&searchTypes=movies,tv][&limit=] (unverified
 *   results shape); without searchProviders the captured 404.
 * - GET / on a provider host: the provider root; PUT /:/rate there: the captured 404.
 */
export function registerDiscoverRoutes(app: Hono, runtime: Runtime): void {
  const item = (c: Context): DiscoverItem | null =>
    catalogueItem(runtime.state, c.req.param('ratingKey') ?? '') ?? null;
  const json = (account: Account, it: DiscoverItem, detail: boolean): Json => {
    const flag = hasUserState(runtime.state, account.id, it);
    if (it.type === 'movie' || it.type === 'show')
      return titleJson(it, childrenOf(runtime, it.childKeys), flag, detail);
    const parent = catalogueItem(runtime.state, it.parentKey!)!;
    const show = it.type === 'season' ? parent : catalogueItem(runtime.state, it.grandparentKey!)!;
    return childJson(it, parent, show, flag);
  };

  app.get('/library/metadata/:ratingKey', async (c) => {
    const { account } = await authenticate(c, runtime);
    const it = item(c);
    if (!it) return providerNotFound(c);
    return cachedResponse(c, metadataContainer(identifierFor(c), 0, 1, [json(account, it, true)]));
  });

  app.get('/library/metadata/:ratingKey/children', async (c) => {
    const { account } = await authenticate(c, runtime);
    const it = item(c);
    if (!it) return providerNotFound(c);
    return pagedResponse(c, childrenOf(runtime, it.childKeys), (page, at) =>
      metadataContainer(
        at.identifier,
        at.start,
        at.total,
        page.map((child) => json(account, child, false)),
      ),
    );
  });

  app.get('/library/metadata/:ratingKey/userState', async (c) => {
    const { account } = await authenticate(c, runtime);
    const it = item(c);
    if (!it) return providerNotFound(c);
    return providerResponse(c, 200, userStateContainer(it, userStateOf(runtime.state, account.id, it)));
  });

  const mark = (watched: boolean) => async (c: Context) => {
    const { account } = await authenticate(c, runtime);
    const key = c.req.query('key') ?? '';
    if (key === '') throw providerBadRequest('key is required');
    const it = catalogueItem(runtime.state, key);
    if (!it) return providerNotFound(c);
    if (watched) scrobble(runtime.state, account.id, it, nowSeconds(runtime.state));
    else unscrobble(runtime.state, account.id, it);
    return c.body(null, 200);
  };
  for (const method of ['get', 'put'] as const) {
    app[method]('/actions/scrobble', mark(true));
    app[method]('/actions/unscrobble', mark(false));
  }

  app.get('/library/search', async (c) => {
    const providers = c.req.query('searchProviders') ?? '';
    if (providers === '') return providerError(c, 404, MISSING_SEARCH_MESSAGE);
    const { account } = await authenticate(c, runtime);
    const query = c.req.query('query') ?? '';
    if (query.trim() === '') throw providerBadRequest('query is required');
    const types = [
      ...new Set((c.req.query('searchTypes') ?? 'movies,tv').split(',').map((t) => SEARCH_TYPES[t.trim()])),
    ];
    if (types.some((t) => t === undefined))
      throw providerBadRequest('searchTypes must be movies, tv or movies,tv');
    const limitRaw = c.req.query('limit') ?? '30';
    if (!/^\d+$/.test(limitRaw)) throw providerBadRequest('limit must be a non-negative integer');
    const hits = searchCatalogue(
      runtime.state,
      query,
      types as Array<'movie' | 'show'>,
      Math.min(Number(limitRaw), 100),
    );
    return providerResponse(
      c,
      200,
      searchContainer(hits.map((h) => ({ score: h.score, json: json(account, h.item, false) }))),
    );
  });

  app.get('/', async (c, next) => {
    const service = serviceOfRequest(c);
    if (service === 'metadata')
      return providerResponse(c, 200, providerRoot(PROVIDER_IDS.metadata, 'Metadata'));
    if (service === 'discover')
      return providerResponse(c, 200, providerRoot(PROVIDER_IDS.discover, 'Discover'));
    return next();
  });

  // Hono reads ":" as a parameter, so the literal path `/:/rate` is matched by hand.
  app.put('*', async (c, next) => {
    if (c.req.path !== '/:/rate') return next();
    const service = serviceOfRequest(c);
    if (service !== 'metadata' && service !== 'discover' && service !== 'any') return next();
    return providerNotFound(c);
  });
}
