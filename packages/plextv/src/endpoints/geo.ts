/** Where plex.tv places an address: `GET /api/v2/geoip`, and the caller's public address, `GET /:/ip`. */
import type { PlexTvClient } from '../client.js';
import { decodeLocation, type GeoLocation } from '../models/location.js';
import type { CallOptions } from '../transport.js';
import { type BodyDecoder, objectBody } from './body.js';
import { call } from './call.js';
import { route } from './route.js';

const GEOIP = route('getGeoIp', 'GET /api/v2/geoip', {
  body: objectBody('location', (root) => {
    // XML is `<location …/>`; JSON is the object itself, or (accepted) wrapped as {"location": {…}}.
    const wrapped = root.format === 'json' && root.keys().length === 1 ? root.object('location') : undefined;
    return decodeLocation(wrapped ?? root);
  }),
});

// A text/plain answer: one address, nothing else.
const IP_TEXT: BodyDecoder<string> = {
  field: 'ip',
  expected: 'an IP address as text',
  read: (body) => {
    const text =
      body.format === 'text'
        ? body.text
        : body.format === 'json' && typeof body.json === 'string'
          ? body.json
          : '';
    const ip = text?.trim() ?? '';
    return ip === '' || /\s/.test(ip) ? undefined : ip;
  },
};
const PUBLIC_IP = route('getPublicIp', 'GET /:/ip', { accept: 'text', auth: false, body: IP_TEXT });

/**
 * Where plex.tv places `ip` (IPv4 or IPv6), or the caller when `ip` is omitted (`GET /api/v2/geoip`).
 * Flags plex.tv does not know (`"Unknown"`) are undefined.
 */
export async function getGeoIp(
  client: PlexTvClient,
  ip?: string,
  options: CallOptions = {},
): Promise<GeoLocation> {
  const address = ip === undefined || ip.trim() === '' ? undefined : ip.trim();
  return call(client, GEOIP, { query: { ip_address: address } }, options);
}

/** The caller's public IP address as plex.tv sees it (`GET /:/ip`, a text/plain answer). No token is sent. */
export async function getPublicIp(client: PlexTvClient, options: CallOptions = {}): Promise<string> {
  return call(client, PUBLIC_IP, {}, options);
}
