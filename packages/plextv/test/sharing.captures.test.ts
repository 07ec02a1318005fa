/**
 * Sharing: every real capture decodes, values checked, including the awkward ones (`size`/`totalSize` that
 * disagree with the children).
 */
import { parseSharedServer, parseSharingServer } from 'plextv';
import { describe, expect, test } from 'vitest';
import { capture } from './captures.js';

const rs = (path: string) => capture(`plex-api.rs/api/v2/${path}`);

describe('sharing', () => {
  test('POST /api/v2/shared_servers answer (plex-api.rs)', async () => {
    const share = await parseSharedServer(rs('shared_server_create.json'));
    expect(share).toMatchObject({
      id: 1,
      name: 'Server',
      ownerId: 2,
      invitedId: 3,
      invitedEmail: undefined,
      serverId: '4',
      accepted: true,
      acceptedAt: new Date('2021-01-11T01:11:31Z'),
      owned: true,
      inviteToken: 'invite_token',
      machineIdentifier: 'deadbeef',
      numLibraries: 2,
      allLibraries: false,
      extra: {},
    });
    expect(share.sharingSettings).toMatchObject({
      allowChannels: true,
      allowSubtitleAdmin: true,
      allowTuners: 0,
    });
    expect(share.invited).toMatchObject({
      id: 3,
      uuid: 'deadbeef1',
      username: 'username',
      email: 'example@example.com',
      status: 'accepted',
      sharingSettings: { allowSync: true },
    });
    expect(share.libraries.map((l) => [l.id, l.key, l.title, l.type])).toEqual([
      ['1001', 1, 'Movies', 'movie'],
      ['1002', 2, 'TV Shows', 'show'],
    ]);
  });

  test('v1 <SharedServer> (go-plex-client): userID is invitedId, inline flags are its sharing settings', async () => {
    const share = await parseSharedServer(
      capture('go-plex-client/plex_test.go.TestInviteFriendResponse.xml'),
    );
    expect(share).toMatchObject({
      id: 1234,
      username: 'bob-guest',
      email: 'bob@gmail.com',
      invitedId: 1234,
      accessToken: 'abc123',
      name: 'bob-server',
      acceptedAt: new Date(1465796576 * 1000),
      invitedAt: new Date(1465691504 * 1000),
      owned: false,
      extra: {},
    });
    expect(share.sharingSettings).toMatchObject({
      allowSync: false,
      allowCameraUpload: false,
      allowChannels: false,
    });
    expect(share.libraries).toEqual([
      { id: '1234', key: 1, title: 'TV Shows', type: 'show', shared: true, extra: {} },
    ]);
  });

  test('GET /api/v2/servers/{id} (plex-api.rs JSON)', async () => {
    const server = await parseSharingServer(rs('servers/machine_id.json'));
    expect(server).toEqual({
      machineIdentifier: 'machine_id',
      name: 'Server',
      address: '127.0.0.1',
      port: 443,
      version: '1.31.1.6733-bc0674160',
      scheme: 'http',
      host: undefined,
      localAddresses: ['172.0.0.0'],
      createdAt: new Date(12312423 * 1000),
      updatedAt: new Date(12321342 * 1000),
      owned: true,
      synced: false,
      librarySections: [
        { id: '1001', key: 1, title: 'Movies', type: 'movie', shared: undefined, extra: {} },
        { id: '1002', key: 2, title: 'TV Shows', type: 'show', shared: undefined, extra: {} },
      ],
      extra: {},
    });
  });

  test('GET /api/servers/{id} (go-plex-client XML, tabs before the declaration)', async () => {
    const server = await parseSharingServer(capture('go-plex-client/plex_test.go.TestSectionIDResponse.xml'));
    expect(server).toMatchObject({
      machineIdentifier: 'abc123',
      name: 'justin-server',
      address: '173.60.127.196',
      port: 32400,
      version: '1.0.3.2461-35f0caa',
      scheme: 'http',
      host: '1234',
      localAddresses: ['192.168.1.200'],
      createdAt: new Date(1448443623 * 1000),
      updatedAt: new Date(1471056069 * 1000),
      owned: true,
      synced: false,
      extra: {},
    });
    expect(server.librarySections.map((s) => [s.id, s.key, s.type, s.title])).toEqual([
      ['abc123', 2, 'movie', 'Movies'],
      ['abc123', 3, 'artist', 'Music'],
      ['abc123', 1, 'show', 'TV Shows'],
    ]);
  });
});

describe('v1 XML ≡ v2 JSON for the same sections', () => {
  test('sections: the v2 machine_id.json, written as v1 XML, decodes the same', async () => {
    const v2 = await parseSharingServer(rs('servers/machine_id.json'));
    const v1 = await parseSharingServer(`<?xml version="1.0" encoding="UTF-8"?>
<MediaContainer friendlyName="myPlex" identifier="com.plexapp.plugins.myplex" machineIdentifier="x" size="1">
  <Server name="Server" address="127.0.0.1" port="443" version="1.31.1.6733-bc0674160" scheme="http"
    localAddresses="172.0.0.0" machineIdentifier="machine_id" createdAt="12312423" updatedAt="12321342"
    owned="1" synced="0">
    <Section id="1001" key="1" type="movie" title="Movies"/>
    <Section id="1002" key="2" type="show" title="TV Shows"/>
  </Server>
</MediaContainer>`);
    expect(v1).toEqual(v2);
  });
});
