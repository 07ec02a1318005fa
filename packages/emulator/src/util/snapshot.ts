/**
 * A generic, lossless JSON encoding of a value graph: plain objects, arrays, Maps, Sets, Dates,
 * bytes, bigints, non-finite numbers, promises (of any of these) and WebCrypto keys. Objects reached
 * twice (two Maps holding the same record) stay one object after decoding, and cycles are kept.
 * Anything else (a class instance, a function) is refused with the path to it, so a new field that
 * cannot be stored is noticed at once. Pure and browser-safe: only WebCrypto.
 *
 * Plain values encode as themselves; the rest as `{"$t": kind, "v": …}` (plus `"id"` on an object
 * reached again later, which is then `{"$t": "ref", "id": n}`). A plain object with its own `$t`
 * key is wrapped as `{"$t": "object", "v": {…}}`, so the encoding is never ambiguous.
 */

/** JSON as the encoder writes it. */
export type Encoded = null | boolean | number | string | Encoded[] | { [key: string]: Encoded };

/** A value the snapshot cannot hold, or an encoding it cannot read; `path` says where. */
export class SnapshotError extends Error {
  /** Where in the value (e.g. `state.accounts[3].webhooks`). */
  readonly path: string;
  constructor(path: string, message: string) {
    super(`${path}: ${message}`);
    this.name = 'SnapshotError';
    this.path = path;
  }
}

const TAG = '$t';

/** Sets an own field: never the prototype, even for a `__proto__` key. */
function setField(into: object, key: string, value: unknown): void {
  Object.defineProperty(into, key, { value, enumerable: true, writable: true, configurable: true });
}

/** A value read from a file, as an error message shows it (never throws, whatever it is). */
function shown(value: unknown): string {
  return typeof value === 'string' || typeof value === 'number' ? JSON.stringify(value) : `a ${typeof value}`;
}

/** A Map key as it appears in an error's path. */
function keyLabel(key: unknown): string {
  return typeof key === 'string' || typeof key === 'number' ? JSON.stringify(key) : `<${typeof key} key>`;
}

function isPlainObject(value: object): value is Record<string, unknown> {
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

function isCryptoKey(value: object): value is CryptoKey {
  return typeof CryptoKey !== 'undefined' && value instanceof CryptoKey;
}

/** What the async first pass learns: settled promises, exported keys, and objects reached twice. */
interface Prepared {
  settled: Map<Promise<unknown>, unknown>;
  keys: Map<CryptoKey, Encoded>;
  shared: Set<object>;
  seen: Set<object>;
}

/** The value changed between the async pass and the encoding: start again. */
class Changed extends Error {}

/** How many times encodeSnapshot starts again when the value keeps changing under it. */
const ATTEMPTS = 5;

async function exportKey(key: CryptoKey, path: string): Promise<Encoded> {
  if (!key.extractable) throw new SnapshotError(path, 'a non-extractable CryptoKey cannot be stored');
  const jwk = (await crypto.subtle.exportKey('jwk', key)) as Encoded;
  return { jwk, algorithm: key.algorithm as unknown as Encoded, usages: [...key.usages] };
}

async function prepare(root: unknown): Promise<Prepared> {
  const seen = new Set<object>();
  const out: Prepared = { settled: new Map(), keys: new Map(), shared: new Set(), seen };
  const visit = async (value: unknown, path: string): Promise<void> => {
    if (typeof value !== 'object' || value === null) {
      if (typeof value === 'function' || typeof value === 'symbol')
        throw new SnapshotError(path, `a ${typeof value} cannot be stored`);
      return;
    }
    if (seen.has(value)) {
      out.shared.add(value);
      return;
    }
    seen.add(value);
    if (value instanceof Promise) {
      const settled = await value;
      out.settled.set(value, settled);
      return visit(settled, `${path}<resolved>`);
    }
    if (isCryptoKey(value)) {
      out.keys.set(value, await exportKey(value, path));
      return;
    }
    if (value instanceof Map) {
      let i = 0;
      for (const [k, v] of value) {
        await visit(k, `${path}<key ${i}>`);
        await visit(v, `${path}[${keyLabel(k)}]`);
        i += 1;
      }
      return;
    }
    if (value instanceof Set || Array.isArray(value)) {
      let i = 0;
      for (const v of value) await visit(v, `${path}[${i++}]`);
      return;
    }
    if (value instanceof Date || value instanceof Uint8Array) return;
    if (!isPlainObject(value)) {
      const name = (value as object).constructor?.name ?? 'object';
      throw new SnapshotError(path, `a ${name} instance cannot be stored (only plain data, Map, Set, Date)`);
    }
    for (const [k, v] of Object.entries(value)) await visit(v, `${path}.${k}`);
  };
  await visit(root, '');
  return out;
}

function bytesToBase64(bytes: Uint8Array): string {
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary);
}

function base64ToBytes(text: string): Uint8Array {
  return Uint8Array.from(atob(text), (c) => c.charCodeAt(0));
}

function encodeWith(root: unknown, prepared: Prepared): Encoded {
  const ids = new Map<object, number>();
  const met = new Set<object>();
  const encode = (value: unknown): Encoded => {
    if (value === undefined) return { [TAG]: 'undefined' };
    if (typeof value === 'bigint') return { [TAG]: 'bigint', v: value.toString() };
    if (typeof value === 'number') {
      if (Number.isFinite(value) && !Object.is(value, -0)) return value;
      return { [TAG]: 'number', v: Object.is(value, -0) ? '-0' : String(value) };
    }
    if (typeof value !== 'object' || value === null) return value as Encoded;
    const known = ids.get(value);
    if (known !== undefined) return { [TAG]: 'ref', id: known };
    // New since the async pass, or reached twice though the pass saw it once: it changed meanwhile.
    if (!prepared.seen.has(value) || met.has(value)) throw new Changed();
    met.add(value);
    const tagged = (kind: string, v: Encoded): Encoded => {
      if (!prepared.shared.has(value)) return { [TAG]: kind, v };
      return { [TAG]: kind, id: ids.get(value) as number, v };
    };
    // Register before the children are encoded, so a cycle back to this object becomes a ref.
    if (prepared.shared.has(value)) ids.set(value, ids.size + 1);
    if (value instanceof Promise) return tagged('promise', encode(prepared.settled.get(value)));
    if (isCryptoKey(value)) return tagged('cryptokey', prepared.keys.get(value) as Encoded);
    if (value instanceof Date)
      return tagged('date', Number.isNaN(value.getTime()) ? null : value.toISOString());
    if (value instanceof Uint8Array) return tagged('bytes', bytesToBase64(value));
    if (value instanceof Map) {
      const entries: Encoded[] = [];
      // Push one by one: the key must be encoded before its value (a ref may point back to it).
      for (const [k, v] of value) {
        const key = encode(k);
        entries.push([key, encode(v)]);
      }
      return tagged('map', entries);
    }
    if (value instanceof Set) return tagged('set', [...value].map(encode));
    if (Array.isArray(value)) {
      if (!prepared.shared.has(value)) return value.map(encode);
      const items: Encoded[] = [];
      const out = tagged('array', items);
      for (const v of value) items.push(encode(v));
      return out;
    }
    const fields: { [key: string]: Encoded } = {};
    const wrap = prepared.shared.has(value) || Object.hasOwn(value, TAG);
    const out = wrap ? tagged('object', fields) : fields;
    for (const [k, v] of Object.entries(value)) setField(fields, k, encode(v));
    return out;
  };
  return encode(root);
}

/**
 * Encodes `value` as JSON-safe data (async: promises are awaited and CryptoKeys exported). Throws a
 * SnapshotError naming the path of anything it cannot store.
 */
export async function encodeSnapshot(value: unknown, rootPath = 'value'): Promise<Encoded> {
  for (let attempt = 1; ; attempt++) {
    let prepared: Prepared;
    try {
      prepared = await prepare(value);
    } catch (err) {
      if (err instanceof SnapshotError)
        throw new SnapshotError(`${rootPath}${err.path}`, err.message.slice(err.path.length + 2));
      throw err;
    }
    try {
      return encodeWith(value, prepared);
    } catch (err) {
      if (!(err instanceof Changed) || attempt >= ATTEMPTS) throw err;
    }
  }
}

/**
 * Deepest nesting decoded (containers within containers). A real state is a few dozen levels deep; a file
 * nested thousands deep would overflow the recursive walk with a RangeError instead of a SnapshotError.
 */
const MAX_DEPTH = 1000;

function tooDeep(path: string): SnapshotError {
  return new SnapshotError(path, `nested more than ${MAX_DEPTH} levels deep`);
}

/** Imports every `cryptokey` node first (the only async step), so the decoding itself is synchronous. */
async function importKeys(
  node: unknown,
  path: string,
  out: Map<object, CryptoKey>,
  depth = 0,
): Promise<void> {
  if (node === null || typeof node !== 'object') return;
  if (depth > MAX_DEPTH) throw tooDeep(path);
  if (Array.isArray(node)) {
    for (const [i, v] of node.entries()) await importKeys(v, `${path}[${i}]`, out, depth + 1);
    return;
  }
  const record = node as Record<string, unknown>;
  if (!Object.hasOwn(record, TAG)) {
    for (const [k, v] of Object.entries(record)) await importKeys(v, `${path}.${k}`, out, depth + 1);
    return;
  }
  // Walk as decode does: an `object` node's `v` holds fields (a `$t` among them is data, not a tag).
  const { v } = record;
  if (record[TAG] === 'cryptokey') out.set(record, await importKey(v, path));
  else if (record[TAG] === 'object' && v !== null && typeof v === 'object' && !Array.isArray(v))
    for (const [k, field] of Object.entries(v)) await importKeys(field, `${path}.${k}`, out, depth + 1);
  else if (['map', 'set', 'array', 'promise'].includes(record[TAG] as string))
    await importKeys(v, path, out, depth + 1);
}

/**
 * Decodes what encodeSnapshot wrote (async: CryptoKeys are imported). Throws a SnapshotError naming
 * the path of anything malformed.
 */
export async function decodeSnapshot(encoded: unknown, rootPath = 'value'): Promise<unknown> {
  const keys = new Map<object, CryptoKey>();
  await importKeys(encoded, rootPath, keys);
  const ids = new Map<number, unknown>();
  const decode = (node: unknown, path: string, depth = 0): unknown => {
    if (node === null || typeof node !== 'object') {
      if (typeof node === 'number' || typeof node === 'string' || typeof node === 'boolean' || node === null)
        return node;
      throw new SnapshotError(path, `unexpected ${typeof node}`);
    }
    if (depth > MAX_DEPTH) throw tooDeep(path);
    const inner = depth + 1;
    if (Array.isArray(node)) return node.map((v, i) => decode(v, `${path}[${i}]`, inner));
    const record = node as Record<string, unknown>;
    if (!Object.hasOwn(record, TAG)) return decodeFields(record, {}, path, inner);
    const kind = record[TAG];
    const v = record.v;
    if (kind === 'ref') {
      if (typeof record.id !== 'number' || !ids.has(record.id))
        throw new SnapshotError(path, `reference to unknown object ${shown(record.id)}`);
      return ids.get(record.id);
    }
    const register = <T>(made: T): T => {
      if (typeof record.id === 'number') ids.set(record.id, made);
      return made;
    };
    switch (kind) {
      case 'undefined':
        return undefined;
      case 'bigint':
        if (typeof v !== 'string' || !/^-?\d+$/.test(v)) throw new SnapshotError(path, 'bad bigint');
        return BigInt(v);
      case 'number':
        if (v !== 'Infinity' && v !== '-Infinity' && v !== 'NaN' && v !== '-0')
          throw new SnapshotError(path, `bad number ${shown(v)}`);
        return Number(v);
      case 'date':
        if (v !== null && (typeof v !== 'string' || Number.isNaN(Date.parse(v))))
          throw new SnapshotError(path, `bad date ${shown(v)}`);
        return register(new Date(v === null ? Number.NaN : Date.parse(v)));
      case 'bytes':
        if (typeof v !== 'string') throw new SnapshotError(path, 'bad bytes');
        try {
          return register(base64ToBytes(v));
        } catch {
          throw new SnapshotError(path, 'bad base64');
        }
      case 'map': {
        if (!Array.isArray(v)) throw new SnapshotError(path, 'a map needs an array of entries');
        const map = register(new Map<unknown, unknown>());
        for (const [i, entry] of v.entries()) {
          if (!Array.isArray(entry) || entry.length !== 2)
            throw new SnapshotError(`${path}<entry ${i}>`, 'a map entry is [key, value]');
          const key = decode(entry[0], `${path}<key ${i}>`, inner);
          map.set(key, decode(entry[1], `${path}[${keyLabel(key)}]`, inner));
        }
        return map;
      }
      case 'set': {
        if (!Array.isArray(v)) throw new SnapshotError(path, 'a set needs an array');
        const set = register(new Set<unknown>());
        for (const [i, item] of v.entries()) set.add(decode(item, `${path}[${i}]`, inner));
        return set;
      }
      case 'array': {
        if (!Array.isArray(v)) throw new SnapshotError(path, 'an array needs an array');
        const out = register([] as unknown[]);
        for (const [i, item] of v.entries()) out.push(decode(item, `${path}[${i}]`, inner));
        return out;
      }
      case 'object':
        if (v === null || typeof v !== 'object' || Array.isArray(v))
          throw new SnapshotError(path, 'an object needs an object');
        return decodeFields(v as Record<string, unknown>, register({}), path, inner);
      case 'promise':
        return register(Promise.resolve(decode(v, `${path}<resolved>`, inner)));
      case 'cryptokey':
        return register(keys.get(record) as CryptoKey);
      default:
        throw new SnapshotError(path, `unknown kind ${JSON.stringify(kind)}`);
    }
  };
  const decodeFields = (
    fields: Record<string, unknown>,
    into: Record<string, unknown>,
    path: string,
    depth: number,
  ): Record<string, unknown> => {
    for (const [k, v] of Object.entries(fields)) setField(into, k, decode(v, `${path}.${k}`, depth));
    return into;
  };
  return decode(encoded, rootPath);
}

async function importKey(v: unknown, path: string): Promise<CryptoKey> {
  const spec = v as { jwk?: JsonWebKey; algorithm?: { name?: unknown }; usages?: unknown } | null;
  if (
    !spec ||
    typeof spec.jwk !== 'object' ||
    typeof spec.algorithm?.name !== 'string' ||
    !Array.isArray(spec.usages)
  )
    throw new SnapshotError(path, 'a cryptokey needs jwk, algorithm and usages');
  try {
    return await crypto.subtle.importKey(
      'jwk',
      spec.jwk,
      spec.algorithm as AlgorithmIdentifier,
      true,
      spec.usages as KeyUsage[],
    );
  } catch (err) {
    throw new SnapshotError(path, `cannot import the key: ${(err as Error).message}`);
  }
}
