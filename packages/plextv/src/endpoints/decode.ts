/** Shared glue between a response and a model decoder. */
import { DecodeError } from '../errors.js';
import type { PlexResponse, RequestSpec } from '../transport.js';
import { objectOf } from '../wire/body.js';
import type { Wire } from '../wire/wire.js';

/** The response body as one object named `root`, or a DecodeError naming the endpoint. */
export function bodyObject(
  response: PlexResponse,
  spec: Pick<RequestSpec, 'method' | 'path'>,
  root: string,
): Wire {
  const wire = objectOf(response.body, root);
  if (!wire) {
    throw new DecodeError(
      `${spec.method} ${spec.path}: expected a ${root} object, got ${response.body.format}`,
      {
        method: spec.method,
        path: spec.path,
        status: response.status,
        field: root,
      },
    );
  }
  return wire;
}
