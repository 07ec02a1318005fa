/**
 * Injected faults (`control.fault`, `POST /__emulator/faults`): what a test asks for, and the queued
 * records (`state.faults`). faults/ matches, validates and delivers them.
 *
 * Kinds:
 * - `status`: an error answer (429 with or without Retry-After, 5xx, any status) instead of the route.
 * - `latency`: wait `ms`, then handle the request normally.
 * - `reset`: the route runs, then the connection is reset before the status line (default) or after
 *   the headers and `afterBytes` bytes of the body.
 * - `truncate`: the route runs; its status, headers and the Content-Length of the whole body go out,
 *   then only `bytes` (default: half) of the body, and the connection closes.
 * - `trickle`: the route runs; its body goes out `bytes` at a time every `intervalMs`.
 * - `invalid`: the route runs; a complete 2xx answer whose body is malformed JSON or XML (the route's
 *   format): the route's own document cut in half, or `body`.
 */

export type FaultKind = 'status' | 'latency' | 'reset' | 'truncate' | 'trickle' | 'invalid';

/** Which requests a fault answers. */
export interface FaultTarget {
  /** The URL path: exact (a trailing slash ignored), or a prefix when it ends in `*` (`/api/v2/*`). */
  path: string;
  /** Only this method (any case). Default: every method. */
  method?: string;
  /**
   * How many matching requests it answers, after the skipped ones. Default 1; `Infinity` (JSON:
   * `"Infinity"`): every one until cleared.
   */
  times?: number | 'Infinity';
  /** Let this many matching requests through first (counted from when the fault is added). Default 0. */
  after?: number;
}

/** An error answer instead of the route (the v2 error envelope, in the request's format). */
export interface StatusFaultOptions {
  /** Optional: a spec without `kind` is a status fault. */
  kind?: 'status';
  /** 200-599. */
  status: number;
  /** `Retry-After`: seconds (a number), or the header's text as is (an HTTP date, …). Default: none. */
  retryAfter?: number | string;
  /** plex.tv error code in the body. Default: plex.tv's for the status (1003 for 429), else 1000. */
  code?: number;
  /** The body's message. Default: plex.tv's for the status, else the HTTP reason phrase. */
  message?: string;
}

/** Wait, then answer normally. */
export interface LatencyFaultOptions {
  kind: 'latency';
  /** Milliseconds to wait before handling the request. */
  ms: number;
}

/** The route runs, and the connection is reset: before the status line, or after `afterBytes` of the body. */
export interface ResetFaultOptions {
  kind: 'reset';
  /** Send the status, the headers and this many bytes of the body first. Default: nothing at all. */
  afterBytes?: number;
}

/** Status, headers and the whole body's Content-Length, then only part of the body, then the connection closes. */
export interface TruncateFaultOptions {
  kind: 'truncate';
  /** Bytes of the body to send (fewer than the body has). Default: half of it. */
  bytes?: number;
}

/** The answer arrives slowly: `bytes` of the body every `intervalMs`. */
export interface TrickleFaultOptions {
  kind: 'trickle';
  /** Bytes per write. Default 8. */
  bytes?: number;
  /** Milliseconds between writes. Default 100. */
  intervalMs?: number;
}

/** A 2xx whose body is malformed JSON or XML (the route's format). */
export interface InvalidFaultOptions {
  kind: 'invalid';
  /** The exact body to send. Default: the route's answer cut in half (never well-formed). */
  body?: string;
}

/** What a fault does to the requests it hits (a fault spec without its target). */
export type FaultAnswer =
  | StatusFaultOptions
  | LatencyFaultOptions
  | ResetFaultOptions
  | TruncateFaultOptions
  | TrickleFaultOptions
  | InvalidFaultOptions;

/** A fault: which requests (`path`, `method`, `times`, `after`) and what they get (`kind` and its options). */
export type FaultSpec = FaultTarget & FaultAnswer;

export interface FaultCommon {
  /** Unique within an emulator (1, 2, …), in the order faults were added. */
  id: number;
  path: string;
  /** Upper case; null = any method. */
  method: string | null;
  /** Matching requests it will still answer (`Infinity`: no limit). */
  remaining: number;
  /** Matching requests it will still let through before answering. */
  skip: number;
}

/** A queued fault (as `control.faults()` lists it). */
export type Fault = FaultCommon &
  (
    | { kind: 'status'; status: number; retryAfter: string | null; code: number; message: string }
    | { kind: 'latency'; ms: number }
    | { kind: 'reset'; afterBytes: number | null }
    | { kind: 'truncate'; bytes: number | null }
    | { kind: 'trickle'; bytes: number; intervalMs: number }
    | { kind: 'invalid'; body: string | null }
  );

/** A fault that changes how the route's answer travels (handled after the route ran). */
export type WireFault = Extract<Fault, { kind: 'reset' | 'truncate' | 'trickle' | 'invalid' }>;

/** Every kind of fault the emulator can inject. */
export const FAULT_KINDS: readonly FaultKind[] = [
  'status',
  'latency',
  'reset',
  'truncate',
  'trickle',
  'invalid',
];
/** A trickle fault's default chunk size, in bytes. */
export const TRICKLE_DEFAULT_BYTES = 8;
/** A trickle fault's default pause between chunks, in ms. */
export const TRICKLE_DEFAULT_INTERVAL_MS = 100;
