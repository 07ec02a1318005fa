/**
 * One read-only view over a plex.tv object, whichever format carried it.
 *
 * Decoders are written once against `Wire`; `JsonWire` and `XmlWire` (xml-wire.ts, loaded with the XML
 * reader) hide where a field lives (JSON key,
 * XML attribute, text-only child element, wrapper element of a list). This is what makes the XML and the JSON
 * form of the same object decode to the same model.
 */
import { setOwn } from './values.js';

/** A parsed XML element (our own small shape, independent of the parser library). */
export interface XmlElement {
  name: string;
  /** Attribute values, entity-decoded. Null-prototype: keys like `__proto__` are plain data. */
  attrs: Record<string, string>;
  children: XmlElement[];
  /** Concatenated text content (trimmed). */
  text: string;
}

export interface Wire {
  readonly format: 'json' | 'xml';
  /** Dotted path of this object in the document, for error messages (e.g. `user.subscription`). */
  readonly path: string;
  /** Field names present. */
  keys(): string[];
  /** A scalar field (undefined when absent or not a scalar). */
  get(key: string): unknown;
  /** A nested object. */
  object(key: string): Wire | undefined;
  /** A list of objects: a JSON array, or the element children of an XML wrapper element. */
  objects(key: string): Wire[];
  /** A list of strings: a JSON array, or the `attr` attribute (default `id`) of an XML wrapper's children. */
  strings(key: string, attr?: string): string[] | undefined;
  /** XML only: children named `name` directly under this element (legacy shapes without a wrapper). */
  repeated(name: string): Wire[];
  /** The field as plain data, for the `extra` bag of unknown fields. */
  plain(key: string): unknown;
  /** What `extras(this, known)` gives, where the format has a quicker way to it than listing the keys (XML). */
  extras?(known: ReadonlySet<string>): Record<string, unknown>;
}

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Where a nested object sits, kept as parts: the dotted path string is only built when something asks for it
 * (an error message), not for every object decoded.
 */
export class LazyPath {
  constructor(
    readonly parent: Wire,
    readonly key: string,
    readonly index: number,
  ) {}
  toString(): string {
    return this.index < 0
      ? `${this.parent.path}.${this.key}`
      : `${this.parent.path}.${this.key}[${this.index}]`;
  }
}

export class JsonWire implements Wire {
  readonly format = 'json' as const;
  private where: string | LazyPath;
  constructor(
    private readonly value: Record<string, unknown>,
    path: string | LazyPath,
  ) {
    this.where = path;
  }

  get path(): string {
    if (typeof this.where !== 'string') this.where = this.where.toString();
    return this.where;
  }

  /** The JSON object itself (read-only), for the table-driven decoders' one pass over its keys. */
  get record(): Readonly<Record<string, unknown>> {
    return this.value;
  }

  keys(): string[] {
    return Object.keys(this.value);
  }

  private own(key: string): unknown {
    return Object.hasOwn(this.value, key) ? this.value[key] : undefined;
  }

  get(key: string): unknown {
    const v = this.own(key);
    return typeof v === 'object' && v !== null ? undefined : v;
  }

  object(key: string): Wire | undefined {
    const v = this.own(key);
    return isRecord(v) ? new JsonWire(v, new LazyPath(this, key, -1)) : undefined;
  }

  objects(key: string): Wire[] {
    const v = this.own(key);
    if (!Array.isArray(v)) return [];
    const out: Wire[] = [];
    for (let i = 0; i < v.length; i++) {
      const item: unknown = v[i];
      if (isRecord(item)) out.push(new JsonWire(item, new LazyPath(this, key, out.length)));
    }
    return out;
  }

  strings(key: string): string[] | undefined {
    let v = this.own(key);
    // The legacy sign_in.json wraps lists as {"roles": {"roles": [...]}}.
    if (isRecord(v) && Array.isArray(v[key])) v = v[key];
    if (!Array.isArray(v)) return undefined;
    // Almost always an array of strings only: one check, then a copy.
    let i = 0;
    while (i < v.length && typeof v[i] === 'string') i++;
    if (i === v.length) return v.slice() as string[];
    const out = v.slice(0, i) as string[];
    for (; i < v.length; i++) {
      const s: unknown = v[i];
      if (typeof s === 'string') out.push(s);
      else if (typeof s === 'number') out.push(String(s));
    }
    return out;
  }

  repeated(): Wire[] {
    return [];
  }

  plain(key: string): unknown {
    return this.own(key);
  }
}

/** An XML element as plain data: attributes as properties, children grouped by name, text as `text`. */
export function xmlToPlain(element: XmlElement): unknown {
  // Text-only elements become their text; empty ones an empty object (`<internalPaymentMethod/>`).
  if (element.children.length === 0 && Object.keys(element.attrs).length === 0) {
    return element.text === '' ? {} : element.text;
  }
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(element.attrs)) setOwn(out, k, v);
  for (const child of element.children) {
    const value = xmlToPlain(child);
    const existing = Object.hasOwn(out, child.name) ? out[child.name] : undefined;
    if (existing === undefined) setOwn(out, child.name, value);
    else if (Array.isArray(existing) && existing !== value) existing.push(value);
    else setOwn(out, child.name, [existing, value]);
  }
  if (element.text !== '' && element.children.length === 0) setOwn(out, 'text', element.text);
  return out;
}

/** The fields of `wire` that a decoder did not model, kept as plain data. */
export function extras(wire: Wire, known: ReadonlySet<string>): Record<string, unknown> {
  if (wire.extras) return wire.extras(known);
  const out: Record<string, unknown> = {};
  for (const key of wire.keys()) {
    if (!known.has(key)) setOwn(out, key, wire.plain(key));
  }
  return out;
}
