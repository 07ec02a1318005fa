/**
 * List bodies: plex.tv answers lists as a bare JSON array (`/api/v2/resources`, `/api/v2/user/webhooks`), as an
 * XML container of named children (`<resources><resource/>`, `<MediaContainer><Device/>`), and sometimes as a
 * JSON `{"MediaContainer": {"Device": […]}}`. `listOf` turns all of them into one `Wire[]`.
 */
import type { ParsedBody } from './body.js';
import { JsonWire, type Wire } from './wire.js';

export interface ListShape {
  /** XML: the names of the item elements under the root (`resource`, `Device`). Default: every child. */
  xmlItems?: readonly string[];
  /** JSON object forms: the keys that may hold the array (`Device`, `webhooks`), looked up under `MediaContainer` too. */
  jsonKeys?: readonly string[];
}

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** The items of a list body (`root` names them in error paths), `[]` for an empty body, undefined when not a list. */
export function listOf(body: ParsedBody, root: string, shape: ListShape = {}): Wire[] | undefined {
  if (body.format === 'empty') return [];
  if (body.format === 'xml' && body.xml && body.xmlWire) {
    const { xmlWire } = body;
    const names = shape.xmlItems;
    return body.xml.children
      .filter((c) => names === undefined || names.includes(c.name))
      .map((c, i) => xmlWire(c, `${root}[${i}]`));
  }
  if (body.format !== 'json') return undefined;
  let value = body.json;
  if (isRecord(value)) {
    const container = Object.hasOwn(value, 'MediaContainer') ? value.MediaContainer : undefined;
    const scope = isRecord(container) ? container : value;
    const key = (shape.jsonKeys ?? []).find((k) => Object.hasOwn(scope, k) && Array.isArray(scope[k]));
    // A container with no items at all (`{"MediaContainer": {"size": 0}}`) is an empty list.
    if (key === undefined) return isRecord(container) ? [] : undefined;
    value = scope[key];
  }
  if (!Array.isArray(value)) return undefined;
  return value.filter(isRecord).map((item, i) => new JsonWire(item, `${root}[${i}]`));
}
