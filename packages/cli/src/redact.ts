/** Secrets out of models (the account, devices, resources) before they are printed as JSON. */
import type { UserPlexAccount } from 'plextv';

export const REDACTED = '[redacted]';

/** Keys whose string values are credentials, wherever they appear (including unknown `extra` fields). */
const SECRET_KEY = /token|secret|password|^pin$/i;

/**
 * The account as plain JSON data (dates as ISO strings), with `authToken`, every `services[].token` and
 * `.secret`, and any other credential-looking string replaced by `[redacted]`.
 */
export function redactAccount(account: UserPlexAccount): unknown {
  return redactValue(toPlain(account));
}

/** The account as plain JSON data, secrets included (`whoami --json --show-token`). */
export function toPlain(account: UserPlexAccount): unknown {
  return JSON.parse(JSON.stringify(account));
}

/**
 * Any model as plain JSON data (dates as ISO strings) with every credential-looking string (keys matching
 * `token`, `secret`, `password`, or `pin`: a device's `token`, a resource's `accessToken`, …) replaced by
 * `[redacted]`.
 */
export function redactSecrets(value: unknown): unknown {
  return redactValue(plain(value));
}

/** Any model as plain JSON data (dates as ISO strings), secrets included. */
export function plain(value: unknown): unknown {
  return value === undefined ? undefined : JSON.parse(JSON.stringify(value));
}

function redactValue(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(redactValue);
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [key, inner] of Object.entries(value)) {
    const redacted =
      SECRET_KEY.test(key) && typeof inner === 'string' && inner !== '' ? REDACTED : redactValue(inner);
    // defineProperty, not assignment: a `__proto__` key from plex.tv stays plain data.
    Object.defineProperty(out, key, {
      value: redacted,
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return out;
}
