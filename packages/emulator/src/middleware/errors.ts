import type { ErrorHandler, NotFoundHandler } from 'hono';
import { format } from '../routes/runtime.js';
import { ERRORS, PlexHttpError } from '../state/errors.js';
import { errorResponse } from '../wire/format.js';

/** An unknown path: plex.tv's 404 document, in the negotiated format. */
export function plexNotFound(): NotFoundHandler {
  return (c) => errorResponse(format(c), ERRORS.notFound);
}

/** A PlexHttpError thrown by a route becomes its error document. */
export function plexErrors(): ErrorHandler {
  return (err, c) => {
    if (err instanceof PlexHttpError) return errorResponse(format(c), err.body, err.headers);
    // A bug in the emulator: say so loudly rather than pretend to be plex.tv.
    return errorResponse(format(c), { code: 1000, message: `Emulator error: ${err.message}`, status: 500 });
  };
}
