/**
 * Devices (endpoints/devices.ts) against a scripted fetch: method, URL, headers (the token only in X-Plex-Token)
 * and body, and decoding the real captures.
 */
import { findDevice, getDevices, removeDevice } from 'plextv';
import { describe, expect, test } from 'vitest';
import { capture } from './captures.js';
import { BASE, empty, setup, tokenOnlyInHeader, xmlText } from './endpoint-kit.js';
import { xml } from './fake-fetch.js';

describe('devices', () => {
  test('getDevices: GET /devices.xml asking for XML; decodes the capture', async () => {
    const { client, calls } = setup([xmlText(capture('node-plex-api/devices.xml'))]);
    const devices = await getDevices(client);
    expect(calls[0]!.method).toBe('GET');
    expect(calls[0]!.url).toBe(`${BASE}/devices.xml`);
    expect(calls[0]!.headers.get('accept')).toBe('application/xml');
    tokenOnlyInHeader(calls[0]!);
    expect(devices.map((d) => d.name)).toEqual(['Node.js App', 'Yet another Node.js App']);
    expect(findDevice(devices, 'yet ANOTHER node.js app')?.id).toBe('33847195');
    expect(findDevice(devices, '758b6938-907052f04d99')?.id).toBe('33847205');
    expect(findDevice(devices, 'nope')).toBeUndefined();
  });

  test('an empty MediaContainer is no devices', async () => {
    const { client } = setup([xmlText('<MediaContainer publicAddress="1.2.3.4"/>')]);
    expect(await getDevices(client)).toEqual([]);
  });

  test('removeDevice: DELETE /devices/{id}.xml, id encoded', async () => {
    const { client, calls } = setup([xml('<Response code="200" status="Device deleted"/>'), empty()]);
    await removeDevice(client, 33847205);
    expect(calls[0]!.method).toBe('DELETE');
    expect(calls[0]!.url).toBe(`${BASE}/devices/33847205.xml`);
    tokenOnlyInHeader(calls[0]!);
    await removeDevice(client, 'a/b');
    expect(calls[1]!.url).toBe(`${BASE}/devices/a%2Fb.xml`);
    await expect(removeDevice(client, ' ')).rejects.toBeInstanceOf(TypeError);
    expect(calls).toHaveLength(2);
  });
});
