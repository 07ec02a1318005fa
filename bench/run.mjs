#!/usr/bin/env node
// `npm run bench`: every benchmark, one after the other, on this machine (loopback only).
//   npm run bench [-- size import startup decode emulator connect]   (default: all, in this order)
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const BENCHMARKS = {
  size: ['Bundle size', 'bench/size/run.mjs'],
  import: ['Import cost', 'bench/import/run.mjs'],
  startup: ['Startup (CLI and scripts)', 'bench/startup/run.mjs'],
  decode: ['Decode throughput and memory', 'bench/decode/run.mjs'],
  emulator: ['Emulator throughput', 'bench/emulator/run.mjs'],
  connect: ['Connect', 'bench/connect/run.mjs'],
};
const picked = process.argv.slice(2).filter((a) => !a.startsWith('-'));
const unknown = picked.filter((p) => !(p in BENCHMARKS));
if (unknown.length > 0) {
  console.error(`unknown benchmark(s): ${unknown.join(', ')} (known: ${Object.keys(BENCHMARKS).join(', ')})`);
  process.exit(2);
}
const flags = process.argv.slice(2).filter((a) => a.startsWith('-'));

let model = cpus()[0]?.model ?? 'unknown CPU';
try {
  model = /model name\s*:\s*(.*)/.exec(readFileSync('/proc/cpuinfo', 'utf8'))?.[1] ?? model;
} catch {}
const date = new Date().toISOString().slice(0, 10);
console.log(
  `Machine: ${cpus().length} CPUs (${model}), ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}, ${process.platform}/${process.arch} — ${date}`,
);
// Other work on the machine skews every figure: say how busy it was when the run started.
console.log(
  `Load average at start (1, 5, 15 min): ${loadavg()
    .map((x) => x.toFixed(2))
    .join(', ')}`,
);

for (const name of picked.length > 0 ? picked : Object.keys(BENCHMARKS)) {
  const [title, script] = BENCHMARKS[name];
  console.log(`\n== ${title} (${script}) ==\n`);
  const { status } = spawnSync(process.execPath, [script, ...flags], { cwd: root, stdio: 'inherit' });
  if (status !== 0) process.exit(status ?? 1);
}
