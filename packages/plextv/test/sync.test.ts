/**
 * Mobile Sync (endpoints/sync.ts, #11): the requests (path, encoded parameters, the token only in the header),
 * the python-plexapi/Tautulli-shaped XML and its JSON twin decoding to one model, and typed failures.
 */
import {
  DecodeError,
  getSyncItems,
  getSyncLists,
  parseSyncItems,
  parseSyncLists,
  removeSyncItem,
} from 'plextv';
import { describe, expect, test } from 'vitest';
import { BASE, empty, jsonText, request, setup, tokenOnlyInHeader, xmlText } from './endpoint-kit.js';

// As python-plexapi's sync.py reads it: a <SyncList clientIdentifier> root holding <SyncItems>.
const SYNC_ITEMS_XML = `<?xml version="1.0" encoding="UTF-8"?>
<SyncList clientIdentifier="phone-1" version="3" extraAttr="kept">
  <SyncItems>
    <SyncItem id="41" version="2" rootTitle="Season 3" title="Show S3" metadataType="episode" contentType="video" futureAttr="x">
      <Server machineIdentifier="srv-1"/>
      <Status failureCode="" failure="" state="pending" itemsCount="10" itemsCompleteCount="4" itemsDownloadedCount="3" itemsReadyCount="4" itemsSuccessfulCount="4" totalSize="6442450944"/>
      <MediaSettings audioBoost="100" maxVideoBitrate="" musicBitrate="192" photoQuality="74" photoResolution="1920x1080" videoQuality="" videoResolution="" subtitleSize="100"/>
      <Policy scope="count" unwatched="1" value="5"/>
      <Location uri="library://abc/directory/%2Flibrary%2Fmetadata%2F12%2Fchildren"/>
    </SyncItem>
  </SyncItems>
</SyncList>`;

const SYNC_ITEMS_JSON = JSON.stringify({
  clientIdentifier: 'phone-1',
  version: 3,
  extraAttr: 'kept',
  SyncItems: {
    SyncItem: [
      {
        id: 41,
        version: 2,
        rootTitle: 'Season 3',
        title: 'Show S3',
        metadataType: 'episode',
        contentType: 'video',
        futureAttr: 'x',
        Server: { machineIdentifier: 'srv-1' },
        Status: {
          failureCode: '',
          failure: '',
          state: 'pending',
          itemsCount: 10,
          itemsCompleteCount: 4,
          itemsDownloadedCount: 3,
          itemsReadyCount: 4,
          itemsSuccessfulCount: 4,
          totalSize: 6442450944,
        },
        MediaSettings: {
          audioBoost: 100,
          maxVideoBitrate: '',
          musicBitrate: 192,
          photoQuality: 74,
          photoResolution: '1920x1080',
          videoQuality: '',
          videoResolution: '',
          subtitleSize: 100,
        },
        Policy: { scope: 'count', unwatched: true, value: 5 },
        Location: { uri: 'library://abc/directory/%2Flibrary%2Fmetadata%2F12%2Fchildren' },
      },
    ],
  },
});

// As Tautulli's get_synced_items reads it: <SyncList id clientIdentifier> each with its <Device>.
const SYNC_LISTS_XML = `<MediaContainer size="2">
  <SyncList id="900" clientIdentifier="phone-1" version="3">
    <Device clientIdentifier="phone-1" userID="12" name="iPhone" product="Plex for iOS" productVersion="8.4" platform="iOS" platformVersion="18" device="iPhone" model="16,1" lastSeenAt="1700000000"/>
    <SyncItems><SyncItem id="41" title="A"/><SyncItem id="42" title="B"/></SyncItems>
  </SyncList>
  <SyncList id="901" clientIdentifier="tablet-2"><SyncItems></SyncItems></SyncList>
</MediaContainer>`;

describe('the bodies', () => {
  test('sync items: every field python-plexapi reads; unknown attributes kept; blanks are absent', async () => {
    const list = await parseSyncItems(SYNC_ITEMS_XML);
    expect(list.clientIdentifier).toBe('phone-1');
    expect(list.extra).toEqual({ version: '3', extraAttr: 'kept' });
    expect(list.items).toHaveLength(1);
    const [item] = list.items;
    expect(item).toMatchObject({
      id: 41,
      version: 2,
      rootTitle: 'Season 3',
      title: 'Show S3',
      metadataType: 'episode',
      contentType: 'video',
      machineIdentifier: 'srv-1',
      location: 'library://abc/directory/%2Flibrary%2Fmetadata%2F12%2Fchildren',
      extra: { futureAttr: 'x' },
    });
    expect(item!.status).toMatchObject({ state: 'pending', itemsCount: 10, totalSize: 6442450944 });
    expect(item!.status!.failureCode).toBeUndefined();
    expect(item!.mediaSettings).toMatchObject({ audioBoost: 100, musicBitrate: 192, subtitleSize: 100 });
    // python-plexapi: "may be an empty string" (original quality): no value.
    expect(item!.mediaSettings!.maxVideoBitrate).toBeUndefined();
    expect(item!.mediaSettings!.videoResolution).toBeUndefined();
    expect(item!.policy).toEqual({ scope: 'count', unwatched: true, value: 5, extra: {} });
  });

  test('the JSON twin decodes to the same model', async () => {
    const fromXml = await parseSyncItems(SYNC_ITEMS_XML);
    const fromJson = await parseSyncItems(SYNC_ITEMS_JSON);
    // XML attributes are strings: `version` in extra is "3" there and 3 in JSON.
    expect({ ...fromJson, extra: {} }).toEqual({ ...fromXml, extra: {} });
  });

  test('a root holding <SyncItem> directly, or a MediaContainer holding one <SyncList>, reads the same', async () => {
    const bare = await parseSyncItems('<SyncItems clientIdentifier="c"><SyncItem id="1"/></SyncItems>');
    expect(bare.clientIdentifier).toBe('c');
    expect(bare.items.map((i) => i.id)).toEqual([1]);
    const wrapped = await parseSyncItems(
      '<MediaContainer><SyncList clientIdentifier="c"><SyncItems><SyncItem id="2"/></SyncItems></SyncList></MediaContainer>',
    );
    expect(wrapped.items.map((i) => i.id)).toEqual([2]);
    expect((await parseSyncItems('<SyncList clientIdentifier="c"/>')).items).toEqual([]);
  });

  test('sync lists: each device with its user and items', async () => {
    const lists = await parseSyncLists(SYNC_LISTS_XML);
    expect(lists.map((l) => [l.id, l.clientIdentifier, l.items.map((i) => i.id)])).toEqual([
      [900, 'phone-1', [41, 42]],
      [901, 'tablet-2', []],
    ]);
    expect(lists[0]!.device).toMatchObject({
      clientIdentifier: 'phone-1',
      userId: 12,
      name: 'iPhone',
      model: '16,1',
      lastSeenAt: new Date(1_700_000_000_000),
    });
    expect(lists[1]!.device).toBeUndefined();
  });

  test('an item without an id is a DecodeError naming it; a body of the wrong shape too', async () => {
    const error = await parseSyncItems(
      '<SyncList><SyncItems><SyncItem title="x"/></SyncItems></SyncList>',
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DecodeError);
    expect((error as DecodeError).field).toMatch(/SyncItem.*\.id$/);
    await expect(parseSyncLists('"text"')).rejects.toBeInstanceOf(DecodeError);
    await expect(parseSyncItems('[1]')).rejects.toBeInstanceOf(DecodeError);
  });
});

describe('the requests', () => {
  test('getSyncItems: GET /devices/{clientIdentifier}/sync_items, encoded, XML asked, token in the header', async () => {
    const { client, calls } = setup([xmlText(SYNC_ITEMS_XML)]);
    const list = await getSyncItems(client, 'phone/1 ?');
    expect(list.items[0]!.id).toBe(41);
    expect(request(calls[0]!)).toEqual({
      method: 'GET',
      origin: BASE,
      path: '/devices/phone%2F1%20%3F/sync_items',
      query: {},
    });
    expect(calls[0]!.headers.get('accept')).toMatch(/xml/);
    tokenOnlyInHeader(calls[0]!);
  });

  test('removeSyncItem: DELETE /devices/{clientIdentifier}/sync_items/{id}; the answer is not read', async () => {
    const { client, calls } = setup([empty(), xmlText('<not xml')]);
    await removeSyncItem(client, 'phone-1', 41);
    await removeSyncItem(client, 'phone-1', 'a/b');
    expect(request(calls[0]!)).toMatchObject({ method: 'DELETE', path: '/devices/phone-1/sync_items/41' });
    expect(request(calls[1]!).path).toBe('/devices/phone-1/sync_items/a%2Fb');
    tokenOnlyInHeader(calls[0]!);
  });

  test('getSyncLists: GET /servers/{machineIdentifier}/sync_lists', async () => {
    const { client, calls } = setup([jsonText('{"MediaContainer":{"size":0}}')]);
    expect(await getSyncLists(client, 'srv 1')).toEqual([]);
    expect(request(calls[0]!)).toMatchObject({ method: 'GET', path: '/servers/srv%201/sync_lists' });
    tokenOnlyInHeader(calls[0]!);
  });

  test('blank parameters are a TypeError naming the call, sent nowhere', async () => {
    const { client, calls } = setup([]);
    await expect(getSyncItems(client, '')).rejects.toThrow(/plextv: getSyncItems needs/);
    await expect(removeSyncItem(client, 'phone-1', '')).rejects.toThrow(/plextv: removeSyncItem needs/);
    await expect(getSyncLists(client, ' ')).rejects.toThrow(/plextv: getSyncLists needs/);
    expect(calls).toEqual([]);
  });
});
