/**
 * Privacy settings of the account: analytics opt-outs, online media sources, watch-state sync consent.
 */
import type { PlexTvClient } from '../client.js';
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
import type { CallOptions } from '../transport.js';
import { type BodyDecoder, listBody, objectBody } from './body.js';
import { call } from './call.js';
import { route } from './route.js';

const GET_PRIVACY = route('getPrivacy', 'GET /api/v2/user/privacy', {
  body: objectBody('privacy', decodePrivacy),
});
const SET_PRIVACY = route('setPrivacy', 'PUT /api/v2/user/privacy', { idempotent: true });

const OPT_OUT_LIST = listBody(
  'optOuts',
  { jsonKeys: ['optOuts', 'opt_outs', 'OptOut'] },
  decodeOptOut,
  'a list of opt-outs',
);
// Also the JSON object form `{"tv.plex.provider.vod": "opt_in", …}`.
const OPT_OUTS: BodyDecoder<OnlineMediaSource[]> = {
  ...OPT_OUT_LIST,
  read: (body, ctx) => {
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
    return OPT_OUT_LIST.read(body, ctx);
  },
};
const UUID = "the account's uuid (UserPlexAccount.uuid)";
const GET_OPT_OUTS = route('getOnlineMediaSources', 'GET /api/v2/user/{uuid}/settings/opt_outs', {
  params: { uuid: UUID },
  body: OPT_OUTS,
});
const SET_OPT_OUT = route('setOnlineMediaSource', 'POST /api/v2/user/{uuid}/settings/opt_outs', {
  params: { uuid: UUID },
  idempotent: true,
});

const GET_VIEW_STATE_SYNC = route('getViewStateSync', 'GET /api/v2/user/view_state_sync', {
  body: objectBody('viewStateSync', decodeViewStateSync),
});
const SET_VIEW_STATE_SYNC = route('setViewStateSync', 'PUT /api/v2/user/view_state_sync', {
  idempotent: true,
});

/** The account's analytics settings (`GET /api/v2/user/privacy`). */
export async function getPrivacy(client: PlexTvClient, options: CallOptions = {}): Promise<Privacy> {
  return call(client, GET_PRIVACY, {}, options);
}

/** The analytics opt-outs `setPrivacy` changes; only the ones given are sent. */
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
  await call(client, SET_PRIVACY, { form }, options);
}

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
  return call(client, GET_OPT_OUTS, { params: { uuid } }, options);
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
  await call(client, SET_OPT_OUT, { params: { uuid }, query: { key: key.trim(), value } }, options);
}

/** Whether watch state syncs through plex.tv (`GET /api/v2/user/view_state_sync`). */
export async function getViewStateSync(
  client: PlexTvClient,
  options: CallOptions = {},
): Promise<ViewStateSync> {
  return call(client, GET_VIEW_STATE_SYNC, {}, options);
}

/** Give or withdraw consent to watch-state sync (`PUT /api/v2/user/view_state_sync?consent=true|false`). */
export async function setViewStateSync(
  client: PlexTvClient,
  consent: boolean,
  options: CallOptions = {},
): Promise<void> {
  if (typeof consent !== 'boolean') throw new TypeError('plextv: setViewStateSync takes true or false');
  await call(client, SET_VIEW_STATE_SYNC, { query: { consent: consent ? 'true' : 'false' } }, options);
}
