/**
 * `Wire` over an XML element: attributes, text-only children (legacy Rails XML) and wrapper elements of lists.
 * Loaded with the XML reader (xml.ts), on the first XML answer: an app that only ever reads JSON never ships it.
 */
import { setOwn } from './values.js';
import { LazyPath, type Wire, type XmlElement, xmlToPlain } from './wire.js';

/** One XML element as a `Wire`. */
export class XmlWire implements Wire {
  readonly format = 'xml' as const;
  private where: string | LazyPath;
  constructor(
    private readonly element: XmlElement,
    path: string | LazyPath,
  ) {
    this.where = path;
  }

  get path(): string {
    if (typeof this.where !== 'string') this.where = this.where.toString();
    return this.where;
  }

  keys(): string[] {
    const names = new Set(Object.keys(this.element.attrs));
    for (const child of this.element.children) names.add(child.name);
    return [...names];
  }

  private child(name: string): XmlElement | undefined {
    return this.element.children.find((c) => c.name === name);
  }

  get(key: string): unknown {
    if (Object.hasOwn(this.element.attrs, key)) return this.element.attrs[key];
    // Legacy Rails XML repeats some fields as text-only children: <username>foo</username>.
    const c = this.child(key);
    if (c && c.children.length === 0 && Object.keys(c.attrs).every((a) => a === 'type')) return c.text;
    return undefined;
  }

  object(key: string): Wire | undefined {
    const c = this.child(key);
    return c ? new XmlWire(c, new LazyPath(this, key, -1)) : undefined;
  }

  objects(key: string): Wire[] {
    const c = this.child(key);
    if (!c) return [];
    return c.children.map((item, i) => new XmlWire(item, new LazyPath(this, key, i)));
  }

  strings(key: string, attr = 'id'): string[] | undefined {
    const c = this.child(key);
    if (!c) return undefined;
    return c.children.map((item) => item.attrs[attr] ?? item.text).filter((s) => s !== '');
  }

  repeated(name: string): Wire[] {
    return this.element.children
      .filter((c) => c.name === name)
      .map((item, i) => new XmlWire(item, new LazyPath(this, name, i)));
  }

  /** `extras(this, known)` without listing the keys first: attributes, then children not named by one. */
  extras(known: ReadonlySet<string>): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    const attrs = this.element.attrs;
    const names = Object.keys(attrs);
    for (let i = 0; i < names.length; i++) {
      const name = names[i]!;
      if (!known.has(name)) setOwn(out, name, attrs[name]);
    }
    let seen: Set<string> | undefined;
    for (const child of this.element.children) {
      const name = child.name;
      // An attribute of the same name came first (and `plain` reads the attribute).
      if (known.has(name) || Object.hasOwn(attrs, name)) continue;
      seen ??= new Set();
      if (seen.has(name)) continue;
      seen.add(name);
      setOwn(out, name, this.plain(name));
    }
    return out;
  }

  plain(key: string): unknown {
    if (Object.hasOwn(this.element.attrs, key)) return this.element.attrs[key];
    const matches = this.element.children.filter((c) => c.name === key);
    if (matches.length === 0) return undefined;
    const plains = matches.map(xmlToPlain);
    return plains.length === 1 ? plains[0] : plains;
  }
}
