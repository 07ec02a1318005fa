/** The claim token, and the public IP and geo-IP, through the library against the emulator. */
import { createClient, getClaimToken, getGeoIp, getPublicIp } from 'plextv';
import { createEmulator } from 'plextv-emulator';
import { beforeEach, describe, expect, test } from 'vitest';

const emulator = createEmulator();
const client = (token: string) =>
  createClient({
    clientIdentifier: 'devices-tests',
    baseUrl: 'https://plex.tv',
    fetch: emulator.fetch.bind(emulator),
    token,
  });

beforeEach(() => emulator.control.reset());

describe('account settings: claim token, public IP, geoip', () => {
  test('claim token, public IP, geoip', async () => {
    const demo = client('demo-token');
    expect(await getClaimToken(demo)).toMatch(/^claim-/);
    expect(await getPublicIp(demo)).toBe('203.0.113.10');
    expect(await getGeoIp(demo, '192.0.2.7')).toMatchObject({ city: 'Berlin', europeanUnionMember: true });
    const unknown = await getGeoIp(demo, '10.0.0.1');
    expect(unknown.city).toBeUndefined();
    expect(unknown.europeanUnionMember).toBeUndefined();
  });
});
