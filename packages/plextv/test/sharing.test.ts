/**
 * Sharing (endpoints/sharing.ts): every endpoint against a scripted fetch, asserting method, URL, headers (the
 * token only in X-Plex-Token) and body.
 */
import {
  getSharingServer,
  removeShare,
  shareServer,
  sharingSections,
  updateShare,
  updateSharingSettings,
} from 'plextv';
import { describe, expect, test } from 'vitest';
import { capture } from './captures.js';
import {
  BASE,
  CLIENTS,
  empty,
  jsonText,
  request,
  setup,
  tokenOnlyInHeader,
  xmlText,
} from './endpoint-kit.js';

describe('sharing', () => {
  test('sharingSections / getSharingServer: GET /api/servers/{machineId} asking for XML', async () => {
    const { client, calls } = setup([
      xmlText(capture('go-plex-client/plex_test.go.TestSectionIDResponse.xml')),
      jsonText(capture('plex-api.rs/api/v2/servers/machine_id.json')),
    ]);
    const sections = await sharingSections(client, 'abc123');
    expect(request(calls[0]!)).toEqual({
      method: 'GET',
      origin: BASE,
      path: '/api/servers/abc123',
      query: {},
    });
    expect(calls[0]!.headers.get('accept')).toBe('application/xml');
    tokenOnlyInHeader(calls[0]!);
    expect(sections.map((s) => s.title)).toEqual(['Movies', 'Music', 'TV Shows']);
    // A JSON answer (the v2 shape) decodes too.
    const server = await getSharingServer(client, 'machine_id');
    expect(server.librarySections.map((s) => s.id)).toEqual(['1001', '1002']);
  });

  test('shareServer: POST /api/v2/shared_servers with the JSON body; resolves with the share', async () => {
    const { client, calls } = setup([jsonText(capture('plex-api.rs/api/v2/shared_server_create.json'))]);
    const share = await shareServer(client, {
      machineIdentifier: 'deadbeef',
      invitedEmail: 'example@example.com',
      librarySectionIds: [1001, '1002'],
      settings: {
        allowSync: true,
        allowChannels: true,
        allowTuners: 2,
        filterMovies: { contentRating: ['G', 'PG'], excludeLabel: ['scary'] },
        filterTelevision: 'contentRating=TV-Y',
      },
    });
    expect(request(calls[0]!)).toEqual({
      method: 'POST',
      origin: BASE,
      path: '/api/v2/shared_servers',
      query: {},
    });
    expect(calls[0]!.headers.get('content-type')).toBe('application/json');
    tokenOnlyInHeader(calls[0]!);
    expect(JSON.parse(calls[0]!.body!)).toEqual({
      machineIdentifier: 'deadbeef',
      librarySectionIds: [1001, 1002],
      settings: {
        allowSync: true,
        allowChannels: true,
        allowTuners: 2,
        filterMovies: 'contentRating=G%2CPG|label!=scary',
        filterTelevision: 'contentRating=TV-Y',
      },
      invitedEmail: 'example@example.com',
    });
    expect(share).toMatchObject({ id: 1, invitedId: 3, machineIdentifier: 'deadbeef' });
  });

  test('shareServer by invitedId; bad input is a TypeError before any request', async () => {
    const { client, calls } = setup([jsonText(capture('plex-api.rs/api/v2/shared_server_create.json'))]);
    await shareServer(client, { machineIdentifier: 'm', invitedId: 3, librarySectionIds: [] });
    expect(JSON.parse(calls[0]!.body!)).toEqual({
      machineIdentifier: 'm',
      librarySectionIds: [],
      settings: {},
      invitedId: 3,
    });
    const base = { machineIdentifier: 'm', librarySectionIds: [1] };
    await expect(shareServer(client, base)).rejects.toBeInstanceOf(TypeError);
    await expect(
      shareServer(client, { ...base, invitedId: 1, invitedEmail: 'a@b.c' }),
    ).rejects.toBeInstanceOf(TypeError);
    await expect(
      shareServer(client, { ...base, invitedId: 1, librarySectionIds: ['abc123'] }),
    ).rejects.toBeInstanceOf(TypeError);
    await expect(
      shareServer(client, { ...base, invitedId: 1, settings: { allowTuners: 3 } }),
    ).rejects.toBeInstanceOf(TypeError);
    await expect(
      shareServer(client, { ...base, invitedId: 1, settings: { allowSync: 1 as unknown as boolean } }),
    ).rejects.toBeInstanceOf(TypeError);
    await expect(
      shareServer(client, { ...base, machineIdentifier: '', invitedId: 1 }),
    ).rejects.toBeInstanceOf(TypeError);
    expect(calls).toHaveLength(1);
  });

  test('updateShare: POST clients.plex.tv /api/v2/shared_servers/{id} with librarySectionIds (unverified endpoint)', async () => {
    const { client, calls } = setup([empty()]);
    await updateShare(client, 1, {
      librarySectionIds: ['1001'],
      settings: { allowSync: false },
      machineIdentifier: 'deadbeef',
    });
    expect(request(calls[0]!)).toEqual({
      method: 'POST',
      origin: CLIENTS,
      path: '/api/v2/shared_servers/1',
      query: {},
    });
    expect(calls[0]!.headers.get('content-type')).toBe('application/json');
    tokenOnlyInHeader(calls[0]!);
    expect(JSON.parse(calls[0]!.body!)).toEqual({
      librarySectionIds: [1001],
      settings: { allowSync: false },
      machineIdentifier: 'deadbeef',
    });
  });

  test('removeShare: DELETE clients.plex.tv /api/v2/shared_servers/{id} (unverified endpoint)', async () => {
    const { client, calls } = setup([empty()]);
    await removeShare(client, 7654321);
    expect(request(calls[0]!)).toEqual({
      method: 'DELETE',
      origin: CLIENTS,
      path: '/api/v2/shared_servers/7654321',
      query: {},
    });
    tokenOnlyInHeader(calls[0]!);
  });

  test('updateSharingSettings: PUT /api/v2/sharings/{userId} with 0/1 flags, allowTuners 0/1/2, filters as query', async () => {
    const { client, calls } = setup([empty()]);
    await updateSharingSettings(client, 6, {
      allowSync: true,
      allowCameraUpload: false,
      allowTuners: 2,
      filterMovies: { contentRating: ['G', 'PG'] },
      filterMusic: '',
    });
    expect(request(calls[0]!)).toEqual({
      method: 'PUT',
      origin: BASE,
      path: '/api/v2/sharings/6',
      query: {
        allowSync: '1',
        allowCameraUpload: '0',
        allowTuners: '2',
        filterMovies: 'contentRating=G%2CPG',
        filterMusic: '',
      },
    });
    expect(calls[0]!.body).toBeUndefined();
    tokenOnlyInHeader(calls[0]!);
    await expect(updateSharingSettings(client, 6, {})).rejects.toBeInstanceOf(TypeError);
    expect(calls).toHaveLength(1);
  });
});
