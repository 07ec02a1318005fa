/** The pre-v2 reads (#11): the account from /users/account[.json] and resources from v1 /api/resources. */
import { createClient, getAccountV1, getResources, getResourcesV1, getUser, UnauthorizedError } from 'plextv';
import { createEmulator } from 'plextv-emulator';
import { describe, expect, test } from 'vitest';
import { capture } from './captures.js';
import { json, scriptedFetch, xml } from './fake-fetch.js';

const emulator = createEmulator();
const client = (token?: string) =>
  createClient({ clientIdentifier: 'v1-tests', fetch: emulator.fetch.bind(emulator), token });

describe('getAccountV1', () => {
  test('JSON and XML from the emulator decode to the account getUser reads', async () => {
    const v2 = await getUser(client('demo-token'));
    const fromJson = await getAccountV1(client('demo-token'));
    const fromXml = await getAccountV1(client('demo-token'), { xml: true });
    for (const a of [fromJson, fromXml]) {
      expect(a).toMatchObject({ id: v2.id, uuid: v2.uuid, username: v2.username, authToken: 'demo-token' });
    }
    await expect(getAccountV1(client('nope'))).rejects.toBeInstanceOf(UnauthorizedError);
  });

  test("python-plexapi's legacy ACCOUNT_XML capture through the call: path, Accept, decoded fields", async () => {
    const { fetch, calls } = scriptedFetch([
      xml(capture('python-plexapi/payloads.ACCOUNT_XML.legacy-777ea754.xml')),
      json({ user: { id: 1, uuid: 'u', authToken: 't', username: 'x' } }),
    ]);
    const c = createClient({ clientIdentifier: 'c', baseUrl: 'https://plex.test', fetch, token: 't' });
    const account = await getAccountV1(c, { xml: true });
    expect(calls[0]!.url).toBe('https://plex.test/users/account');
    expect(calls[0]!.headers.get('accept')).toBe('application/xml');
    expect(account.id).toBeTypeOf('number');
    expect(account.hasPassword).toBe(true);
    expect((await getAccountV1(c)).username).toBe('x');
    expect(calls[1]!.url).toBe('https://plex.test/users/account.json');
  });
});

describe('getResourcesV1', () => {
  test('v1 /api/resources XML decodes to the same servers as v2', async () => {
    const v2 = await getResources(client('demo-token'));
    const v1 = await getResourcesV1(client('demo-token'));
    expect(v1.map((r) => r.clientIdentifier).sort()).toEqual(v2.map((r) => r.clientIdentifier).sort());
    const server = v1.find((r) => r.provides?.includes('server'));
    expect(server?.connections.length).toBeGreaterThan(0);
  });
});
