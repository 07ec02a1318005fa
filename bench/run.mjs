#!/usr/bin/env node
// `npm run bench`: every benchmark, one after the other, on this machine (loopback only).
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
for (const [title, script] of [
  ['Browser bundle size', 'scripts/size.mjs'],
  ['Connect', 'bench/connect/run.mjs'],
]) {
  console.log(`\n== ${title} ==\n`);
  const { status } = spawnSync(process.execPath, [script, ...process.argv.slice(2)], {
    cwd: root,
    stdio: 'inherit',
  });
  if (status !== 0) process.exit(status ?? 1);
}
