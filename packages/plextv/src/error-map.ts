/** From an HTTP answer to the typed error a caller can act on. */
import {
  BadRequestError,
  EndpointRemovedError,
  type ErrorContext,
  ForbiddenError,
  HomePinRequiredError,
  NotFoundError,
  PlexTvError,
  RateLimitedError,
  ServerError,
  TwoFactorRequiredError,
  UnauthorizedError,
} from './errors.js';
import type { ErrorBody } from './wire/body.js';

export interface HttpFailure {
  status: number;
  body: ErrorBody;
  method: string;
  path: string;
  retryAfterMs?: number | undefined;
}

export function errorFromResponse(failure: HttpFailure): PlexTvError {
  const { status, body, method, path } = failure;
  const code = body.code;
  const reason = body.message ?? defaultReason(status);
  const message = `${method} ${path} → ${status}${code !== undefined ? ` (code ${code})` : ''}: ${reason}`;
  const context: ErrorContext = { status, code, method, path };
  // plex.tv's own codes win over the status: 1029 has come as 401 and 403 over the years.
  if (code === 1029) return new TwoFactorRequiredError(message, context);
  if (code === 1041) return new HomePinRequiredError(message, context);
  if (status === 401) return new UnauthorizedError(message, context);
  if (status === 422 && /invalid token/i.test(reason)) return new UnauthorizedError(message, context);
  if (status === 400) return new BadRequestError(message, context);
  if (status === 403) return new ForbiddenError(message, context);
  if (status === 404) return new NotFoundError(message, context);
  if (status === 410) return new EndpointRemovedError(message, context);
  if (status === 429)
    return new RateLimitedError(message, { ...context, retryAfterMs: failure.retryAfterMs });
  if (status >= 500) return new ServerError(message, context);
  return new PlexTvError(message, context);
}

function defaultReason(status: number): string {
  switch (status) {
    case 401:
      return 'Unauthorized';
    case 404:
      return 'Not found';
    case 410:
      return 'This endpoint has been removed by plex.tv';
    case 429:
      return 'Too many requests';
    default:
      return status >= 500 ? 'plex.tv server error' : 'Request failed';
  }
}

/**
 * `Retry-After` in milliseconds: delta-seconds or an HTTP date; undefined when absent or unreadable.
 */
export function parseRetryAfter(header: string | null, now = Date.now()): number | undefined {
  if (header === null || header.trim() === '') return undefined;
  const text = header.trim();
  if (/^\d+(\.\d+)?$/.test(text)) {
    const ms = Math.round(Number(text) * 1000);
    return Number.isFinite(ms) ? ms : undefined;
  }
  const at = Date.parse(text);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

// A compact JWS (a Plex JWT, a client JWT): never worth quoting, whoever's it is.
const JWT = /\beyJ[\w-]*\.[\w-]+\.[\w-]*/g;

/** Remove every known secret, and anything shaped like a JWT, from a text (error bodies can echo what was sent). */
export function scrub(text: string, secrets: ReadonlyArray<string | undefined>): string {
  let out = text.replace(JWT, '[redacted]');
  for (const secret of secrets) {
    if (secret && secret.length >= 4) out = out.split(secret).join('[redacted]');
  }
  return out;
}
