/**
 * plex.tv's value rules, in one place. The same field arrives as `"1"` (XML), `true` (JSON), `1` (some JSON
 * ints), `""` (XML for "no value") or `null` (JSON for "no value"); these functions turn all of them into one
 * representation, and `undefined` for "no value".
 */

/** `""`, `null` and absent all mean "no value". */
export function isBlank(value: unknown): boolean {
  return value === undefined || value === null || value === '';
}

/** A string, or undefined for no value. Numbers and booleans are stringified (XML and JSON disagree on types). */
export function toStr(value: unknown): string | undefined {
  if (typeof value === 'string') return value === '' ? undefined : value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  return undefined;
}

/** `1`/`"1"`/`true`/`"true"` → true, `0`/`"0"`/`false`/`"false"` → false; anything else (`"Unknown"`) → undefined. */
export function toBool(value: unknown): boolean | undefined {
  if (typeof value === 'boolean') return value;
  if (typeof value === 'number') return value === 1 ? true : value === 0 ? false : undefined;
  if (typeof value === 'string') {
    switch (value.trim().toLowerCase()) {
      case '1':
      case 'true':
        return true;
      case '0':
      case 'false':
        return false;
    }
  }
  return undefined;
}

const INTEGER = /^-?\d+$/;

/** An integer (JSON number or XML numeric string); booleans count as 0/1 because plex.tv mixes the two. */
export function toInt(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isSafeInteger(value) ? value : undefined;
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (typeof value === 'string') {
    const trimmed = value.trim();
    if (!INTEGER.test(trimmed)) return undefined;
    const n = Number(trimmed);
    return Number.isSafeInteger(n) ? n : undefined;
  }
  return undefined;
}

// "2023-09-19 00:00:00 UTC" (v2 XML subscriptions, legacy Rails XML).
const SPACED_UTC = /^(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}:\d{2})(?:\.\d+)? UTC$/;
// A subset of ISO_LIKE that needs no rewriting: a full date-time with its zone, no surrounding spaces.
const ZONED_ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})$/;
const ISO_LIKE = /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/;

/**
 * A timestamp, from any of plex.tv's spellings: epoch seconds (number or numeric string), ISO-8601, or
 * `"YYYY-MM-DD hh:mm:ss UTC"`. `0` means "never" on plex.tv and gives undefined, as does anything unparseable.
 */
export function toDate(value: unknown): Date | undefined {
  // The common spellings first: epoch seconds as a JSON number, and a zoned ISO-8601 string.
  if (typeof value === 'number') {
    return Number.isSafeInteger(value) && value !== 0 ? valid(new Date(value * 1000)) : undefined;
  }
  if (typeof value === 'string' && value.length === 20) {
    const ms = utcSeconds(value);
    if (ms !== undefined) return new Date(ms);
  }
  if (typeof value === 'string' && ZONED_ISO.test(value)) {
    const ms = Date.parse(value);
    return Number.isNaN(ms) ? undefined : new Date(ms);
  }
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? undefined : value;
  const seconds = toInt(typeof value === 'boolean' ? undefined : value);
  if (seconds !== undefined) return seconds === 0 ? undefined : valid(new Date(seconds * 1000));
  if (typeof value !== 'string') return undefined;
  const text = value.trim();
  const spaced = SPACED_UTC.exec(text);
  const iso = spaced ? `${spaced[1]}T${spaced[2]}Z` : ISO_LIKE.test(text) ? text : undefined;
  if (iso === undefined) return undefined;
  // A date-time without an offset is UTC on plex.tv, never the reader's local time.
  const withZone = /[T ]\d{2}:\d{2}/.test(iso) && !/(Z|[+-]\d{2}:?\d{2})$/.test(iso) ? `${iso}Z` : iso;
  const ms = Date.parse(withZone.replace(' ', 'T'));
  return Number.isNaN(ms) ? undefined : new Date(ms);
}

/**
 * `YYYY-MM-DDThh:mm:ssZ` (plex.tv's v2 JSON spelling) read digit by digit, for the values where that is surely
 * what `Date.parse` gives: year 1000–9999, day 1–28, hour 0–23 (every other date takes the general path).
 */
function utcSeconds(s: string): number | undefined {
  if (
    s.charCodeAt(19) !== 90 || // Z
    s.charCodeAt(4) !== 45 || // -
    s.charCodeAt(7) !== 45 ||
    s.charCodeAt(10) !== 84 || // T
    s.charCodeAt(13) !== 58 || // :
    s.charCodeAt(16) !== 58
  ) {
    return undefined;
  }
  const year = digits(s, 0, 4);
  const month = digits(s, 5, 2);
  const day = digits(s, 8, 2);
  const hour = digits(s, 11, 2);
  const minute = digits(s, 14, 2);
  const second = digits(s, 17, 2);
  // digits() gives -1 for a non-digit: every lower bound below rejects it.
  if (year < 1000 || month < 1 || month > 12 || day < 1 || day > 28) return undefined;
  if (hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59) return undefined;
  return Date.UTC(year, month - 1, day, hour, minute, second);
}

/** The decimal number in `s[at, at + count)`, or -1 when a character is not a digit. */
function digits(s: string, at: number, count: number): number {
  let n = 0;
  for (let i = at; i < at + count; i++) {
    const d = s.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return -1;
    n = n * 10 + d;
  }
  return n;
}

/** A list of strings from a JSON array, or from a comma-separated string (how XML spells lists). */
export function toStrList(value: unknown): string[] {
  if (Array.isArray(value)) return value.map(toStr).filter((s): s is string => s !== undefined);
  const text = toStr(value);
  if (text === undefined) return [];
  if (!text.includes(',')) {
    const one = text.trim();
    return one === '' ? [] : [one];
  }
  return text
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

/** Assign without ever touching a prototype, whatever the key (`__proto__`, `constructor`, …). */
export function setOwn(target: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

/** A Date outside JavaScript's range (±8.64e15 ms) is no value, not an Invalid Date. */
function valid(date: Date): Date | undefined {
  return Number.isNaN(date.getTime()) ? undefined : date;
}
