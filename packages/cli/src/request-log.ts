/**
 * The requests to plex.tv one run made, each attempt of a retried call on its own: what lets a timeout message
 * say how long the CLI really waited (the library's retries included), not only the last attempt's timeout.
 */

/** One attempt at a plex.tv request, as the CLI saw it go out. */
interface SentRequest {
  method: string;
  path: string;
  started: number;
  /** Whether it failed in a way the library retries (no answer, a broken connection, 429 or 502-504). */
  retriable: boolean;
}

const RETRIED_STATUSES = new Set([429, 502, 503, 504]);

/** The library's total retry deadline: attempts further apart than this belong to different calls. */
const RETRY_DEADLINE_MS = 30_000;

/** The requests of one run. */
export class RequestLog {
  readonly #sent: SentRequest[] = [];

  /** `base`, noting each request as it goes out (and whether it failed retriably). */
  recording(base: typeof fetch): typeof fetch {
    return async (input, init) => {
      // Not `instanceof Request`: reading the global `Request` loads undici on Node 20 (see http-fetch.ts).
      const request = typeof input === 'string' || input instanceof URL ? undefined : input;
      let sent: SentRequest | undefined;
      try {
        sent = {
          method: (init?.method ?? request?.method ?? 'GET').toUpperCase(),
          path: new URL(request?.url ?? String(input)).pathname,
          started: Date.now(),
          retriable: false,
        };
        this.#sent.push(sent);
      } catch {
        // Not a URL we can read: not recorded.
      }
      try {
        const response = await base(input, init);
        if (sent && RETRIED_STATUSES.has(response.status)) sent.retriable = true;
        return response;
      } catch (error) {
        if (sent) sent.retriable = true;
        throw error;
      }
    };
  }

  /**
   * How long the call that failed with `error` waited, from its first attempt to now, and in how many attempts:
   * the last request to its method and path, and the ones just before it that failed retriably within the
   * library's retry deadline.
   */
  waited(error: {
    method?: string | undefined;
    path?: string | undefined;
  }): { ms: number; attempts: number } | undefined {
    const same = this.#sent.filter((r) => r.method === error.method && r.path === error.path);
    const last = same.at(-1);
    if (!last) return undefined;
    let first = last;
    let attempts = 1;
    for (let i = same.length - 2; i >= 0; i--) {
      const earlier = same[i]!;
      if (!earlier.retriable || last.started - earlier.started > RETRY_DEADLINE_MS) break;
      first = earlier;
      attempts++;
    }
    return { ms: Date.now() - first.started, attempts };
  }
}
