/** Shared by the property tests: arbitraries and plex.tv's XML spelling (0/1 flags, "" for no value). */
import fc from 'fast-check';

export const text = fc
  .string({ minLength: 1, maxLength: 12 })
  .filter((s) => s.trim() === s && s.trim() !== '');
export const opt = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined });
export const epoch = fc.integer({ min: 1, max: 4_000_000_000 });

/** An attribute value, escaped so that the parser gives back exactly `v`. */
export const esc = (v: string) =>
  v
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/\n/g, '&#10;')
    .replace(/\r/g, '&#13;')
    .replace(/\t/g, '&#9;');
export const flag = (b: boolean | undefined) => (b === undefined ? '' : b ? '1' : '0');
export const attrs = (o: Record<string, string | number>) =>
  Object.entries(o)
    .map(([k, v]) => ` ${k}="${esc(String(v))}"`)
    .join('');
