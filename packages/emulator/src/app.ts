/**
 * The Hono application: one `app.fetch` shared by the in-process fetch, the loopback server and MSW.
 * Middleware order matters: CORS (answers preflights), request log, injected faults, the
 * X-Plex-Client-Identifier check, then the routes.
 */

import { Hono } from 'hono';
import { cors } from 'hono/cors';
import { registerAuthRoutes } from './routes/auth.js';
import { registerAuthPageRoutes } from './routes/auth-page.js';
import { registerClaimRoutes } from './routes/claim.js';
import { registerControlRoutes } from './routes/control.js';
import { registerDeviceRoutes } from './routes/devices.js';
import { registerFriendRoutes } from './routes/friends.js';
import { registerGeoRoutes } from './routes/geo.js';
import { registerHomeRoutes } from './routes/home.js';
import { registerPingRoutes } from './routes/ping.js';
import { registerPinRoutes } from './routes/pins.js';
import { REMOVED_PATHS, registerRemovedRoutes } from './routes/removed.js';
import { registerSettingsRoutes } from './routes/settings.js';
import { registerSharingRoutes } from './routes/sharing.js';
import { registerSigninRoutes } from './routes/signin.js';
import { registerUserRoutes } from './routes/user.js';
import { format, plexParam, type Runtime } from './runtime.js';
import { ERRORS, PlexHttpError } from './wire/errors.js';
import { errorResponse } from './wire/format.js';

/**
 * Paths a browser fetches without X-Plex-* headers: the auth page, the emulator's own endpoints,
 * the PIN QR image and the public JWT keys. (Removed endpoints answer 410 without any check too.)
 */
const NO_CLIENT_ID = /^(\/auth\/?$|\/__emulator\/|\/api\/v2\/pins\/qr\/|\/api\/v2\/auth\/keys\/?$|\/:\/ip$)/;

function isEmulatorPath(path: string): boolean {
  return path.startsWith('/__emulator/');
}

export function createApp(runtime: Runtime): Hono {
  const app = new Hono();

  // plex.tv answers browsers, so any origin may call us. Requested headers (X-Plex-*) are echoed
  // back on preflight; Retry-After is exposed so web clients can honour it.
  app.use(
    '*',
    cors({
      origin: '*',
      allowMethods: ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'],
      exposeHeaders: ['Retry-After', 'Content-Type'],
      maxAge: 600,
    }),
  );

  // The emulator's own control/auth-page endpoints are neither logged nor faulted.
  app.use('*', async (c, next) => {
    await next();
    if (isEmulatorPath(c.req.path)) return;
    runtime.state.requests.push({
      method: c.req.method,
      path: new URL(c.req.url).pathname,
      status: c.res.status,
    });
  });

  app.use('*', async (c, next) => {
    const path = new URL(c.req.url).pathname;
    if (isEmulatorPath(path)) return next();
    const faults = runtime.state.faults;
    const index = faults.findIndex(
      (f) => faultMatches(f.path, path) && (f.method === null || f.method === c.req.method),
    );
    if (index < 0) return next();
    const fault = faults[index]!;
    fault.remaining -= 1;
    if (fault.remaining <= 0) faults.splice(index, 1);
    const headers: Record<string, string> =
      fault.retryAfter !== null ? { 'Retry-After': String(fault.retryAfter) } : {};
    return errorResponse(
      format(c),
      { code: fault.code, message: fault.message, status: fault.status },
      headers,
    );
  });

  app.use('*', async (c, next) => {
    const exempt = NO_CLIENT_ID.test(c.req.path) || REMOVED_PATHS.test(c.req.path);
    if (plexParam(c, 'X-Plex-Client-Identifier') === null && !exempt) {
      return errorResponse(format(c), ERRORS.clientIdentifierMissing);
    }
    return next();
  });

  registerUserRoutes(app, runtime);
  registerSigninRoutes(app, runtime);
  registerPingRoutes(app, runtime);
  registerPinRoutes(app, runtime);
  registerAuthRoutes(app, runtime);
  registerAuthPageRoutes(app, runtime);
  registerControlRoutes(app, runtime);
  registerDeviceRoutes(app, runtime);
  registerSettingsRoutes(app, runtime);
  registerClaimRoutes(app, runtime);
  registerGeoRoutes(app, runtime);
  registerHomeRoutes(app, runtime);
  registerFriendRoutes(app, runtime);
  registerSharingRoutes(app, runtime);
  registerRemovedRoutes(app);

  app.notFound((c) => errorResponse(format(c), ERRORS.notFound));
  app.onError((err, c) => {
    if (err instanceof PlexHttpError) return errorResponse(format(c), err.body, err.headers);
    // A bug in the emulator: say so loudly rather than pretend to be plex.tv.
    return errorResponse(format(c), { code: 1000, message: `Emulator error: ${err.message}`, status: 500 });
  });
  return app;
}

/** Fault paths match exactly (ignoring a trailing slash), or by prefix when they end in `*`. */
export function faultMatches(pattern: string, path: string): boolean {
  const trim = (p: string) => (p.length > 1 && p.endsWith('/') ? p.slice(0, -1) : p);
  if (pattern.endsWith('*')) return path.startsWith(pattern.slice(0, -1));
  return trim(pattern) === trim(path);
}
