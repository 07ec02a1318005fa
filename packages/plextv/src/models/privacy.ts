/**
 * Account privacy: analytics opt-outs (`/api/v2/user/privacy`), online media sources
 * (`/api/v2/user/{uuid}/settings/opt_outs`) and watch-state sync consent (`/api/v2/user/view_state_sync`).
 */
import { toStr } from '../wire/values.js';
import { extras, type Wire } from '../wire/wire.js';
import { bool, type DecodeContext, requireStr, str } from './read.js';

/** How plex.tv reports one analytics event. Open: `off` appears too. */
export type MetricStatus = 'identifiable' | 'anonymous' | 'off' | (string & {});

/** One analytics metric of the privacy settings and its state. */
export interface PrivacyMetric {
  /** e.g. `playback:itemstart`. */
  event: string;
  status?: MetricStatus;
  extra: Record<string, unknown>;
}

/** `GET /api/v2/user/privacy`. */
export interface Privacy {
  /** Playback events are not sent to Plex's analytics. */
  optOutPlayback?: boolean;
  /** Library statistics are not sent. */
  optOutLibraryStats?: boolean;
  /** The analytics host (`analytics.plex.tv`). */
  domain?: string;
  /** `https://analytics.plex.tv` (plex.tv spells it `baseUrl` here, `baseURL` elsewhere). */
  baseUrl?: string;
  metrics: PrivacyMetric[];
  extra: Record<string, unknown>;
}

const PRIVACY_KEYS = new Set(['optOutPlayback', 'optOutLibraryStats', 'domain', 'baseUrl', 'metrics']);
const METRIC_KEYS = new Set(['event', 'status']);

export function decodePrivacy(w: Wire, ctx: DecodeContext = {}): Privacy {
  return {
    optOutPlayback: bool(w, 'optOutPlayback'),
    optOutLibraryStats: bool(w, 'optOutLibraryStats'),
    domain: str(w, 'domain'),
    baseUrl: str(w, 'baseUrl', 'baseURL'),
    metrics: w.objects('metrics').map((m) => ({
      event: requireStr(m, ['event'], ctx),
      status: str(m, 'status'),
      extra: extras(m, METRIC_KEYS),
    })),
    extra: extras(w, PRIVACY_KEYS),
  };
}

/** An online media source's setting. Open for values plex.tv may add. */
export type OptOutValue = 'opt_in' | 'opt_out' | 'opt_out_managed' | (string & {});

/** One online media source (`tv.plex.provider.vod`, `tv.plex.provider.music`, `scrobbling`, …) and its setting. */
export interface OnlineMediaSource {
  key: string;
  value?: OptOutValue;
  extra: Record<string, unknown>;
}

const OPT_OUT_KEYS = new Set(['key', 'value']);

/** One `<optOut key value/>` element or `{key, value}` object. */
export function decodeOptOut(w: Wire, ctx: DecodeContext = {}): OnlineMediaSource {
  return { key: requireStr(w, ['key'], ctx), value: str(w, 'value'), extra: extras(w, OPT_OUT_KEYS) };
}

/**
 * The JSON object form, keyed by source: `{"tv.plex.provider.vod": "opt_in", …}`. Entries whose value is not a
 * string are not sources and are skipped.
 */
export function optOutsFromRecord(record: Record<string, unknown>): OnlineMediaSource[] {
  const out: OnlineMediaSource[] = [];
  for (const [key, raw] of Object.entries(record)) {
    if (typeof raw !== 'string') continue;
    out.push({ key, value: toStr(raw), extra: {} });
  }
  return out;
}

/** `GET /api/v2/user/view_state_sync`: whether watch state syncs across servers through plex.tv. */
export interface ViewStateSync {
  consent?: boolean;
  extra: Record<string, unknown>;
}

export function decodeViewStateSync(w: Wire): ViewStateSync {
  return { consent: bool(w, 'consent'), extra: extras(w, new Set(['consent'])) };
}
