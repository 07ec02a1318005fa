/**
 * Table-driven decoding of a model's scalar fields.
 *
 * A `FieldTable` is built once per model: for every scalar field, the wire keys that may carry it (in priority
 * order) and its kind, plus the other keys the decoder reads itself (nested objects, lists). `read` then reads
 * one object into an array of values in table order, from which the decoder builds its model in one literal
 * (one object shape, no keyed stores):
 * - JSON: one pass over the object's own keys, converting known keys and copying the rest into `extra`; no
 *   `Wire` method, no `hasOwn`, no second walk for the unknown fields.
 * - XML (and any other `Wire`): field by field through the `Wire` methods, exactly like the per-field readers.
 *
 * Both give what `str`/`bool`/`int`/`date` (the first non-blank of the keys, converted) and `extras` give.
 */
import { setOwn, toBool, toDate, toInt, toStr } from './values.js';
import { extras, JsonWire, type Wire } from './wire.js';

export type Kind = 'str' | 'bool' | 'int' | 'date';

/** `[field, kind]` (the wire key is the field's name) or `[field, kind, key, alias, …]` (keys by priority). */
export type ScalarField = readonly [field: string, kind: Kind, ...keys: string[]];

const STR = 0;
const BOOL = 1;
const INT = 2;
const DATE = 3;
const KINDS: Record<Kind, number> = { str: STR, bool: BOOL, int: INT, date: DATE };

/** A value as its kind wants it; the common JSON types first, the rest through the lenient converters. */
function convert(kind: number, raw: unknown): unknown {
  switch (kind) {
    case STR:
      return typeof raw === 'string' ? (raw === '' ? undefined : raw) : toStr(raw);
    case BOOL:
      return typeof raw === 'boolean' ? raw : toBool(raw);
    case INT:
      return typeof raw === 'number' && Number.isSafeInteger(raw) ? raw : toInt(raw);
    default:
      return toDate(raw);
  }
}

interface Slot {
  /** The field's position in the table, or -1 for a key the decoder reads itself. */
  readonly index: number;
  readonly kind: number;
  /** Priority among the field's keys (0: its first key). */
  readonly rank: number;
}

interface Field {
  readonly index: number;
  readonly kind: number;
  readonly keys: readonly string[];
}

/** A key sequence seen before, with the slot of each key. */
interface Shape {
  readonly keys: readonly string[];
  readonly slots: readonly (Slot | undefined)[];
}

const MAX_SHAPES = 8;

const OTHER: Slot = { index: -1, kind: STR, rank: 0 };

const blank = (v: unknown) => v === undefined || v === null || v === '';

type Nevers<N extends number, T extends never[] = []> = T['length'] extends N ? T : Nevers<N, [...T, never]>;

/**
 * What `read` returns: the scalar fields' values in table order, then the `extra` bag (at index `size`).
 * Typed `never` so a decoder's object literal takes `v[i]` for whichever field type sits at `i` (the capture
 * and property tests check each decoder's indices).
 */
export type FieldValues = Readonly<Nevers<64>>;

/** What a table works from, built from its field list on first use. */
interface Built {
  readonly known: ReadonlySet<string>;
  readonly size: number;
  readonly slots: Map<string, Slot>;
  readonly fields: readonly Field[];
  readonly aliased: readonly Field[];
  /** `size + 1` undefined values (copying it is the cheapest way to a packed array of that length). */
  readonly blank: unknown[];
}

export class FieldTable {
  private built: Built | undefined;
  private readonly shapes: Shape[] = [];

  /**
   * Only keeps the lists: the table is built on the first decode, not at import (every model's table is a
   * top-level constant, and an app decodes a few models of the ~35).
   */
  constructor(
    private readonly scalars: readonly ScalarField[],
    private readonly others: readonly string[] = [],
  ) {}

  /** Every wire key the model knows (scalars, their aliases, and the decoder's own keys). */
  get known(): ReadonlySet<string> {
    return this.table().known;
  }

  /** How many scalar fields: `read(w)[size]` is the `extra` bag. */
  get size(): number {
    return this.table().size;
  }

  private table(): Built {
    this.built ??= build(this.scalars, this.others);
    return this.built;
  }

  /**
   * The slot of each key. Objects of one model mostly repeat a few key sequences (a list of services comes in
   * three shapes: with or without `token`, `secret`), so the slots of the first few sequences are kept and reused
   * when an object has the very same keys.
   */
  private slotsOf(keys: readonly string[]): readonly (Slot | undefined)[] {
    const shapes = this.shapes;
    for (let s = 0; s < shapes.length; s++) {
      const shape = shapes[s]!;
      const seen = shape.keys;
      if (seen.length !== keys.length) continue;
      let i = 0;
      while (i < keys.length && keys[i] === seen[i]) i++;
      if (i === keys.length) return shape.slots;
    }
    const slots: (Slot | undefined)[] = [];
    const known = this.table().slots;
    for (let i = 0; i < keys.length; i++) slots.push(known.get(keys[i]!));
    // Bounded: past the first few, a new sequence (a hostile body's endless ones) only costs its lookups.
    if (shapes.length < MAX_SHAPES) shapes.push({ keys, slots });
    return slots;
  }

  /**
   * The scalar fields of `w`, converted, in table order (undefined when absent), followed by its unknown
   * fields as plain data (what `extras(w, known)` returns).
   */
  read(w: Wire): FieldValues {
    const { size, fields, aliased, known, blank } = this.table();
    const values = blank.slice();
    const record = w instanceof JsonWire ? w.record : undefined;
    if (record === undefined) {
      for (let i = 0; i < size; i++) {
        const f = fields[i]!;
        values[i] = convert(f.kind, firstOf(w, f.keys));
      }
      values[size] = extras(w, known);
      return values as unknown as FieldValues;
    }
    const extra: Record<string, unknown> = {};
    let alias = false;
    const keys = Object.keys(record);
    // The values in key order: a keyed load per key (`record[key]`) costs several times more.
    const raw = Object.values(record);
    const slots = this.slotsOf(keys);
    for (let i = 0; i < keys.length; i++) {
      const key = keys[i]!;
      const slot = slots[i];
      if (slot === undefined) setOwn(extra, key, raw[i]);
      else if (slot.index < 0) continue;
      else if (slot.rank === 0) values[slot.index] = convert(slot.kind, raw[i]);
      else alias = true;
    }
    // A field sent under an older name too: the first of its keys with a value wins, as `first` does.
    if (alias) {
      for (const f of aliased) values[f.index] = convert(f.kind, firstOf(w, f.keys));
    }
    values[size] = extra;
    return values as unknown as FieldValues;
  }
  /**
   * The whole model, for models that are exactly their table (scalars only, no identity check): each field by
   * name in table order, then `extra`. Field names come from the table, never from the wire.
   */
  record<T extends { extra: Record<string, unknown> }>(w: Wire): T {
    const values: readonly unknown[] = this.read(w);
    const out: Record<string, unknown> = {};
    for (let i = 0; i < this.scalars.length; i++) out[this.scalars[i]![0]] = values[i];
    out.extra = values[this.scalars.length];
    return out as T;
  }
}

function build(scalars: readonly ScalarField[], others: readonly string[]): Built {
  if (scalars.length >= 64) throw new Error('FieldTable: at most 63 scalar fields');
  const slots = new Map<string, Slot>();
  const add = (key: string, slot: Slot) => {
    // One key feeding two fields would be read for the first only: a table-building mistake.
    if (slots.has(key)) throw new Error(`FieldTable: key ${key} listed twice`);
    slots.set(key, slot);
  };
  const fields: Field[] = [];
  for (const [, kindName, ...named] of scalars) {
    const keys = named.length > 0 ? named : [scalars[fields.length]![0]];
    const field = { index: fields.length, kind: KINDS[kindName], keys };
    fields.push(field);
    for (let rank = 0; rank < keys.length; rank++) {
      add(keys[rank]!, { index: field.index, kind: field.kind, rank });
    }
  }
  for (const key of others) add(key, OTHER);
  const blank: unknown[] = [];
  for (let i = 0; i <= fields.length; i++) blank.push(undefined);
  return {
    known: new Set(slots.keys()),
    size: fields.length,
    slots,
    fields,
    aliased: fields.filter((f) => f.keys.length > 1),
    blank,
  };
}

/** The first of `keys` with a value (`Wire.get`: objects are no value), like the per-field readers. */
export function firstOf(w: Wire, keys: readonly string[]): unknown {
  for (let i = 0; i < keys.length; i++) {
    const v = w.get(keys[i]!);
    if (!blank(v)) return v;
  }
  return undefined;
}
