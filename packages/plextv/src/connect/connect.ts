/**
 * `connect`: find the URL that reaches a resource from here.
 *
 * What is sent where: for each candidate URL (see `planConnections`: the URLs plex.tv lists for the resource,
 * plus `http://address:port` for local connections on a private address), one `GET {uri}/identity` with the
 * resource's token in `X-Plex-Token` (never in the URL) and your extra `headers`. On an `http:` candidate the
 * token travels in clear. Nothing else is sent, and nothing is sent anywhere else: a redirect is followed only
 * within the candidate's own origin (the rule of every plextv request, `guarded-fetch.ts`), the answer is read
 * up to `maxResponseBytes` (8 KiB) and must carry the resource's machine identifier.
 *
 * The URL list comes from the resource's owner, who may be someone else (a shared server): at most
 * `maxCandidates` (16) are tried, best-ranked first, with at most `concurrency` (6) probes in flight; a slot
 * freed by a failure starts the next one.
 *
 * The best-ranked success wins. Once one candidate has answered, `connect` waits for better-ranked ones still
 * pending only until max(250 ms, 3 × the time that first answer took) since the start (or `patience` ms after
 * it, when given): a black-holed better address costs a fraction of a second, not the per-attempt timeout. The
 * others are then aborted. Web-standard `fetch`/`AbortController` only: it runs in browsers too.
 */
import { deadline } from '../deadline.js';
import { AbortedError, RedirectRefusedError, ResponseTooLargeError } from '../errors.js';
import { discard, fetchSameOrigin, readTextLimited } from '../guarded-fetch.js';
import { withHeaders } from '../header-record.js';
import { str } from '../models/read.js';
import type { PlexResource } from '../models/resource.js';
import { objectOf, parseBody } from '../wire/body.js';
import { type AttemptOutcome, type ConnectAttempt, ConnectionFailedError } from './errors.js';
import { type ConnectionCandidate, planConnections, type RankOptions } from './rank.js';

/** Options of `connect`: ranking, timeouts, caps on candidates and probes, `patience`, the fetch to probe with. */
export interface ConnectOptions extends RankOptions {
  /** Per-attempt timeout in ms (from the attempt's own start). Default 10 000. */
  timeout?: number;
  /** Abort the whole connect: it then rejects with `AbortedError`. */
  signal?: AbortSignal;
  /** The fetch to use. Default: the global one. */
  fetch?: typeof fetch;
  /** The token to send. Default: `resource.accessToken` (none is sent when there is none). */
  token?: string;
  /** Extra headers for the probes (e.g. your `X-Plex-Client-Identifier`). */
  headers?: Record<string, string>;
  /**
   * Once a candidate has answered, how many more ms to wait for better-ranked ones still pending. Default:
   * until max(250 ms, 3 × the time that first answer took) since the start of `connect`. `Infinity` waits
   * until every better candidate answered, failed or timed out (the best connection always wins); 0 takes the
   * first good answer at once.
   */
  patience?: number;
  /**
   * Most candidates tried, best-ranked first; the rest are reported in `skipped`. Default 16. A resource's
   * connection list is written by its owner: this bounds what a hostile list can make you do.
   */
  maxCandidates?: number;
  /** Most probes in flight at once, best-ranked first. Default 6. */
  concurrency?: number;
  /** Largest `/identity` answer read, in bytes (the download is cancelled past it). Default 8 KiB. */
  maxResponseBytes?: number;
}

/** What a server says it is (`/identity`). */
export interface ServerIdentity {
  machineIdentifier: string;
  version?: string;
}

/** What `connect` resolves with: the working URI, its candidate, the server's identity and every attempt. */
export interface ConnectResult {
  /** The base URL to use for the resource. */
  uri: string;
  candidate: ConnectionCandidate;
  identity: ServerIdentity;
  /** Every candidate, best-ranked first, with what happened to it. */
  attempts: ConnectAttempt[];
}

/** The default per-probe timeout of `connect`, in ms. */
export const DEFAULT_CONNECT_TIMEOUT = 10_000;
/** Candidates tried at most (`maxCandidates`). */
export const DEFAULT_MAX_CANDIDATES = 16;
/** Probes in flight at most (`concurrency`). */
export const DEFAULT_CONNECT_CONCURRENCY = 6;
/** Largest `/identity` answer read (`maxResponseBytes`). */
export const DEFAULT_IDENTITY_BYTES = 8 * 1024;
/** The default wait for better candidates ends max(this, 3 × the first good answer's time) after the start. */
const MIN_WINDOW = 250;

type Probe =
  | { outcome: 'ok'; identity: ServerIdentity }
  | { outcome: Exclude<AttemptOutcome, 'ok'>; detail?: string; status?: number };

/**
 * Probe the candidates of `resource` (best-ranked first, `concurrency` at a time) and resolve with the
 * best-ranked one that answered as the resource. Rejects with `ConnectionFailedError` (every candidate and its
 * reason) when none did, or `AbortedError` when `signal` aborts.
 *
 * What is sent where: to each candidate tried (at most `maxCandidates`: the URLs plex.tv lists for the
 * resource, written by its owner, plus `http://address:port` for local connections on a private address), one
 * `GET {uri}/identity` carrying `options.token ?? resource.accessToken` in `X-Plex-Token` and your `headers`;
 * over an `http:` candidate they travel in clear (`schemes: ['https']` or `httpFallback: false` avoid that).
 * Nothing goes anywhere else: a redirect is followed only within the candidate's origin. At most
 * `maxResponseBytes` of each answer are read.
 *
 * When: once a candidate answered, better-ranked ones still pending are awaited until max(250 ms, 3 × the
 * time that first answer took) since the start, or `patience` ms after it when given.
 */
export function connect(resource: PlexResource, options: ConnectOptions = {}): Promise<ConnectResult> {
  const { signal } = options;
  const name = resource.name === undefined ? resource.clientIdentifier : `"${resource.name}"`;
  if (signal?.aborted) {
    return Promise.reject(
      new AbortedError(`connect to ${name}: aborted`, { method: 'GET', path: '/identity' }),
    );
  }
  const plan = planConnections(resource, options);
  const skipped = plan.skipped.map(({ uri, reason }) => ({ uri, reason }));
  const maxCandidates = options.maxCandidates ?? DEFAULT_MAX_CANDIDATES;
  const concurrency = options.concurrency ?? DEFAULT_CONNECT_CONCURRENCY;
  const maxBytes = options.maxResponseBytes ?? DEFAULT_IDENTITY_BYTES;
  for (const [key, value] of Object.entries({ maxCandidates, concurrency, maxResponseBytes: maxBytes })) {
    if (typeof value !== 'number' || Number.isNaN(value) || value < 1) {
      return Promise.reject(new TypeError(`plextv: connect's ${key} must be at least 1, got ${value}`));
    }
  }
  const candidates = plan.candidates.slice(0, maxCandidates);
  for (const c of plan.candidates.slice(maxCandidates)) {
    skipped.push({ uri: c.uri, reason: `ranked #${c.rank + 1}, past maxCandidates (${maxCandidates})` });
  }
  if (candidates.length === 0) {
    return Promise.reject(new ConnectionFailedError(resource, [], skipped));
  }
  const fetchImpl = options.fetch ?? globalThis.fetch?.bind(globalThis);
  if (!fetchImpl)
    return Promise.reject(new TypeError('plextv: no global fetch; pass `fetch` in the options'));
  const timeout = options.timeout ?? DEFAULT_CONNECT_TIMEOUT;
  if (typeof timeout !== 'number' || !Number.isFinite(timeout) || timeout <= 0) {
    return Promise.reject(
      new TypeError(`plextv: connect's timeout must be a positive number of ms, got ${timeout}`),
    );
  }
  const token = options.token ?? resource.accessToken;
  let headers: Record<string, string>;
  try {
    headers = withHeaders(options.headers ?? {}, [
      ['Accept', 'application/json'],
      ...(token ? [['X-Plex-Token', token] as const] : []),
    ]);
  } catch (error) {
    // A header HTTP forbids (CR/LF in a value): refused before any probe is sent.
    return Promise.reject(error);
  }

  const start = now();
  const attempts: Array<ConnectAttempt | undefined> = candidates.map(() => undefined);
  const identities: Array<ServerIdentity | undefined> = candidates.map(() => undefined);
  const controllers = candidates.map(() => new AbortController());
  let started = 0;

  return new Promise<ConnectResult>((resolve, reject) => {
    let done = false;
    const onAbort = () => {
      stop();
      reject(new AbortedError(`connect to ${name}: aborted`, { method: 'GET', path: '/identity' }));
    };
    signal?.addEventListener('abort', onAbort, { once: true });

    /** End the race: every attempt still running is cancelled. */
    const stop = () => {
      done = true;
      clearTimeout(patienceTimer);
      signal?.removeEventListener('abort', onAbort);
      const ms = elapsed(start);
      candidates.forEach((c, i) => {
        if (attempts[i] !== undefined) return;
        attempts[i] =
          i < started
            ? { uri: c.uri, rank: c.rank, outcome: 'cancelled', ms }
            : { uri: c.uri, rank: c.rank, outcome: 'cancelled', ms, detail: 'not tried' };
        controllers[i]!.abort();
      });
    };

    let patienceTimer: ReturnType<typeof setTimeout> | undefined;
    /** How long to keep waiting for better candidates, once the first good answer came in at `at` ms. */
    const windowAfter = (at: number): number =>
      options.patience ?? Math.max(0, Math.max(MIN_WINDOW, 3 * at) - at);

    /**
     * Decide as soon as the best candidate that can still succeed has succeeded (or none can). `settle`:
     * patience ran out, so pending better-ranked candidates no longer count.
     */
    const decide = (settle = false) => {
      for (let i = 0; i < candidates.length; i++) {
        const attempt = attempts[i];
        if (attempt === undefined) {
          if (settle) continue;
          // A better candidate is still pending: wait for it, but only `patience` once something answered.
          const firstOk = attempts.find((a) => a?.outcome === 'ok');
          if (patienceTimer === undefined && firstOk) {
            const wait = windowAfter(firstOk.ms);
            if (Number.isFinite(wait)) {
              patienceTimer = setTimeout(() => {
                if (!done) decide(true);
              }, wait);
            }
          }
          return;
        }
        if (attempt.outcome === 'ok') {
          stop();
          resolve({
            uri: candidates[i]!.uri,
            candidate: candidates[i]!,
            identity: identities[i]!,
            attempts: attempts as ConnectAttempt[],
          });
          return;
        }
      }
      stop();
      reject(new ConnectionFailedError(resource, attempts as ConnectAttempt[], skipped));
    };

    /** Start the best-ranked candidate not started yet; when it ends, the freed slot starts the next. */
    const startNext = () => {
      if (done || started >= candidates.length) return;
      const i = started++;
      const candidate = candidates[i]!;
      probe(
        fetchImpl,
        candidate,
        resource.clientIdentifier,
        headers,
        timeout,
        maxBytes,
        controllers[i]!.signal,
      ).then((result) => {
        if (done) return;
        const ms = elapsed(start);
        if (result.outcome === 'ok') {
          identities[i] = result.identity;
          attempts[i] = { uri: candidate.uri, rank: candidate.rank, outcome: 'ok', ms };
        } else {
          attempts[i] = {
            uri: candidate.uri,
            rank: candidate.rank,
            outcome: result.outcome,
            ms,
            ...(result.detail === undefined ? {} : { detail: result.detail }),
            ...(result.status === undefined ? {} : { status: result.status }),
          };
        }
        decide();
        startNext();
      });
    };
    for (let n = 0; n < Math.min(concurrency, candidates.length); n++) startNext();
  });
}

/** One probe. Never rejects: every failure is an outcome. */
async function probe(
  fetchImpl: typeof fetch,
  candidate: ConnectionCandidate,
  machineIdentifier: string,
  headers: Readonly<Record<string, string>>,
  timeout: number,
  maxBytes: number,
  cancel: AbortSignal,
): Promise<Probe> {
  const life = deadline(timeout, [cancel]);
  try {
    let response: Response;
    let text: string;
    const context = { method: 'GET', path: '/identity' };
    try {
      // Redirects only within the candidate's origin (guarded-fetch.ts): the token goes nowhere else.
      response = await fetchSameOrigin(
        fetchImpl,
        { url: `${candidate.uri}/identity`, method: 'GET', headers, signal: life.signal },
        context,
      );
    } catch (error) {
      if (error instanceof RedirectRefusedError) {
        const where = error.location === undefined ? '' : ` to ${error.location}`;
        return {
          outcome: 'http-status',
          status: error.status ?? 0,
          detail: `HTTP ${error.status ?? 0}: a redirect${where} (not followed)`,
        };
      }
      if (life.timedOut) return { outcome: 'timeout', detail: `no answer within ${timeout} ms` };
      if (cancel.aborted) return { outcome: 'cancelled' };
      return classify(error);
    }
    if (response.status < 200 || response.status >= 300) {
      discard(response);
      const what = response.status === 401 ? 'the token was refused' : response.statusText || 'HTTP error';
      return { outcome: 'http-status', status: response.status, detail: `HTTP ${response.status}: ${what}` };
    }
    try {
      text = await readTextLimited(response, maxBytes, life.signal, context);
    } catch (error) {
      if (life.timedOut) return { outcome: 'timeout', detail: `no answer within ${timeout} ms` };
      if (cancel.aborted) return { outcome: 'cancelled' };
      if (error instanceof ResponseTooLargeError)
        return { outcome: 'bad-answer', detail: `answer larger than ${maxBytes} bytes (not read)` };
      return classify(error);
    }
    let identity: ServerIdentity | undefined;
    try {
      identity = readIdentity(await parseBody(response.headers.get('content-type'), text));
    } catch {
      identity = undefined;
    }
    if (!identity) return { outcome: 'bad-answer', detail: 'no machineIdentifier in the answer' };
    if (identity.machineIdentifier !== machineIdentifier) {
      return {
        outcome: 'wrong-identity',
        detail: `answered as ${identity.machineIdentifier.slice(0, 64)}, not ${machineIdentifier}`,
      };
    }
    return { outcome: 'ok', identity };
  } finally {
    life.clear();
  }
}

/** `<MediaContainer machineIdentifier version/>` or `{"MediaContainer": {…}}`. */
function readIdentity(body: Awaited<ReturnType<typeof parseBody>>): ServerIdentity | undefined {
  const root = objectOf(body, 'MediaContainer');
  if (!root) return undefined;
  const w = (root.format === 'json' ? root.object('MediaContainer') : undefined) ?? root;
  const machineIdentifier = str(w, 'machineIdentifier');
  if (machineIdentifier === undefined) return undefined;
  const version = str(w, 'version');
  return version === undefined ? { machineIdentifier } : { machineIdentifier, version };
}

const CODES: Array<[RegExp, Exclude<AttemptOutcome, 'ok'>]> = [
  [/^ECONNREFUSED$/, 'refused'],
  [/^(ETIMEDOUT|UND_ERR_CONNECT_TIMEOUT|UND_ERR_HEADERS_TIMEOUT|UND_ERR_BODY_TIMEOUT)$/, 'timeout'],
  [/^(ENOTFOUND|EAI_AGAIN|EAI_NONAME|EAI_FAIL|EAI_NODATA)$/, 'dns'],
  [/^(ECONNRESET|EPIPE|ECONNABORTED|UND_ERR_SOCKET|UND_ERR_CLOSED)$/, 'reset'],
  [/^(EHOSTUNREACH|ENETUNREACH|EHOSTDOWN|ENETDOWN|EADDRNOTAVAIL|EAFNOSUPPORT)$/, 'unreachable'],
  [/CERT|TLS|SSL|DEPTH_ZERO|SELF_SIGNED|UNABLE_TO_VERIFY|UNABLE_TO_GET_ISSUER|HOSTNAME|ALTNAME/i, 'tls'],
];

/** A fetch failure as an outcome, from the system error code along the `cause` chain when there is one. */
function classify(error: unknown): Probe {
  const chain: unknown[] = [];
  for (let e: unknown = error; e !== undefined && e !== null && chain.length < 6; ) {
    chain.push(e);
    e = (e as { cause?: unknown }).cause;
  }
  for (const e of chain) {
    const code = (e as { code?: unknown }).code;
    if (typeof code !== 'string') continue;
    const hit = CODES.find(([pattern]) => pattern.test(code));
    if (hit) return { outcome: hit[1], detail: code };
  }
  const messages = chain.map((e) => (e instanceof Error ? e.message : String(e)));
  const code = chain.map((e) => (e as { code?: unknown }).code).find((c) => typeof c === 'string') as
    | string
    | undefined;
  if (messages.some((m) => /certificate|ssl|tls/i.test(m)))
    return { outcome: 'tls', detail: code ?? messages.at(-1) };
  return { outcome: 'network', detail: code ?? messages.at(-1) };
}

const now = (): number => (globalThis.performance?.now ? globalThis.performance.now() : Date.now());
const elapsed = (start: number): number => Math.round(now() - start);
