#!/usr/bin/env node
// What `npm publish` would ship, checked: each package's `npm pack` contents (README, LICENSE, dist with types;
// no tests, no fixtures), then publint and @arethetypeswrong/cli (ESM-only profile). Run after the build.
//   node scripts/check-packages.mjs
import { execFileSync, spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const PACKAGES = {
  'packages/plextv': ['dist/index.js', 'dist/index.d.ts', 'dist/browser/index.js', 'dist/compat/index.d.ts'],
  'packages/emulator': ['dist/index.js', 'dist/index.d.ts', 'dist/msw.js', 'bin/plextv-emulator.js'],
  'packages/cli': [
    'dist/index.js',
    'dist/index.d.ts',
    'bin/plextv.cjs',
    'dist/cli.cjs',
    'dist/parse-xml.cjs',
  ],
};
const FORBIDDEN = [/^test\//, /\.test\.[jt]s$/, /(^|\/)fixtures\//, /\.tsbuildinfo$/, /^src\/.*\.test/];

let failed = false;
const fail = (message) => {
  failed = true;
  console.error(`✗ ${message}`);
};
const bin = (name) => join(root, 'node_modules', '.bin', name);

for (const [dir, required] of Object.entries(PACKAGES)) {
  const cwd = join(root, dir);
  const [pack] = JSON.parse(
    execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd }),
  );
  const files = pack.files.map((f) => f.path);
  for (const want of ['README.md', 'LICENSE', 'package.json', ...required]) {
    if (!files.includes(want)) fail(`${pack.name}: npm pack leaves out ${want}`);
  }
  for (const file of files) {
    if (FORBIDDEN.some((re) => re.test(file))) fail(`${pack.name}: npm pack ships ${file}`);
  }
  console.log(`${pack.name}: ${files.length} files, ${(pack.unpackedSize / 1024).toFixed(0)} KB unpacked`);
  for (const [tool, args] of [
    ['publint', ['--strict', '.']],
    ['attw', ['--pack', '.', '--profile', 'esm-only', '--format', 'ascii']],
  ]) {
    const run = spawnSync(bin(tool), args, { cwd, encoding: 'utf8' });
    if (run.status !== 0) fail(`${pack.name}: ${tool} failed\n${run.stdout}${run.stderr}`);
  }
}
if (failed) process.exit(1);
console.log('packages: contents, publint and attw clean');
