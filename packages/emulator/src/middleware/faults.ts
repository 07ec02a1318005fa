import type { MiddlewareHandler } from 'hono';
import { takeFault } from '../faults/queue.js';
import { faultDelay, setWirePlan } from '../faults/wire.js';
import { format } from '../routes/runtime.js';
import type { EmulatorState } from '../state/model.js';
import type { FaultKind } from '../state/model-fault.js';
import { errorResponse } from '../wire/format.js';
import { isEmulatorPath } from './paths.js';

/** Requests a fault hit, and its kind (for the request log). */
const faultedRequests = new WeakMap<Request, FaultKind>();

/** The kind of fault that hit `request`, if one did. */
export function faultKindOf(request: Request): FaultKind | undefined {
  return faultedRequests.get(request);
}

/**
 * Injected faults (control.fault), taken from the current state's queue. Status faults answer here;
 * latency waits and goes on; wire faults let the route answer and are applied by whoever delivers
 * it (emulator.fetch/handle in process, server/listen.ts on a socket).
 */
export function faults(holder: { readonly state: EmulatorState }): MiddlewareHandler {
  return async (c, next) => {
    const path = new URL(c.req.url).pathname;
    if (isEmulatorPath(path)) return next();
    const fault = takeFault(holder.state.faults, c.req.method, path);
    if (!fault) return next();
    faultedRequests.set(c.req.raw, fault.kind);
    switch (fault.kind) {
      case 'status':
        return errorResponse(
          format(c),
          { code: fault.code, message: fault.message, status: fault.status },
          fault.retryAfter !== null ? { 'Retry-After': fault.retryAfter } : {},
        );
      case 'latency':
        await faultDelay(fault.ms, c.req.raw.signal);
        return next();
      default:
        setWirePlan(c.req.raw, { fault, format: format(c) });
        return next();
    }
  };
}
