/** Glue between a list response and a model decoder (the list twin of `bodyObject`). */
import { DecodeError } from '../errors.js';
import type { PlexResponse, RequestSpec } from '../transport.js';
import { parseBody } from '../wire/body.js';
import { type ListShape, listOf } from '../wire/list.js';
import type { Wire } from '../wire/wire.js';

/** The response body's items (`root` names them in error paths), or a DecodeError naming the endpoint. */
export function bodyList(
  response: PlexResponse,
  spec: Pick<RequestSpec, 'method' | 'path'>,
  root: string,
  shape: ListShape = {},
): Wire[] {
  const items = listOf(response.body, root, shape);
  if (!items) {
    throw new DecodeError(
      `${spec.method} ${spec.path}: expected a list of ${root}, got ${response.body.format}`,
      {
        method: spec.method,
        path: spec.path,
        status: response.status,
        field: root,
      },
    );
  }
  return items;
}

/** Decode a list body you already have (captures, caches): the items, or a DecodeError. */
export async function parseList(
  text: string,
  contentType: string | undefined,
  root: string,
  shape: ListShape = {},
): Promise<Wire[]> {
  let items: Wire[] | undefined;
  try {
    items = listOf(await parseBody(contentType ?? null, text), root, shape);
  } catch (cause) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    throw new DecodeError(`unreadable ${root} body (${reason})`, { cause, field: root });
  }
  if (!items) throw new DecodeError(`expected a list of ${root}`, { field: root });
  return items;
}
