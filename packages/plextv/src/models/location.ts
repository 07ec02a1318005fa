/** Where plex.tv places a request (`pin.location`, and the geoip answer). */
import { extras, type Wire } from '../wire/wire.js';
import { bool, str } from './read.js';

/** plex.tv sends this object in snake_case; the model is camelCase like every other. */
export interface GeoLocation {
  /** Two-letter country code. */
  code?: string;
  country?: string;
  city?: string;
  continentCode?: string;
  europeanUnionMember?: boolean;
  inPrivacyRestrictedCountry?: boolean;
  inPrivacyRestrictedRegion?: boolean;
  timeZone?: string;
  /** A string: postal codes are not numbers (`N19`). */
  postalCode?: string;
  subdivisions?: string;
  /** `"lat, lon"` as sent. */
  coordinates?: string;
  extra: Record<string, unknown>;
}

const KNOWN = new Set([
  'code',
  'country',
  'city',
  'continent_code',
  'european_union_member',
  'in_privacy_restricted_country',
  'in_privacy_restricted_region',
  'time_zone',
  'postal_code',
  'subdivisions',
  'coordinates',
]);

export function decodeLocation(w: Wire): GeoLocation {
  return {
    code: str(w, 'code'),
    country: str(w, 'country'),
    city: str(w, 'city'),
    continentCode: str(w, 'continent_code'),
    // XML geoip answers may say "Unknown" for these: no value.
    europeanUnionMember: bool(w, 'european_union_member'),
    inPrivacyRestrictedCountry: bool(w, 'in_privacy_restricted_country'),
    inPrivacyRestrictedRegion: bool(w, 'in_privacy_restricted_region'),
    timeZone: str(w, 'time_zone'),
    postalCode: str(w, 'postal_code'),
    subdivisions: str(w, 'subdivisions'),
    coordinates: str(w, 'coordinates'),
    extra: extras(w, KNOWN),
  };
}
