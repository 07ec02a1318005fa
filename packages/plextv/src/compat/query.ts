/** `MyPlexAccount#query`: a raw plex.tv request, and the account properties @ctrl/plex sets on `connect()`. */
import type { PlexTvClient } from '../client.js';
import type { UserPlexAccount } from '../models/account.js';
import { DEFAULT_BASE_URL } from '../options.js';
import type { RequestSpec } from '../transport.js';
import { xmlToPlain } from '../wire/wire.js';

export type QueryMethod = 'get' | 'post' | 'put' | 'patch' | 'head' | 'delete';

/** `url` as a path on the client's plex.tv; any other origin is a `TypeError` (the token goes nowhere else). */
function plexTvPath(client: PlexTvClient, url: string): string {
  if (url.startsWith('/')) return url;
  const base = client.baseUrl.replace(/\/+$/, '');
  for (const origin of [base, DEFAULT_BASE_URL]) {
    if (url === origin || url.startsWith(`${origin}/`)) return url.slice(origin.length) || '/';
  }
  throw new TypeError(`MyPlexAccount.query(): only plex.tv URLs are accepted (got ${new URL(url).origin})`);
}

/** The parsed body of one raw request: JSON as parsed, XML as plain objects, text as a string, or undefined. */
export async function queryPlexTv<T>(
  client: PlexTvClient,
  url: string,
  method: QueryMethod,
  headers?: Record<string, string>,
  username?: string,
  password?: string,
): Promise<T> {
  const spec: RequestSpec = {
    method: method === 'head' ? 'GET' : (method.toUpperCase() as RequestSpec['method']),
    path: plexTvPath(client, url),
    headers: { ...headers },
  };
  if (username !== undefined && password !== undefined) {
    spec.headers = { ...spec.headers, Authorization: `Basic ${btoa(`${username}:${password}`)}` };
  }
  const { body } = await client.request(spec);
  if (body.format === 'json') return body.json as T;
  if (body.format === 'xml' && body.xml) return { [body.xml.name]: xmlToPlain(body.xml) } as T;
  if (body.format === 'text') return body.text as T;
  return undefined as T;
}

/** The properties `MyPlexAccount` carries, from the account. */
export function accountProperties(a: UserPlexAccount) {
  return {
    id: a.id,
    uuid: a.uuid,
    email: a.email,
    username: a.username,
    title: a.title,
    thumb: a.thumb,
    locale: a.locale,
    home: a.home,
    homeSize: a.homeSize,
    maxHomeSize: a.maxHomeSize,
    guest: a.guest,
    restricted: a.restricted,
    mailingListActive: a.mailingListActive,
    mailingListStatus: a.mailingListStatus,
    entitlements: a.entitlements,
    subscriptionActive: a.subscription?.active,
    subscriptionFeatures: a.subscription?.features ?? [],
    subscriptionPlan: a.subscription?.plan,
    subscriptionStatus: a.subscription?.active ? ('active' as const) : ('inactive' as const),
    scrobbleTypes: a.scrobbleTypes,
    certificateVersion: a.certificateVersion,
    queueEmail: a.queueEmail,
  };
}
