/**
 * The package's entry points as built (`dist/`): `plextv` is one module (with its lazy XML chunk), and
 * `plextv/browser` and `plextv/compat` take what they share from it, so every class exists once: an error thrown
 * through one entry point is `instanceof` the class imported from another.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as main from 'plextv';
import * as compat from 'plextv/compat';
import { describe, expect, test } from 'vitest';

const dist = fileURLToPath(new URL('../dist/', import.meta.url));
const source = (file: string) => readFileSync(join(dist, file), 'utf8');
/** Relative module specifiers a built file imports (static or dynamic). */
const imports = (code: string): string[] =>
  [...code.matchAll(/(?:from|import)\s*\(?\s*"(\.[^"]+)"/g)].map((m) => m[1] ?? '');

describe('one copy of every class', () => {
  test('plextv/compat re-exports the very MyPlexAccount of plextv', () => {
    expect(compat.MyPlexAccount).toBe(main.MyPlexAccount);
    expect(source('compat/index.js')).not.toMatch(/\bclass\b/);
  });

  test('plextv/browser declares no class and imports the library from dist/index.js only', () => {
    const code = source('browser/index.js');
    expect(code).not.toMatch(/\bclass\s/);
    expect(new Set(imports(code))).toStrictEqual(new Set(['../index.js']));
  });

  test('plextv is one module, plus the XML reader it imports on demand and their shared helpers', () => {
    const code = source('index.js');
    const relative = imports(code);
    expect(relative.filter((s) => s.includes('/xml-'))).toHaveLength(1);
    expect(relative.length).toBeLessThanOrEqual(2);
    // The XML reader is imported lazily (a dynamic import), never at load time.
    expect(code).toMatch(/import\(\s*"\.\/chunks\/xml-[\w-]+\.js"\s*\)/);
  });
});
