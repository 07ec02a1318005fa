import type { Hono } from 'hono';
import { PlexHttpError } from '../state/errors.js';
import { type GeoLocation, geolocate, isIpAddress } from '../state/geo.js';
import { documentResponse } from '../wire/format.js';
import type { XmlAttrValue, XmlElement } from '../wire/xml.js';
import { authenticate, callerIp, format, type Runtime } from './runtime.js';

const FLAGS = new Set([
  'european_union_member',
  'in_privacy_restricted_country',
  'in_privacy_restricted_region',
]);

/** XML: flags 0/1, or "Unknown" when unknown (python-plexapi expects that spelling); "" for no value. */
function locationXml(location: GeoLocation): XmlElement {
  return {
    name: 'location',
    attrs: Object.entries(location).map(([k, v]): [string, XmlAttrValue] => [
      k,
      v === null && FLAGS.has(k) ? 'Unknown' : (v as XmlAttrValue),
    ]),
  };
}

/**
 * - GET /api/v2/geoip[?ip_address=…] (token needed): where the address is (the caller's without
 *   `ip_address`), the PIN `location` shape (see state/geo.ts for the table); unknown addresses have every
 *   value null (JSON) / "" and "Unknown" flags (XML). A malformed address is 400 1000.
 * - GET /:/ip (no token or client identifier needed): the caller's address as text/plain.
 */
export function registerGeoRoutes(app: Hono, runtime: Runtime): void {
  app.get('/api/v2/geoip', async (c) => {
    await authenticate(c, runtime);
    const asked = c.req.query('ip_address')?.trim();
    const ip = asked === undefined || asked === '' ? callerIp(c) : asked;
    if (!isIpAddress(ip))
      throw new PlexHttpError({ code: 1000, message: `Invalid IP address: ${ip.slice(0, 64)}`, status: 400 });
    const location = geolocate(ip);
    return documentResponse(format(c), 200, { json: () => location, xml: () => locationXml(location) });
  });

  // Hono reads ":" as a parameter: the literal segment is a parameter that only matches ":".
  app.get('/:colon{:}/ip', (c) => c.body(callerIp(c), 200, { 'Content-Type': 'text/plain; charset=utf-8' }));
}
