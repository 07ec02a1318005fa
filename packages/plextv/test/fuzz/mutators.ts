/**
 * Body generators: mutations of real captures (text, XML and JSON aware) and fast-check arbitraries
 * (`fc.jsonValue`, XML from a small grammar). Every generator is a pure function of its `Rng`.
 */
import fc from 'fast-check';
import { ENTITY_MARKER, ENTITY_SEEDS, type Seed } from './corpus.js';
import type { Rng } from './rng.js';

export interface GenContext {
  rng: Rng;
  /** The seed picked for this case. */
  base: Seed;
  /** Seeds of the target's families (fallbacks for XML-/JSON-only generators). */
  family: readonly Seed[];
  /** Every seed (splicing, cross-feeding). */
  all: readonly Seed[];
}

export type Generator = (text: string, ctx: GenContext) => string;

// ---- values -------------------------------------------------------------------------------------------------

const HUGE_DIGITS = '9'.repeat(400);

/** Attribute / string values that have broken lenient decoders somewhere. */
export const INTERESTING_STRINGS: readonly string[] = [
  '',
  '0',
  '1',
  '-1',
  '2',
  'null',
  'undefined',
  'true',
  'false',
  'NaN',
  'Infinity',
  '-Infinity',
  '1e309',
  '-0',
  '0x1F',
  '1.5',
  '1e3',
  '9007199254740993',
  '99999999999999999999999999',
  '99999999999999',
  '8640000000001',
  '-8640000000001',
  HUGE_DIGITS,
  ' 1 ',
  '\t\n',
  'Unknown',
  '💩',
  '\u202Eevil',
  'é',
  '\uFEFF',
  '\uD800',
  '\uDFFF\uD800',
  '2023-09-19 00:00:00 UTC',
  '2021-10-01T01:02:03Z',
  '2021-10-01T01:02:03.123456789+05:30',
  '9999-99-99',
  '0000-00-00 00:00:00 UTC',
  '275760-09-13T00:00:00Z',
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'hasOwnProperty',
  'valueOf',
  '%',
  '%E0%A4%A',
  'contentRating=G%2CPG|label=a',
  '__proto__=polluted',
  'https://example.com',
  'http://user:pass@example.com/',
  'javascript:alert(1)',
  'a,b,,c',
  ',,,',
  '[]',
  '{}',
  'opt_in',
  'opt_out',
  'identifiable',
  'pending_received',
  'little_kid',
  'server,player',
  '127.0.0.1',
  '::1',
  '1.2.3.4.plex.direct',
];

/** Raw JSON number literals that JSON.stringify cannot produce. */
const RAW_NUMBERS: readonly string[] = [
  '1e400',
  '-1e400',
  '123456789012345678901234567890',
  '0.0000000000000000000000000001',
  '-0',
  '1E2',
  '9007199254740993',
  '4.9e-324',
];

const RAW_TAG = '\u0000RAW:';
const raw = (literal: string) => `${RAW_TAG}${literal}\u0000`;
/** JSON.stringify, then splice the raw literals in. */
function stringify(value: unknown, indent?: number): string {
  const text = JSON.stringify(value, null, indent);
  if (text === undefined) return 'null';
  // The placeholder's NULs are escaped by JSON.stringify: match them as `\u0000`.
  return text.replace(/"\\u0000RAW:([^"\\]*)\\u0000"/g, '$1');
}

function sampleJson(rng: Rng): unknown {
  return fc.sample(fc.jsonValue({ maxDepth: 3 }), { seed: rng.seed(), numRuns: 1 })[0];
}

function interestingJson(rng: Rng): unknown {
  switch (rng.int(10)) {
    case 0:
      return null;
    case 1:
      return rng.chance(0.5);
    case 2:
      return rng.pick([
        0,
        1,
        -1,
        2,
        1.5,
        1e308,
        -1e308,
        Number.MAX_SAFE_INTEGER,
        2 ** 53 + 2,
        5e-324,
        99999999999999,
        8640000000001,
        -8640000000001,
        1e300,
      ]);
    case 3:
      return raw(rng.pick(RAW_NUMBERS));
    case 4:
      return rng.pick(INTERESTING_STRINGS);
    case 5:
      return [];
    case 6:
      return {};
    case 7:
      return rng.pick([[1, 'a', null], [{}], [[]], ['https://example.com'], [{ id: '__proto__' }]]);
    case 8:
      return protoObject(rng);
    default:
      return sampleJson(rng);
  }
}

/** An object carrying a pollution attempt as own data (`__proto__` defined, never assigned). */
function protoObject(rng: Rng): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const key = rng.pick(['__proto__', 'constructor', 'prototype']);
  const payload =
    key === 'constructor' ? setOwn({}, 'prototype', { polluted: 'yes' }) : setOwn({}, 'polluted', 'yes');
  return setOwn(out, key, payload);
}

function setOwn<T extends Record<string, unknown>>(target: T, key: string, value: unknown): T {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  return target;
}

// ---- text generators ----------------------------------------------------------------------------------------

const SPECIAL_CHARS: readonly string[] = [
  '<',
  '>',
  '&',
  '"',
  "'",
  '{',
  '}',
  '[',
  ']',
  ',',
  ':',
  '\\',
  '/',
  '=',
  '\u0000',
  '\uFFFF',
  '\uD800',
  '\n',
  ' ',
  '0',
  '-',
  '.',
  'e',
  '&amp;',
  '&#0;',
  '&#xD800;',
  '<![CDATA[',
  ']]>',
  '<!--',
  '-->',
  '<?',
  '\\u0000',
  '\\uD800',
];

/** Replace, insert or delete a few characters (code units: lone surrogates included). */
export const flip: Generator = (text, { rng }) => {
  let out = text;
  const n = rng.weighted([
    [6, 1],
    [3, rng.range(2, 5)],
    [1, rng.range(6, 40)],
  ] as const);
  for (let k = 0; k < n; k++) {
    const at = rng.int(out.length + 1);
    const ch = rng.chance(0.6) ? rng.pick(SPECIAL_CHARS) : String.fromCharCode(rng.int(0x10000));
    switch (rng.int(3)) {
      case 0:
        out = out.slice(0, at) + ch + out.slice(at + 1);
        break;
      case 1:
        out = out.slice(0, at) + ch + out.slice(at);
        break;
      default:
        out = out.slice(0, at) + out.slice(at + 1);
    }
  }
  return out;
};

const BYTES = [
  0x00, 0x80, 0xbf, 0xc0, 0xc3, 0xe2, 0xed, 0xef, 0xf0, 0xf4, 0xf8, 0xfe, 0xff, 0x3c, 0x22, 0x7b,
];

/**
 * Byte-level damage, as on the wire: flip, insert or drop UTF-8 bytes (invalid sequences, overlongs, a BOM in the
 * middle), or read UTF-16 bytes as UTF-8; then decode as `Response.text()` would (U+FFFD for what is invalid).
 */
export const bytes: Generator = (text, { rng }) => {
  const src = new TextEncoder().encode(text.slice(0, 200_000));
  if (rng.chance(0.1)) {
    // A UTF-16LE body (with or without its BOM) read as UTF-8.
    const out = new Uint8Array(text.length * 2 + 2);
    const bom = rng.chance(0.5);
    if (bom) out.set([0xff, 0xfe]);
    for (let i = 0; i < Math.min(text.length, 100_000); i++) {
      const u = text.charCodeAt(i);
      out[(bom ? 2 : 0) + i * 2] = u & 0xff;
      out[(bom ? 2 : 0) + i * 2 + 1] = u >> 8;
    }
    return new TextDecoder().decode(out);
  }
  const buf = Array.from(src);
  const n = rng.weighted([
    [6, 1],
    [3, rng.range(2, 8)],
    [1, rng.range(9, 64)],
  ] as const);
  for (let k = 0; k < n; k++) {
    const at = rng.int(buf.length + 1);
    const b = rng.chance(0.7) ? rng.pick(BYTES) : rng.int(256);
    switch (rng.int(4)) {
      case 0:
        buf[at] = b;
        break;
      case 1:
        buf.splice(at, 0, b);
        break;
      case 2:
        buf.splice(at, 0, 0xef, 0xbb, 0xbf);
        break;
      default:
        buf.splice(at, 1);
    }
  }
  return new TextDecoder().decode(Uint8Array.from(buf));
};

/** Cut the body at a random point (and sometimes drop the start instead). */
export const truncate: Generator = (text, { rng }) => {
  const at = rng.int(text.length + 1);
  return rng.chance(0.8) ? text.slice(0, at) : text.slice(at);
};

/** Delete, duplicate or move a span, or splice in a span of another seed. */
export const span: Generator = (text, { rng, all }) => {
  const a = rng.int(text.length + 1);
  const b = Math.min(text.length, a + rng.int(Math.max(1, Math.floor(text.length / 3))) + 1);
  const piece = text.slice(a, b);
  switch (rng.int(4)) {
    case 0:
      return text.slice(0, a) + text.slice(b);
    case 1:
      return text.slice(0, b) + piece.repeat(rng.range(1, text.length > 100_000 ? 1 : 20)) + text.slice(b);
    case 2: {
      const rest = text.slice(0, a) + text.slice(b);
      const at = rng.int(rest.length + 1);
      return rest.slice(0, at) + piece + rest.slice(at);
    }
    default: {
      const other = rng.pick(all).text;
      const c = rng.int(other.length + 1);
      const d = Math.min(other.length, c + rng.int(400) + 1);
      return text.slice(0, a) + other.slice(c, d) + text.slice(b);
    }
  }
};

// ---- XML generators -----------------------------------------------------------------------------------------

const isXml = (text: string) =>
  text
    .replace(/^\uFEFF/, '')
    .trimStart()
    .startsWith('<');
const isJson = (text: string) => {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
};

function xmlText(text: string, ctx: GenContext): string {
  if (isXml(text)) return text;
  const xml = ctx.family.filter((s) => isXml(s.text));
  return ctx.rng.pick(xml.length > 0 ? xml : ctx.all.filter((s) => isXml(s.text))).text;
}

function jsonValue(text: string, ctx: GenContext): unknown {
  const parse = (t: string) => {
    try {
      return { ok: true as const, value: JSON.parse(t) as unknown };
    } catch {
      return { ok: false as const };
    }
  };
  const own = parse(text);
  if (own.ok) return own.value;
  const json = ctx.family.filter((s) => isJson(s.text));
  const pool = json.length > 0 ? json : ctx.all.filter((s) => isJson(s.text));
  return JSON.parse(ctx.rng.pick(pool).text) as unknown;
}

const ATTR = /(\s)([A-Za-z_:][\w.:-]*)(\s*=\s*)("[^"]*"|'[^']*')/g;
const TAG = /<(\/?)([A-Za-z_:][\w.:-]*)/g;

const escapeAttr = (v: string) =>
  v.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;').replace(/\n/g, '&#10;');

function xmlValue(rng: Rng): string {
  const v = rng.chance(0.85)
    ? rng.pick(INTERESTING_STRINGS)
    : rng.pick([
        '&amp;',
        '&lt;&gt;',
        '&#65;',
        '&#x1F4A9;',
        '&quot;',
        '&unknown;',
        '&#0;',
        '&#xFFFF;',
        '<',
        '&',
      ]);
  // Mostly well-formed (escape), sometimes raw (the parser has to refuse it).
  return rng.chance(0.85) && !v.startsWith('&') ? escapeAttr(v) : v;
}

/** Swap some attribute values for `""`/`"0"`/`"1"`/`"null"`/huge numbers/`"NaN"`/unicode/…. */
export const xmlAttrValues: Generator = (text, ctx) => {
  const { rng } = ctx;
  const xml = xmlText(text, ctx);
  const p = rng.pick([0.05, 0.2, 0.5, 1]);
  return xml.replace(ATTR, (_m, sp: string, name: string, eq: string) =>
    rng.chance(p) ? `${sp}${name}${eq}"${xmlValue(rng)}"` : _m,
  );
};

const NAMES: readonly string[] = [
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'hasOwnProperty',
  'MediaContainer',
  'user',
  'User',
  'Device',
  'device',
  'resource',
  'Connection',
  'connections',
  'Server',
  'Section',
  'SharedServer',
  'Invite',
  'home',
  'pin',
  'location',
  'id',
  'uuid',
  'authToken',
  'clientIdentifier',
  'key',
  'value',
  'url',
  'text',
  'x:y',
  'a',
];

/** Rename an element (open and close tags alike) or some attributes, to another name of the body or a hostile one. */
export const xmlRename: Generator = (text, ctx) => {
  const { rng } = ctx;
  const xml = xmlText(text, ctx);
  const tags = [...xml.matchAll(TAG)].map((m) => m[2]!);
  const attrs = [...xml.matchAll(ATTR)].map((m) => m[2]!);
  const names = [...tags, ...attrs];
  const to = () => (rng.chance(0.5) && names.length > 0 ? rng.pick(names) : rng.pick(NAMES));
  if (rng.chance(0.5) && tags.length > 0) {
    const from = rng.pick(tags);
    const name = to();
    return xml.replace(TAG, (m, slash: string, tag: string) => (tag === from ? `<${slash}${name}` : m));
  }
  const p = rng.pick([0.05, 0.3]);
  return xml.replace(ATTR, (m, sp: string, _name: string, eq: string, value: string) =>
    rng.chance(p) ? `${sp}${to()}${eq}${value}` : m,
  );
};

const stripDecl = (xml: string) => xml.replace(/^\uFEFF?\s*<\?xml[^>]*\?>/, '').trim();

/** Wrap the body in `<MediaContainer>`/`<user>`/…, or unwrap it down to one inner element. */
export const xmlWrap: Generator = (text, ctx) => {
  const { rng } = ctx;
  const xml = xmlText(text, ctx);
  if (rng.chance(0.3)) {
    // Unwrap: an inner element's opening tag onwards becomes the document.
    const opens = [...xml.matchAll(/<[A-Za-z_]/g)].map((m) => m.index ?? 0);
    if (opens.length > 1) return xml.slice(rng.pick(opens.slice(1)));
  }
  const name = rng.pick([
    'MediaContainer',
    'user',
    'home',
    'resources',
    'Server',
    'errors',
    '__proto__',
    'x',
  ]);
  const attrs = rng.chance(0.5) ? ` size="${xmlValue(rng)}" __proto__="1"` : '';
  const times = rng.chance(0.9) ? 1 : rng.range(2, 50);
  let body = stripDecl(xml);
  for (let i = 0; i < times; i++) body = `<${name}${attrs}>${body}</${name}>`;
  return rng.chance(0.5) ? `<?xml version="1.0" encoding="UTF-8"?>\n${body}` : body;
};

/**
 * Nesting depths for the deep generators: around plextv's XML nesting cap (200), far beyond it, and beyond any
 * stack (100,000: the parser overflowed there before the cap). Nested XML with text at every level once took
 * quadratic time (1,000 levels × 50 characters, 57 kB: ≈1.3 s); JSON nests freely.
 */
export const DEPTHS: readonly number[] = [64, 199, 200, 201, 500, 1_000, 3_000, 5_000, 20_000, 100_000];
const TEXT_PER_LEVEL: readonly number[] = [0, 0, 10, 100, 1_000];

/** Deep nesting: wrap the body (or an element inside it) in hundreds to 100,000 elements, with text or not. */
export const xmlDeep: Generator = (text, ctx) => {
  const { rng } = ctx;
  const xml = stripDecl(xmlText(text, ctx));
  const depth = rng.pick(DEPTHS);
  // Text at every level (kept under ~1 MB in all).
  const chars = depth <= 5_000 ? rng.pick(TEXT_PER_LEVEL.filter((n) => depth * (n + 8) < 1_000_000)) : 0;
  // Long names only where the body stays small (100,000 levels of <MediaContainer id="1"> would be 4 MB).
  const name = depth > 10_000 ? 'a' : rng.pick(['a', 'MediaContainer', 'Device', 'User', 'user']);
  const attr = depth <= 10_000 && rng.chance(0.3) ? ' id="1"' : '';
  const open = `<${name}${attr}>${'t'.repeat(chars)}`.repeat(depth);
  const close = `</${name}>`.repeat(depth);
  if (rng.chance(0.5)) return open + xml + close;
  // Inside: after the root's opening tag.
  const end = xml.indexOf('>');
  if (end < 0 || xml[end - 1] === '/') return open + xml + close;
  const unclosed = rng.chance(0.1);
  return xml.slice(0, end + 1) + open + (unclosed ? '' : close) + xml.slice(end + 1);
};

/** DOCTYPE/entity tricks: billion laughs, external entities, entity references, CDATA, PIs, comments. */
export const xmlEntities: Generator = (text, ctx) => {
  const { rng } = ctx;
  const xml = stripDecl(xmlText(text, ctx));
  switch (rng.int(5)) {
    case 0:
      return rng.pick(ENTITY_SEEDS);
    case 1: {
      // A DOCTYPE in front of a real body, its entities referenced from some attributes.
      const root = /<([A-Za-z_][\w.:-]*)/.exec(xml)?.[1] ?? 'x';
      const kw = rng.pick(['DOCTYPE', 'doctype', 'DocType']);
      const decl = `<!${kw} ${root} [<!ENTITY a "${ENTITY_MARKER}"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">${rng.chance(0.3) ? '<!ENTITY c SYSTEM "file:///etc/passwd">' : ''}]>`;
      const body = xml.replace(ATTR, (m, sp: string, name: string, eq: string) =>
        rng.chance(0.2) ? `${sp}${name}${eq}"&${rng.pick(['a', 'b', 'c'])};"` : m,
      );
      const prefix = rng.pick(['', '<?xml version="1.0"?>\n', '<!-- x -->', '\uFEFF', '   \n']);
      return prefix + decl + body;
    }
    case 2:
      // Entity references without any declaration.
      return xml.replace(ATTR, (m, sp: string, name: string, eq: string) =>
        rng.chance(0.2)
          ? `${sp}${name}${eq}"&${rng.pick(['lol', 'xxe', 'nbsp', 'copy', '#1114112', '#x110000', '#0', '#xD800', '#65', 'amp'])};"`
          : m,
      );
    case 3: {
      // CDATA, comments, PIs at random element boundaries.
      const bits = [
        '<![CDATA[<user id="2"/>]]>',
        '<!-- <user/> -->',
        '<?pi data?>',
        '<![CDATA[]]]]><![CDATA[>]]>',
        '&#x1F4A9;',
      ];
      const at = [...xml.matchAll(/>/g)].map((m) => (m.index ?? 0) + 1);
      if (at.length === 0) return xml;
      const i = rng.pick(at);
      return xml.slice(0, i) + rng.pick(bits) + xml.slice(i);
    }
    default:
      // An XML declaration with odd encodings/versions, or two roots.
      return rng.pick([
        `<?xml version="1.1" encoding="UTF-16"?>${xml}`,
        `<?xml version="9.9" standalone="no"?>${xml}`,
        `${xml}${xml}`,
        `<?xml version="1.0"?><?xml version="1.0"?>${xml}`,
        `${xml}<!DOCTYPE x>`,
      ]);
  }
};

// ---- JSON generators ----------------------------------------------------------------------------------------

interface Slot {
  parent: Record<string, unknown> | unknown[];
  key: string | number;
}

function slots(root: unknown, limit = 2_000): Slot[] {
  const out: Slot[] = [];
  const stack: unknown[] = [root];
  while (stack.length > 0 && out.length < limit) {
    const v = stack.pop();
    if (Array.isArray(v)) {
      v.forEach((item, i) => {
        out.push({ parent: v, key: i });
        stack.push(item);
      });
    } else if (typeof v === 'object' && v !== null) {
      for (const k of Object.keys(v)) {
        out.push({ parent: v as Record<string, unknown>, key: k });
        stack.push((v as Record<string, unknown>)[k]);
      }
    }
  }
  return out;
}

function put(slot: Slot, value: unknown): void {
  if (Array.isArray(slot.parent)) slot.parent[slot.key as number] = value;
  else setOwn(slot.parent, String(slot.key), value);
}

/** Rebuild an object with one key renamed (or removed), keeping the order; `__proto__` stays own data. */
function renameKey(obj: Record<string, unknown>, from: string, to: string | undefined): void {
  const entries = Object.keys(obj).map((k) => [k, obj[k]] as const);
  for (const k of Object.keys(obj)) delete obj[k];
  for (const [k, v] of entries) {
    if (k !== from) setOwn(obj, k, v);
    else if (to !== undefined) setOwn(obj, to, v);
  }
}

/** Change the type of some values: string↔number↔bool↔null↔array↔object, huge and raw numbers, fc.jsonValue. */
export const jsonTypes: Generator = (text, ctx) => {
  const { rng } = ctx;
  const root = jsonValue(text, ctx);
  const all = slots(root);
  if (all.length === 0) return stringify(interestingJson(rng));
  const n = rng.weighted([
    [5, 1],
    [3, rng.range(2, 6)],
    [1, rng.range(7, 60)],
  ] as const);
  for (let k = 0; k < n; k++) {
    const slot = rng.pick(all);
    const cur = Array.isArray(slot.parent)
      ? slot.parent[slot.key as number]
      : slot.parent[slot.key as string];
    // A type change that keeps the value when it can ("1" ↔ 1 ↔ true), else an interesting value.
    let next: unknown;
    if (rng.chance(0.3) && (typeof cur === 'string' || typeof cur === 'number' || typeof cur === 'boolean')) {
      next = rng.pick<unknown>([String(cur), Number(cur), Boolean(cur), [cur], { value: cur }, null]);
      if (typeof next === 'number' && !Number.isFinite(next)) next = raw('1e400');
    } else next = interestingJson(rng);
    put(slot, next);
  }
  return stringify(root, rng.chance(0.2) ? 2 : undefined);
};

const JSON_KEYS: readonly string[] = [
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'hasOwnProperty',
  'MediaContainer',
  'user',
  'users',
  'Device',
  'devices',
  'resources',
  'connections',
  'id',
  'uuid',
  'authToken',
  'authentication_token',
  'clientIdentifier',
  'errors',
  'keys',
  'value',
  '',
];

/** Rename or delete keys (to hostile names, or to other keys of the body). */
export const jsonKeys: Generator = (text, ctx) => {
  const { rng } = ctx;
  const root = jsonValue(text, ctx);
  const objects = slots(root)
    .map((s) => s.parent)
    .filter((p): p is Record<string, unknown> => !Array.isArray(p));
  if (objects.length === 0) return stringify(root);
  const keys = [...new Set(objects.flatMap((o) => Object.keys(o)))];
  const n = rng.range(1, 6);
  for (let k = 0; k < n; k++) {
    const obj = rng.pick(objects);
    const own = Object.keys(obj);
    if (own.length === 0) continue;
    const from = rng.pick(own);
    const to = rng.chance(0.2) ? undefined : rng.chance(0.5) ? rng.pick(JSON_KEYS) : rng.pick(keys);
    renameKey(obj, from, to);
  }
  return stringify(root);
};

/** Wrap in `{"user": …}`/`{"MediaContainer": …}`/`[…]`, or unwrap a nested value as the body. */
export const jsonWrap: Generator = (text, ctx) => {
  const { rng } = ctx;
  const root = jsonValue(text, ctx);
  if (rng.chance(0.3)) {
    const nested = slots(root).filter((s) => {
      const v = Array.isArray(s.parent) ? s.parent[s.key as number] : s.parent[s.key as string];
      return typeof v === 'object' && v !== null;
    });
    if (nested.length > 0) {
      const s = rng.pick(nested);
      return stringify(Array.isArray(s.parent) ? s.parent[s.key as number] : s.parent[s.key as string]);
    }
  }
  const key = rng.pick(JSON_KEYS);
  switch (rng.int(4)) {
    case 0:
      return stringify(setOwn({}, key, root));
    case 1:
      return stringify({ MediaContainer: setOwn({ size: 1 }, key, root) });
    case 2:
      return stringify([root, rng.chance(0.5) ? root : interestingJson(rng)]);
    default:
      return stringify({ MediaContainer: root });
  }
};

const DEEP_TOKEN = 'DEEP_NEST_7f3a9c';

/** Deep nesting of arrays/objects at a random place. */
export const jsonDeep: Generator = (text, ctx) => {
  const { rng } = ctx;
  const root = jsonValue(text, ctx);
  const depth = rng.pick(DEPTHS);
  const key = rng.pick(JSON_KEYS);
  const [open, close] = rng.pick([
    ['[', ']'],
    [`{"${key}":`, '}'],
    ['[{"a":', '}]'],
  ] as const);
  const deep = `${open.repeat(depth)}${rng.chance(0.5) ? '1' : '{}'}${close.repeat(depth)}`;
  const all = slots(root);
  if (all.length === 0 || rng.chance(0.2)) return deep;
  put(rng.pick(all), raw(DEEP_TOKEN));
  return stringify(root).replace(DEEP_TOKEN, deep);
};

/** Very long strings (and very long numbers) in place of some values. */
export const longStrings: Generator = (text, ctx) => {
  const { rng } = ctx;
  const len = rng.weighted([
    [6, 1_000],
    [3, 65_536],
    [1, 1_000_000],
  ] as const);
  const unit = rng.pick(['a', '9', ' ', 'é', '💩', ',', '&amp;', '%41', '\\u0041']);
  // Surrogate pairs and entities cost the XML parser ~0.1 s per MB: keep those bodies within ~0.5 MB.
  const long = unit.repeat(
    Math.ceil(Math.min(len, unit === '💩' || unit === '&amp;' ? 250_000 : len) / unit.length),
  );
  // One long value per MB-sized body, up to three smaller ones: a body stays within ~1 MB.
  const most = len >= 1_000_000 ? 1 : 3;
  if (isXml(text) || (!isJson(text) && rng.chance(0.5))) {
    const xml = xmlText(text, ctx);
    // One to three attributes (or their names) become long: bodies stay within a few MB.
    const count = [...xml.matchAll(ATTR)].length;
    const chosen = new Set(Array.from({ length: rng.range(1, most) }, () => rng.int(count)));
    const value = unit === '&amp;' || !/[&<"]/.test(unit) ? long : 'x';
    let i = 0;
    return xml.replace(ATTR, (m, sp: string, name: string, eq: string) => {
      if (!chosen.has(i++)) return m;
      // A long name, or a long value: not both.
      return rng.chance(0.1) ? `${sp}${long.replace(/[^\w]/g, 'n')}${eq}"1"` : `${sp}${name}${eq}"${value}"`;
    });
  }
  const root = jsonValue(text, ctx);
  const all = slots(root);
  if (all.length === 0) return stringify(long);
  const n = rng.range(1, most);
  for (let k = 0; k < n; k++) put(rng.pick(all), unit === '9' && rng.chance(0.5) ? raw(long) : long);
  return stringify(root);
};

/** Pollution bait: `__proto__`/`constructor`/`prototype` keys (JSON) or attributes and elements (XML). */
export const proto: Generator = (text, ctx) => {
  const { rng } = ctx;
  if (isXml(text) || (!isJson(text) && rng.chance(0.5))) {
    const xml = xmlText(text, ctx);
    const bait = rng.pick([
      ' __proto__="polluted"',
      ' constructor="x" prototype="y"',
      ' polluted="1" __proto__="{&quot;polluted&quot;:1}"',
      ' toString="x" valueOf="y" hasOwnProperty="z"',
    ]);
    const child = rng.pick([
      '<__proto__ polluted="yes"/>',
      '<constructor><prototype polluted="yes"/></constructor>',
      '<prototype polluted="1">text</prototype>',
      '<__proto__>polluted</__proto__>',
    ]);
    let out = xml;
    if (rng.chance(0.7))
      out = out.replace(/<([A-Za-z_][\w.:-]*)(?=[\s/>])/g, (m) => (rng.chance(0.3) ? m + bait : m));
    if (rng.chance(0.7)) out = out.replace(/<([A-Za-z_][\w.:-]*)([^<>]*[^/])?>/, (m) => m + child);
    return out;
  }
  const root = jsonValue(text, ctx);
  const objects = [root, ...slots(root).map((s) => s.parent)].filter(
    (p): p is Record<string, unknown> => typeof p === 'object' && p !== null && !Array.isArray(p),
  );
  if (objects.length === 0) return stringify([protoObject(rng), root]);
  const n = rng.range(1, 4);
  for (let k = 0; k < n; k++) {
    const bait = protoObject(rng);
    const target = rng.pick(objects);
    for (const key of Object.keys(bait)) setOwn(target, key, bait[key]);
  }
  return stringify(root);
};

// ---- fast-check arbitraries ---------------------------------------------------------------------------------

/** `fc.jsonValue()`, on its own or under a key a decoder looks for. */
export const fcJson: Generator = (_text, { rng }) => {
  const value = fc.sample(fc.jsonValue(), { seed: rng.seed(), numRuns: 1 })[0];
  if (rng.chance(0.5)) return stringify(value);
  const key = rng.pick(JSON_KEYS);
  return stringify(rng.chance(0.5) ? setOwn({}, key, value) : [setOwn({ id: 1 }, key, value)]);
};

interface XmlNode {
  name: string;
  attrs: Array<[string, string]>;
  children: XmlNode[];
  text: string;
}

const xmlName = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...NAMES) },
  { weight: 1, arbitrary: fc.stringMatching(/^[A-Za-z_][\w.-]{0,8}$/) },
);
const xmlAttrValue = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...INTERESTING_STRINGS) },
  { weight: 1, arbitrary: fc.string({ maxLength: 20 }) },
  { weight: 1, arbitrary: fc.integer().map(String) },
  { weight: 1, arbitrary: fc.double().map(String) },
);

/** Elements nested at most `depth` deep (fast-check's letrec has no hard depth bound). */
function xmlNode(depth: number): fc.Arbitrary<XmlNode> {
  return fc.record({
    name: xmlName,
    attrs: fc.array(fc.tuple(xmlName, xmlAttrValue), { maxLength: 6 }),
    children: depth === 0 ? fc.constant([]) : fc.array(xmlNode(depth - 1), { maxLength: 3 }),
    text: fc.oneof(fc.constant(''), fc.string({ maxLength: 12 })),
  });
}

const xmlTree = xmlNode(4);

const escapeText = (v: string) => v.replace(/&/g, '&amp;').replace(/</g, '&lt;');

function renderXml(node: XmlNode, rng: Rng, escaped: boolean): string {
  const seen = new Set<string>();
  let attrs = '';
  for (const [k, v] of node.attrs) {
    if (escaped && seen.has(k)) continue;
    seen.add(k);
    attrs += ` ${k}="${escaped ? escapeAttr(v) : v}"`;
  }
  const inner =
    (escaped ? escapeText(node.text) : node.text) +
    node.children.map((c) => renderXml(c, rng, escaped)).join('');
  return inner === '' && rng.chance(0.5)
    ? `<${node.name}${attrs}/>`
    : `<${node.name}${attrs}>${inner}</${node.name}>`;
}

/** Structured XML from a small grammar: plex.tv's element and attribute names, hostile names, odd values. */
export const fcXml: Generator = (_text, { rng }) => {
  const tree = fc.sample(xmlTree, { seed: rng.seed(), numRuns: 1 })[0]!;
  const root = rng.chance(0.4)
    ? { ...tree, name: rng.pick(['MediaContainer', 'user', 'resources', 'home']) }
    : tree;
  const body = renderXml(root, rng, rng.chance(0.9));
  return rng.chance(0.3) ? `<?xml version="1.0" encoding="UTF-8"?>\n${body}` : body;
};

// ---- registry -----------------------------------------------------------------------------------------------

export const GENERATORS: Readonly<Record<string, Generator>> = {
  verbatim: (text) => text,
  flip,
  bytes,
  truncate,
  span,
  'xml-attr-values': xmlAttrValues,
  'xml-rename': xmlRename,
  'xml-wrap': xmlWrap,
  'xml-deep': xmlDeep,
  'xml-entities': xmlEntities,
  'json-types': jsonTypes,
  'json-keys': jsonKeys,
  'json-wrap': jsonWrap,
  'json-deep': jsonDeep,
  'long-strings': longStrings,
  proto,
  'fc-json': fcJson,
  'fc-xml': fcXml,
};

export type GeneratorName = keyof typeof GENERATORS;

/** How often each generator runs (relative weights). */
export const GENERATOR_WEIGHTS: ReadonlyArray<readonly [number, string]> = [
  [2, 'verbatim'],
  [10, 'flip'],
  [4, 'bytes'],
  [7, 'truncate'],
  [7, 'span'],
  [10, 'xml-attr-values'],
  [6, 'xml-rename'],
  [5, 'xml-wrap'],
  [2, 'xml-deep'],
  [4, 'xml-entities'],
  [12, 'json-types'],
  [6, 'json-keys'],
  [5, 'json-wrap'],
  [2, 'json-deep'],
  [2, 'long-strings'],
  [6, 'proto'],
  [6, 'fc-json'],
  [6, 'fc-xml'],
];
