/**
 * One request to plex.tv: headers, timeout, abort, retry policy, body parsing and error mapping.
 * Endpoint functions describe *what* to ask; this file decides *how*.
 */
import { deadline } from './deadline.js';
import { errorFromResponse, parseRetryAfter, scrub } from './error-map.js';
import {
  AbortedError,
  DecodeError,
  NetworkError,
  type PlexTvError,
  RedirectRefusedError,
  ResponseTooLargeError,
  TimeoutError,
} from './errors.js';
import { exceedsItems, fetchSameOrigin, readTextLimited } from './guarded-fetch.js';
import { withHeaders } from './header-record.js';
import { DEFAULT_RETRY, type Host, type RetryOptions } from './options.js';
import { type ParsedBody, parseBody, readErrorBody } from './wire/body.js';

export interface TransportConfig {
  /** The base URL of each host; the token goes to these origins only. */
  bases: Record<Host, string>;
  fetch: typeof fetch;
  headers: Record<string, string>;
  token: string | undefined;
  timeout: number;
  signal: AbortSignal | undefined;
  retry: Required<RetryOptions> | false;
  /** Largest answer read (bytes), and most XML elements + attributes or JSON values parsed. */
  limits: { bytes: number; items: number };
}

/** Per-call options every operation accepts: how to send this call, never what it asks. */
export interface CallOptions {
  signal?: AbortSignal;
  /** Per-attempt timeout in ms for this call. */
  timeout?: number;
  /** Extra headers for this call. */
  headers?: Record<string, string>;
}

/** What to ask for: JSON (default), XML (where plex.tv has no JSON form), or plain text. */
export type Accept = 'json' | 'xml' | 'text';

/** The HTTP methods plex.tv's API uses. */
export type Method = 'GET' | 'POST' | 'PUT' | 'DELETE' | 'PATCH';
/** Query parameters (never a token); undefined values are left out, booleans sent as 1/0. */
export type QueryParams = Record<string, string | number | boolean | undefined>;
/** A form body (`application/x-www-form-urlencoded`); repeated keys as arrays. */
export type FormBody = Record<string, string | number | boolean | ReadonlyArray<string> | undefined>;

/** One request as the transport sends it (what `PlexTvClient.request` takes): the route, the data, how to send. */
export interface RequestSpec {
  method: Method;
  /** Path on the base URL, e.g. `/api/v2/user`. */
  path: string;
  /** Which host. Default plex.tv. */
  host?: Host | undefined;
  query?: QueryParams | undefined;
  form?: FormBody | undefined;
  /** JSON body. */
  json?: unknown;
  /** What to ask for. Default `json`; plex.tv answers XML on endpoints that have no JSON form. */
  accept?: Accept | undefined;
  /** Send the token. Default true (when the client has one). */
  auth?: boolean | undefined;
  /** Whether a retry is safe. Default: true for GET, false otherwise. */
  idempotent?: boolean | undefined;
  /** Per-call abort, on top of the client's. */
  signal?: AbortSignal | undefined;
  /** Per-call per-attempt timeout in ms. */
  timeout?: number | undefined;
  /** Extra headers for this call. */
  headers?: Record<string, string> | undefined;
  /** The answer's body is not read (sign-out, link, deletes): a mangled 2xx body is then no error. */
  ignoreBody?: boolean | undefined;
  /** Values this call carries that must never appear in an error (a password, a code). */
  secrets?: ReadonlyArray<string | undefined> | undefined;
}

/** An answer as the transport returns it: status, headers, and the body parsed by its format. */
export interface PlexResponse {
  status: number;
  headers: Headers;
  body: ParsedBody;
}

const ACCEPT = { json: 'application/json', xml: 'application/xml', text: 'text/plain' } as const;

const RETRY_STATUSES = new Set([429, 502, 503, 504]);

export async function send(config: TransportConfig, spec: RequestSpec): Promise<PlexResponse> {
  const idempotent = spec.idempotent ?? spec.method === 'GET';
  const policy = config.retry === false ? { ...DEFAULT_RETRY, attempts: 1 } : config.retry;
  const attempts = idempotent ? Math.max(1, policy.attempts) : 1;
  const deadline = Date.now() + policy.deadline;
  const signals = [config.signal, spec.signal].filter((s): s is AbortSignal => s !== undefined);

  for (let attempt = 1; ; attempt++) {
    const last = attempt >= attempts;
    const remaining = deadline - Date.now();
    const timeout = Math.max(1, Math.min(spec.timeout ?? config.timeout, idempotent ? remaining : Infinity));
    let outcome: PlexResponse | PlexTvError;
    try {
      outcome = await attemptOnce(config, spec, signals, timeout);
    } catch (error) {
      if (
        error instanceof AbortedError ||
        error instanceof DecodeError ||
        error instanceof RedirectRefusedError
      )
        throw error;
      outcome = error as PlexTvError;
    }
    if (!(outcome instanceof Error) && outcome.status < 400) return outcome;

    const failure = outcome instanceof Error ? outcome : toHttpError(config, spec, outcome);
    const retriable =
      outcome instanceof Error ? outcome instanceof NetworkError : RETRY_STATUSES.has(outcome.status);
    if (!retriable || last) throw failure;

    const retryAfter =
      outcome instanceof Error ? undefined : parseRetryAfter(outcome.headers.get('retry-after'));
    const step = Math.min(policy.maxDelay, policy.baseDelay * 2 ** (attempt - 1));
    // Full jitter; a Retry-After may ask for longer, never for less than the step (`Retry-After: 0` is no
    // licence to hammer: the backoff keeps its floor).
    const wait = retryAfter === undefined ? Math.random() * step : Math.max(retryAfter, step);
    // Waiting past the deadline would only turn a clear error into a vague timeout later.
    if (Date.now() + wait >= deadline) throw failure;
    await sleep(wait, signals, spec);
  }
}

async function attemptOnce(
  config: TransportConfig,
  spec: RequestSpec,
  signals: AbortSignal[],
  timeout: number,
): Promise<PlexResponse> {
  const context = { method: spec.method, path: pathOnly(spec.path) };
  // Before anything is sent and outside the network-error path: a header HTTP forbids (CR/LF injection) is
  // the caller's mistake, a TypeError, never retried as if the network had failed.
  const headers = buildHeaders(config, spec);
  const life = deadline(timeout, signals);
  const aborted = () =>
    life.timedOut
      ? new TimeoutError(`${spec.method} ${pathOnly(spec.path)}: no answer within ${timeout} ms`, context)
      : new AbortedError(`${spec.method} ${pathOnly(spec.path)}: aborted`, context);
  try {
    if (life.signal.aborted) throw aborted();
    let response: Response;
    try {
      // Redirects only within the same origin (guarded-fetch.ts): the token and any body stay where sent.
      response = await fetchSameOrigin(
        config.fetch,
        {
          url: buildUrl(config.bases[spec.host ?? 'plex.tv'], spec),
          method: spec.method,
          headers,
          body: buildBody(spec),
          signal: life.signal,
        },
        context,
      );
    } catch (cause) {
      if (cause instanceof RedirectRefusedError) throw cause;
      if (life.signal.aborted) throw aborted();
      const reason = scrub(describeNetworkFailure(cause), secretsOf(config, spec));
      // The raw error may quote what was sent; keep only a scrubbed copy as the cause.
      throw new NetworkError(`${spec.method} ${pathOnly(spec.path)}: network failure (${reason})`, {
        ...context,
        cause: new Error(reason),
      });
    }
    let text: string;
    try {
      text = await readTextLimited(response, config.limits.bytes, life.signal, context);
    } catch (cause) {
      if (life.signal.aborted) throw aborted();
      if (cause instanceof ResponseTooLargeError) {
        if (response.status < 400 && !spec.ignoreBody) throw cause;
        // An endless error page still carries its status; the status decides the error type.
        return { status: response.status, headers: response.headers, body: { format: 'empty' } };
      }
      throw new NetworkError(
        `${spec.method} ${pathOnly(spec.path)}: connection lost while reading the answer`,
        {
          ...context,
          status: response.status,
          cause,
        },
      );
    }
    // An ignored answer is still read to its end (cut off, it is a network failure), but never parsed.
    if (spec.ignoreBody && response.status < 400)
      return { status: response.status, headers: response.headers, body: { format: 'empty' } };
    let body: ParsedBody;
    try {
      if (exceedsItems(text, config.limits.items)) {
        throw new ResponseTooLargeError(
          `${spec.method} ${pathOnly(spec.path)}: answer holds more than ${config.limits.items} items (not parsed)`,
          { ...context, status: response.status, limit: config.limits.items, unit: 'items' },
        );
      }
      body = await parseBody(response.headers.get('content-type'), text);
    } catch (cause) {
      if (response.status < 400) {
        if (cause instanceof ResponseTooLargeError) throw cause;
        const reason = cause instanceof Error ? cause.message : String(cause);
        throw new DecodeError(`${spec.method} ${pathOnly(spec.path)}: unreadable answer (${reason})`, {
          ...context,
          status: response.status,
          cause,
        });
      }
      // An unreadable error body still carries its status; the status decides the error type.
      body = { format: 'text', text: '' };
    }
    return { status: response.status, headers: response.headers, body };
  } finally {
    life.clear();
  }
}

function toHttpError(config: TransportConfig, spec: RequestSpec, response: PlexResponse): PlexTvError {
  const body = readErrorBody(response.body);
  const safe = {
    ...body,
    message: body.message === undefined ? undefined : scrub(body.message, secretsOf(config, spec)),
  };
  return errorFromResponse({
    status: response.status,
    body: safe,
    method: spec.method,
    path: pathOnly(spec.path),
    retryAfterMs: parseRetryAfter(response.headers.get('retry-after')),
  });
}

/** What must never be echoed back in an error for this call. */
function secretsOf(config: TransportConfig, spec: RequestSpec): Array<string | undefined> {
  // A token may also come as a header (the client's `headers` or the call's, any casing): just as secret.
  const asHeader = [...Object.entries(config.headers), ...Object.entries(spec.headers ?? {})]
    .filter(([name]) => name.toLowerCase() === 'x-plex-token')
    .map(([, value]) => String(value).trim());
  return [config.token, ...asHeader, ...(spec.secrets ?? [])];
}

/** "fetch failed" says little: add the system error code (ECONNREFUSED, ENOTFOUND, …) when there is one. */
function describeNetworkFailure(cause: unknown): string {
  const message = cause instanceof Error ? cause.message : String(cause);
  const inner = (cause as { cause?: { code?: unknown; message?: unknown } } | undefined)?.cause;
  const code = typeof inner?.code === 'string' ? inner.code : undefined;
  return code && !message.includes(code) ? `${message}: ${code}` : message;
}

/** Paths in errors and messages carry no query string: nothing from a URL's parameters leaks into logs. */
function pathOnly(path: string): string {
  const i = path.indexOf('?');
  return i === -1 ? path : path.slice(0, i);
}

function buildUrl(baseUrl: string, spec: RequestSpec): string {
  const url = new URL(baseUrl.replace(/\/+$/, '') + spec.path);
  for (const [k, v] of Object.entries(spec.query ?? {})) {
    if (v !== undefined) url.searchParams.set(k, typeof v === 'boolean' ? (v ? '1' : '0') : String(v));
  }
  return url.toString();
}

function buildHeaders(config: TransportConfig, spec: RequestSpec): Record<string, string> {
  const changes: Array<[string, string]> = [['Accept', ACCEPT[spec.accept ?? 'json']]];
  if (spec.form) changes.push(['Content-Type', 'application/x-www-form-urlencoded']);
  else if (spec.json !== undefined) changes.push(['Content-Type', 'application/json']);
  if ((spec.auth ?? true) && config.token) changes.push(['X-Plex-Token', config.token]);
  changes.push(...Object.entries(spec.headers ?? {}));
  return withHeaders(config.headers, changes);
}

function buildBody(spec: RequestSpec): string | undefined {
  if (spec.form) {
    const form = new URLSearchParams();
    for (const [k, v] of Object.entries(spec.form)) {
      if (v === undefined) continue;
      if (Array.isArray(v)) for (const item of v) form.append(k, item);
      else form.append(k, typeof v === 'boolean' ? (v ? 'true' : 'false') : String(v));
    }
    return form.toString();
  }
  return spec.json === undefined ? undefined : JSON.stringify(spec.json);
}

async function sleep(ms: number, signals: AbortSignal[], spec: RequestSpec): Promise<void> {
  // The wait is a deadline of its own: it ends at `ms`, or early with a caller's abort (then an error).
  const wait = deadline(ms, signals);
  if (!wait.signal.aborted) {
    await new Promise((resolve) => wait.signal.addEventListener('abort', resolve, { once: true }));
  }
  wait.clear();
  if (!wait.timedOut) {
    const path = pathOnly(spec.path);
    throw new AbortedError(`${spec.method} ${path}: aborted`, { method: spec.method, path });
  }
}
