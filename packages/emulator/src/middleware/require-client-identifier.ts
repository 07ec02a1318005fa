import type { MiddlewareHandler } from 'hono';
import { PROVIDER_PATHS, serviceOfRequest } from '../routes/provider.js';
import { REMOVED_PATHS } from '../routes/removed.js';
import { format, plexParam } from '../routes/runtime.js';
import { ERRORS } from '../state/errors.js';
import { errorResponse } from '../wire/format.js';

/**
 * Paths a browser fetches without X-Plex-* headers: the auth and link pages, the emulator's own endpoints,
 * the PIN QR image, the public JWT keys and the Plex Media Server downloads (update scripts curl them bare). (Removed endpoints answer 410 without any check too.)
 */
const NO_CLIENT_ID =
  /^(\/auth\/?$|\/link\/?$|\/__emulator\/|\/api\/v2\/pins\/qr\/|\/api\/v2\/auth\/keys\/?$|\/:\/ip$|\/api\/downloads\/)/;

/**
 * plex.tv refuses a request without X-Plex-Client-Identifier (header or query) on every API path.
 * The provider, community and RSS hosts (and their paths on the emulator's own origin) do not ask.
 */
export function requireClientIdentifier(): MiddlewareHandler {
  return async (c, next) => {
    const service = serviceOfRequest(c);
    const exempt =
      NO_CLIENT_ID.test(c.req.path) ||
      REMOVED_PATHS.test(c.req.path) ||
      PROVIDER_PATHS.test(c.req.path) ||
      (service !== 'plex' && service !== 'any');
    if (plexParam(c, 'X-Plex-Client-Identifier') === null && !exempt) {
      return errorResponse(format(c), ERRORS.clientIdentifierMissing);
    }
    return next();
  };
}
