/**
 * createEmulator: wires seed -> state -> Hono app, and exposes the three ways to serve it
 * (in-process fetch, loopback HTTP, MSW via `handle`) plus the test control surface.
 */

import { createControl, type EmulatorControl } from '../control/control.js';
import { deliverInProcess, wirePlanOf } from '../faults/wire.js';
import { DEFAULT_MAX_BODY_BYTES } from '../middleware/body-limit.js';
import { type ConnectionBehaviour, parseBehaviour } from '../pms/behaviour.js';
import { type FakeServers, type PmsDriver, PmsRegistry, serverSpecs } from '../pms/registry.js';
import { buildState } from '../seed/build.js';
import { withSeedDefaults } from '../seed/defaults.js';
import { demoSeed } from '../seed/demo.js';
import type { EmulatorSeed } from '../seed/seed.js';
import { validateSeed } from '../seed/validate.js';
import type { EmulatorState } from '../state/model.js';
import { DEFAULT_MAX_PINS } from '../state/pins.js';
import { DEFAULT_REQUEST_LOG_SIZE, RequestLog } from '../state/request-log.js';
import { serverAcceptsToken, serverOwner } from '../state/sharing.js';
import { createApp } from './app.js';
import type { ListenOptions, RunningServer } from './listen.js';
import type { StateFileStore } from './state-file.js';

/** A running emulated plex.tv: `fetch` in process, `listen()` over loopback, `control` for tests, fake servers. */
export interface Emulator {
  /** In-process plex.tv: a WHATWG fetch. Any origin works (e.g. 'https://plex.tv' or 'http://emulator.local'). */
  fetch(input: RequestInfo | URL, init?: RequestInit): Promise<Response>;
  /**
   * The raw handler (Request -> Response), used by MSW. Injected wire faults act as in `fetch`: a
   * reset before the answer rejects with `TypeError: fetch failed`.
   */
  handle(request: Request): Promise<Response>;
  /**
   * Start a loopback HTTP server (default host 127.0.0.1, port 0 = free port); with `stateFile`, the
   * world is restored from and kept in that file (Node only).
   */
  listen(options?: ListenOptions): Promise<RunningServer>;
  /**
   * Fake Plex Media Servers for the seeded server resources, on loopback sockets (Node only; see
   * the README). While they run, the resource listings point at them.
   */
  servers: FakeServers;
  /** Test control (no UI needed); also served over HTTP under `/__emulator/…`. */
  control: EmulatorControl;
  /** Read-only view of the state (accounts, tokens, homes, clock) for assertions. */
  readonly state: Readonly<EmulatorState>;
}

/** Limits that keep a long or hostile run from growing the emulator without bound. */
export interface EmulatorOptions {
  /**
   * Largest request body accepted, in bytes (default 1 MiB). A larger one gets a 413 with a
   * plex.tv-style error body; on a socket it is refused while streaming, never read whole.
   */
  maxBodyBytes?: number;
  /** How many request records `control.requests()` keeps, the newest (default 1,000; 0 keeps none). */
  requestLogSize?: number;
  /**
   * How many sign-in PINs are kept at most (default 10,000): creating one more drops the oldest
   * (which then answers 404 1020 as an expired one). Matters while the clock is frozen.
   */
  maxPins?: number;
}

function checkLimit(name: string, value: number | undefined, min: number): void {
  if (value !== undefined && (!Number.isSafeInteger(value) || value < min))
    throw new RangeError(`createEmulator: ${name} must be an integer >= ${min}, got ${value}`);
}

/** Relative URLs passed to `emulator.fetch` resolve against this origin. */
const DEFAULT_ORIGIN = 'http://emulator.local';

/** An emulated plex.tv with `seed`'s world (default: the demo seed), in memory. */
export function createEmulator(seed: EmulatorSeed = demoSeed, options: EmulatorOptions = {}): Emulator {
  checkLimit('maxBodyBytes', options.maxBodyBytes, 0);
  checkLimit('requestLogSize', options.requestLogSize, 0);
  checkLimit('maxPins', options.maxPins, 1);
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  // Keep a private deep copy so later edits to the caller's object cannot leak into reset().
  const frozenSeed = withSeedDefaults(validateSeed(structuredClone(seed)));
  const build = (): EmulatorState => {
    const built = buildState(frozenSeed);
    built.requests = new RequestLog(options.requestLogSize ?? DEFAULT_REQUEST_LOG_SIZE);
    built.maxPins = options.maxPins ?? DEFAULT_MAX_PINS;
    return built;
  };
  let state = build();
  const pms = new PmsRegistry(serverSpecs(state), seededBehaviours(frozenSeed));
  // The fake servers ask the current state which tokens they accept: shares come and go.
  pms.tokenCheck = (machineIdentifier, token) => serverAcceptsToken(state, machineIdentifier, token);
  pms.ownerOf = (machineIdentifier) => serverOwner(state, machineIdentifier);

  // The sockets (node:net/node:http) are loaded only when servers start. Every start/stop/apply is
  // chained, so overlapping calls happen in order.
  let driver: PmsDriver | null = null;
  let queue: Promise<unknown> = Promise.resolve();
  const enqueue = <T>(op: () => Promise<T>): Promise<T> => {
    const next = queue.then(op, op);
    queue = next.catch(() => {});
    return next;
  };
  const servers: FakeServers = {
    start(options = {}) {
      return enqueue(async () => {
        if (!driver) {
          const specifier = '../pms/node.js';
          const { startPms } = (await import(specifier)) as typeof import('../pms/node.js');
          driver = await startPms(pms, options);
          pms.driver = driver;
        }
        return pms.info();
      });
    },
    stop() {
      return enqueue(async () => {
        const d = driver;
        driver = null;
        pms.driver = null;
        if (d) await d.stop();
      });
    },
    get running() {
      return driver !== null;
    },
    get ipv6() {
      return driver ? driver.ipv6 : null;
    },
    list() {
      return pms.info();
    },
  };
  const applyBehaviour = (key: string): Promise<void> =>
    enqueue(async () => {
      if (driver) await driver.apply(key);
    });

  const control = createControl({
    get state() {
      return state;
    },
    reset() {
      state = build();
      for (const key of pms.resetBehaviours()) void applyBehaviour(key).catch(() => {});
    },
    pms,
    applyBehaviour,
  });
  const runtime = {
    get state() {
      return state;
    },
    control,
    pms,
    servers,
  };
  const app = createApp(runtime, { maxBodyBytes });
  // Open state files (listen's stateFile): any request may change the state, so each one is told.
  const stores = new Set<StateFileStore>();
  const serve = async (request: Request, env?: unknown): Promise<Response> => {
    try {
      return await app.fetch(request, env);
    } finally {
      for (const store of stores) store.changed();
    }
  };

  // In process, a wire fault (reset, truncate, trickle, invalid) becomes what undici would make of it.
  const handle = async (request: Request): Promise<Response> => {
    const response = await serve(request);
    const plan = wirePlanOf(request);
    return plan ? deliverInProcess(plan, response, request.signal) : response;
  };

  return {
    fetch(input, init) {
      const request =
        typeof input === 'string' && !/^[a-z][a-z0-9+.-]*:/i.test(input)
          ? new Request(new URL(input, DEFAULT_ORIGIN), init)
          : new Request(input, init);
      return abortable(handle(request), request.signal);
    },
    handle,
    async listen(options = {}) {
      // Loaded lazily, through a non-literal specifier so bundlers leave it out: the in-process
      // emulator (and MSW in a browser) must never pull in node:http.
      const specifier = './listen.js';
      const { listen } = (await import(specifier)) as typeof import('./listen.js');
      const { stateFile, ...socket } = options;
      if (stateFile === undefined) return listen(serve, socket);
      const storeSpecifier = './state-file.js';
      const { openStateFile } = (await import(storeSpecifier)) as typeof import('./state-file.js');
      const store = await openStateFile(stateFile, {
        get: () => state,
        set: (restored) => {
          state = restored;
        },
        fresh: build,
      });
      const running = await listen(serve, socket).catch(async (err: unknown) => {
        await store.flush();
        throw err;
      });
      stores.add(store);
      return {
        ...running,
        stateFile: { path: stateFile, restored: store.restored },
        async close() {
          await running.close();
          stores.delete(store);
          await store.flush();
        },
      };
    },
    servers,
    control,
    get state() {
      return state;
    },
  };
}

/**
 * As `fetch` does: a signal that aborts before the answer rejects with its reason (an AbortError),
 * whatever the handler is still doing (a latency fault, say).
 */
function abortable(answer: Promise<Response>, signal: AbortSignal): Promise<Response> {
  if (signal.aborted) {
    answer.catch(() => {});
    return Promise.reject(signal.reason);
  }
  return new Promise((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    answer.then(
      (response) => {
        signal.removeEventListener('abort', onAbort);
        resolve(response);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}

/** Behaviours a seed sets on its connections (`connections[i].behaviour`), by connection key. */
function seededBehaviours(seed: EmulatorSeed): Map<string, ConnectionBehaviour> {
  const out = new Map<string, ConnectionBehaviour>();
  for (const d of seed.devices ?? []) {
    (d.connections ?? []).forEach((c, i) => {
      if (c.behaviour === undefined) return;
      const parsed = parseBehaviour(c.behaviour);
      if (typeof parsed !== 'string') out.set(`${d.clientIdentifier}#${i}`, parsed);
    });
  }
  return out;
}
