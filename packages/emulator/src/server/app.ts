/**
 * The Hono application: one `app.fetch` shared by the in-process fetch, the loopback server and MSW.
 * Middleware order matters: CORS (answers preflights), request log, injected faults, the
 * X-Plex-Client-Identifier check, then the routes.
 */

import { Hono } from 'hono';
import { cors } from 'hono/cors';
import {
  type FaultKind,
  faultDelay,
  setWirePlan,
  takeFault,
  wirePlanOf,
  wireStatus,
} from '../faults/faults.js';
import { registerUserRoutes } from '../routes/account.js';
import { registerAuthPageRoutes } from '../routes/auth-page.js';
import { registerClaimRoutes } from '../routes/claim.js';
import { registerControlRoutes } from '../routes/control.js';
import { registerFriendRoutes } from '../routes/friends.js';
import { registerGeoRoutes } from '../routes/geo.js';
import { registerHomeRoutes } from '../routes/home.js';
import { registerAuthRoutes } from '../routes/jwt.js';
import { registerPingRoutes } from '../routes/ping.js';
import { registerPinRoutes } from '../routes/pins.js';
import { registerSettingsRoutes } from '../routes/privacy.js';
import { REMOVED_PATHS, registerRemovedRoutes } from '../routes/removed.js';
import { registerDeviceRoutes } from '../routes/resources.js';
import { format, plexParam, type Runtime } from '../routes/runtime.js';
import { registerSharingRoutes } from '../routes/sharing.js';
import { registerSigninRoutes } from '../routes/signin.js';
import type { RequestRecord } from '../state/model.js';
import { ERRORS, PlexHttpError } from '../wire/errors.js';
import { errorResponse } from '../wire/format.js';

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
    const record: RequestRecord = {
      method: c.req.method,
      path: new URL(c.req.url).pathname,
      status: c.res.status,
    };
    const kind = faultedRequests.get(c.req.raw);
    if (kind) {
      record.fault = kind;
      const wire = wirePlanOf(c.req.raw);
      if (wire) record.status = wireStatus(wire.fault, c.res.status);
    }
    runtime.state.requests.push(record);
  });

  // Injected faults (control.fault). Status faults answer here; latency waits and goes on; wire
  // faults let the route answer and are applied by whoever delivers it (emulator.fetch/handle in
  // process, listen.ts on a socket).
  app.use('*', async (c, next) => {
    const path = new URL(c.req.url).pathname;
    if (isEmulatorPath(path)) return next();
    const fault = takeFault(runtime.state.faults, c.req.method, path);
    if (!fault) return next();
    faultedRequests.set(c.req.raw, fault.kind);
    switch (fault.kind) {
      case 'status':
        return errorResponse(
          format(c),
          { code: fault.code, message: fault.message, status: fault.status },
          fault.retryAfter !== null ? { 'Retry-After': fault.retryAfter } : {},
        );
      case 'latency':
        await faultDelay(fault.ms, c.req.raw.signal);
        return next();
      default:
        setWirePlan(c.req.raw, { fault, format: format(c) });
        return next();
    }
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

export { faultMatches } from '../faults/faults.js';

/** Requests a fault hit, and its kind (for the request log). */
const faultedRequests = new WeakMap<Request, FaultKind>();
