/** Field readers shared by the decoders: lenient for ordinary fields, strict only for identity fields. */
import { DecodeError } from '../errors.js';
import { toBool, toDate, toInt, toStr, toStrList } from '../wire/values.js';
import type { Wire } from '../wire/wire.js';

/** Where a decoder runs, for error messages (`GET /api/v2/user`). */
export interface DecodeContext {
  method?: string | undefined;
  path?: string | undefined;
}

/** The first of `keys` that is present (plex.tv renamed fields over the years: `authToken`/`authenticationToken`). */
function first(w: Wire, keys: readonly string[]): unknown {
  for (const k of keys) {
    const v = w.get(k);
    if (v !== undefined && v !== null && v !== '') return v;
  }
  return undefined;
}

export const str = (w: Wire, ...keys: string[]): string | undefined => toStr(first(w, keys));
export const bool = (w: Wire, ...keys: string[]): boolean | undefined => toBool(first(w, keys));
export const int = (w: Wire, ...keys: string[]): number | undefined => toInt(first(w, keys));
export const date = (w: Wire, ...keys: string[]): Date | undefined => toDate(first(w, keys));

/** A list of strings, from a JSON array, an XML wrapper of `<x id=…/>`, or a comma-separated attribute. */
export function strList(w: Wire, key: string, attr?: string): string[] {
  return w.strings(key, attr) ?? toStrList(w.get(key));
}

/** An identity field that must be present and an integer. */
export function requireInt(w: Wire, key: string, ctx: DecodeContext): number {
  const raw = w.get(key);
  const value = toInt(raw);
  if (value === undefined) throw missing(w, key, raw, 'an integer', ctx);
  return value;
}

/** An identity field that must be a non-empty string. */
export function requireStr(w: Wire, keys: readonly string[], ctx: DecodeContext): string {
  const raw = first(w, keys);
  const value = toStr(raw);
  if (value === undefined) throw missing(w, keys[0]!, w.get(keys[0]!), 'a non-empty string', ctx);
  return value;
}

/** The error for a missing or invalid identity field (`raw`: what the wire had under `key`). */
export function missing(
  w: Wire,
  key: string,
  raw: unknown,
  expected: string,
  ctx: DecodeContext,
): DecodeError {
  const field = `${w.path}.${key}`;
  const got =
    raw === undefined
      ? 'it is missing'
      : `got ${typeof raw === 'string' ? `"${raw.slice(0, 40)}"` : String(raw)}`;
  const where = ctx.path ? `${ctx.method ?? 'GET'} ${ctx.path}: ` : '';
  return new DecodeError(`${where}${field} must be ${expected}, ${got}`, { ...ctx, field });
}
