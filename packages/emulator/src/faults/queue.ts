/**
 * The fault queue: validating a spec into a Fault, and which queued fault answers a request.
 */

import { ControlError } from '../state/errors.js';
import {
  FAULT_KINDS,
  type Fault,
  type FaultCommon,
  type FaultKind,
  TRICKLE_DEFAULT_BYTES,
  TRICKLE_DEFAULT_INTERVAL_MS,
} from '../state/model-fault.js';
import { defaultErrorFor } from '../wire/errors.js';

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
