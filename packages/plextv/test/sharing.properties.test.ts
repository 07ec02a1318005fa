/**
 * Properties of the sharing decoders: a random server's sections rendered as v2 JSON and as v1 XML decode to the
 * same models; sharing filters read back what was written; hostile bodies give the Home, friends and sharing
 * decoders a model or a DecodeError, nothing else.
 */
import fc from 'fast-check';
import {
  DecodeError,
  formatSharingFilter,
  parseFriends,
  parseHomeUsers,
  parseSharedUsers,
  parseSharingServer,
  readSharingFilter,
  type SharingFilter,
} from 'plextv';
import { describe, expect, test } from 'vitest';
import { attrs, epoch, flag, text } from './wire-render.js';

// ---- Home users (plex.tv's rules: JSON null / XML "" for no value; JSON bools / XML 0|1) ----

// ---- A server's sections (v2 /api/v2/servers/{id} JSON vs v1 /api/servers/{id} XML) ----

const ipv4 = fc.ipV4();
const serverArb = fc.record({
  machineIdentifier: fc.stringMatching(/^[0-9a-f]{12,40}$/),
  name: text,
  address: ipv4,
  port: fc.integer({ min: 1, max: 65535 }),
  version: fc.stringMatching(/^1\.\d{1,2}\.\d\.\d{4}-[0-9a-f]{9}$/),
  scheme: fc.constantFrom('http', 'https'),
  localAddresses: fc.array(ipv4, { maxLength: 3 }),
  createdAt: epoch,
  updatedAt: epoch,
  owned: fc.boolean(),
  synced: fc.boolean(),
  sections: fc.array(
    fc.record({
      id: fc.integer({ min: 1, max: 2 ** 40 }),
      key: fc.integer({ min: 1, max: 9999 }),
      title: text,
      type: fc.constantFrom('movie', 'show', 'artist', 'photo'),
    }),
    { maxLength: 6 },
  ),
});

describe('sections: v1 XML ≡ v2 JSON', () => {
  test('a random server rendered both ways decodes to deep-equal models', async () => {
    await fc.assert(
      fc.asyncProperty(serverArb, async (s) => {
        const json = JSON.stringify({
          name: s.name,
          address: s.address,
          port: s.port,
          version: s.version,
          scheme: s.scheme,
          synced: s.synced,
          owned: s.owned,
          localAddresses: s.localAddresses.join(','),
          machineIdentifier: s.machineIdentifier,
          createdAt: s.createdAt,
          updatedAt: s.updatedAt,
          librarySections: s.sections,
        });
        const xml = [
          '<?xml version="1.0" encoding="UTF-8"?>',
          '<MediaContainer friendlyName="myPlex" identifier="com.plexapp.plugins.myplex" machineIdentifier="x" size="1">',
          `<Server${attrs({
            name: s.name,
            address: s.address,
            port: s.port,
            version: s.version,
            scheme: s.scheme,
            localAddresses: s.localAddresses.join(','),
            machineIdentifier: s.machineIdentifier,
            createdAt: s.createdAt,
            updatedAt: s.updatedAt,
            owned: flag(s.owned),
            synced: flag(s.synced),
          })}>`,
          ...s.sections.map(
            (x) => `  <Section${attrs({ id: x.id, key: x.key, type: x.type, title: x.title })}/>`,
          ),
          '</Server>',
          '</MediaContainer>',
        ].join('\n');
        const fromJson = await parseSharingServer(json);
        const fromXml = await parseSharingServer(xml);
        expect(fromXml).toStrictEqual(fromJson);
        expect(fromJson.librarySections.map((x) => x.id)).toEqual(s.sections.map((x) => String(x.id)));
        expect(fromJson.localAddresses).toEqual(s.localAddresses);
      }),
      { numRuns: 150 },
    );
  });
});

// ---- Sharing filters ----

const filterValue = fc
  .string({ unit: 'grapheme', minLength: 1, maxLength: 10 })
  .filter((v) => !v.includes(','));
const filterArb = fc.record({
  contentRating: fc.array(filterValue, { maxLength: 4 }),
  excludeContentRating: fc.array(filterValue, { maxLength: 3 }),
  label: fc.array(filterValue, { maxLength: 3 }),
  excludeLabel: fc.array(filterValue, { maxLength: 3 }),
  other: fc.dictionary(
    fc
      .stringMatching(/^[a-z][A-Za-z]{0,8}!?$/)
      .filter((k) => !['contentRating', 'label'].includes(k.replace('!', ''))),
    fc.array(filterValue, { minLength: 1, maxLength: 3 }),
    { maxKeys: 2 },
  ),
});

describe('sharing filters', () => {
  test('readSharingFilter(formatSharingFilter(f)) is f, whatever the values hold (| & = + % spaces, non-ASCII)', () => {
    fc.assert(
      fc.property(filterArb, (f: SharingFilter) => {
        const written = formatSharingFilter(f);
        expect(readSharingFilter(written)).toEqual(f);
        // The written form has plex.tv's separators only between pairs.
        const pairs = written === '' ? 0 : written.split('|').length;
        const nonEmpty = Object.values({ ...f, other: undefined }).filter(
          (v) => Array.isArray(v) && v.length > 0,
        );
        expect(pairs).toBe(nonEmpty.length + Object.keys(f.other).length);
      }),
      { numRuns: 300 },
    );
  });

  test('any text reads as a filter without throwing', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 60 }), (s) => {
        const f = readSharingFilter(s);
        expect(Array.isArray(f.contentRating)).toBe(true);
      }),
      { numRuns: 500 },
    );
    expect(readSharingFilter(null)).toEqual(readSharingFilter(''));
    expect(readSharingFilter('contentRating=%E0%A4%A|label=a%ZZ')).toEqual({
      contentRating: ['%E0%A4%A'],
      excludeContentRating: [],
      label: ['a%ZZ'],
      excludeLabel: [],
      other: {},
    });
  });
});

describe('hostile input', () => {
  const parsers = { parseHomeUsers, parseSharedUsers, parseFriends, parseSharingServer };

  test.each(Object.entries(parsers))(
    '%s: any JSON value gives a model or a DecodeError',
    async (_name, parse) => {
      await fc.assert(
        fc.asyncProperty(fc.jsonValue(), async (value) => {
          try {
            await parse(JSON.stringify(value));
          } catch (error) {
            expect(error).toBeInstanceOf(DecodeError);
          }
        }),
        { numRuns: 300 },
      );
    },
  );

  test.each(Object.entries(parsers))('%s: any text gives a model or a DecodeError', async (_name, parse) => {
    await fc.assert(
      fc.asyncProperty(fc.string({ maxLength: 80 }), async (body) => {
        try {
          await parse(body);
        } catch (error) {
          expect(error).toBeInstanceOf(DecodeError);
        }
      }),
      { numRuns: 300 },
    );
  });
});
