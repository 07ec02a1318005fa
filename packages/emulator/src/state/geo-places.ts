/**
 * The fake GeoIP's places: real cities with their country, continent, region, time zone, a postal
 * code and coordinates, so an answer looks like plex.tv's. Which address gets which place is a hash
 * (state/geo.ts), not a database: the places are made up for the addresses, never looked up.
 */

/** What `/api/v2/geoip` answers for an address. */
export interface GeoLocation {
  code: string | null;
  european_union_member: boolean | null;
  continent_code: string | null;
  country: string | null;
  city: string | null;
  time_zone: string | null;
  postal_code: string | null;
  in_privacy_restricted_country: boolean | null;
  in_privacy_restricted_region: boolean | null;
  subdivisions: string | null;
  coordinates: string | null;
}

/** code, continent, country, EU member, city, subdivision, time zone, postal code, coordinates. */
type PlaceRow = readonly [string, string, string, boolean, string, string, string, string, string];

const ROWS: readonly PlaceRow[] = [
  [
    'US',
    'NA',
    'United States',
    false,
    'New York',
    'New York',
    'America/New_York',
    '10001',
    '40.7128, -74.006',
  ],
  [
    'US',
    'NA',
    'United States',
    false,
    'Chicago',
    'Illinois',
    'America/Chicago',
    '60601',
    '41.8781, -87.6298',
  ],
  ['US', 'NA', 'United States', false, 'Denver', 'Colorado', 'America/Denver', '80202', '39.7392, -104.9903'],
  ['CA', 'NA', 'Canada', false, 'Toronto', 'Ontario', 'America/Toronto', 'M5H', '43.6532, -79.3832'],
  [
    'MX',
    'NA',
    'Mexico',
    false,
    'Mexico City',
    'Mexico City',
    'America/Mexico_City',
    '06000',
    '19.4326, -99.1332',
  ],
  [
    'BR',
    'SA',
    'Brazil',
    false,
    'São Paulo',
    'São Paulo',
    'America/Sao_Paulo',
    '01000-000',
    '-23.5505, -46.6333',
  ],
  ['FR', 'EU', 'France', true, 'Paris', 'Île-de-France', 'Europe/Paris', '75001', '48.8566, 2.3522'],
  [
    'NL',
    'EU',
    'Netherlands',
    true,
    'Amsterdam',
    'North Holland',
    'Europe/Amsterdam',
    '1012',
    '52.3676, 4.9041',
  ],
  ['ES', 'EU', 'Spain', true, 'Madrid', 'Madrid', 'Europe/Madrid', '28001', '40.4168, -3.7038'],
  [
    'SE',
    'EU',
    'Sweden',
    true,
    'Stockholm',
    'Stockholm County',
    'Europe/Stockholm',
    '111 20',
    '59.3293, 18.0686',
  ],
  ['PL', 'EU', 'Poland', true, 'Warsaw', 'Mazovia', 'Europe/Warsaw', '00-001', '52.2297, 21.0122'],
  ['JP', 'AS', 'Japan', false, 'Tokyo', 'Tokyo', 'Asia/Tokyo', '100-0001', '35.6762, 139.6503'],
  [
    'SG',
    'AS',
    'Singapore',
    false,
    'Singapore',
    'Central Singapore',
    'Asia/Singapore',
    '018989',
    '1.2897, 103.8501',
  ],
  ['IN', 'AS', 'India', false, 'Mumbai', 'Maharashtra', 'Asia/Kolkata', '400001', '19.076, 72.8777'],
  [
    'AU',
    'OC',
    'Australia',
    false,
    'Sydney',
    'New South Wales',
    'Australia/Sydney',
    '2000',
    '-33.8688, 151.2093',
  ],
  [
    'ZA',
    'AF',
    'South Africa',
    false,
    'Johannesburg',
    'Gauteng',
    'Africa/Johannesburg',
    '2001',
    '-26.2041, 28.0473',
  ],
];

/** The places a public address outside the documentation ranges is given, one per hash bucket. */
export const FAKE_PLACES: readonly GeoLocation[] = ROWS.map(
  ([code, continent, country, eu, city, subdivisions, timeZone, postalCode, coordinates]) => ({
    code,
    european_union_member: eu,
    continent_code: continent,
    country,
    city,
    time_zone: timeZone,
    postal_code: postalCode,
    in_privacy_restricted_country: false,
    in_privacy_restricted_region: false,
    subdivisions,
    coordinates,
  }),
);
