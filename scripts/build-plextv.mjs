#!/usr/bin/env node
// packages/plextv/dist, the JavaScript: `plextv` is one ES module (dist/index.js, MyPlexAccount included), plus
// the XML reader as a chunk it imports on the first XML answer (and the few helpers both use, in a second chunk).
// `plextv/browser` and `plextv/compat` import what they share from dist/index.js itself, so there is one copy of
// every class (one class per error, whichever entry point a caller imports it from). Dependencies stay external:
// @rgrove/parse-xml is imported lazily by the XML reader. Importing plextv reads 2 files instead of ~60 (and ~2 ms
// less than 4 files with shared chunks: each module file costs Node a resolve, a read, a compile and a link).
// tsc -b writes the declarations beside them (packages/plextv/tsconfig.json: emitDeclarationOnly); the root
// `npm run build` runs tsc first, then this. Source maps point at src/, which the package ships.
//   node scripts/build-plextv.mjs [--metafile]
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
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
 * with substitutions, a property read) marked pure: a call of a plain name whose arguments do no work
 * (`route('getUser', 'GET /api/v2/user', { body: ACCOUNT })`, most of them) gets the annotation itself,
 * `/* @__PURE__ *\/ route(…)`; any other is wrapped in a pure-annotated arrow call,
 * `/* @__PURE__ *\/ (() => (init))()` (an annotated call whose arguments do work would keep that work). The
 * arrows cost the import ~1.5 ms (each is compiled and called at load), hence the plain form where it says as much.
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
  const unwrap = (node) =>
    ts.isParenthesizedExpression(node) ||
    ts.isAsExpression(node) ||
    ts.isSatisfiesExpression(node) ||
    ts.isNonNullExpression(node)
      ? unwrap(node.expression)
      : node;
  const edits = [];
  for (const statement of sf.statements) {
    if (!ts.isVariableStatement(statement)) continue;
    for (const d of statement.declarationList.declarations) {
      if (!d.initializer || !doesWork(d.initializer)) continue;
      const init = unwrap(d.initializer);
      // A call of a plain name with arguments that do no work: the annotation on the call itself says it.
      if (
        (ts.isCallExpression(init) || ts.isNewExpression(init)) &&
        ts.isIdentifier(init.expression) &&
        (init.arguments ?? []).every((a) => !doesWork(a))
      ) {
        edits.push([init.getStart(sf), '/* @__PURE__ */ ', init.getStart(sf), '']);
      } else {
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

/** For an entry point other than `plextv`: every import from outside its own folder is dist/index.js. */
const fromMainEntry = (folder) => ({
  name: 'plextv-from-main-entry',
  setup(b) {
    b.onResolve({ filter: /^\.\.\// }, ({ importer }) =>
      importer.startsWith(join(src, folder)) ? { path: '../index.js', external: true } : undefined,
    );
  },
});

const COMMON = {
  bundle: true,
  format: 'esm',
  platform: 'neutral',
  target: 'es2022',
  packages: 'external',
  sourcemap: 'linked',
  sourcesContent: false,
  legalComments: 'none',
  logLevel: 'warning',
};

export async function buildPlextv() {
  // JavaScript left by an earlier build (tsc's one file per module, or older chunks) must not linger.
  for (const file of filesUnder(dist, ['.js', '.js.map'])) rmSync(file);
  rmSync(join(dist, 'chunks'), { recursive: true, force: true });
  const [main, browser, compat] = ENTRY_POINTS;
  // Splitting for the dynamic import only: the XML reader is a chunk of its own, loaded on the first XML answer.
  const result = await build({
    ...COMMON,
    entryPoints: [main],
    outbase: src,
    outdir: dist,
    splitting: true,
    chunkNames: 'chunks/[name]-[hash]',
    metafile: true,
    plugins: [pureTopLevel],
  });
  const outputs = Object.keys(result.metafile.outputs);
  await build({
    ...COMMON,
    entryPoints: [browser],
    outfile: join(dist, 'browser', 'index.js'),
    plugins: [pureTopLevel, fromMainEntry('browser')],
  });
  outputs.push(join(dist, 'browser', 'index.js'));
  // plextv/compat is what plextv exports for @ctrl/plex users (MyPlexAccount is in dist/index.js): a re-export.
  const probe = await build({ ...COMMON, entryPoints: [compat], outdir: dist, write: false, metafile: true });
  const names = Object.values(probe.metafile.outputs).find((o) => o.entryPoint)?.exports ?? [];
  const exported = new Set(Object.values(result.metafile.outputs).find((o) => o.entryPoint)?.exports);
  const missing = names.filter((n) => !exported.has(n));
  if (missing.length > 0)
    throw new Error(`plextv/compat exports what plextv does not: ${missing.join(', ')}`);
  mkdirSync(join(dist, 'compat'), { recursive: true });
  writeFileSync(join(dist, 'compat', 'index.js'), `export { ${names.join(', ')} } from '../index.js';\n`);
  outputs.push(join(dist, 'compat', 'index.js'));
  return outputs.filter((f) => f.endsWith('.js')).map((f) => relative(pkg, f));
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const files = await buildPlextv();
  if (process.argv.includes('--list')) console.log(files.join('\n'));
}
