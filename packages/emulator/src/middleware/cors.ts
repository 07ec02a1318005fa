import type { MiddlewareHandler } from 'hono';
import { cors } from 'hono/cors';
import { isEmulatorPath } from './paths.js';

/**
 * plex.tv answers browsers, so any origin may call its routes. Requested headers (X-Plex-*) are
 * echoed back on preflight; Retry-After is exposed so web clients can honour it. The emulator's own
 * `/__emulator/…` endpoints get no CORS at all: a page on another origin can neither read them nor
 * pass a preflight (the auth page calls them from its own origin).
 */
export function plexCors(): MiddlewareHandler {
  const plex = cors({
    origin: '*',
    allowMethods: ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'],
    exposeHeaders: ['Retry-After', 'Content-Type'],
    maxAge: 600,
  });
  return async (c, next) => (isEmulatorPath(c.req.path) ? next() : plex(c, next));
}
