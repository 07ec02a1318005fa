/**
 * The emulator's stand-in for plex.tv's GeoIP (`/api/v2/geoip`). There is no GeoIP database: a small
 * fixed table maps the documentation address ranges to places, and everything else (private,
 * loopback, unlisted) is unknown. Browser-safe.
 */

/** The `location` object of pins and geoip (JSON types; snake_case keys as plex.tv writes them). */
/**
 * Where plex.tv geolocates the request. The emulator has no GeoIP: every PIN reports this fixed,
 * obviously generic place (our choice), with every key of the 2025 capture.
 */
export const PIN_LOCATION = {
  code: 'US',
  european_union_member: false,
  continent_code: 'NA',
  country: 'United States',
  city: 'San Francisco',
  time_zone: 'America/Los_Angeles',
  postal_code: '94103',
  in_privacy_restricted_country: false,
  in_privacy_restricted_region: false,
  subdivisions: 'California',
  coordinates: '37.7749, -122.4194',
} as const;

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

const LONDON: GeoLocation = {
  code: 'GB',
  european_union_member: false,
  continent_code: 'EU',
  country: 'United Kingdom',
  city: 'London',
  time_zone: 'Europe/London',
  postal_code: 'EC1A',
  in_privacy_restricted_country: false,
  in_privacy_restricted_region: false,
  subdivisions: 'England',
  coordinates: '51.5164, -0.093',
};

const BERLIN: GeoLocation = {
  code: 'DE',
  european_union_member: true,
  continent_code: 'EU',
  country: 'Germany',
  city: 'Berlin',
  time_zone: 'Europe/Berlin',
  postal_code: '10115',
  in_privacy_restricted_country: false,
  in_privacy_restricted_region: false,
  subdivisions: 'Land Berlin',
  coordinates: '52.5323, 13.3846',
};

/** The answer for an address the fake GeoIP table does not know. */
export const UNKNOWN_LOCATION: GeoLocation = {
  code: null,
  european_union_member: null,
  continent_code: null,
  country: null,
  city: null,
  time_zone: null,
  postal_code: null,
  in_privacy_restricted_country: null,
  in_privacy_restricted_region: null,
  subdivisions: null,
  coordinates: null,
};

/**
 * The table: 203.0.113.0/24 (TEST-NET-3, the demo seed's home) is San Francisco (the PIN
 * location), 198.51.100.0/24 (TEST-NET-2) London, 192.0.2.0/24 (TEST-NET-1) Berlin, and
 * 2001:db8::/32 (IPv6 documentation) San Francisco. Everything else is unknown.
 */
export function geolocate(ip: string): GeoLocation {
  const v4 = parseIpv4(ip);
  if (v4) {
    const [a, b, c] = v4;
    if (a === 203 && b === 0 && c === 113) return { ...PIN_LOCATION };
    if (a === 198 && b === 51 && c === 100) return { ...LONDON };
    if (a === 192 && b === 0 && c === 2) return { ...BERLIN };
    return { ...UNKNOWN_LOCATION };
  }
  const v6 = normaliseIpv6(ip);
  if (v6?.startsWith('2001:db8:')) return { ...PIN_LOCATION };
  return { ...UNKNOWN_LOCATION };
}

export function parseIpv4(ip: string): [number, number, number, number] | null {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(ip);
  if (!m) return null;
  const parts = m.slice(1).map(Number) as [number, number, number, number];
  return parts.every((p) => p <= 255) ? parts : null;
}

/** The canonical (compressed, lower-case) form of an IPv6 address, or null. Uses the URL parser. */
export function normaliseIpv6(ip: string): string | null {
  if (!ip.includes(':') || /[[\]/%\s]/.test(ip)) return null;
  try {
    return new URL(`http://[${ip}]/`).hostname.slice(1, -1);
  } catch {
    return null;
  }
}

export function isIpAddress(ip: string): boolean {
  return parseIpv4(ip) !== null || normaliseIpv6(ip) !== null;
}
