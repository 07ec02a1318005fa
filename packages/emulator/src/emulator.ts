/**
 * createEmulator: wires seed -> state -> Hono app, and exposes the three ways to serve it
 * (in-process fetch, loopback HTTP, MSW via `handle`) plus the test control surface.
 */

import { createApp } from './app.js';
import { demoSeed } from './demo-seed.js';
import { type EmulatorSeed, validateSeed } from './seed.js';
import {
  buildState,
  type EmulatorState,
  type FaultSpec,
  findAccount,
  issueToken,
  type RequestRecord,
} from './state.js';
import { defaultErrorFor } from './wire/errors.js';

export interface ListenOptions {
  /** Default 0: a free port. */
  port?: number;
  /** Default 127.0.0.1 (loopback only). */
  host?: string;
}

export interface RunningServer {
  /** e.g. `http://127.0.0.1:41234` (no trailing slash). */
  url: string;
  port: number;
  close(): Promise<void>;
}

export interface EmulatorControl {
  /** Issue a valid token for a seeded account (by username, email or id; managed users also by title). */
  issueToken(login: string | number): string;
  /** Revoke a token (unknown tokens are ignored). */
  revokeToken(token: string): void;
  /**
   * Queue faults: the next `times` (default 1) requests matching method (optional) + path answer
   * with this status (+ Retry-After seconds if given) and a plex.tv-style error body, before normal
   * handling resumes. `path` matches the URL path exactly, or as a prefix when it ends in `*`.
   */
  fault(spec: FaultSpec): void;
  /** Every request seen (CORS preflights excluded), in order. */
  requests(): RequestRecord[];
  /** Move the emulator clock (ISO string or epoch milliseconds). */
  setClock(isoOrEpochMs: string | number): void;
  /** Back to the seed state (accounts, tokens, clock); also clears faults and the request log. */
  reset(): void;
}

export interface Emulator {
  /** In-process plex.tv: a WHATWG fetch. Any origin works (e.g. 'https://plex.tv' or 'http://emulator.local'). */
  fetch(input: RequestInfo | URL, init?: RequestInit): Promise<Response>;
  /** The raw handler (Request -> Response), used by MSW and the HTTP server. */
  handle(request: Request): Promise<Response>;
  /** Start a loopback HTTP server (default host 127.0.0.1, port 0 = free port). */
  listen(options?: ListenOptions): Promise<RunningServer>;
  /** Test control (no UI needed). */
  control: EmulatorControl;
  /** Read-only view of the state (accounts, tokens, homes, clock) for assertions. */
  readonly state: Readonly<EmulatorState>;
}

/** Relative URLs passed to `emulator.fetch` resolve against this origin. */
const DEFAULT_ORIGIN = 'http://emulator.local';

export function createEmulator(seed: EmulatorSeed = demoSeed): Emulator {
  // Keep a private deep copy so later edits to the caller's object cannot leak into reset().
  const frozenSeed = validateSeed(structuredClone(seed));
  let state = buildState(frozenSeed);
  const runtime = {
    get state() {
      return state;
    },
  };
  const app = createApp(runtime);

  const handle = async (request: Request): Promise<Response> => app.fetch(request);

  const control: EmulatorControl = {
    issueToken(login) {
      const account = findAccount(state, login);
      if (!account) throw new Error(`issueToken: no seeded account ${JSON.stringify(login)}`);
      return issueToken(state, account).token;
    },
    revokeToken(token) {
      state.tokens.delete(token);
    },
    fault(spec) {
      if (!Number.isInteger(spec.status) || spec.status < 100 || spec.status > 599) {
        throw new Error(`fault: status must be an HTTP status code, got ${spec.status}`);
      }
      const times = spec.times ?? 1;
      if (!Number.isInteger(times) || times < 1)
        throw new Error(`fault: times must be a positive integer, got ${times}`);
      const fallback = defaultErrorFor(spec.status);
      state.faults.push({
        path: spec.path,
        method: spec.method ? spec.method.toUpperCase() : null,
        status: spec.status,
        retryAfter: spec.retryAfter ?? null,
        remaining: times,
        code: spec.code ?? fallback.code,
        message: spec.message ?? fallback.message,
      });
    },
    requests() {
      return state.requests.map((r) => ({ ...r }));
    },
    setClock(isoOrEpochMs) {
      const ms = typeof isoOrEpochMs === 'number' ? isoOrEpochMs : Date.parse(isoOrEpochMs);
      if (!Number.isFinite(ms)) throw new Error(`setClock: not a date: ${JSON.stringify(isoOrEpochMs)}`);
      state.nowMs = ms;
    },
    reset() {
      state = buildState(frozenSeed);
    },
  };

  return {
    fetch(input, init) {
      const request =
        typeof input === 'string' && !/^[a-z][a-z0-9+.-]*:/i.test(input)
          ? new Request(new URL(input, DEFAULT_ORIGIN), init)
          : new Request(input, init);
      return handle(request);
    },
    handle,
    async listen(options = {}) {
      // Loaded lazily, through a non-literal specifier so bundlers leave it out: the in-process
      // emulator (and MSW in a browser) must never pull in node:http.
      const specifier = './listen.js';
      const { listen } = (await import(specifier)) as typeof import('./listen.js');
      return listen(app.fetch, options);
    },
    control,
    get state() {
      return state;
    },
  };
}
