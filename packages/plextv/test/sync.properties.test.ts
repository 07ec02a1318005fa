/**
 * Properties: one sync list rendered as XML (python-plexapi's shape) and as JSON decodes to the same model, the
 * one it was made from; and the downloads decoder keeps every platform it is given.
 */
import fc from 'fast-check';
import { parseServerDownloads, parseSyncItems, parseSyncLists, type SyncItem } from 'plextv';
import { describe, expect, test } from 'vitest';

const opt = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined });
const text = fc.stringMatching(/^[A-Za-z0-9’&<>"'._#():/%-]{1,16}$/);
const count = fc.integer({ min: 0, max: 2 ** 40 });

const itemArb = fc.record({
  id: fc.integer({ min: 1, max: 2 ** 31 }),
  version: opt(fc.integer({ min: 0, max: 99 })),
  rootTitle: opt(text),
  title: opt(text),
  metadataType: opt(fc.constantFrom('movie', 'episode', 'track')),
  contentType: opt(fc.constantFrom('video', 'audio', 'photo')),
  machineIdentifier: opt(text),
  status: opt(
    fc.record({
      state: opt(fc.constantFrom('pending', 'completed')),
      itemsCount: opt(count),
      itemsCompleteCount: opt(count),
      totalSize: opt(count),
    }),
  ),
  policy: opt(
    fc.record({
      scope: opt(fc.constantFrom('all', 'count')),
      value: opt(count),
      unwatched: opt(fc.boolean()),
    }),
  ),
  location: opt(text),
});
type Item = typeof itemArb extends fc.Arbitrary<infer T> ? T : never;

const esc = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const attrs = (o: Record<string, unknown>) =>
  Object.entries(o)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => ` ${k}="${esc(typeof v === 'boolean' ? (v ? '1' : '0') : String(v))}"`)
    .join('');

function itemXml(i: Item): string {
  const { id, version, rootTitle, title, metadataType, contentType } = i;
  return [
    `<SyncItem${attrs({ id, version, rootTitle, title, metadataType, contentType })}>`,
    i.machineIdentifier === undefined ? '' : `<Server${attrs({ machineIdentifier: i.machineIdentifier })}/>`,
    i.status ? `<Status${attrs(i.status)}/>` : '',
    i.policy ? `<Policy${attrs(i.policy)}/>` : '',
    i.location === undefined ? '' : `<Location${attrs({ uri: i.location })}/>`,
    '</SyncItem>',
  ].join('');
}

function itemJson(i: Item): Record<string, unknown> {
  const { id, version, rootTitle, title, metadataType, contentType } = i;
  return {
    id,
    version,
    rootTitle,
    title,
    metadataType,
    contentType,
    Server: i.machineIdentifier === undefined ? undefined : { machineIdentifier: i.machineIdentifier },
    Status: i.status,
    Policy: i.policy,
    Location: i.location === undefined ? undefined : { uri: i.location },
  };
}

/** The model `i` should decode to. */
function model(i: Item): SyncItem {
  const sub = <T extends object>(o: T | undefined) => (o ? { ...o, extra: {} } : undefined);
  const status = i.status && {
    state: i.status.state,
    itemsCount: i.status.itemsCount,
    itemsCompleteCount: i.status.itemsCompleteCount,
    itemsDownloadedCount: undefined,
    itemsReadyCount: undefined,
    itemsSuccessfulCount: undefined,
    totalSize: i.status.totalSize,
    failureCode: undefined,
    failure: undefined,
  };
  const policy = i.policy && { scope: i.policy.scope, value: i.policy.value, unwatched: i.policy.unwatched };
  return {
    id: i.id,
    version: i.version,
    rootTitle: i.rootTitle,
    title: i.title,
    metadataType: i.metadataType,
    contentType: i.contentType,
    machineIdentifier: i.machineIdentifier,
    status: sub(status),
    mediaSettings: undefined,
    policy: sub(policy),
    location: i.location,
    extra: {},
  };
}

describe('sync bodies', () => {
  test('XML and JSON of one sync list decode to the items they were made from', async () => {
    await fc.assert(
      fc.asyncProperty(text, fc.array(itemArb, { maxLength: 4 }), async (clientIdentifier, items) => {
        const xml = `<SyncList${attrs({ clientIdentifier })}><SyncItems>${items.map(itemXml).join('')}</SyncItems></SyncList>`;
        const json = JSON.stringify({ clientIdentifier, SyncItems: { SyncItem: items.map(itemJson) } });
        const expected = {
          id: undefined,
          clientIdentifier,
          device: undefined,
          items: items.map(model),
          extra: {},
        };
        expect(await parseSyncItems(xml)).toEqual(expected);
        expect(await parseSyncItems(json)).toEqual(expected);
        // The same list in a sync_lists container.
        expect(await parseSyncLists(`<MediaContainer>${xml}</MediaContainer>`)).toEqual([expected]);
      }),
      { numRuns: 150 },
    );
  });

  test('downloads: every platform given, under its own key, with its version', async () => {
    const platform = fc.stringMatching(/^[A-Za-z_$][A-Za-z0-9_$]{0,10}$/);
    await fc.assert(
      fc.asyncProperty(fc.dictionary(platform, text, { maxKeys: 6 }), async (versions) => {
        const body = Object.fromEntries(Object.entries(versions).map(([k, version]) => [k, { version }]));
        const downloads = await parseServerDownloads(JSON.stringify({ nas: body }));
        expect(Object.keys(downloads.nas)).toEqual(Object.keys(body));
        for (const [k, version] of Object.entries(versions)) {
          expect(downloads.nas[k]).toMatchObject({ platform: k, version, releases: [] });
        }
      }),
      { numRuns: 100 },
    );
  });
});
