/**
 * `connect`: find the URL that reaches a resource from here.
 *
 * Every ranked candidate is probed at once (`GET {uri}/identity`, the resource's token in `X-Plex-Token`). The
 * answer must carry the resource's machine identifier. The best-ranked success wins as soon as no better-ranked
 * candidate can still succeed: `connect` waits only for better candidates still pending, so a worse candidate
 * that never answers costs nothing, and a better one costs at most the per-attempt timeout. The others are then
 * aborted. Web-standard `fetch`/`AbortController` only: it runs in browsers too.
 */
import { AbortedError } from '../errors.js';
import { str } from '../models/read.js';
import type { PlexResource } from '../models/resource.js';
import { objectOf, parseBody } from '../wire/body.js';
import { type AttemptOutcome, type ConnectAttempt, ConnectionFailedError } from './errors.js';
import { type ConnectionCandidate, planConnections, type RankOptions } from './rank.js';

export interface ConnectOptions extends RankOptions {
  /** Per-attempt timeout in ms (all attempts run at once). Default 10 000. */
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
   * until they answer, fail or time out — the best connection wins. A small value (e.g. 100) trades the best
   * connection for speed when a better-ranked address is black-holed.
   */
  patience?: number;
}

/** What a server says it is (`/identity`). */
export interface ServerIdentity {
  machineIdentifier: string;
  version?: string;
}

export interface ConnectResult {
  /** The base URL to use for the resource. */
  uri: string;
  candidate: ConnectionCandidate;
  identity: ServerIdentity;
  /** Every candidate, best-ranked first, with what happened to it. */
  attempts: ConnectAttempt[];
}

export const DEFAULT_CONNECT_TIMEOUT = 10_000;

type Probe =
  | { outcome: 'ok'; identity: ServerIdentity }
  | { outcome: Exclude<AttemptOutcome, 'ok'>; detail?: string; status?: number };

/**
 * Probe every candidate of `resource` in parallel and resolve with the best-ranked one that answered as the
 * resource. Rejects with `ConnectionFailedError` (every candidate and its reason) when none did, or
 * `AbortedError` when `signal` aborts.
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
  const { candidates } = plan;
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
  const headers = new Headers(options.headers);
  headers.set('Accept', 'application/json');
  const token = options.token ?? resource.accessToken;
  if (token) headers.set('X-Plex-Token', token);

  const start = now();
  const attempts: Array<ConnectAttempt | undefined> = candidates.map(() => undefined);
  const identities: Array<ServerIdentity | undefined> = candidates.map(() => undefined);
  const controllers = candidates.map(() => new AbortController());

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
        attempts[i] = { uri: c.uri, rank: c.rank, outcome: 'cancelled', ms };
        controllers[i]!.abort();
      });
    };

    const patience = options.patience ?? Number.POSITIVE_INFINITY;
    let patienceTimer: ReturnType<typeof setTimeout> | undefined;

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
          if (
            patienceTimer === undefined &&
            Number.isFinite(patience) &&
            attempts.some((a) => a?.outcome === 'ok')
          ) {
            patienceTimer = setTimeout(() => {
              if (!done) decide(true);
            }, patience);
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

    candidates.forEach((candidate, i) => {
      probe(fetchImpl, candidate, resource.clientIdentifier, headers, timeout, controllers[i]!.signal).then(
        (result) => {
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
        },
      );
    });
  });
}

/** One probe. Never rejects: every failure is an outcome. */
async function probe(
  fetchImpl: typeof fetch,
  candidate: ConnectionCandidate,
  machineIdentifier: string,
  headers: Headers,
  timeout: number,
  cancel: AbortSignal,
): Promise<Probe> {
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, timeout);
  const onCancel = () => controller.abort();
  cancel.addEventListener('abort', onCancel, { once: true });
  try {
    let response: Response;
    let text: string;
    try {
      // Redirects are not followed: the token would travel with them.
      response = await fetchImpl(`${candidate.uri}/identity`, {
        method: 'GET',
        headers,
        redirect: 'manual',
        signal: controller.signal,
      });
      text = await response.text();
    } catch (error) {
      if (timedOut) return { outcome: 'timeout', detail: `no answer within ${timeout} ms` };
      if (cancel.aborted) return { outcome: 'cancelled' };
      return classify(error);
    }
    if (response.status < 200 || response.status >= 300) {
      const what =
        response.status === 0 || (response.status >= 300 && response.status < 400)
          ? 'a redirect (not followed)'
          : response.status === 401
            ? 'the token was refused'
            : response.statusText || 'HTTP error';
      return { outcome: 'http-status', status: response.status, detail: `HTTP ${response.status}: ${what}` };
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
    clearTimeout(timer);
    cancel.removeEventListener('abort', onCancel);
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
