/** Where plex.tv places an address: `GET /api/v2/geoip`, and the caller's public address, `GET /:/ip`. */
import type { PlexTvClient } from '../client.js';
import { DecodeError } from '../errors.js';
import { decodeLocation, type GeoLocation } from '../models/location.js';
import type { RequestSpec } from '../transport.js';
import type { CallOptions } from './account.js';
import { bodyObject } from './decode.js';

/**
 * Where plex.tv places `ip` (IPv4 or IPv6), or the caller when `ip` is omitted (`GET /api/v2/geoip`).
 * Flags plex.tv does not know (`"Unknown"`) are undefined.
 */
export async function getGeoIp(
  client: PlexTvClient,
  ip?: string,
  options: CallOptions = {},
): Promise<GeoLocation> {
  const spec: RequestSpec = {
    method: 'GET',
    path: '/api/v2/geoip',
    query: { ip_address: ip === undefined || ip.trim() === '' ? undefined : ip.trim() },
    ...options,
  };
  const response = await client.request(spec);
  const root = bodyObject(response, spec, 'location');
  // XML is `<location …/>`; JSON is the object itself, or (accepted) wrapped as {"location": {…}}.
  const wrapped = root.format === 'json' && root.keys().length === 1 ? root.object('location') : undefined;
  return decodeLocation(wrapped ?? root);
}

/** The caller's public IP address as plex.tv sees it (`GET /:/ip`, a text/plain answer). No token is sent. */
export async function getPublicIp(client: PlexTvClient, options: CallOptions = {}): Promise<string> {
  const spec: RequestSpec = {
    method: 'GET',
    path: '/:/ip',
    auth: false,
    headers: { Accept: 'text/plain' },
    ...options,
  };
  const response = await client.request(spec);
  const { body } = response;
  const text =
    body.format === 'text'
      ? body.text
      : body.format === 'json' && typeof body.json === 'string'
        ? body.json
        : '';
  const ip = text?.trim() ?? '';
  if (ip === '' || /\s/.test(ip)) {
    throw new DecodeError(`GET /:/ip: expected an IP address as text, got ${body.format}`, {
      method: 'GET',
      path: '/:/ip',
      status: response.status,
    });
  }
  return ip;
}
