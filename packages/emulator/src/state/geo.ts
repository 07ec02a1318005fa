/**
 * The emulator's stand-in for plex.tv's GeoIP (`/api/v2/geoip`). There is no GeoIP database: the
 * documentation address ranges have fixed places (the demo's world lives there), any other public
 * address gets a made-up but real-looking place picked by a hash of the address (the same address
 * always gets the same place), and addresses no GeoIP can place (private, loopback, link-local,
 * multicast, reserved) are unknown. Browser-safe.
 */

import { FAKE_PLACES, type GeoLocation } from './geo-places.js';

export type { GeoLocation } from './geo-places.js';

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

/** 32-bit FNV-1a of the text: a stable, well-spread bucket for an address. */
function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
}

/** A made-up place for a public address: the same address always gets the same one. */
function fakePlace(canonical: string): GeoLocation {
  return { ...(FAKE_PLACES[fnv1a(canonical) % FAKE_PLACES.length] as GeoLocation) };
}

/** IPv4 ranges no GeoIP places: this network, private, shared (CGNAT), loopback, link-local, benchmarking, multicast and reserved. */
function unplacedIpv4([a, b]: [number, number, number, number]): boolean {
  return (
    a === 0 ||
    a === 10 ||
    (a === 100 && b >= 64 && b <= 127) ||
    a === 127 ||
    (a === 169 && b === 254) ||
    (a === 172 && b >= 16 && b <= 31) ||
    (a === 192 && b === 168) ||
    (a === 198 && (b === 18 || b === 19)) ||
    a >= 224
  );
}

/** IPv6 ranges no GeoIP places: unspecified, loopback, unique local (fc00::/7), link-local, multicast. */
function unplacedIpv6(v6: string): boolean {
  return v6 === '::' || v6 === '::1' || /^f[cd]/.test(v6) || /^fe[89ab]/.test(v6) || v6.startsWith('ff');
}

/**
 * Where an address is. Fixed for the documentation ranges: 203.0.113.0/24 (TEST-NET-3, the demo
 * seed's home) is San Francisco (the PIN location), 198.51.100.0/24 (TEST-NET-2) London,
 * 192.0.2.0/24 (TEST-NET-1) Berlin, and 2001:db8::/32 (IPv6 documentation) San Francisco. Private,
 * loopback and other unplaceable addresses are unknown (every value null). Any other address gets
 * a place from a small table of real cities, picked by a hash of the address (IPv6 in its canonical
 * form, an IPv4-mapped IPv6 address as its IPv4 one), so the same address always gets the same place.
 */
export function geolocate(ip: string): GeoLocation {
  const v6 = parseIpv4(ip) ? null : normaliseIpv6(ip);
  // ::ffff:a.b.c.d is the IPv4 address (the URL parser writes its tail in hex: ::ffff:c000:201).
  const mapped = v6 ? ipv4OfMapped(v6) : null;
  const v4 = parseIpv4(mapped ?? ip);
  if (v4) {
    const [a, b, c] = v4;
    if (a === 203 && b === 0 && c === 113) return { ...PIN_LOCATION };
    if (a === 198 && b === 51 && c === 100) return { ...LONDON };
    if (a === 192 && b === 0 && c === 2) return { ...BERLIN };
    if (unplacedIpv4(v4)) return { ...UNKNOWN_LOCATION };
    return fakePlace(v4.join('.'));
  }
  if (!v6) return { ...UNKNOWN_LOCATION };
  if (v6.startsWith('2001:db8:')) return { ...PIN_LOCATION };
  if (unplacedIpv6(v6)) return { ...UNKNOWN_LOCATION };
  return fakePlace(v6);
}

/** The IPv4 address inside an IPv4-mapped IPv6 address (canonical form), or null. */
function ipv4OfMapped(v6: string): string | null {
  const m = /^::ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/.exec(v6);
  if (!m) return null;
  const hi = Number.parseInt(m[1] as string, 16);
  const lo = Number.parseInt(m[2] as string, 16);
  return [hi >> 8, hi & 255, lo >> 8, lo & 255].join('.');
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
