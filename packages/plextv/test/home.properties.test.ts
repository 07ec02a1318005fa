/** Properties of the Home decoders: random home users rendered as v2 JSON and as v1 XML decode to the same models. */
import fc from 'fast-check';
import { parseHomeUsers } from 'plextv';
import { describe, expect, test } from 'vitest';
import { attrs, flag, opt, text } from './wire-render.js';

// ---- Home users (plex.tv's rules: JSON null / XML "" for no value; JSON bools / XML 0|1) ----

const homeUserArb = fc.record({
  id: fc.integer({ min: 1, max: 2 ** 40 }),
  uuid: fc.stringMatching(/^[0-9a-f]{16}$/),
  title: text,
  managed: fc.boolean(),
  username: text,
  email: text,
  thumb: opt(fc.webUrl()),
  admin: fc.boolean(),
  guest: fc.boolean(),
  protected: fc.boolean(),
  restrictionProfile: opt(fc.constantFrom('little_kid', 'older_kid', 'teen')),
  hasPassword: opt(fc.boolean()),
});
type HomeUserIn = typeof homeUserArb extends fc.Arbitrary<infer T> ? T : never;

const homeArb = fc.record({
  id: fc.integer({ min: 1, max: 2 ** 31 }),
  name: text,
  guestUserID: fc.integer({ min: 1, max: 2 ** 31 }),
  users: fc.uniqueArray(homeUserArb, { maxLength: 6, selector: (u) => u.id }),
});

function renderHomeJson(home: typeof homeArb extends fc.Arbitrary<infer T> ? T : never): string {
  return JSON.stringify({
    id: home.id,
    name: home.name,
    guestUserID: home.guestUserID,
    guestUserUUID: 'guest',
    guestEnabled: false,
    subscription: true,
    users: home.users.map((u: HomeUserIn) => ({
      id: u.id,
      uuid: u.uuid,
      title: u.title,
      username: u.managed ? null : u.username,
      email: u.managed ? null : u.email,
      thumb: u.thumb ?? null,
      ...(u.hasPassword === undefined ? {} : { hasPassword: u.hasPassword }),
      restricted: u.managed,
      restrictionProfile: u.restrictionProfile ?? null,
      admin: u.admin,
      guest: u.guest,
      protected: u.protected,
    })),
  });
}

function renderHomeXml(home: typeof homeArb extends fc.Arbitrary<infer T> ? T : never): string {
  const users = home.users.map(
    (u: HomeUserIn) =>
      `  <User${attrs({
        id: u.id,
        uuid: u.uuid,
        admin: flag(u.admin),
        guest: flag(u.guest),
        restricted: flag(u.managed),
        protected: flag(u.protected),
        title: u.title,
        username: u.managed ? '' : u.username,
        email: u.managed ? '' : u.email,
        thumb: u.thumb ?? '',
        restrictionProfile: u.restrictionProfile ?? '',
        ...(u.hasPassword === undefined ? {} : { hasPassword: flag(u.hasPassword) }),
      })}/>`,
  );
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<MediaContainer${attrs({ friendlyName: 'myPlex', identifier: 'com.plexapp.plugins.myplex', totalSize: 99, size: 99, guestUserID: home.guestUserID })}>`,
    ...users,
    '</MediaContainer>',
  ].join('\n');
}

describe('home users: v1 XML ≡ v2 JSON', () => {
  test('random home users rendered both ways decode to deep-equal models', async () => {
    await fc.assert(
      fc.asyncProperty(homeArb, async (home) => {
        const fromJson = await parseHomeUsers(renderHomeJson(home));
        const fromXml = await parseHomeUsers(renderHomeXml(home));
        expect(fromXml).toStrictEqual(fromJson);
        expect(fromJson.map((u) => u.id)).toEqual(home.users.map((u) => u.id));
        for (const [i, u] of home.users.entries()) {
          const decoded = fromJson[i]!;
          expect(decoded.username).toBe(u.managed ? undefined : u.username);
          expect(decoded.email).toBe(u.managed ? undefined : u.email);
          expect(decoded.restricted).toBe(u.managed);
          expect(decoded.restrictionProfile).toBe(u.restrictionProfile);
          expect(decoded.extra).toEqual({});
        }
      }),
      { numRuns: 200 },
    );
  });
});

// ---- A server's sections (v2 /api/v2/servers/{id} JSON vs v1 /api/servers/{id} XML) ----

// ---- Sharing filters ----
