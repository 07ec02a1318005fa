/**
 * The account's privacy documents.
 * - Privacy (plex-api.rs privacy.json): `{optOutPlayback, optOutLibraryStats, domain, baseUrl,
 *   metrics[{event, status}]}`. XML has no capture: `<privacy …flags 0/1, domain, baseUrl><metrics>
 *   <metric event status/></metrics></privacy>` (python-plexapi reads the two flags as root
 *   attributes).
 * - Online media sources: XML `<optOuts><optOut key value/></optOuts>` (python-plexapi). JSON has no
 *   capture; we follow the old spec's example, an object keyed by provider id
 *   (`{"tv.plex.provider.vod": "opt_in", …}`). Unverified.
 * - View-state sync: JSON `{"consent": bool}`; XML `<viewStateSync consent="0|1"/>` (root name ours;
 *   python-plexapi reads `consent` from the root).
 */

import type { Account } from '../state/model.js';
import type { XmlElement } from './xml.js';

export const PRIVACY_DOMAIN = 'analytics.plex.tv';
export const PRIVACY_BASE_URL = 'https://analytics.plex.tv';

type MetricRule = 'playback' | 'library' | 'identifiable' | 'anonymous';

/**
 * A selection of the 125 events of the capture, with its statuses. Playback and library events
 * follow the opt-outs ("off" when opted out, "identifiable" otherwise): the capture, made with both
 * opt-outs on, has exactly those events "off".
 */
const METRICS: Array<[string, MetricRule]> = [
  ['cameraupload:batch', 'identifiable'],
  ['channel:launch', 'identifiable'],
  ['client:click', 'identifiable'],
  ['client:download', 'anonymous'],
  ['client:signin', 'identifiable'],
  ['client:signin:failure', 'anonymous'],
  ['client:start', 'identifiable'],
  ['client:view', 'identifiable'],
  ['device:linked', 'identifiable'],
  ['dvr:create', 'identifiable'],
  ['library:created', 'library'],
  ['library:scan:complete', 'library'],
  ['metadata:match', 'anonymous'],
  ['playback:failure', 'playback'],
  ['playback:itemend', 'playback'],
  ['playback:itemstart', 'playback'],
  ['playback:sessionend', 'playback'],
  ['server:playback', 'playback'],
  ['server:startup', 'identifiable'],
  ['subtitle:server:search', 'anonymous'],
  ['sync:complete', 'anonymous'],
  ['user:registered', 'identifiable'],
];

function metrics(account: Account): Array<{ event: string; status: string }> {
  return METRICS.map(([event, rule]) => ({
    event,
    status:
      rule === 'playback'
        ? account.privacy.optOutPlayback
          ? 'off'
          : 'identifiable'
        : rule === 'library'
          ? account.privacy.optOutLibraryStats
            ? 'off'
            : 'identifiable'
          : rule,
  }));
}

export function privacyJson(account: Account): unknown {
  return {
    optOutPlayback: account.privacy.optOutPlayback,
    optOutLibraryStats: account.privacy.optOutLibraryStats,
    domain: PRIVACY_DOMAIN,
    baseUrl: PRIVACY_BASE_URL,
    metrics: metrics(account),
  };
}

export function privacyXml(account: Account): XmlElement {
  return {
    name: 'privacy',
    attrs: [
      ['optOutPlayback', account.privacy.optOutPlayback],
      ['optOutLibraryStats', account.privacy.optOutLibraryStats],
      ['domain', PRIVACY_DOMAIN],
      ['baseUrl', PRIVACY_BASE_URL],
    ],
    children: [
      {
        name: 'metrics',
        children: metrics(account).map(
          (m): XmlElement => ({
            name: 'metric',
            attrs: [
              ['event', m.event],
              ['status', m.status],
            ],
          }),
        ),
      },
    ],
  };
}

export function optOutsJson(account: Account): unknown {
  return Object.fromEntries(account.onlineMediaSources);
}

export function optOutsXml(account: Account): XmlElement {
  return {
    name: 'optOuts',
    children: [...account.onlineMediaSources].map(
      ([key, value]): XmlElement => ({
        name: 'optOut',
        attrs: [
          ['key', key],
          ['value', value],
        ],
      }),
    ),
  };
}

export function viewStateSyncJson(account: Account): unknown {
  return { consent: account.viewStateSync };
}

export function viewStateSyncXml(account: Account): XmlElement {
  return { name: 'viewStateSync', attrs: [['consent', account.viewStateSync]] };
}
