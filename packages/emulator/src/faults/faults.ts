/**
 * Injected faults (`control.fault`, `POST /__emulator/faults`): which requests they hit, and what the
 * client sees. Browser-safe: the socket side (reset, truncate and trickle over a real connection) is in
 * listen.ts; here are the matching, the validation, and the in-process delivery (emulator.fetch, MSW).
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

import { ControlError } from '../control/error.js';
import { defaultErrorFor } from '../wire/errors.js';
import { JSON_CONTENT_TYPE, XML_CONTENT_TYPE } from '../wire/format.js';

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

interface FaultCommon {
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

export const FAULT_KINDS: readonly FaultKind[] = [
  'status',
  'latency',
  'reset',
  'truncate',
  'trickle',
  'invalid',
];
export const TRICKLE_DEFAULT_BYTES = 8;
export const TRICKLE_DEFAULT_INTERVAL_MS = 100;
/** Longest latency or trickle interval accepted (10 minutes): a typo should not hang a test for a day. */
const MAX_MS = 600_000;

const SPEC_KEYS: Record<FaultKind, readonly string[]> = {
  status: ['status', 'retryAfter', 'code', 'message'],
  latency: ['ms'],
  reset: ['afterBytes'],
  truncate: ['bytes'],
  trickle: ['bytes', 'intervalMs'],
  invalid: ['body'],
};
const TARGET_KEYS = ['path', 'method', 'times', 'after', 'kind'];

/** Check a spec (from TypeScript or JSON) and turn it into a queued fault. Throws ControlError (400). */
export function normalizeFault(input: unknown, id: number): Fault {
  if (typeof input !== 'object' || input === null || Array.isArray(input))
    throw new ControlError('fault: a fault is an object like {"path": "/api/v2/user", "status": 503}');
  const spec = input as Record<string, unknown>;
  const kind = (spec.kind ?? 'status') as FaultKind;
  if (!FAULT_KINDS.includes(kind))
    throw new ControlError(
      `fault: kind must be one of ${FAULT_KINDS.join(', ')}, got ${JSON.stringify(spec.kind)}`,
    );
  for (const key of Object.keys(spec)) {
    if (spec[key] !== undefined && !TARGET_KEYS.includes(key) && !SPEC_KEYS[kind].includes(key)) {
      throw new ControlError(
        `fault: "${key}" does not apply to a ${kind} fault (it takes ${[...SPEC_KEYS[kind]].join(', ')})`,
      );
    }
  }
  if (typeof spec.path !== 'string' || !spec.path.startsWith('/'))
    throw new ControlError(`fault: path must start with "/", got ${JSON.stringify(spec.path)}`);
  if (spec.method !== undefined && (typeof spec.method !== 'string' || !/^[A-Za-z]+$/.test(spec.method)))
    throw new ControlError(`fault: method must be an HTTP method, got ${JSON.stringify(spec.method)}`);
  // JSON has no Infinity: "Infinity" stands for it there.
  const times = spec.times === 'Infinity' ? Number.POSITIVE_INFINITY : (spec.times ?? 1);
  if (times !== Number.POSITIVE_INFINITY && !(Number.isInteger(times) && (times as number) >= 1))
    throw new ControlError(`fault: times must be a positive integer (or Infinity), got ${String(times)}`);
  const after = spec.after ?? 0;
  if (!Number.isInteger(after) || (after as number) < 0)
    throw new ControlError(`fault: after must be a non-negative integer, got ${String(after)}`);
  const common: FaultCommon = {
    id,
    path: spec.path,
    method: typeof spec.method === 'string' ? spec.method.toUpperCase() : null,
    remaining: times as number,
    skip: after as number,
  };

  const count = (key: string, min: number, max = Number.MAX_SAFE_INTEGER): number | null => {
    const value = spec[key];
    if (value === undefined) return null;
    if (!Number.isInteger(value) || (value as number) < min || (value as number) > max)
      throw new ControlError(`fault: ${key} must be an integer from ${min} to ${max}, got ${String(value)}`);
    return value as number;
  };

  switch (kind) {
    case 'status': {
      const status = spec.status;
      if (!Number.isInteger(status) || (status as number) < 200 || (status as number) > 599)
        throw new ControlError(`fault: status must be an HTTP status code (200-599), got ${String(status)}`);
      const fallback = defaultErrorFor(status as number);
      const code = spec.code ?? fallback.code;
      if (!Number.isInteger(code))
        throw new ControlError(`fault: code must be an integer, got ${String(code)}`);
      const message = spec.message ?? fallback.message;
      if (typeof message !== 'string')
        throw new ControlError(`fault: message must be a string, got ${JSON.stringify(message)}`);
      return {
        ...common,
        kind,
        status: status as number,
        retryAfter: retryAfterHeader(spec.retryAfter),
        code: code as number,
        message,
      };
    }
    case 'latency': {
      const ms = spec.ms;
      if (typeof ms !== 'number' || !Number.isFinite(ms) || ms < 0 || ms > MAX_MS)
        throw new ControlError(
          `fault: ms must be a number of milliseconds from 0 to ${MAX_MS}, got ${String(ms)}`,
        );
      return { ...common, kind, ms };
    }
    case 'reset':
      return { ...common, kind, afterBytes: count('afterBytes', 0) };
    case 'truncate':
      return { ...common, kind, bytes: count('bytes', 0) };
    case 'trickle':
      return {
        ...common,
        kind,
        bytes: count('bytes', 1) ?? TRICKLE_DEFAULT_BYTES,
        intervalMs: count('intervalMs', 0, MAX_MS) ?? TRICKLE_DEFAULT_INTERVAL_MS,
      };
    case 'invalid': {
      if (spec.body !== undefined && typeof spec.body !== 'string')
        throw new ControlError(`fault: body must be a string, got ${JSON.stringify(spec.body)}`);
      return { ...common, kind, body: (spec.body as string | undefined) ?? null };
    }
  }
}

function retryAfterHeader(value: unknown): string | null {
  if (value === undefined || value === null) return null;
  if (typeof value === 'number' && Number.isFinite(value) && value >= 0) return String(value);
  if (typeof value === 'string' && value.trim() !== '' && !/[\r\n]/.test(value)) return value;
  throw new ControlError(
    `fault: retryAfter must be seconds (a number >= 0) or a header value (an HTTP date), got ${JSON.stringify(value)}`,
  );
}

/** Fault paths match exactly (ignoring a trailing slash), or by prefix when they end in `*`. */
export function faultMatches(pattern: string, path: string): boolean {
  const trim = (p: string) => (p.length > 1 && p.endsWith('/') ? p.slice(0, -1) : p);
  if (pattern.endsWith('*')) return path.startsWith(pattern.slice(0, -1));
  return trim(pattern) === trim(path);
}

/**
 * The fault that answers this request, if any; it is used up (`remaining`) as it is taken. Every
 * matching fault counts the request towards its `after`, whichever fault (if any) answers it.
 */
export function takeFault(faults: Fault[], method: string, path: string): Fault | null {
  let chosen: Fault | null = null;
  for (const f of faults) {
    if (!faultMatches(f.path, path) || (f.method !== null && f.method !== method)) continue;
    if (f.skip > 0) f.skip -= 1;
    else chosen ??= f;
  }
  if (!chosen) return null;
  chosen.remaining -= 1;
  if (chosen.remaining <= 0) faults.splice(faults.indexOf(chosen), 1);
  return chosen;
}

/** A copy for `control.faults()`. */
export function faultInfo(f: Fault): Fault {
  return { ...f };
}

/** The JSON form of a fault (`/__emulator/faults`): `remaining: "Infinity"` for a fault without limit. */
export function faultJson(f: Fault): Record<string, unknown> {
  return { ...f, remaining: Number.isFinite(f.remaining) ? f.remaining : 'Infinity' };
}

// ---------------------------------------------------------------------------------------------------
// Wire faults: the route ran; how its answer reaches (or fails to reach) the client.

/** A wire fault on one request, with the format the request asked for (for placeholder bodies). */
export interface WirePlan {
  fault: WireFault;
  format: 'json' | 'xml';
}

/** Requests whose answer a wire fault changes, set by the fault middleware, read by whoever delivers. */
const wirePlans = new WeakMap<Request, WirePlan>();

export function setWirePlan(request: Request, plan: WirePlan): void {
  wirePlans.set(request, plan);
}

export function wirePlanOf(request: Request): WirePlan | undefined {
  return wirePlans.get(request);
}

/** The status line the client gets for a route answer of `status` under this fault (0: none at all). */
export function wireStatus(fault: WireFault, status: number): number {
  if (fault.kind === 'reset' && fault.afterBytes === null) return 0;
  if (fault.kind === 'invalid' && (status < 200 || status > 299)) return 200;
  return NO_BODY_STATUSES.has(status) ? 200 : status;
}

const NO_BODY_STATUSES = new Set([204, 205, 304]);

/** What goes on the wire: the status, the headers (Content-Length = the whole body) and the whole body. */
export interface WireAnswer {
  status: number;
  headers: Headers;
  body: Uint8Array<ArrayBuffer>;
}

/**
 * The answer a wire fault sends, from the route's: an empty answer (a 204) becomes a 200 with a small
 * placeholder document (`{}` or `<ok/>`) so there is something to cut or trickle; `invalid` replaces
 * the body with a malformed one (and the status with 200 unless it was a 2xx).
 */
export async function wireAnswer(plan: WirePlan, response: Response): Promise<WireAnswer> {
  const { fault } = plan;
  const headers = new Headers(response.headers);
  headers.delete('content-length');
  headers.delete('transfer-encoding');
  const type = headers.get('content-type') ?? '';
  const json = type ? /json/i.test(type) : plan.format === 'json';
  const contentType = json ? JSON_CONTENT_TYPE : XML_CONTENT_TYPE;
  let text = (await response.text()).trim();
  if (text === '') {
    text = json ? '{}' : '<?xml version="1.0" encoding="UTF-8"?>\n<ok/>';
    if (!type) headers.set('content-type', contentType);
  }
  if (fault.kind === 'invalid') {
    text = fault.body ?? malformed(text);
    if (!/json|xml/i.test(type)) headers.set('content-type', contentType);
  }
  const body = new TextEncoder().encode(text);
  headers.set('content-length', String(body.byteLength));
  return { status: wireStatus(fault, response.status), headers, body };
}

/** A document cut in half: a JSON value or an XML root that never closes (well-formed it cannot be). */
function malformed(text: string): string {
  const chars = Array.from(text);
  return chars.slice(0, Math.max(1, Math.floor(chars.length / 2))).join('');
}

/** How many body bytes a truncate/reset sends before giving up (always fewer than the body has). */
export function partialLength(fault: WireFault, total: number): number {
  const wanted =
    fault.kind === 'truncate'
      ? (fault.bytes ?? Math.floor(total / 2))
      : fault.kind === 'reset'
        ? (fault.afterBytes ?? 0)
        : total;
  return Math.max(0, Math.min(wanted, total - 1));
}

/** undici's error for a connection reset (what `fetch` rejects with, or a body read fails with). */
export function resetError(message: 'fetch failed' | 'terminated'): TypeError {
  const cause = Object.assign(new Error('read ECONNRESET'), {
    code: 'ECONNRESET',
    errno: -104,
    syscall: 'read',
  });
  return new TypeError(message, { cause });
}

/** undici's error for a body cut short by the server closing the connection. */
export function closedError(): TypeError {
  const cause = Object.assign(new Error('other side closed'), {
    name: 'SocketError',
    code: 'UND_ERR_SOCKET',
  });
  return new TypeError('terminated', { cause });
}

/** True for the in-process stand-in of a connection reset before any answer (MSW turns it into Response.error()). */
export function isResetBeforeAnswer(error: unknown): boolean {
  return (
    error instanceof TypeError &&
    error.message === 'fetch failed' &&
    (error.cause as { code?: unknown } | undefined)?.code === 'ECONNRESET'
  );
}

/**
 * In process (emulator.fetch, emulator.handle, MSW): what undici would make of the fault. A reset
 * before the answer rejects with `TypeError: fetch failed` (cause ECONNRESET); otherwise the Response
 * arrives and reading its body fails (`TypeError: terminated`) or takes its time.
 */
export async function deliverInProcess(
  plan: WirePlan,
  response: Response,
  signal: AbortSignal | undefined,
): Promise<Response> {
  const { fault } = plan;
  if (fault.kind === 'reset' && fault.afterBytes === null) {
    await response.body?.cancel();
    throw resetError('fetch failed');
  }
  const answer = await wireAnswer(plan, response);
  const init = { status: answer.status, headers: answer.headers };
  if (fault.kind === 'invalid') return new Response(answer.body, init);
  const { body } = answer;
  if (fault.kind === 'truncate' || fault.kind === 'reset') {
    const part = body.subarray(0, partialLength(fault, body.byteLength));
    const error = fault.kind === 'truncate' ? closedError() : resetError('terminated');
    // The part first; the error once it has been read (erroring at once would drop the queued part).
    let sent = part.byteLength === 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent) return controller.error(error);
        sent = true;
        controller.enqueue(part);
      },
    });
    return new Response(stream, init);
  }
  // trickle
  let offset = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      const onAbort = () => {
        clearTimeout(timer);
        controller.error(signal?.reason ?? new DOMException('This operation was aborted', 'AbortError'));
      };
      if (signal?.aborted) return onAbort();
      signal?.addEventListener('abort', onAbort, { once: true });
      const step = () => {
        controller.enqueue(body.slice(offset, offset + fault.bytes));
        offset += fault.bytes;
        if (offset >= body.byteLength) {
          signal?.removeEventListener('abort', onAbort);
          controller.close();
        } else timer = setTimeout(step, fault.intervalMs);
      };
      step();
    },
    cancel() {
      clearTimeout(timer);
    },
  });
  return new Response(stream, init);
}

/** Sleep `ms`, or less if the client gives up first (its answer goes nowhere then). */
export function faultDelay(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const done = () => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
  });
}
