import * as plextv from 'plextv';
import { expect, test } from 'vitest';

test('the package resolves through its exports map', () => {
  expect(typeof plextv).toBe('object');
});
