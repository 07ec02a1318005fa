/**
 * The PIN document (`POST /api/v2/pins`, `GET /api/v2/pins/{id}`), key order of the newest capture
 * (rubyplex `auth.rb.pin-sample-response.json`, 2025-03). XML has no capture: `<pin>` carries the
 * same fields as attributes in the same order (flags 0/1, "" for null, ISO dates as in JSON) with
 * `<location …/>` as its only child. python-plexapi reads only `@id`, `@code` and `@authToken`.
 */

import { PIN_LOCATION } from '../state/geo.js';
import type { Pin } from '../state/model.js';
import { isoDate } from './account.js';
import type { XmlElement } from './xml.js';

export interface PinView {
  pin: Pin;
  /** The request's origin (e.g. `https://plex.tv`): `qr` points there. */
  origin: string;
  /** What `authToken` says for this request (null while pending, or for a JWK PIN without deviceJWT). */
  authToken: string | null;
}

function qrUrl(view: PinView): string {
  return `${view.origin}/api/v2/pins/qr/${encodeURIComponent(view.pin.code)}`;
}

export function pinJson(view: PinView): Record<string, unknown> {
  const { pin } = view;
  return {
    id: pin.id,
    code: pin.code,
    product: pin.product,
    trusted: false,
    qr: qrUrl(view),
    clientIdentifier: pin.clientIdentifier,
    location: { ...PIN_LOCATION },
    expiresIn: pin.expiresIn,
    createdAt: isoDate(pin.createdAt),
    expiresAt: isoDate(pin.expiresAt),
    authToken: view.authToken,
    // null until linked, then false: every seeded account already exists.
    newRegistration: pin.approvedBy === null ? null : false,
  };
}

export function pinXml(view: PinView): XmlElement {
  const json = pinJson(view);
  const { location, ...top } = json;
  return {
    name: 'pin',
    attrs: Object.entries(top) as Array<[string, string | number | boolean | null]>,
    children: [
      {
        name: 'location',
        attrs: Object.entries(location as Record<string, string | boolean>),
      },
    ],
  };
}
