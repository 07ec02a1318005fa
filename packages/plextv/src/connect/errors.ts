/** The one error `connect` throws when no candidate answered as the resource. */
import { PlexTvError } from '../errors.js';

/** Why one candidate did not (or did) win. */
export type AttemptOutcome =
  /** It answered as the resource. */
  | 'ok'
  /** Nothing listens there (ECONNREFUSED). */
  | 'refused'
  /** No answer within the per-attempt timeout (or the OS gave up connecting). */
  | 'timeout'
  /** No route to the address (EHOSTUNREACH, ENETUNREACH, …). */
  | 'unreachable'
  /** The host name did not resolve (e.g. a plex.direct name behind DNS-rebinding protection). */
  | 'dns'
  /** The connection was closed or reset before an answer. */
  | 'reset'
  /** TLS failed: certificate, host name, or not TLS on the other side. */
  | 'tls'
  /** Another network failure (browsers only ever say this). */
  | 'network'
  /** It answered with an HTTP error (401: the token was refused) or a redirect (not followed). */
  | 'http-status'
  /** It answered as a different server (another machine identifier). */
  | 'wrong-identity'
  /** It answered something that is not a server identity. */
  | 'bad-answer'
  /** Stopped unfinished: a better candidate already won, or the caller aborted. */
  | 'cancelled';

/** One candidate tried by `connect`. */
export interface ConnectAttempt {
  uri: string;
  /** The candidate's rank (0 is the best). */
  rank: number;
  outcome: AttemptOutcome;
  /**
   * Milliseconds from the start of `connect` until this attempt ended (attempts start best-ranked first, up to
   * `concurrency` at once). A `cancelled` attempt with detail `not tried` never started.
   */
  ms: number;
  /** The specifics: system error code, HTTP status text, the identifier that answered, … */
  detail?: string;
  /** HTTP status, for `http-status`. */
  status?: number;
}

/** A connection or URL that was not tried, and why. */
export interface SkippedUri {
  uri: string;
  reason: string;
}

/** No candidate answered as the resource. `attempts` says, per candidate, what happened and when. */
export class ConnectionFailedError extends PlexTvError {
  override name = 'ConnectionFailedError';
  /** Which resource (never its token). */
  readonly resource: { name?: string | undefined; clientIdentifier: string };
  /** Every candidate tried, best-ranked first. Empty when there was nothing to try (see `skipped`). */
  readonly attempts: ConnectAttempt[];
  /** Connections and URLs left out by the ranking rules. */
  readonly skipped: SkippedUri[];

  constructor(
    resource: { name?: string | undefined; clientIdentifier: string },
    attempts: ConnectAttempt[],
    skipped: SkippedUri[],
  ) {
    const who = `${resource.name === undefined ? 'resource' : `"${resource.name}"`} (${resource.clientIdentifier})`;
    const lines = attempts.map(
      (a) =>
        `  #${a.rank + 1} ${a.uri}: ${a.outcome}${a.detail === undefined ? '' : ` (${a.detail})`} after ${a.ms} ms`,
    );
    const skips = skipped.map((s) => `  skipped ${s.uri}: ${s.reason}`);
    const head =
      attempts.length === 0
        ? `Could not connect to ${who}: no connection to try`
        : `Could not connect to ${who}: ${attempts.length === 1 ? 'the only candidate' : `all ${attempts.length} candidates`} failed`;
    super([head, ...lines, ...skips].join('\n'), { method: 'GET', path: '/identity' });
    this.resource = { name: resource.name, clientIdentifier: resource.clientIdentifier };
    this.attempts = attempts;
    this.skipped = skipped;
  }
}
