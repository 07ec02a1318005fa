import type { MiddlewareHandler } from 'hono';
import { cors } from 'hono/cors';

/**
 * plex.tv answers browsers, so any origin may call us. Requested headers (X-Plex-*) are echoed back
 * on preflight; Retry-After is exposed so web clients can honour it.
 */
export function plexCors(): MiddlewareHandler {
  return cors({
    origin: '*',
    allowMethods: ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'],
    exposeHeaders: ['Retry-After', 'Content-Type'],
    maxAge: 600,
  });
}
