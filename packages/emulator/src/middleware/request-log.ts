import type { MiddlewareHandler } from 'hono';
import { wirePlanOf, wireStatus } from '../faults/wire.js';
import type { EmulatorState, RequestRecord } from '../state/model.js';
import { faultKindOf } from './faults.js';
import { isEmulatorPath } from './paths.js';

/**
 * Appends every plex.tv request to the current state's log (control.requests) once answered: the
 * status the client got (a wire fault's, when one hit) and the fault's kind.
 */
export function requestLog(holder: { readonly state: EmulatorState }): MiddlewareHandler {
  return async (c, next) => {
    await next();
    if (isEmulatorPath(c.req.path)) return;
    const record: RequestRecord = {
      method: c.req.method,
      path: new URL(c.req.url).pathname,
      status: c.res.status,
    };
    const kind = faultKindOf(c.req.raw);
    if (kind) {
      record.fault = kind;
      const wire = wirePlanOf(c.req.raw);
      if (wire) record.status = wireStatus(wire.fault, c.res.status);
    }
    holder.state.requests.push(record);
  };
}
