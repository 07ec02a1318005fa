/**
 * createEmulator: wires seed -> state -> Hono app, and exposes the three ways to serve it
 * (in-process fetch, loopback HTTP, MSW via `handle`) plus the test control surface.
 */

import { createApp } from './app.js';
import { createControl, type EmulatorControl } from './control.js';
import { demoSeed } from './demo-seed.js';
import { type EmulatorSeed, validateSeed } from './seed.js';
import { buildState, type EmulatorState } from './state.js';

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

export interface Emulator {
  /** In-process plex.tv: a WHATWG fetch. Any origin works (e.g. 'https://plex.tv' or 'http://emulator.local'). */
  fetch(input: RequestInfo | URL, init?: RequestInit): Promise<Response>;
  /** The raw handler (Request -> Response), used by MSW and the HTTP server. */
  handle(request: Request): Promise<Response>;
  /** Start a loopback HTTP server (default host 127.0.0.1, port 0 = free port). */
  listen(options?: ListenOptions): Promise<RunningServer>;
  /** Test control (no UI needed); also served over HTTP under `/__emulator/…`. */
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
  const control = createControl({
    get state() {
      return state;
    },
    reset() {
      state = buildState(frozenSeed);
    },
  });
  const runtime = {
    get state() {
      return state;
    },
    control,
  };
  const app = createApp(runtime);

  const handle = async (request: Request): Promise<Response> => app.fetch(request);

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
