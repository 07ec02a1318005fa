/** Devices signed in to the account: `GET /devices.xml`, `DELETE /devices/{id}.xml`. */
import type { PlexTvClient } from '../client.js';
import { decodeDevice, type PlexDevice } from '../models/device.js';
import type { RequestSpec } from '../transport.js';
import type { CallOptions } from './account.js';
import { bodyList, parseList } from './list.js';

export { findDevice } from '../models/device.js';

const SHAPE = { xmlItems: ['Device'], jsonKeys: ['Device', 'devices'] } as const;

/** Every device signed in to the account (`GET /devices.xml`; plex.tv has only the XML form). */
export async function getDevices(client: PlexTvClient, options: CallOptions = {}): Promise<PlexDevice[]> {
  const spec: RequestSpec = { method: 'GET', path: '/devices.xml', accept: 'xml', ...options };
  const response = await client.request(spec);
  return bodyList(response, spec, 'devices', SHAPE).map((d) => decodeDevice(d, spec));
}

/** Decode a `/devices.xml` body you already have. Throws `DecodeError` for a device without `id`/`clientIdentifier`. */
export async function parseDevices(
  text: string,
  options: { contentType?: string } = {},
): Promise<PlexDevice[]> {
  return (await parseList(text, options.contentType, 'devices', SHAPE)).map((d) => decodeDevice(d));
}

/**
 * Remove a device from the account (`DELETE /devices/{id}.xml`), which signs it out: its token stops working.
 * `id` is `PlexDevice.id` (not its client identifier).
 */
export async function removeDevice(
  client: PlexTvClient,
  id: string | number,
  options: CallOptions = {},
): Promise<void> {
  const text = String(id).trim();
  if (text === '') throw new TypeError('plextv: removeDevice needs a device id (PlexDevice.id)');
  await client.request({
    method: 'DELETE',
    path: `/devices/${encodeURIComponent(text)}.xml`,
    accept: 'xml',
    // Deleting twice deletes once: a retry after a lost answer is safe.
    idempotent: true,
    ignoreBody: true,
    ...options,
  });
}
