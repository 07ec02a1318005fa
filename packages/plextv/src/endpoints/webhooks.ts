/**
 * Webhooks (Plex Pass): URLs plex.tv POSTs account and server events to (`/api/v2/user/webhooks`).
 *
 * plex.tv only offers "read the list" and "replace the list". `addWebhook`/`removeWebhook` therefore read the
 * current list first and write it back changed, so the other webhooks stay. The read and the write are two
 * requests: a change made elsewhere in between is lost (plex.tv has no conditional update).
 */
import type { PlexTvClient } from '../client.js';
import { NotFoundError } from '../errors.js';
import type { CallOptions } from '../transport.js';
import { listOf } from '../wire/list.js';
import { toStr } from '../wire/values.js';
import type { BodyDecoder } from './body.js';
import { call } from './call.js';
import { route } from './route.js';

const PATH = '/api/v2/user/webhooks';

// JSON: `[{"url": …}]` (seen) or `["…"]` (accepted); XML: `<webhook url="…"/>` children.
const WEBHOOKS: BodyDecoder<string[]> = {
  field: 'webhooks',
  expected: 'a list of webhooks',
  read: (body) => {
    if (body.format === 'json' && Array.isArray(body.json)) {
      return body.json
        .map((item: unknown) =>
          toStr(typeof item === 'object' && item !== null ? (item as { url?: unknown }).url : item),
        )
        .filter(isUrl);
    }
    return listOf(body, 'webhooks', { jsonKeys: ['webhooks'] })
      ?.map((w) => toStr(w.get('url')))
      .filter(isUrl);
  },
};

const GET_WEBHOOKS = route('getWebhooks', `GET ${PATH}`, { body: WEBHOOKS });
// Setting the same list twice sets it once.
const SET_WEBHOOKS = route('setWebhooks', `POST ${PATH}`, { idempotent: true });

/** The account's webhook URLs, in plex.tv's order (`GET /api/v2/user/webhooks`). */
export async function getWebhooks(client: PlexTvClient, options: CallOptions = {}): Promise<string[]> {
  return call(client, GET_WEBHOOKS, {}, options);
}

const isUrl = (s: string | undefined): s is string => s !== undefined;

/**
 * Replace the account's webhooks with `urls` (`POST /api/v2/user/webhooks`, form `urls[]=…` repeated; an empty
 * list sends `urls=`, which clears them). Every URL must be an absolute http(s) URL without credentials
 * (`TypeError` otherwise). Duplicates are sent once. Resolves with the list sent.
 */
export async function setWebhooks(
  client: PlexTvClient,
  urls: readonly string[],
  options: CallOptions = {},
): Promise<string[]> {
  if (!Array.isArray(urls)) throw new TypeError('plextv: setWebhooks takes an array of URLs');
  const list: string[] = [];
  const seen = new Set<string>();
  for (const url of urls) {
    const checked = checkWebhookUrl(url);
    const key = normalise(checked);
    if (!seen.has(key)) {
      seen.add(key);
      list.push(checked);
    }
  }
  await call(client, SET_WEBHOOKS, { form: list.length === 0 ? { urls: '' } : { 'urls[]': list } }, options);
  return list;
}

/**
 * Add `url` to the account's webhooks, keeping the others (reads the list, then writes it back with `url`).
 * Already there: nothing is written. Resolves with the resulting list.
 */
export async function addWebhook(
  client: PlexTvClient,
  url: string,
  options: CallOptions = {},
): Promise<string[]> {
  const checked = checkWebhookUrl(url);
  const current = await getWebhooks(client, options);
  if (current.some((u) => normalise(u) === normalise(checked))) return current;
  return setWebhooks(client, [...current, checked], options);
}

export interface RemoveWebhookOptions extends CallOptions {
  /** When `url` is not a webhook of the account: resolve with the list unchanged instead of throwing. */
  missingOk?: boolean;
}

/**
 * Remove `url` from the account's webhooks, keeping the others (reads the list, then writes it back without
 * `url`). URLs compare after URL normalisation (host case, default port). When `url` is not there this throws
 * `NotFoundError` (a typo would otherwise pass silently) unless `missingOk` is set. Resolves with the resulting
 * list.
 */
export async function removeWebhook(
  client: PlexTvClient,
  url: string,
  options: RemoveWebhookOptions = {},
): Promise<string[]> {
  const { missingOk, ...rest } = options;
  const key = normalise(checkWebhookUrl(url));
  const current = await getWebhooks(client, rest);
  const kept = current.filter((u) => normalise(u) !== key);
  if (kept.length === current.length) {
    if (missingOk) return current;
    throw new NotFoundError(
      `${redact(url)} is not one of the account's ${current.length} webhook${current.length === 1 ? '' : 's'}`,
      { path: PATH },
    );
  }
  return setWebhooks(client, kept, rest);
}

/**
 * Check a webhook URL: an absolute `http:` or `https:` URL with no user name or password in it. Returns it
 * trimmed; throws `TypeError` with the reason otherwise (the message never repeats a password).
 */
export function checkWebhookUrl(url: unknown): string {
  if (typeof url !== 'string' || url.trim() === '') {
    throw new TypeError('plextv: a webhook URL must be a non-empty string');
  }
  const text = url.trim();
  let parsed: URL;
  try {
    parsed = new URL(text);
  } catch {
    throw new TypeError(
      `plextv: webhook URL "${redact(text)}" is not an absolute URL (like https://example.com/hook)`,
    );
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new TypeError(`plextv: webhook URL must be http or https, got ${parsed.protocol.slice(0, -1)}`);
  }
  if (parsed.username !== '' || parsed.password !== '') {
    throw new TypeError(
      `plextv: webhook URL must not carry credentials (user:password@): plex.tv stores and shows it as is (${redact(text)})`,
    );
  }
  return text;
}

function normalise(url: string): string {
  try {
    return new URL(url).href;
  } catch {
    return url;
  }
}

/** A URL for messages: credentials replaced, long values cut. */
function redact(url: string): string {
  const short = url.length > 200 ? `${url.slice(0, 200)}…` : url;
  return short.replace(/^([a-z][a-z0-9+.-]*:\/\/)[^/?#@]*@/i, '$1***@');
}
