/**
 * The CLI's own errors, and how any error (ours, plextv's, or an unexpected one) becomes one line on stderr
 * and an exit code.
 */
import {
  AbortedError,
  BadRequestError,
  ConnectionFailedError,
  ForbiddenError,
  HomePinRequiredError,
  InvalidCredentialsError,
  NetworkError,
  NotFoundError,
  PinExpiredError,
  PlexTvError,
  RateLimitedError,
  ServerError,
  TimeoutError,
  TwoFactorRequiredError,
  UnauthorizedError,
} from 'plextv';
import { ExitCode, type ExitCodeName } from './exit-codes.js';

/** An error the CLI raises on purpose: its message is meant for the user as is. */
export class CliError extends Error {
  override name = 'CliError';
  readonly kind: ExitCodeName;
  /** Extra fields for the `--json` error document (`{"ok":false,"error":{…},…details}`). */
  readonly details: Record<string, unknown> | undefined;
  constructor(
    kind: ExitCodeName,
    message: string,
    options?: { cause?: unknown; details?: Record<string, unknown> },
  ) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.kind = kind;
    this.details = options?.details;
  }
  get exitCode(): number {
    return ExitCode[this.kind];
  }
}

/** A bad command line (exit 2). */
export class UsageError extends CliError {
  override name = 'UsageError';
  constructor(message: string) {
    super('USAGE', message);
  }
}

/** The config file or directory is unusable (exit 9). */
export class ConfigError extends CliError {
  override name = 'ConfigError';
  readonly path: string;
  constructor(message: string, path: string, options?: { cause?: unknown }) {
    super('CONFIG', message, options);
    this.path = path;
  }
}

/** Another error, with a sentence of advice appended to its message. */
export class HintedError extends Error {
  override name = 'HintedError';
  readonly hint: string | undefined;
  constructor(cause: unknown, hint: string | undefined) {
    super(cause instanceof Error ? cause.message : String(cause), { cause });
    this.hint = hint;
  }
}

/** What the user is told when a command fails. */
export interface Failure {
  kind: ExitCodeName;
  exitCode: number;
  /** One line, or (for `connect`) a first line and one line per candidate. */
  message: string;
  /** Extra fields for the `--json` error document, next to `ok` and `error`. */
  details?: Record<string, unknown> | undefined;
}

/** What `describeFailure` needs to know about the run to word its messages. */
export interface FailureContext {
  baseUrl?: string | undefined;
  /** Where the token in use came from (`--token`, `PLEX_TOKEN`, the config file). */
  tokenSource?: string | undefined;
  /** The run's abort signal: aborts caused by Ctrl-C are exit 130. */
  signal?: AbortSignal | undefined;
  /** How long the call that failed was waited for, retries included (measured by the CLI, see Context). */
  waited?: ((error: PlexTvError) => { ms: number; attempts: number } | undefined) | undefined;
}

const INTERRUPTED: Failure = { kind: 'INTERRUPTED', exitCode: ExitCode.INTERRUPTED, message: 'Interrupted.' };

function failure(kind: ExitCodeName, message: string): Failure {
  return { kind, exitCode: ExitCode[kind], message };
}

function seconds(ms: number): string {
  const s = Math.max(1, Math.ceil(ms / 1000));
  return s === 1 ? '1 second' : `${s} seconds`;
}

/** `850 ms`, `5.5 s`, `42 s`. */
function duration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 10_000) return `${(Math.round(ms / 100) / 10).toFixed(1)} s`;
  return `${Math.round(ms / 1000)} s`;
}

/** Turn any thrown value into the one line (and exit code) the user sees. */
export function describeFailure(error: unknown, context: FailureContext = {}): Failure {
  if (error instanceof HintedError) {
    const inner = describeFailure(error.cause, context);
    return error.hint ? { ...inner, message: `${inner.message} ${error.hint}` } : inner;
  }
  if (error instanceof CliError) {
    const described = failure(error.kind, error.message);
    return error.details ? { ...described, details: error.details } : described;
  }
  if (isPromptExit(error) || context.signal?.aborted) return INTERRUPTED;
  const where = context.baseUrl ?? 'plex.tv';
  if (error instanceof TwoFactorRequiredError) {
    return failure(
      'TWO_FACTOR',
      'The two-factor code was not accepted: pass a current one with --code <code>.',
    );
  }
  if (error instanceof PinExpiredError) {
    return failure(
      'PIN_EXPIRED',
      'The sign-in request expired (or was turned down) before it was approved. Run `plextv login` again.',
    );
  }
  if (error instanceof HomePinRequiredError) {
    return failure(
      'HOME_PIN',
      `Home PIN required or wrong: ${where} refused without the right Plex Home PIN (${said(error)}). Pass it with --pin (or --current for your own).`,
    );
  }
  if (error instanceof InvalidCredentialsError) {
    return failure('INVALID_CREDENTIALS', 'Wrong username/email or password.');
  }
  if (error instanceof UnauthorizedError) {
    const source = context.tokenSource;
    if (source === '--token' || source === '--token-stdin') {
      return failure(
        'TOKEN_REJECTED',
        `${where} rejected the token given with ${source}: it is mistyped, expired or revoked. Check that token, or leave ${source} out to act with the stored one.`,
      );
    }
    if (source === 'PLEX_TOKEN') {
      return failure(
        'TOKEN_REJECTED',
        `${where} rejected the token in PLEX_TOKEN: it is mistyped, expired or revoked. Fix PLEX_TOKEN, or unset it to act with the stored one.`,
      );
    }
    const from = source ? ` (from ${source})` : '';
    return failure(
      'TOKEN_REJECTED',
      `${where} rejected the token${from}: it has expired or was revoked. Run \`plextv login\` to sign in again.`,
    );
  }
  if (error instanceof RateLimitedError) {
    const when =
      error.retryAfterMs !== undefined ? `retry after ${seconds(error.retryAfterMs)}` : 'try again later';
    return failure('RATE_LIMITED', `${where} is rate limiting requests (HTTP 429): ${when}.`);
  }
  if (error instanceof TimeoutError) {
    const waited = context.waited?.(error);
    if (waited) {
      // The library's message gives one attempt's limit; the user waited for all of them.
      const each = /within (\d+) ms/.exec(error.message)?.[1];
      const call = error.method && error.path ? ` to ${error.method} ${error.path}` : '';
      const tries =
        waited.attempts === 1
          ? `in 1 attempt${each ? ` (up to ${each} ms)` : ''}`
          : `in ${waited.attempts} attempts${each ? ` (up to ${each} ms each, with pauses between)` : ''}`;
      return failure(
        'NETWORK',
        `${where} did not answer in time: no answer${call} after ${duration(waited.ms)}, ${tries}. Check your connection or raise --timeout.`,
      );
    }
    return failure(
      'NETWORK',
      `${where} did not answer in time (${error.message}). Check your connection or raise --timeout.`,
    );
  }
  if (error instanceof NetworkError) {
    // A status means plex.tv answered and the connection broke while the answer came: it may have acted.
    if (error.status !== undefined) {
      const done =
        error.method && error.method !== 'GET' ? ' It may have been carried out: check before retrying.' : '';
      return failure(
        'NETWORK',
        `The connection to ${where} broke while its answer arrived (${networkReason(error)}).${done}`,
      );
    }
    return failure('NETWORK', `Cannot reach ${where}: ${networkReason(error)}.`);
  }
  if (error instanceof ServerError) {
    const status = error.status !== undefined ? ` (HTTP ${error.status})` : '';
    return failure('SERVER', `${where} failed${status}${request(error)}: try again later.`);
  }
  if (error instanceof AbortedError) return INTERRUPTED;
  if (error instanceof ConnectionFailedError) {
    return {
      ...failure('SERVER_UNREACHABLE', error.message),
      details: { attempts: error.attempts, skipped: error.skipped },
    };
  }
  if (error instanceof ForbiddenError) {
    return failure(
      'FORBIDDEN',
      `${where} refused${error.method && error.path ? ` ${error.method} ${error.path}` : ''}: this account may not do that (${said(error)}).`,
    );
  }
  if (isUserNotFound(error)) {
    return failure(
      'NOT_FOUND',
      `${where} knows no such account (${said(error)}): check the username or e-mail address.`,
    );
  }
  if (error instanceof PlexTvError) {
    return failure('UNEXPECTED', `${where} answered something unexpected: ${error.message}`);
  }
  const message = error instanceof Error ? error.message : String(error);
  return failure('UNEXPECTED', `Unexpected error: ${message} (set PLEXTV_DEBUG=1 for details)`);
}

const SOCKET_ERRORS: Record<string, string> = {
  ECONNREFUSED: 'connection refused',
  ECONNRESET: 'connection reset',
  ENOTFOUND: 'host not found',
  EAI_AGAIN: 'DNS lookup failed',
  ETIMEDOUT: 'connection timed out',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
  UND_ERR_CONNECT_TIMEOUT: 'connection timed out',
  UND_ERR_SOCKET: 'connection closed',
};

/** The socket-level reason behind a NetworkError (`fetch failed` alone says nothing). */
function networkReason(error: NetworkError): string {
  let cause: unknown = error.cause;
  let deepest: string | undefined;
  for (let depth = 0; depth < 6 && cause instanceof Error; depth++) {
    const code = (cause as { code?: unknown }).code;
    if (typeof code === 'string' && code !== '') {
      const known = SOCKET_ERRORS[code];
      if (known) return `${known} (${code})`;
      if (/CERT|SSL|TLS/.test(code)) return `TLS problem (${code})`;
      return `${cause.message} (${code})`;
    }
    // plextv keeps only a scrubbed copy of the cause: `fetch failed: ECONNREFUSED`.
    const named = /^fetch failed: ([A-Z][A-Z0-9_]+)$/.exec(cause.message)?.[1];
    if (named) {
      const known = SOCKET_ERRORS[named];
      if (known) return `${known} (${named})`;
      if (/CERT|SSL|TLS/.test(named)) return `TLS problem (${named})`;
    }
    if (cause.message && cause.message !== 'fetch failed') deepest = cause.message;
    cause = cause.cause;
  }
  return deepest ?? error.message;
}

/** plex.tv's answer for a username or e-mail address it has no account for: 404 (or 400) "User not found". */
export function isUserNotFound(error: unknown): error is PlexTvError {
  return (
    (error instanceof NotFoundError || error instanceof BadRequestError) &&
    /\b(user|account)\b[^.]*\bnot (be )?found\b|\bno such (user|account)\b|\bunknown (user|account)\b/i.test(
      error.message,
    )
  );
}

/** `HTTP 403, code 1043: not available for this user`: what plex.tv said, from the error's message. */
export function said(error: PlexTvError): string {
  const reason = error.message.replace(/^.*?→\s*\d{3}(\s*\(code \d+\))?:?\s*/, '');
  const status = error.status !== undefined ? `HTTP ${error.status}` : 'refused';
  const code = error.code !== undefined ? `, code ${error.code}` : '';
  return `${status}${code}${reason && reason !== error.message ? `: ${reason}` : ''}`;
}

function request(error: PlexTvError): string {
  return error.method && error.path ? ` on ${error.method} ${error.path}` : '';
}

/** @inquirer/prompts rejects with these when the user presses Ctrl-C (or the prompt is aborted). */
function isPromptExit(error: unknown): boolean {
  return error instanceof Error && (error.name === 'ExitPromptError' || error.name === 'AbortPromptError');
}
