/** Path parameters: checked, trimmed and encoded once, so no caller value can reshape a URL. */

/** `value` as one encoded path segment; a blank value is a `TypeError` naming `fn` and `what`. */
export function pathSegment(value: string | number | undefined | null, fn: string, what: string): string {
  const text = typeof value === 'number' ? (Number.isFinite(value) ? String(value) : '') : (value ?? '');
  if (typeof text !== 'string' || text.trim() === '') throw new TypeError(`plextv: ${fn} needs ${what}`);
  return encodeURIComponent(text.trim());
}

/** A non-blank string argument, trimmed; otherwise a `TypeError` naming `fn` and `what`. */
export function requiredText(value: unknown, fn: string, what: string): string {
  if (typeof value !== 'string' || value.trim() === '') throw new TypeError(`plextv: ${fn} needs ${what}`);
  return value.trim();
}

/** A Plex Home PIN: a string of exactly four digits (a number would lose leading zeros). */
export function homePin(value: unknown, fn: string, what = 'a four-digit PIN (a string)'): string {
  if (typeof value !== 'string' || !/^\d{4}$/.test(value.trim()))
    throw new TypeError(`plextv: ${fn} needs ${what}`);
  return value.trim();
}
