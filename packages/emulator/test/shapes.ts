/**
 * Shape extraction for the conformance test: a document becomes a flat map
 * "path" -> set of value classes, plus the key/attribute order per object/element. Values are
 * deliberately reduced to classes (int, flag, empty, date format, …) because captures are
 * anonymised: only keys, order and types are evidence.
 */

export type Shape = Map<string, Set<string>>;
export type Order = Map<string, string[]>;

// ---- JSON ----------------------------------------------------------------------------------------

const ISO_Z = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/;

export function jsonClass(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  switch (typeof value) {
    case 'boolean':
      return 'bool';
    case 'number':
      return Number.isInteger(value) ? 'int' : 'number';
    case 'string':
      return ISO_Z.test(value) ? 'iso-date' : 'string';
    default:
      return 'object';
  }
}

export function jsonShape(doc: unknown): { shape: Shape; order: Order } {
  const shape: Shape = new Map();
  const order: Order = new Map();
  const add = (path: string, cls: string) => {
    const set = shape.get(path) ?? new Set<string>();
    set.add(cls);
    shape.set(path, set);
  };
  const walk = (value: unknown, path: string) => {
    add(path, jsonClass(value));
    if (Array.isArray(value)) {
      for (const item of value) walk(item, `${path}[]`);
    } else if (typeof value === 'object' && value !== null) {
      const keys = Object.keys(value);
      const seen = order.get(path);
      if (!seen || keys.length > seen.length) order.set(path, keys);
      for (const key of keys)
        walk((value as Record<string, unknown>)[key], path === '' ? key : `${path}.${key}`);
    }
  };
  walk(doc, '');
  return { shape, order };
}

// ---- XML -----------------------------------------------------------------------------------------

export interface XmlNode {
  name: string;
  attrs: Array<[string, string]>;
  children: XmlNode[];
  text: string;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decode(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (m, e: string) => {
    if (e[0] === '#')
      return String.fromCodePoint(e[1] === 'x' ? Number.parseInt(e.slice(2), 16) : Number(e.slice(1)));
    return ENTITIES[e] ?? m;
  });
}

/** A small strict-enough XML parser for the captures (elements, attributes, text; no DTDs/CDATA). */
export function parseXml(text: string): XmlNode {
  const src = text.trim().replace(/^<\?xml[^>]*\?>/, '');
  const tokenRe =
    /<!--[\s\S]*?-->|<\/([\w:.-]+)\s*>|<([\w:.-]+)((?:\s+[\w:.-]+\s*=\s*"[^"]*")*)\s*(\/?)>|([^<]+)/g;
  const attrRe = /([\w:.-]+)\s*=\s*"([^"]*)"/g;
  const root: XmlNode = { name: '#document', attrs: [], children: [], text: '' };
  const stack: XmlNode[] = [root];
  let consumed = 0;
  for (let m = tokenRe.exec(src); m !== null; m = tokenRe.exec(src)) {
    if (m.index !== consumed)
      throw new Error(`XML: unexpected input at ${consumed}: ${src.slice(consumed, consumed + 40)}`);
    consumed = tokenRe.lastIndex;
    const top = stack[stack.length - 1]!;
    if (m[0].startsWith('<!--')) continue;
    if (m[1] !== undefined) {
      if (top.name !== m[1]) throw new Error(`XML: </${m[1]}> closes <${top.name}>`);
      stack.pop();
    } else if (m[2] !== undefined) {
      const node: XmlNode = { name: m[2], attrs: [], children: [], text: '' };
      for (const a of (m[3] ?? '').matchAll(attrRe)) node.attrs.push([a[1]!, decode(a[2]!)]);
      top.children.push(node);
      if (m[4] !== '/') stack.push(node);
    } else if (m[5] !== undefined) {
      // Indentation between elements is not content.
      if (m[5].trim() !== '') top.text += decode(m[5]);
    }
  }
  if (consumed !== src.length || stack.length !== 1) throw new Error('XML: truncated document');
  if (root.children.length !== 1) throw new Error('XML: expected exactly one root element');
  return root.children[0]!;
}

const UTC_DATE = /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC$/;

/** XML attribute value classes: "" / 0-1 flag / int / "… UTC" date / ISO date / string. */
export function xmlClass(value: string): string {
  if (value === '') return 'empty';
  if (value === '0' || value === '1') return 'flag';
  if (/^-?\d+$/.test(value)) return 'int';
  if (UTC_DATE.test(value)) return 'utc-date';
  if (ISO_Z.test(value)) return 'iso-date';
  return 'string';
}

export function xmlShape(doc: string | XmlNode): { shape: Shape; order: Order } {
  const root = typeof doc === 'string' ? parseXml(doc) : doc;
  const shape: Shape = new Map();
  const order: Order = new Map();
  const add = (path: string, cls: string) => {
    const set = shape.get(path) ?? new Set<string>();
    set.add(cls);
    shape.set(path, set);
  };
  const walk = (node: XmlNode, path: string) => {
    add(path, node.children.length > 0 ? 'element' : 'leaf');
    const names = node.attrs.map(([k]) => k);
    const seen = order.get(path);
    if (!seen || names.length > seen.length) order.set(path, names);
    for (const [k, v] of node.attrs) add(`${path}@${k}`, xmlClass(v));
    for (const child of node.children) walk(child, `${path}/${child.name}`);
  };
  walk(root, root.name);
  return { shape, order };
}

// ---- comparison ----------------------------------------------------------------------------------

/** "0"/"1" is a legal int: a count of 1 must not read as a type change against a count of 3. */
function compatible(a: Set<string>, b: Set<string>): boolean {
  const norm = (s: Set<string>, other: Set<string>) =>
    [...s].map((c) => (c === 'flag' && other.has('int') ? 'int' : c)).sort();
  const [x, y] = [[...new Set(norm(a, b))], [...new Set(norm(b, a))]];
  return x.length === y.length && x.every((c, i) => c === y[i]);
}

const fmt = (s: Set<string>) => [...s].sort().join('|');

/**
 * Differences between a real capture and the emulator's answer, one line each:
 *   "missing <path> (capture: <classes>)", "extra <path> (emulator: <classes>)",
 *   "type <path>: capture <classes>, emulator <classes>".
 * Leaf/element differences of container nodes (an empty list vs a filled one) are not reported:
 * the children's own lines already say what differs.
 */
export function diffShapes(capture: Shape, ours: Shape): string[] {
  const out: string[] = [];
  // A list that is empty in the capture says nothing about its items: don't report ours as extra.
  const underEmptyList = (path: string): boolean => {
    for (let p = parentOf(path); p !== null; p = parentOf(p)) {
      const classes = capture.get(p);
      if (!classes) continue;
      const hasChildren = [...capture.keys()].some((k) => k !== p && parentOf(k) === p);
      return !hasChildren && [...classes].every((c) => c === 'leaf' || c === 'array');
    }
    return false;
  };
  for (const [path, classes] of capture) {
    const mine = ours.get(path);
    if (!mine) out.push(`missing ${path} (capture: ${fmt(classes)})`);
    else if (!isContainer(classes, mine) && !compatible(classes, mine)) {
      out.push(`type ${path}: capture ${fmt(classes)}, emulator ${fmt(mine)}`);
    }
  }
  for (const [path, classes] of ours) {
    if (!capture.has(path) && !underEmptyList(path)) out.push(`extra ${path} (emulator: ${fmt(classes)})`);
  }
  return out;
}

/** `a.b` -> `a`, `a[]` -> `a`, `a/b@c` -> `a/b`, `a/b` -> `a`; null at the root. */
export function parentOf(path: string): string | null {
  const m = /^(.*?)(?:\[\]|[./@][^./@[\]]*)$/.exec(path);
  return m && m[1] !== path ? (m[1] as string) : null;
}

function isContainer(a: Set<string>, b: Set<string>): boolean {
  const kinds = new Set([...a, ...b]);
  return [...kinds].every((k) => k === 'element' || k === 'leaf');
}

/** Keys both sides have must come in the same relative order. Returns the offending paths. */
export function diffOrder(capture: Order, ours: Order): string[] {
  const out: string[] = [];
  for (const [path, keys] of capture) {
    const mine = ours.get(path);
    if (!mine) continue;
    const common = keys.filter((k) => mine.includes(k));
    const mineCommon = mine.filter((k) => common.includes(k));
    if (common.join(',') !== mineCommon.join(',')) {
      out.push(`order ${path || '(root)'}: capture ${common.join(',')} / emulator ${mineCommon.join(',')}`);
    }
  }
  return out;
}
