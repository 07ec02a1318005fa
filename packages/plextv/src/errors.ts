/**
 * Typed errors, mapped from plex.tv's semantics rather than from raw HTTP statuses.
 *
 * Every error carries what a caller needs to react (status, plex.tv error code, method, path) and never a
 * token: paths are recorded without their query string and messages are scrubbed of known secrets.
 */

/** What we know about the request that failed. */
export interface ErrorContext {
  /** HTTP status, when plex.tv answered. */
  status?: number | undefined;
  /** plex.tv's numeric error code (e.g. 1001, 1029), when its body carried one. */
  code?: number | undefined;
  /** HTTP method of the request. */
  method?: string | undefined;
  /** Request path without the query string (e.g. `/api/v2/user`). */
  path?: string | undefined;
  /** The underlying error, if any. */
  cause?: unknown;
}

/** Base class of every error thrown by plextv. */
export class PlexTvError extends Error {
  override name = 'PlexTvError';
  readonly status: number | undefined;
  readonly code: number | undefined;
  readonly method: string | undefined;
  readonly path: string | undefined;

  constructor(message: string, context: ErrorContext = {}) {
    super(message, context.cause === undefined ? undefined : { cause: context.cause });
    this.status = context.status;
    this.code = context.code;
    this.method = context.method;
    this.path = context.path;
  }

  /**
   * Plain, token-free summary (what `JSON.stringify(error)` gives): name, message, status, code, method, path,
   * then the fields a subclass adds (`field`, `retryAfterMs`, `limit`…). Own fields only: `cause` and `stack`
   * are not among them, as a cause may quote what was sent.
   */
  toJSON(): Record<string, unknown> {
    const out: Record<string, unknown> = { name: this.name, message: this.message };
    for (const [key, value] of Object.entries(this)) if (key !== 'name') out[key] = value;
    return out;
  }
}

/** plex.tv rejected the token (401 code 1001, or 422 "Invalid token"). Sign in again. */
export class UnauthorizedError extends PlexTvError {
  override name = 'UnauthorizedError';
}

/** Sign-in was refused: wrong login or password. */
export class InvalidCredentialsError extends UnauthorizedError {
  override name = 'InvalidCredentialsError';
}

/** The account has two-factor authentication: sign in again with `code` (plex.tv error 1029). */
export class TwoFactorRequiredError extends UnauthorizedError {
  override name = 'TwoFactorRequiredError';
}

/** A Plex Home PIN is needed, or the one given was wrong (plex.tv error 1041). */
export class HomePinRequiredError extends PlexTvError {
  override name = 'HomePinRequiredError';
}

/** The sign-in PIN expired before the user approved it (or plex.tv no longer knows it: code 1020). */
export class PinExpiredError extends PlexTvError {
  override name = 'PinExpiredError';
}

/** plex.tv refused the request as malformed (400). Code 1000 means the client identifier was missing. */
export class BadRequestError extends PlexTvError {
  override name = 'BadRequestError';
}

/** The account may not do this (403), e.g. webhooks without Plex Pass (plex.tv code 1043). */
export class ForbiddenError extends PlexTvError {
  override name = 'ForbiddenError';
}

/** The thing asked for does not exist (404). */
export class NotFoundError extends PlexTvError {
  override name = 'NotFoundError';
}

/** plex.tv removed this endpoint (410 Gone). `replacement` names what to use instead, when there is one. */
export class EndpointRemovedError extends PlexTvError {
  override name = 'EndpointRemovedError';
  readonly replacement: string | undefined;
  constructor(message: string, context: ErrorContext & { replacement?: string | undefined } = {}) {
    super(message, context);
    this.replacement = context.replacement;
  }
}

/** Too many requests (429). `retryAfterMs` is plex.tv's `Retry-After`, when it sent one. */
export class RateLimitedError extends PlexTvError {
  override name = 'RateLimitedError';
  readonly retryAfterMs: number | undefined;
  constructor(message: string, context: ErrorContext & { retryAfterMs?: number | undefined } = {}) {
    super(message, context);
    this.retryAfterMs = context.retryAfterMs;
  }
}

/** plex.tv failed (5xx). */
export class ServerError extends PlexTvError {
  override name = 'ServerError';
}

/** The request never got an answer: DNS, connection refused or reset, TLS. */
export class NetworkError extends PlexTvError {
  override name = 'NetworkError';
}

/** The request (or the whole retry budget) ran out of time. */
export class TimeoutError extends NetworkError {
  override name = 'TimeoutError';
}

/** The caller aborted the request through its `AbortSignal`. */
export class AbortedError extends PlexTvError {
  override name = 'AbortedError';
}

/** plex.tv answered something we cannot read: malformed XML/JSON, or a missing identity field. */
export class DecodeError extends PlexTvError {
  override name = 'DecodeError';
  /** The field at fault (dotted path, e.g. `user.id`), when one is. */
  readonly field: string | undefined;
  constructor(message: string, context: ErrorContext & { field?: string | undefined } = {}) {
    super(message, context);
    this.field = context.field;
  }
}

/** The Plex JWT could not be verified (bad signature, unknown key, wrong issuer or audience, expired). */
export class JwtVerificationError extends PlexTvError {
  override name = 'JwtVerificationError';
}

/**
 * An answer redirected the request somewhere it must not follow: to another origin (another host, port or
 * scheme — https to http included), or beyond the hop limit, or hidden by the browser (`opaqueredirect`). The
 * request was not repeated there, so no token, password or body went to that place. `location` is the
 * target's origin only (`https://evil.example`), or undefined when the answer did not say or the browser hid it.
 */
export class RedirectRefusedError extends PlexTvError {
  override name = 'RedirectRefusedError';
  readonly location: string | undefined;
  constructor(message: string, context: ErrorContext & { location?: string | undefined } = {}) {
    super(message, context);
    this.location = context.location;
  }
}

/**
 * The answer was larger than allowed (`maxResponseBytes`), or held more XML elements and attributes or JSON
 * values than allowed (`maxResponseItems`). The download was cancelled at the limit; nothing was parsed.
 */
export class ResponseTooLargeError extends DecodeError {
  override name = 'ResponseTooLargeError';
  /** The limit that was exceeded. */
  readonly limit: number;
  /** What `limit` counts. */
  readonly unit: 'bytes' | 'items';
  constructor(
    message: string,
    context: ErrorContext & { limit: number; unit: 'bytes' | 'items'; field?: string | undefined },
  ) {
    super(message, context);
    this.limit = context.limit;
    this.unit = context.unit;
  }
}

/**
 * A GraphQL answer carried errors (community.plex.tv answers HTTP 200 with `errors` and `data: null`).
 * `messages` are the service's error messages (never a token); `message` starts with the first.
 */
export class GraphQLError extends PlexTvError {
  override name = 'GraphQLError';
  /** Every error message the answer carried. */
  readonly messages: readonly string[];
  constructor(message: string, context: ErrorContext & { messages?: readonly string[] | undefined } = {}) {
    super(message, context);
    this.messages = context.messages ?? [];
  }
}

/**
 * A friend's watchlist cannot be read: their privacy settings hide it, or the account is not (or no longer)
 * a friend (community.plex.tv: "User not found: User privacy prevents viewing").
 */
export class WatchlistPrivateError extends GraphQLError {
  override name = 'WatchlistPrivateError';
}
