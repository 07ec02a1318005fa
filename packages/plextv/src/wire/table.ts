/**
 * Table-driven decoding of a model's scalar fields.
 *
 * A `FieldTable` is built once per model: for every scalar field, the wire keys that may carry it (in priority
 * order) and its converter, plus the other keys the decoder reads itself (nested objects, lists). `fill` then
 * reads one object:
 * - JSON: one pass over the object's own keys, converting known keys into the model and copying the rest into
 *   `extra`; no `Wire` method, no `hasOwn`, no second walk for the unknown fields.
 * - XML (and any other `Wire`): field by field through the `Wire` methods, exactly like the per-field readers.
 *
 * Both give what `str`/`bool`/`int`/`date` (the first non-blank of the keys, converted) and `extras` give.
 */
import { setOwn, toBool, toDate, toInt, toStr } from './values.js';
import { extras, JsonWire, type Wire } from './wire.js';

export type Kind = 'str' | 'bool' | 'int' | 'date';

/** `[field, kind]` (the wire key is the field's name) or `[field, kind, key, alias, …]` (keys by priority). */
export type ScalarField = readonly [field: string, kind: Kind, ...keys: string[]];

type Convert = (raw: unknown) => unknown;

const CONVERT: Record<Kind, Convert> = { str: toStr, bool: toBool, int: toInt, date: toDate };

interface Slot {
  /** Model field, or undefined for a key the decoder reads itself. */
  readonly field: string | undefined;
  readonly convert: Convert;
  /** Priority among the field's keys (0: its first key). */
  readonly rank: number;
}

interface Aliased {
  readonly field: string;
  readonly convert: Convert;
  readonly keys: readonly string[];
}

const OTHER: Slot = { field: undefined, convert: toStr, rank: 0 };

const blank = (v: unknown) => v === undefined || v === null || v === '';

export class FieldTable {
  /** Every wire key the model knows (scalars, their aliases, and the decoder's own keys). */
  readonly known: ReadonlySet<string>;
  private readonly slots = new Map<string, Slot>();
  private readonly fields: readonly Aliased[];
  private readonly aliased: readonly Aliased[];

  constructor(scalars: readonly ScalarField[], others: readonly string[] = []) {
    const fields: Aliased[] = [];
    for (const [field, kind, ...named] of scalars) {
      const keys = named.length > 0 ? named : [field];
      const convert = CONVERT[kind];
      fields.push({ field, convert, keys });
      for (let rank = 0; rank < keys.length; rank++) this.add(keys[rank]!, { field, convert, rank });
    }
    for (const key of others) this.add(key, OTHER);
    this.fields = fields;
    this.aliased = fields.filter((f) => f.keys.length > 1);
    this.known = new Set(this.slots.keys());
  }

  private add(key: string, slot: Slot): void {
    // One key feeding two fields would be read for the first only: a table-building mistake.
    if (this.slots.has(key)) throw new Error(`FieldTable: key ${key} listed twice`);
    this.slots.set(key, slot);
  }

  /**
   * Set `out[field]` for every scalar field (undefined when absent), and return the unknown fields as plain
   * data (what `extras(w, known)` returns).
   */
  fill(w: Wire, out: Record<string, unknown>): Record<string, unknown> {
    const record = w instanceof JsonWire ? w.record : undefined;
    if (record === undefined) {
      for (const f of this.fields) out[f.field] = f.convert(firstOf(w, f.keys));
      return extras(w, this.known);
    }
    const extra: Record<string, unknown> = {};
    const slots = this.slots;
    let alias = false;
    const keys = Object.keys(record);
    for (let i = 0; i < keys.length; i++) {
      const key = keys[i]!;
      const slot = slots.get(key);
      if (slot === undefined) setOwn(extra, key, record[key]);
      else if (slot.field === undefined) continue;
      else if (slot.rank === 0) out[slot.field] = slot.convert(record[key]);
      else alias = true;
    }
    // A field sent under an older name too: the first of its keys with a value wins, as `first` does.
    if (alias) {
      for (const f of this.aliased) out[f.field] = f.convert(firstOf(w, f.keys));
    }
    return extra;
  }
}

/** The first of `keys` with a value (`Wire.get`: objects are no value), like the per-field readers. */
export function firstOf(w: Wire, keys: readonly string[]): unknown {
  for (let i = 0; i < keys.length; i++) {
    const v = w.get(keys[i]!);
    if (!blank(v)) return v;
  }
  return undefined;
}
