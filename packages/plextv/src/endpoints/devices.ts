/** Devices signed in to the account: `GET /devices.xml`, `DELETE /devices/{id}.xml`. */
import type { PlexTvClient } from '../client.js';
import { decodeDevice, type PlexDevice } from '../models/device.js';
import type { CallOptions } from '../transport.js';
import { listBody, parser } from './body.js';
import { call } from './call.js';
import { route } from './route.js';

export { findDevice } from '../models/device.js';

const DEVICES = listBody('devices', { xmlItems: ['Device'], jsonKeys: ['Device', 'devices'] }, decodeDevice);

const GET_DEVICES = route('getDevices', 'GET /devices.xml', { accept: 'xml', body: DEVICES });

const REMOVE_DEVICE = route('removeDevice', 'DELETE /devices/{id}.xml', {
  params: { id: 'a device id (PlexDevice.id)' },
  accept: 'xml',
  // Deleting twice deletes once: a retry after a lost answer is safe.
  idempotent: true,
});

/** Every device signed in to the account (`GET /devices.xml`; plex.tv has only the XML form). */
export async function getDevices(client: PlexTvClient, options: CallOptions = {}): Promise<PlexDevice[]> {
  return call(client, GET_DEVICES, {}, options);
}

/** Decode a `/devices.xml` body you already have. Throws `DecodeError` for a device without `id`/`clientIdentifier`. */
export const parseDevices: (text: string, options?: { contentType?: string }) => Promise<PlexDevice[]> =
  parser(DEVICES);

/**
 * Remove a device from the account (`DELETE /devices/{id}.xml`), which signs it out: its token stops working.
 * `id` is `PlexDevice.id` (not its client identifier).
 */
export async function removeDevice(
  client: PlexTvClient,
  id: string | number,
  options: CallOptions = {},
): Promise<void> {
  await call(client, REMOVE_DEVICE, { params: { id } }, options);
}
