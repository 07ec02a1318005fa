/** URLs given on the command line (--base-url, --auth-url): checked, and never echoed with secrets in them. */
import { UsageError } from './errors.js';

/**
 * `raw` as it is safe to print: credentials (`user:password@`), the query and the fragment masked — any of
 * them may hold a password or a token (`?X-Plex-Token=…`). Unparseable text is shown as is.
 */
export function maskUrl(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    return raw;
  }
  const credentials = url.username || url.password ? '***@' : '';
  return `${url.protocol}//${credentials}${url.host}${url.pathname}${url.search ? '?…' : ''}${url.hash ? '#…' : ''}`;
}

/**
 * An http(s) URL without credentials, query or fragment, normalized (`https://plex.tv/` → `https://plex.tv`);
 * anything else is a usage error naming `from` (the flag or variable) and what is wrong, with the URL masked.
 */
export function checkHttpUrl(raw: string, from: string, example: string): string {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    throw new UsageError(`${from}: "${raw}" is not a URL (expected e.g. ${example}).`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new UsageError(`${from}: "${maskUrl(raw)}" is not an http(s) URL.`);
  }
  const extras = [
    url.username || url.password ? 'credentials (user:password@)' : undefined,
    url.search ? 'a query' : undefined,
    url.hash ? 'a fragment' : undefined,
  ].filter((part): part is string => part !== undefined);
  if (extras.length > 0) {
    throw new UsageError(
      `${from}: "${maskUrl(raw)}" must be a plain URL, without ${extras.join(', ')} (expected e.g. ${example}).`,
    );
  }
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
}

/**
 * Commander's error text with the values of `--option=value` words masked: `unknown option
 * '--password=hunter2'` must not print the password someone typed where it does not belong.
 */
export function maskOptionValues(text: string): string {
  return text.replace(/'(--?[A-Za-z][\w-]*)=[^']*'/g, "'$1=…'");
}
