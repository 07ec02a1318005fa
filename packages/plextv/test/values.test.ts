import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { toBool, toDate, toInt, toStr, toStrList } from '../src/wire/values.js';

describe('value rules', () => {
  test('"", null and absent are no value for every reader', () => {
    for (const read of [toStr, toBool, toInt, toDate]) {
      expect(read('')).toBeUndefined();
      expect(read(null)).toBeUndefined();
      expect(read(undefined)).toBeUndefined();
    }
    expect(toStrList(null)).toEqual([]);
  });

  test('flags in all their spellings', () => {
    expect([toBool('1'), toBool(1), toBool(true), toBool('true'), toBool('True')]).toEqual([
      true,
      true,
      true,
      true,
      true,
    ]);
    expect([toBool('0'), toBool(0), toBool(false), toBool('false')]).toEqual([false, false, false, false]);
    expect(toBool('Unknown')).toBeUndefined();
    expect(toBool(2)).toBeUndefined();
  });

  test('dates: epoch seconds, ISO, "… UTC", and 0 as never', () => {
    const t = new Date('2023-09-19T00:00:00Z');
    expect(toDate(t.getTime() / 1000)).toEqual(t);
    expect(toDate(String(t.getTime() / 1000))).toEqual(t);
    expect(toDate('2023-09-19T00:00:00Z')).toEqual(t);
    expect(toDate('2023-09-19 00:00:00 UTC')).toEqual(t);
    expect(toDate('2023-09-19T00:00:00')).toEqual(t);
    expect(toDate('0')).toBeUndefined();
    expect(toDate('2000-01-01 12:348:56 UTC')).toBeUndefined();
    expect(toDate('yesterday')).toBeUndefined();
  });

  test('property: every epoch-second spelling of one instant gives the same Date', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 253_402_300_799 }), (seconds) => {
        const iso = new Date(seconds * 1000).toISOString();
        const spaced = `${iso.slice(0, 10)} ${iso.slice(11, 19)} UTC`;
        const expected = new Date(seconds * 1000);
        expect(toDate(seconds)).toEqual(expected);
        expect(toDate(String(seconds))).toEqual(expected);
        expect(toDate(iso)).toEqual(expected);
        expect(toDate(spaced)).toEqual(expected);
      }),
    );
  });

  test('property: ints round-trip through their XML spelling; leading zeros are not lost for strings', () => {
    fc.assert(
      fc.property(fc.maxSafeInteger(), (n) => {
        expect(toInt(String(n))).toBe(n);
        expect(toInt(n)).toBe(n);
      }),
    );
    expect(toStr('000001')).toBe('000001');
    expect(toInt('12abc')).toBeUndefined();
    expect(toInt(1.5)).toBeUndefined();
  });

  test('property: readers never throw on anything', () => {
    fc.assert(
      fc.property(fc.anything(), (v) => {
        toStr(v);
        toBool(v);
        toInt(v);
        toDate(v);
        toStrList(v);
      }),
    );
  });
});
