/**
 * Request headers as a plain record, a `HeadersInit` every `fetch` takes, with names set case-insensitively as
 * `Headers` would. Not the global `Headers`: on Node 20 its first use loads all of undici (about half a bare
 * `node -e ""` start), which a CLI or script that passes a `fetch` of its own need not pay.
 */

/** A copy of `headers` with each `[name, value]` of `changes` set (replacing any spelling of the name). */
export function withHeaders(
  headers: Readonly<Record<string, string>>,
  changes: Iterable<readonly [string, string]> = [],
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of [...Object.entries(headers), ...changes]) {
    deleteHeader(out, name);
    out[name] = value;
  }
  return out;
}

/** Removes `name` from `headers`, however it is spelt there. */
export function deleteHeader(headers: Record<string, string>, name: string): void {
  const lower = name.toLowerCase();
  for (const key of Object.keys(headers)) if (key.toLowerCase() === lower) delete headers[key];
}
