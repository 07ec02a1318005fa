/** A sign-in PIN (`/api/v2/pins`): the code a user approves, and the token once they have. */
import { extras, type Wire } from '../wire/wire.js';
import { decodeLocation, type GeoLocation } from './location.js';
import { bool, type DecodeContext, date, int, requireInt, requireStr, str } from './read.js';

/** A sign-in PIN (`/api/v2/pins`): its code to show or link, its expiry, and `authToken` once approved. */
export interface Pin {
  id: number;
  /** 4 characters for plex.tv/link, 25 for the OAuth ("strong") flow. */
  code: string;
  /** Echoes `X-Plex-Product` (older answers: `"0"`). */
  product?: string;
  trusted?: boolean;
  /** A QR code image URL for `code` (2023+). */
  qr?: string;
  clientIdentifier?: string;
  location?: GeoLocation;
  /** Seconds the PIN lives (900 for 4-character codes, 1800 for strong ones). */
  expiresIn?: number;
  createdAt?: Date;
  expiresAt?: Date;
  /** The token (or, in the JWT flow, the Plex JWT) once the user approved; a secret. */
  authToken?: string;
  /** Whether approving created a new Plex account (known once linked). */
  newRegistration?: boolean;
  extra: Record<string, unknown>;
}

const KNOWN = new Set([
  'id',
  'code',
  'product',
  'trusted',
  'qr',
  'clientIdentifier',
  'location',
  'expiresIn',
  'createdAt',
  'expiresAt',
  'authToken',
  'newRegistration',
]);

export function decodePin(w: Wire, ctx: DecodeContext = {}): Pin {
  const location = w.object('location');
  return {
    id: requireInt(w, 'id', ctx),
    code: requireStr(w, ['code'], ctx),
    product: str(w, 'product'),
    trusted: bool(w, 'trusted'),
    qr: str(w, 'qr'),
    clientIdentifier: str(w, 'clientIdentifier'),
    location: location ? decodeLocation(location) : undefined,
    expiresIn: int(w, 'expiresIn'),
    createdAt: date(w, 'createdAt'),
    expiresAt: date(w, 'expiresAt'),
    authToken: str(w, 'authToken'),
    newRegistration: bool(w, 'newRegistration'),
    extra: extras(w, KNOWN),
  };
}
