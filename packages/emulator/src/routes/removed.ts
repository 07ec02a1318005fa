import type { Hono } from 'hono';
import { goneXml } from '../wire/errors.js';
import { XML_CONTENT_TYPE } from '../wire/format.js';

/**
 * Endpoints plex.tv removed: any method answers 410 with the body plex.tv sends,
 * `<Response code="410" status="This endpoint was deprecated and removed"/>` (python-plexapi #1412
 * for /api/friends/{id}, #1435 for /api/invites/requested, #1536 for /api/invites/requests). No
 * client identifier or token is needed: the path alone decides (middleware/require-client-identifier.ts lets these through).
 */
export const REMOVED_PATHS = /^\/api\/(friends\/.+|invites\/(requests|requested)(\/.*)?)$/;

export function registerRemovedRoutes(app: Hono): void {
  const gone = () => new Response(goneXml(), { status: 410, headers: { 'Content-Type': XML_CONTENT_TYPE } });
  for (const path of [
    '/api/friends/*',
    '/api/invites/requests',
    '/api/invites/requests/*',
    '/api/invites/requested',
    '/api/invites/requested/*',
  ]) {
    app.all(path, gone);
  }
}
