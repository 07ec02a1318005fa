/**
 * Request headers as a plain record, a `HeadersInit` every `fetch` takes, with names set case-insensitively as
 * `Headers` would. Not the global `Headers`: on Node 20 its first use loads all of undici (about half a bare
 * `node -e ""` start), which a CLI or script that passes a `fetch` of its own need not pay.
 *
 * `Headers` also refused a name or value HTTP forbids (a CR or LF in a value is header injection); a record
 * does not, and a caller's own `fetch` may not either, so names and values are checked here.
 */

/** HTTP whitespace around a value, which `Headers` drops. */
const EDGE_WHITESPACE = /^[\t\n\r ]+|[\t\n\r ]+$/g;
/** An HTTP field name (RFC 9110 `token`). */
const NAME = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
/** What a value may not hold: NUL, CR, LF, or a character beyond one byte (`Headers` takes byte strings). */
// biome-ignore lint/suspicious/noControlCharactersInRegex: NUL, CR and LF are exactly what is refused.
const FORBIDDEN_IN_VALUE = /[\u0000\r\n]|[^\u0000-\u00ff]/;

/** A copy of `headers` with each `[name, value]` of `changes` set (replacing any spelling of the name). */
export function withHeaders(
  headers: Readonly<Record<string, string>>,
  changes: Iterable<readonly [string, string]> = [],
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, raw] of [...Object.entries(headers), ...changes]) {
    // A number from a JavaScript caller is taken as `Headers` takes it.
    const value = String(raw);
    checkHeader(name, value);
    deleteHeader(out, name);
    // Trimmed as `Headers` trims: a trailing CR/LF (a value read from a file) is no injection, nor sent.
    out[name] = value.replace(EDGE_WHITESPACE, '');
  }
  return out;
}

/**
 * Throws a `TypeError` for a header name or value `Headers` would refuse. The message names the header, never
 * its value (which may be a token). Leading and trailing whitespace is allowed (fetch trims it).
 */
export function checkHeader(name: string, value: string): void {
  if (typeof name !== 'string' || !NAME.test(name)) {
    throw new TypeError(`plextv: ${JSON.stringify(String(name))} is not a valid header name`);
  }
  if (typeof value !== 'string' || FORBIDDEN_IN_VALUE.test(value.replace(EDGE_WHITESPACE, ''))) {
    throw new TypeError(
      `plextv: the value of header ${name} holds a character HTTP forbids (CR, LF, NUL or one beyond U+00FF); not sent`,
    );
  }
}

/** Removes `name` from `headers`, however it is spelt there. */
export function deleteHeader(headers: Record<string, string>, name: string): void {
  const lower = name.toLowerCase();
  for (const key of Object.keys(headers)) if (key.toLowerCase() === lower) delete headers[key];
}
