/**
 * Privacy settings of the account: analytics opt-outs, online media sources, watch-state sync consent.
 */
import type { PlexTvClient } from '../client.js';
import { DecodeError } from '../errors.js';
import {
  decodeOptOut,
  decodePrivacy,
  decodeViewStateSync,
  type OnlineMediaSource,
  type OptOutValue,
  optOutsFromRecord,
  type Privacy,
  type ViewStateSync,
} from '../models/privacy.js';
import type { RequestSpec } from '../transport.js';
import { listOf } from '../wire/list.js';
import type { CallOptions } from './account.js';
import { bodyObject } from './decode.js';

const PRIVACY = '/api/v2/user/privacy';
const VIEW_STATE_SYNC = '/api/v2/user/view_state_sync';

/** The account's analytics settings (`GET /api/v2/user/privacy`). */
export async function getPrivacy(client: PlexTvClient, options: CallOptions = {}): Promise<Privacy> {
  const spec: RequestSpec = { method: 'GET', path: PRIVACY, ...options };
  const response = await client.request(spec);
  return decodePrivacy(bodyObject(response, spec, 'privacy'), spec);
}

export interface PrivacySettings {
  /** Stop sending playback events. */
  optOutPlayback?: boolean;
  /** Stop sending library statistics. */
  optOutLibraryStats?: boolean;
}

/**
 * Change the analytics opt-outs (`PUT /api/v2/user/privacy`, form `optOutPlayback=0|1`,
 * `optOutLibraryStats=0|1`). Only the settings given are sent; giving none is a `TypeError`.
 */
export async function setPrivacy(
  client: PlexTvClient,
  settings: PrivacySettings,
  options: CallOptions = {},
): Promise<void> {
  const flag = (v: boolean | undefined) => (v === undefined ? undefined : v ? 1 : 0);
  const form = {
    optOutPlayback: flag(settings?.optOutPlayback),
    optOutLibraryStats: flag(settings?.optOutLibraryStats),
  };
  if (form.optOutPlayback === undefined && form.optOutLibraryStats === undefined) {
    throw new TypeError('plextv: setPrivacy needs optOutPlayback and/or optOutLibraryStats');
  }
  await client.request({
    ignoreBody: true,
    method: 'PUT',
    path: PRIVACY,
    form,
    idempotent: true,
    ...options,
  });
}

const optOutsPath = (uuid: string) => {
  if (typeof uuid !== 'string' || uuid.trim() === '') {
    throw new TypeError("plextv: the account's uuid is needed (UserPlexAccount.uuid)");
  }
  return `/api/v2/user/${encodeURIComponent(uuid.trim())}/settings/opt_outs`;
};

/**
 * The account's online media sources (Plex's own movies & shows, music, podcasts, …) and whether each is
 * opted in (`GET /api/v2/user/{uuid}/settings/opt_outs`; `uuid` is the account's). XML `<optOut key value/>`
 * elements, JSON `[{key, value}]`, and the JSON object `{"tv.plex.provider.vod": "opt_in", …}` all decode to
 * `{ key, value }[]`.
 */
export async function getOnlineMediaSources(
  client: PlexTvClient,
  uuid: string,
  options: CallOptions = {},
): Promise<OnlineMediaSource[]> {
  const spec: RequestSpec = { method: 'GET', path: optOutsPath(uuid), ...options };
  const response = await client.request(spec);
  const { body } = response;
  if (
    body.format === 'json' &&
    typeof body.json === 'object' &&
    body.json !== null &&
    !Array.isArray(body.json)
  ) {
    const record = body.json as Record<string, unknown>;
    const listed = ['optOuts', 'opt_outs', 'MediaContainer'].some((k) => Object.hasOwn(record, k));
    if (!listed) return optOutsFromRecord(record);
  }
  const items = listOf(body, 'optOuts', { jsonKeys: ['optOuts', 'opt_outs', 'OptOut'] });
  if (!items) {
    throw new DecodeError(`GET ${spec.path}: expected a list of opt-outs, got ${body.format}`, {
      method: 'GET',
      path: spec.path,
      status: response.status,
      field: 'optOuts',
    });
  }
  return items.map((w) => decodeOptOut(w, spec));
}

const OPT_OUT_VALUES: readonly string[] = ['opt_in', 'opt_out', 'opt_out_managed'];

/**
 * Set one online media source (`POST /api/v2/user/{uuid}/settings/opt_outs?key=…&value=…`). `value` is
 * `opt_in`, `opt_out`, or `opt_out_managed` (opted out for managed users only); anything else is a
 * `TypeError`.
 */
export async function setOnlineMediaSource(
  client: PlexTvClient,
  uuid: string,
  key: string,
  value: OptOutValue,
  options: CallOptions = {},
): Promise<void> {
  if (typeof key !== 'string' || key.trim() === '') {
    throw new TypeError('plextv: setOnlineMediaSource needs the source key (e.g. tv.plex.provider.vod)');
  }
  if (!OPT_OUT_VALUES.includes(value)) {
    throw new TypeError(
      `plextv: an online media source is set to ${OPT_OUT_VALUES.join(', ')}; got ${String(value)}`,
    );
  }
  await client.request({
    ignoreBody: true,
    method: 'POST',
    path: optOutsPath(uuid),
    query: { key: key.trim(), value },
    idempotent: true,
    ...options,
  });
}

/** Whether watch state syncs through plex.tv (`GET /api/v2/user/view_state_sync`). */
export async function getViewStateSync(
  client: PlexTvClient,
  options: CallOptions = {},
): Promise<ViewStateSync> {
  const spec: RequestSpec = { method: 'GET', path: VIEW_STATE_SYNC, ...options };
  const response = await client.request(spec);
  return decodeViewStateSync(bodyObject(response, spec, 'viewStateSync'));
}

/** Give or withdraw consent to watch-state sync (`PUT /api/v2/user/view_state_sync?consent=true|false`). */
export async function setViewStateSync(
  client: PlexTvClient,
  consent: boolean,
  options: CallOptions = {},
): Promise<void> {
  if (typeof consent !== 'boolean') throw new TypeError('plextv: setViewStateSync takes true or false');
  await client.request({
    ignoreBody: true,
    method: 'PUT',
    path: VIEW_STATE_SYNC,
    query: { consent: consent ? 'true' : 'false' },
    idempotent: true,
    ...options,
  });
}
