#!/usr/bin/env node
// packages/plextv/dist, the JavaScript: one ES module per entry point (`plextv`, `plextv/browser`,
// `plextv/compat`), bundled by esbuild from src/ with code splitting, so code the entry points share is one
// copy in dist/chunks/ (one class per error, whichever entry point a caller imports it from). Dependencies
// stay external: @rgrove/parse-xml is still imported lazily, on the first XML body, as src/wire/xml.ts does.
// Importing plextv then reads a handful of files instead of one per source file (~60).
// tsc -b writes the declarations beside them (packages/plextv/tsconfig.json: emitDeclarationOnly); the root
// `npm run build` runs tsc first, then this. Source maps point at src/, which the package ships.
//   node scripts/build-plextv.mjs [--metafile]
import { readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import ts from 'typescript';

const pkg = fileURLToPath(new URL('../packages/plextv/', import.meta.url));
const src = join(pkg, 'src');
const dist = join(pkg, 'dist');

export const ENTRY_POINTS = ['index.ts', 'browser/index.ts', 'compat/index.ts'].map((f) => join(src, f));

/** Every file under `dir` whose name ends with one of `endings`. */
function filesUnder(dir, endings) {
  let out = [];
  let names = [];
  try {
    names = readdirSync(dir);
  } catch {
    return out;
  }
  for (const name of names) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out = out.concat(filesUnder(path, endings));
    else if (endings.some((e) => name.endsWith(e))) out.push(path);
  }
  return out;
}

/**
 * `source` with each top-level `const`/`let` initializer that does work (a call, `new`, a spread, a template
 * with substitutions, a property read) wrapped in a pure-annotated arrow call: `/* @__PURE__ *\/ (() => (init))()`.
 *
 * Why: with one file per module, a bundler drops a whole unused module (`"sideEffects": false`); in one bundled
 * file it can only drop unused declarations, and keeps any whose initializer might have a side effect (a
 * route table, a field table, a `new Set([...FLAGS])`). `sideEffects: false` already promises that no module's
 * top-level code matters unless its exports are used; the wrapper says it per declaration, so an app bundling
 * plextv keeps today's tree shaking (and a minifier inlines the arrow again where the value is used).
 * Evaluation is unchanged: same expression, same order, at the same time. Only columns after the wrapper's
 * start on its line move (source maps still point at the right line).
 */
export function annotatePure(fileName, source) {
  const sf = ts.createSourceFile(fileName, source, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const doesWork = (node) => {
    if (ts.isFunctionLike(node) || ts.isClassLike(node)) return false; // not run now (classes: kept as is)
    if (
      ts.isCallExpression(node) ||
      ts.isNewExpression(node) ||
      ts.isSpreadElement(node) ||
      ts.isSpreadAssignment(node) ||
      ts.isTemplateExpression(node) ||
      ts.isTaggedTemplateExpression(node) ||
      ts.isPropertyAccessExpression(node) ||
      ts.isElementAccessExpression(node)
    ) {
      return true;
    }
    return ts.forEachChild(node, doesWork) === true;
  };
  const edits = [];
  for (const statement of sf.statements) {
    if (!ts.isVariableStatement(statement)) continue;
    for (const d of statement.declarationList.declarations) {
      if (d.initializer && doesWork(d.initializer)) {
        edits.push([d.initializer.getStart(sf), '/* @__PURE__ */ (() => (', d.initializer.getEnd(), '))()']);
      }
    }
  }
  let out = source;
  for (const [from, open, to, close] of edits.reverse()) {
    out = `${out.slice(0, from)}${open}${out.slice(from, to)}${close}${out.slice(to)}`;
  }
  return out;
}

const pureTopLevel = {
  name: 'plextv-pure-top-level',
  setup(b) {
    b.onLoad({ filter: /\.ts$/ }, ({ path }) => ({
      contents: annotatePure(path, readFileSync(path, 'utf8')),
      loader: 'ts',
    }));
  },
};

/**
 * `plextv` re-exports `MyPlexAccount` from plextv/compat's own file instead of holding its code: a class with
 * static fields that read properties cannot be dropped from a shared chunk by a bundler, but a whole file an
 * app does not use can (`"sideEffects": false`). So an app that never touches MyPlexAccount does not ship it.
 */
const compatFromItsEntry = {
  name: 'plextv-compat-from-its-entry',
  setup(b) {
    b.onResolve({ filter: /^\.\/compat\/[\w-]+\.js$/ }, ({ importer }) =>
      importer === ENTRY_POINTS[0] ? { path: './compat/index.js', external: true } : undefined,
    );
  },
};

export async function buildPlextv() {
  // JavaScript left by an earlier build (tsc's one file per module, or older chunks) must not linger.
  for (const file of filesUnder(dist, ['.js', '.js.map'])) rmSync(file);
  rmSync(join(dist, 'chunks'), { recursive: true, force: true });
  const result = await build({
    entryPoints: ENTRY_POINTS,
    outbase: src,
    outdir: dist,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'neutral',
    target: 'es2022',
    packages: 'external',
    chunkNames: 'chunks/[name]-[hash]',
    sourcemap: 'linked',
    sourcesContent: false,
    legalComments: 'none',
    metafile: true,
    plugins: [pureTopLevel, compatFromItsEntry],
    logLevel: 'warning',
  });
  return Object.keys(result.metafile.outputs)
    .filter((f) => f.endsWith('.js'))
    .map((f) => relative(pkg, f));
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const files = await buildPlextv();
  if (process.argv.includes('--list')) console.log(files.join('\n'));
}
