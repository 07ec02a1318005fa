import type { Context, MiddlewareHandler } from 'hono';
import { format } from '../routes/runtime.js';
import { errorResponse } from '../wire/format.js';

/** Default request body limit: 1 MiB (plex.tv's account API takes small forms and JSON). */
export const DEFAULT_MAX_BODY_BYTES = 1024 * 1024;

function tooLarge(c: Context, maxBytes: number): Response {
  return errorResponse(format(c), {
    code: 1000,
    message: `Request body too large (the limit is ${maxBytes} bytes)`,
    status: 413,
  });
}

/**
 * A request body larger than `maxBytes` gets a 413 (plex.tv-style error body, code 1000, in the
 * request's format) and the route never runs. A `Content-Length` over the limit is refused before
 * any of the body is read; a body without one (chunked, or in process) is counted as it streams and
 * refused as soon as it passes the limit, so no more than `maxBytes` is ever held. On a socket the
 * connection is then closed (server/listen.ts), so the rest of the upload is never read.
 *
 * The request object is never replaced (faults and wire plans are keyed by it): a counted body is
 * handed to the routes through Hono's body cache.
 */
export function plexBodyLimit(maxBytes: number): MiddlewareHandler {
  return async (c, next) => {
    const body = c.req.raw.body;
    if (!body) return next();
    const length = c.req.header('content-length');
    if (length !== undefined && c.req.header('transfer-encoding') === undefined) {
      // The HTTP parser holds the client to its Content-Length.
      return Number(length) > maxBytes ? tooLarge(c, maxBytes) : next();
    }
    const reader = body.getReader();
    const chunks: Uint8Array[] = [];
    let size = 0;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > maxBytes) {
        await reader.cancel().catch(() => {});
        return tooLarge(c, maxBytes);
      }
      chunks.push(value);
    }
    const bytes = new Uint8Array(size);
    let offset = 0;
    for (const chunk of chunks) {
      bytes.set(chunk, offset);
      offset += chunk.byteLength;
    }
    // Hono keeps promises in its body cache (its type says otherwise).
    (c.req.bodyCache as Record<string, unknown>).arrayBuffer = Promise.resolve(bytes.buffer);
    return next();
  };
}
