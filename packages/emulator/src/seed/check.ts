/** Seed validation helpers: every failure is a SeedError naming the offending path. */

/** An ISO-8601 date string (`2021-10-01T01:02:03Z`) or epoch **seconds**. */
export type SeedDate = string | number;

/** Thrown by loadSeed/createEmulator when a seed is malformed; the message names the offending path. */
export class SeedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SeedError';
  }
}

export type Obj = Record<string, unknown>;

export function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  return typeof value === 'object' ? 'an object' : `${typeof value} ${String(value)}`;
}

export function fail(path: string, expected: string, got: unknown): never {
  throw new SeedError(`${path}: expected ${expected}, got ${describe(got)}`);
}

export function isObj(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function optString(o: Obj, key: string, path: string, nullable = false): void {
  const v = o[key];
  if (v === undefined || (nullable && v === null)) return;
  if (typeof v !== 'string') fail(`${path}.${key}`, nullable ? 'a string or null' : 'a string', v);
}

export function optBool(o: Obj, key: string, path: string): void {
  const v = o[key];
  if (v !== undefined && typeof v !== 'boolean') fail(`${path}.${key}`, 'true or false', v);
}

export function optStringArray(o: Obj, key: string, path: string): void {
  const v = o[key];
  if (v === undefined) return;
  if (!Array.isArray(v)) fail(`${path}.${key}`, 'an array of strings', v);
  v.forEach((item, i) => {
    if (typeof item !== 'string') fail(`${path}.${key}[${i}]`, 'a string', item);
  });
}

/** Epoch seconds of a SeedDate; throws a path-naming error when it is not a date. */
export function seedDateToEpoch(value: unknown, path: string): number {
  if (typeof value === 'number' && Number.isInteger(value) && value >= 0) return value;
  if (typeof value === 'string' && /^\d{4}-\d\d-\d\dT/.test(value)) {
    const ms = Date.parse(value);
    if (!Number.isNaN(ms)) return Math.floor(ms / 1000);
  }
  return fail(path, 'an ISO-8601 date string or epoch seconds', value);
}

export function checkDate(o: Obj, key: string, path: string, required: boolean): void {
  if (o[key] === undefined && !required) return;
  seedDateToEpoch(o[key], `${path}.${key}`);
}
