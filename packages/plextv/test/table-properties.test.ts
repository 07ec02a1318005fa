/**
 * The table-driven decoders read a JSON object in one pass over its own keys (`FieldTable.read`), and any
 * other `Wire` field by field through the `Wire` methods (the readers every decoder used before). Property:
 * for any JSON object — known keys, their legacy aliases, unknown keys, `__proto__`/`constructor`, values of
 * every type — both paths decode to the same model (same fields, same key order, same `extra`) or throw the
 * same error.
 */
import { isDeepStrictEqual } from 'node:util';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { decodeAccount } from '../src/models/account.js';
import { decodeDevice } from '../src/models/device.js';
import { decodeHome, decodeHomeUser } from '../src/models/home.js';
import { decodeProfile } from '../src/models/profile.js';
import { decodeConnection, decodeResource } from '../src/models/resource.js';
import { decodeService } from '../src/models/service.js';
import { decodeAccountSubscription, decodeSubscription } from '../src/models/subscription.js';
import { decodePlexUser, decodePlexUserServer } from '../src/models/users.js';
import { setOwn, toDate } from '../src/wire/values.js';
import { extras, JsonWire, type Wire, type XmlElement } from '../src/wire/wire.js';
import { XmlWire } from '../src/wire/xml-wire.js';

/** The same JSON object behind a `Wire` that is not a `JsonWire`: the decoders take the field-by-field path. */
class OpaqueWire implements Wire {
  constructor(private readonly inner: Wire) {}
  get format() {
    return this.inner.format;
  }
  get path() {
    return this.inner.path;
  }
  keys() {
    return this.inner.keys();
  }
  get(key: string) {
    return this.inner.get(key);
  }
  object(key: string) {
    const o = this.inner.object(key);
    return o && new OpaqueWire(o);
  }
  objects(key: string) {
    return this.inner.objects(key).map((o) => new OpaqueWire(o));
  }
  strings(key: string, attr?: string) {
    return this.inner.strings(key, attr);
  }
  repeated(name: string) {
    return this.inner.repeated(name).map((o) => new OpaqueWire(o));
  }
  plain(key: string) {
    return this.inner.plain(key);
  }
}

const KEYS = [
  // account, its aliases and nested objects
  'id',
  'uuid',
  'authToken',
  'authenticationToken',
  'authentication_token',
  'authentication-token',
  'mailingListStatus',
  'mailing_list_status',
  'joinedAt',
  'joined_at',
  'joined-at',
  'homeSize',
  'rememberExpiresAt',
  'confirmed',
  'home',
  'title',
  'restrictionProfile',
  'subscription',
  'profile',
  'profile_settings',
  'services',
  'subscriptions',
  'settings',
  'entitlements',
  'roles',
  'providers',
  'customRestrictions',
  // nested models
  'active',
  'subscribedAt',
  'features',
  'feature',
  'plan',
  'mode',
  'renewsAt',
  'canceled',
  'billing',
  'paymentMethodId',
  'identifier',
  'endpoint',
  'token',
  'autoSelectAudio',
  'auto_select_audio',
  'defaultAudioLanguages',
  'default_audio_languages',
  'watchedIndicator',
  'watched_indicator',
  'value',
  'hidden',
  'updatedAt',
  // resources
  'clientIdentifier',
  'name',
  'createdAt',
  'ownerId',
  'provides',
  'owned',
  'connections',
  'Connection',
  'uri',
  'port',
  'IPv6',
  'relay',
  // devices, home, shared users
  'SyncList',
  'syncList',
  'totalSize',
  'screenResolution',
  'guestUserID',
  'guestEnabled',
  'admin',
  'Server',
  'serverId',
  'numLibraries',
  'allowSync',
  'allowTuners',
  'filterMovies',
  // unknown, and the keys that must stay data
  '__proto__',
  'constructor',
  'toString',
  'hasOwnProperty',
  'unknownField',
  'user',
];

const scalar = fc.oneof(
  fc.constantFrom(null, '', ' ', '0', '1', 'true', 'false', 'Unknown', ' 12 ', '1641937035', '-0', '1e3'),
  fc.constantFrom(
    '2021-10-01T01:02:03Z',
    '2021-10-01T01:02:03.5+01:00',
    '2021-10-01T01:02+0100',
    '2021-10-01 01:02:03 UTC',
    '2021-10-01T01:02:03',
    '2021-10-01',
    '9999-99-99T99:99:99Z',
    'a,b, ,c',
  ),
  fc.integer(),
  fc.constantFrom(0, 1, -0, 1.5, 1e300, 2 ** 53, 8.64e12),
  fc.boolean(),
  fc.string({ maxLength: 8 }),
);

/** JSON values, objects built with own `__proto__` keys like JSON.parse builds them. */
const { value: jsonValue } = fc.letrec((tie) => ({
  value: fc.oneof({ depthSize: 'small', withCrossShrink: true }, scalar, tie('array'), tie('object')),
  array: fc.array(tie('value'), { maxLength: 4 }),
  object: fc
    .array(fc.tuple(fc.oneof(fc.constantFrom(...KEYS), fc.string({ maxLength: 6 })), tie('value')), {
      maxLength: 12,
    })
    .map((entries) => {
      const o: Record<string, unknown> = {};
      for (const [k, v] of entries) {
        Object.defineProperty(o, k, { value: v, enumerable: true, writable: true, configurable: true });
      }
      return o;
    }),
}));
const jsonObject = jsonValue.filter(
  (v): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v),
);

type Decode = (w: Wire) => unknown;
const DECODERS: Record<string, Decode> = {
  account: (w) => decodeAccount(w, {}),
  'account (token required)': (w) => decodeAccount(w, { requireToken: true, method: 'GET', path: '/x' }),
  subscription: decodeSubscription,
  'subscription entry': decodeAccountSubscription,
  profile: decodeProfile,
  service: (w) => decodeService(w, {}),
  resource: (w) => decodeResource(w, {}),
  connection: (w) => decodeConnection(w, {}),
  device: (w) => decodeDevice(w, {}),
  home: (w) => decodeHome(w, {}),
  'home user': (w) => decodeHomeUser(w, {}),
  'shared user': (w) => decodePlexUser(w, {}),
  "shared user's server": (w) => decodePlexUserServer(w, {}),
};

function outcome(decode: Decode, w: Wire): { value?: unknown; error?: string } {
  try {
    return { value: decode(w) };
  } catch (error) {
    return { error: `${(error as Error).name}: ${(error as Error).message}` };
  }
}

/** Own keys in order, all the way down (toStrictEqual does not look at key order). */
function keyOrder(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(keyOrder);
  if (typeof v !== 'object' || v === null || v instanceof Date) return null;
  return Object.keys(v).map((k) => [k, keyOrder((v as Record<string, unknown>)[k])]);
}

/** Some base objects with the identity fields, so that decoding goes past the first check. */
const withIdentity = jsonObject.map((o) => {
  const base = { id: 1, uuid: 'u', clientIdentifier: 'c', identifier: 'i', uri: 'https://x', authToken: 't' };
  for (const [k, v] of Object.entries(base)) {
    if (!Object.hasOwn(o, k)) Object.defineProperty(o, k, { value: v, enumerable: true, configurable: true });
  }
  return o;
});

describe('table decoding (JSON, one pass) ≡ field-by-field decoding (any Wire)', () => {
  for (const [name, decode] of Object.entries(DECODERS)) {
    test(name, () => {
      fc.assert(
        fc.property(fc.oneof(jsonObject, withIdentity), (object) => {
          const fast = outcome(decode, new JsonWire(object, 'root'));
          const slow = outcome(decode, new OpaqueWire(new JsonWire(object, 'root')));
          // node's deep equality: vitest's reads a `constructor` key as the object's type.
          expect(isDeepStrictEqual(fast, slow)).toBe(true);
          expect(keyOrder(fast.value)).toStrictEqual(keyOrder(slow.value));
          // Nothing leaked onto a prototype.
          expect(({} as Record<string, unknown>).polluted).toBeUndefined();
        }),
        { numRuns: 300 },
      );
    });
  }
});

describe('objects that repeat key sequences decode like fresh ones (a table keeps the slots of a few)', () => {
  // A pool of more key sequences than a table keeps, drawn again and again in any order.
  const pool = fc.array(fc.oneof(jsonObject, withIdentity), { minLength: 1, maxLength: 12 });
  for (const name of ['account', 'service', 'resource', 'connection', 'shared user']) {
    const decode = DECODERS[name]!;
    test(name, () => {
      fc.assert(
        fc.property(
          pool.chain((objects) =>
            fc.array(fc.integer({ min: 0, max: objects.length - 1 }), { maxLength: 40 }).map((picks) => ({
              objects,
              picks,
            })),
          ),
          ({ objects, picks }) => {
            for (const i of picks) {
              // Each time a fresh copy (same keys, same order), as each JSON body is a fresh parse.
              const copy: Record<string, unknown> = {};
              for (const [k, v] of Object.entries(objects[i]!)) {
                Object.defineProperty(copy, k, {
                  value: v,
                  enumerable: true,
                  writable: true,
                  configurable: true,
                });
              }
              const fast = outcome(decode, new JsonWire(copy, 'root'));
              const slow = outcome(decode, new OpaqueWire(new JsonWire(copy, 'root')));
              expect(isDeepStrictEqual(fast, slow)).toBe(true);
            }
          },
        ),
        { numRuns: 100 },
      );
    });
  }
});

describe('extras of an XML element ≡ its keys() not known, read with plain()', () => {
  const name = fc.constantFrom('a', 'b', 'id', 'Server', '__proto__', 'constructor', 'text');
  const attrs = fc.array(fc.tuple(name, fc.string({ maxLength: 3 })), { maxLength: 4 }).map((pairs) => {
    const bag: Record<string, string> = Object.create(null);
    for (const [k, v] of pairs) bag[k] = v;
    return bag;
  });
  const elementWith = (children: fc.Arbitrary<XmlElement[]>): fc.Arbitrary<XmlElement> =>
    fc.record({ name, attrs, children, text: fc.constantFrom('', 'x') });
  const leaf = elementWith(fc.constant([]));
  const element = elementWith(fc.array(elementWith(fc.array(leaf, { maxLength: 3 })), { maxLength: 5 }));
  test('same keys, order and values', () => {
    fc.assert(
      fc.property(
        element as fc.Arbitrary<XmlElement>,
        fc.subarray(['a', 'id', 'Server', 'constructor']),
        (el, k) => {
          const known = new Set(k);
          const w = new XmlWire(el, 'root');
          const reference: Record<string, unknown> = {};
          for (const key of w.keys()) if (!known.has(key)) setOwn(reference, key, w.plain(key));
          const got = extras(w, known);
          // node's deep equality: vitest's reads a `constructor` key as the object's type.
          expect(isDeepStrictEqual(got, reference)).toBe(true);
          expect(Object.keys(got)).toStrictEqual(Object.keys(reference));
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe('toDate: the fast paths agree with the general one', () => {
  test('epoch numbers read like their decimal strings', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.integer(), fc.double(), fc.constantFrom(0, -0, 2 ** 53, 8.64e12, 8.64e12 + 1)),
        (n) => {
          expect(toDate(n)).toStrictEqual(Number.isSafeInteger(n) ? toDate(String(n)) : undefined);
        },
      ),
    );
  });
  test('a zoned ISO date-time reads like the same text with spaces around it', () => {
    const two = (max: number) => fc.integer({ min: 0, max }).map((n) => String(n).padStart(2, '0'));
    const iso = fc
      .tuple(
        fc.integer({ min: 1000, max: 9999 }),
        two(19),
        two(39),
        two(29),
        two(69),
        fc.option(two(69)),
        fc.option(fc.integer({ min: 0, max: 999999 })),
        fc.constantFrom('Z', '+01:00', '-0530', '+14:00'),
      )
      .map(
        ([y, mo, d, h, mi, s, f, z]) =>
          `${y}-${mo}-${d}T${h}:${mi}${s === null ? '' : `:${s}${f === null ? '' : `.${f}`}`}${z}`,
      );
    fc.assert(
      fc.property(iso, (text) => {
        expect(toDate(text)).toStrictEqual(toDate(` ${text} `));
      }),
    );
  });
});
