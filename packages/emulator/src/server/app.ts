/**
 * The Hono application: one `app.fetch` shared by the in-process fetch, the loopback server and MSW.
 * Middleware order matters: the Host check (sockets only), CORS (answers preflights; none on
 * `/__emulator/…`), request log, the control API's guard (sockets only), injected faults, the
 * body limit (413), the X-Plex-Client-Identifier check, then the routes.
 */

import { Hono } from 'hono';
import { controlGuard, hostGuard } from '../middleware/access.js';
import { plexBodyLimit } from '../middleware/body-limit.js';
import { plexCors } from '../middleware/cors.js';
import { plexErrors, plexNotFound } from '../middleware/errors.js';
import { faults } from '../middleware/faults.js';
import { requestLog } from '../middleware/request-log.js';
import { requireClientIdentifier } from '../middleware/require-client-identifier.js';
import { registerAccountRoutes } from '../routes/account.js';
import { registerAuthPageRoutes } from '../routes/auth-page.js';
import { registerClaimRoutes } from '../routes/claim.js';
import { registerCommunityRoutes } from '../routes/community.js';
import { registerControlRoutes } from '../routes/control.js';
import { registerDeviceRoutes } from '../routes/devices.js';
import { registerDiscoverRoutes } from '../routes/discover.js';
import { registerDownloadRoutes } from '../routes/downloads.js';
import { registerFriendRoutes } from '../routes/friends.js';
import { registerGeoRoutes } from '../routes/geo.js';
import { registerHomeRoutes } from '../routes/home.js';
import { registerJwtRoutes } from '../routes/jwt.js';
import { registerLinkPageRoutes } from '../routes/link-page.js';
import { registerPinRoutes } from '../routes/pins.js';
import { registerPrivacyRoutes } from '../routes/privacy.js';
import { registerRemovedRoutes } from '../routes/removed.js';
import { registerResourceRoutes } from '../routes/resources.js';
import { registerRssRoutes } from '../routes/rss.js';
import type { Runtime } from '../routes/runtime.js';
import { registerShareInviteRoutes } from '../routes/share-invites.js';
import { registerSharingRoutes } from '../routes/sharing.js';
import { registerSigninRoutes } from '../routes/signin.js';
import { registerSyncRoutes } from '../routes/sync.js';
import { registerWatchlistRoutes } from '../routes/watchlist.js';
import { registerWebhookRoutes } from '../routes/webhooks.js';

export function createApp(runtime: Runtime, limits: { maxBodyBytes: number }): Hono {
  const app = new Hono();
  app.use(hostGuard());
  app.use(plexCors());
  app.use(requestLog(runtime));
  app.use(controlGuard());
  app.use(faults(runtime));
  app.use(plexBodyLimit(limits.maxBodyBytes));
  app.use(requireClientIdentifier());

  registerAccountRoutes(app, runtime);
  registerSigninRoutes(app, runtime);
  registerPinRoutes(app, runtime);
  registerJwtRoutes(app, runtime);
  registerAuthPageRoutes(app, runtime);
  registerLinkPageRoutes(app, runtime);
  registerControlRoutes(app, runtime);
  registerResourceRoutes(app, runtime);
  registerDeviceRoutes(app, runtime);
  registerSyncRoutes(app, runtime);
  registerDownloadRoutes(app, runtime);
  registerWebhookRoutes(app, runtime);
  registerPrivacyRoutes(app, runtime);
  registerClaimRoutes(app, runtime);
  registerGeoRoutes(app, runtime);
  registerHomeRoutes(app, runtime);
  registerFriendRoutes(app, runtime);
  registerShareInviteRoutes(app, runtime);
  registerSharingRoutes(app, runtime);
  // The provider, community and RSS hosts: their paths do not collide with plex.tv's.
  registerWatchlistRoutes(app, runtime);
  registerDiscoverRoutes(app, runtime);
  registerCommunityRoutes(app, runtime);
  registerRssRoutes(app, runtime);
  registerRemovedRoutes(app);

  app.notFound(plexNotFound());
  app.onError(plexErrors());
  return app;
}
