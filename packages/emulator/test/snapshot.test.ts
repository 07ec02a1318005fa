import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeSnapshot, encodeSnapshot, SnapshotError } from '../src/util/snapshot.js';

async function roundTrip<T>(value: T): Promise<T> {
  // Through text, as the state file does.
  const text = JSON.stringify(await encodeSnapshot(value));
  return (await decodeSnapshot(JSON.parse(text))) as T;
}

describe('snapshot encoding', () => {
  it('keeps every kind of value: Maps, Sets, Dates, bytes, bigints, odd numbers, undefined, nesting', async () => {
    const value = {
      text: 'x',
      n: 1.5,
      flag: false,
      none: null,
      missing: undefined,
      odd: [Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, -0, Number.NaN, undefined],
      big: 12345678901234567890n,
      when: new Date('2025-01-15T12:00:00.000Z'),
      never: new Date(Number.NaN),
      bytes: new Uint8Array([0, 1, 254, 255]),
      byNumber: new Map<number, unknown>([
        [1, { a: [1, 2, { b: new Set(['x', 'y']) }] }],
        [2, new Map([['inner', new Date(0)]])],
      ]),
      byObject: new Map([[{ k: 1 }, 'object key']]),
      set: new Set([1, 'two', null]),
      tagged: { $t: 'not a tag', v: 1 },
      nested: { deeper: { deepest: [[[]]] } },
    };
    const back = await roundTrip(value);
    expect(back).toEqual(value);
    expect(Object.hasOwn(back, 'missing')).toBe(true);
    expect(Object.is(back.odd[2], -0)).toBe(true);
    expect(back.never.getTime()).toBeNaN();
    expect(back.byNumber).toBeInstanceOf(Map);
    expect([...back.byNumber.keys()]).toEqual([1, 2]);
  });

  it('an object reached twice stays one object; cycles survive', async () => {
    const record = { id: 7, approved: false };
    const list = [record];
    const cyclic: { self?: unknown; name: string } = { name: 'loop' };
    cyclic.self = cyclic;
    const back = await roundTrip({
      byId: new Map([[7, record]]),
      byCode: new Map([['AB', record]]),
      list,
      cyclic,
    });
    const a = back.byId.get(7)!;
    expect(back.byCode.get('AB')).toBe(a);
    expect(back.list[0]).toBe(a);
    a.approved = true;
    expect(back.byCode.get('AB')!.approved).toBe(true);
    expect(back.cyclic.self).toBe(back.cyclic);
  });

  it('a promise of a CryptoKeyPair comes back as a promise of working keys', async () => {
    const keyPair = crypto.subtle.generateKey({ name: 'Ed25519' }, true, [
      'sign',
      'verify',
    ]) as Promise<CryptoKeyPair>;
    const back = await roundTrip({ keyPair });
    expect(back.keyPair).toBeInstanceOf(Promise);
    const restored = await back.keyPair;
    const data = new TextEncoder().encode('signed before, verified after');
    const signature = await crypto.subtle.sign({ name: 'Ed25519' }, restored.privateKey, data);
    expect(await crypto.subtle.verify({ name: 'Ed25519' }, (await keyPair).publicKey, signature, data)).toBe(
      true,
    );
  });

  it('refuses what it cannot store, naming the path', async () => {
    class Custom {}
    await expect(encodeSnapshot({ a: { b: [new Custom()] } }, 'state')).rejects.toThrow(
      new SnapshotError(
        'state.a.b[0]',
        'a Custom instance cannot be stored (only plain data, Map, Set, Date)',
      ),
    );
    await expect(encodeSnapshot({ f: () => 1 }, 'state')).rejects.toThrow(
      /state\.f: a function cannot be stored/,
    );
  });

  it('refuses malformed encodings, naming the path', async () => {
    await expect(decodeSnapshot({ a: { $t: 'mystery', v: 1 } }, 'state')).rejects.toThrow(
      'state.a: unknown kind "mystery"',
    );
    await expect(decodeSnapshot({ a: { $t: 'ref', id: 9 } }, 'state')).rejects.toThrow(
      'state.a: reference to unknown object 9',
    );
    await expect(decodeSnapshot({ m: { $t: 'map', v: [[1]] } }, 'state')).rejects.toThrow(
      'state.m<entry 0>: a map entry is [key, value]',
    );
    await expect(decodeSnapshot({ k: { $t: 'cryptokey', v: {} } }, 'state')).rejects.toThrow(
      'state.k: a cryptokey needs jwk, algorithm and usages',
    );
  });
});

describe('snapshot encoding (properties)', () => {
  it('any value of plain data, Maps, Sets, Dates and bigints comes back equal', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.anything({
          withMap: true,
          withSet: true,
          withDate: true,
          withBigInt: true,
          withObjectString: true,
          maxDepth: 4,
        }),
        async (value) => {
          const back = await roundTrip(value);
          expect(back).toEqual(value);
          // Exactly the same encoding again: nothing is lost or reordered.
          expect(JSON.stringify(await encodeSnapshot(back))).toBe(
            JSON.stringify(await encodeSnapshot(value)),
          );
        },
      ),
      { numRuns: 200 },
    );
  });

  it('a plain object whose keys look like tags is data, not a tag', async () => {
    const value = { k: { $t: 'cryptokey', v: { jwk: 1 } }, r: { $t: 'ref', id: 1 } };
    expect(await roundTrip(value)).toEqual(value);
  });

  it('any JSON decodes or fails with a SnapshotError, nothing else', async () => {
    const tags = fc.constantFrom(
      'map',
      'set',
      'array',
      'object',
      'ref',
      'date',
      'bytes',
      'bigint',
      'number',
      'promise',
      'cryptokey',
      'undefined',
      'x',
    );
    const node = fc.letrec((tie) => ({
      value: fc.oneof(
        { depthSize: 'small' },
        fc.jsonValue({ maxDepth: 2 }),
        fc.record(
          { $t: tags, v: tie('value'), id: fc.option(fc.integer({ min: 0, max: 3 }), { nil: undefined }) },
          { requiredKeys: ['$t'] },
        ),
        fc.array(tie('value'), { maxLength: 3 }),
      ),
    })).value;
    await fc.assert(
      fc.asyncProperty(node, async (encoded) => {
        try {
          await decodeSnapshot(encoded);
        } catch (err) {
          expect(err).toBeInstanceOf(SnapshotError);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('a `__proto__` key is kept as a field, never turned into the prototype', async () => {
    const value = JSON.parse('{"__proto__": {"polluted": true}, "a": 1}');
    const back = (await roundTrip(value)) as Record<string, unknown>;
    expect(Object.getPrototypeOf(back)).toBe(Object.prototype);
    expect(Object.hasOwn(back, '__proto__')).toBe(true);
    expect((back as { polluted?: unknown }).polluted).toBeUndefined();
  });
});
