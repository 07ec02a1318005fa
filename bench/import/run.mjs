#!/usr/bin/env node
// Import cost: wall time of `node -e "import('plextv')"` vs `node -e "import('@ctrl/plex')"` vs bare `node -e ""`,
// each a fresh process, the three rotated run by run; medians and the difference over bare node, in wall time
// and in CPU time (user + system, reported by the child at exit: steadier on a busy machine), with the spread
// of the per-round differences.
//   node bench/import/run.mjs [--runs N] [--json]
import { spawnSync } from 'node:child_process';
import { loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { isMain, median, quantile, ratio, rotate, table } from '../lib.mjs';

const root = fileURLToPath(new URL('../..', import.meta.url));
const CPU_AT_EXIT = fileURLToPath(new URL('../startup/cpu-at-exit.cjs', import.meta.url));

export const VARIANTS = [
  { name: 'bare node', code: '' },
  // Node's ES module loader starts on the first import(): what any ESM import costs, before any package.
  { name: 'empty ES module', code: "import('./bench/import/empty.mjs')" },
  { name: 'plextv', code: "import('plextv')" },
  { name: '@ctrl/plex 3.12.1', code: "import('@ctrl/plex')" },
];

/** Wall time (ms) of one `node -e code` from spawn to exit, and its CPU time (ms) as it reports at exit. */
function once(code) {
  const start = process.hrtime.bigint();
  const { status, stderr, output } = spawnSync(process.execPath, ['--require', CPU_AT_EXIT, '-e', code], {
    cwd: root,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe', 'pipe'],
  });
  const wall = Number(process.hrtime.bigint() - start) / 1e6;
  if (status !== 0) throw new Error(`node -e "${code}" failed: ${stderr}`);
  return { wall, cpu: Number(output[3]) };
}

/** Heap and RSS after the import, from inside the child (one extra run each, not timed). */
function footprint(code) {
  const probe = `${code ? `await ${code};` : ''}const m = process.memoryUsage(); console.log(JSON.stringify({ rss: m.rss, heapUsed: m.heapUsed }));`;
  const { stdout } = spawnSync(process.execPath, ['--input-type=module', '-e', probe], {
    cwd: root,
    encoding: 'utf8',
  });
  return JSON.parse(stdout);
}

export function measure(runs) {
  for (const v of VARIANTS) once(v.code); // warm the file-system cache
  const rounds = [];
  for (let i = 0; i < runs; i++) {
    const round = {};
    for (const v of rotate(VARIANTS, i)) round[v.name] = once(v.code);
    rounds.push(round);
  }
  return VARIANTS.map((v) => {
    const wall = rounds.map((r) => r[v.name].wall);
    const cpu = rounds.map((r) => r[v.name].cpu);
    // Over bare node within each round, so a busy moment weighs on both sides of the difference.
    const overWall = rounds.map((r) => r[v.name].wall - r['bare node'].wall);
    const overCpu = rounds.map((r) => r[v.name].cpu - r['bare node'].cpu);
    const overEmptyCpu = rounds.map((r) => r[v.name].cpu - r['empty ES module'].cpu);
    const mem = footprint(v.code);
    return {
      name: v.name,
      medianMs: median(wall),
      overBareMs: median(overWall),
      overBareQ1: quantile(overWall, 0.25),
      overBareQ3: quantile(overWall, 0.75),
      min: Math.min(...wall),
      cpuMs: median(cpu),
      cpuOverBareMs: median(overCpu),
      cpuOverBareQ1: quantile(overCpu, 0.25),
      cpuOverBareQ3: quantile(overCpu, 0.75),
      cpuOverEmptyMs: median(overEmptyCpu),
      ...mem,
    };
  });
}

if (isMain(import.meta.url)) {
  const { values } = parseArgs({
    options: { runs: { type: 'string', default: '15' }, json: { type: 'boolean' } },
  });
  const runs = Number(values.runs);
  const load = { start: loadavg()[0] };
  const rows = measure(runs);
  load.end = loadavg()[0];
  if (values.json) {
    console.log(JSON.stringify({ runs, load, rows }, null, 2));
  } else {
    const by = Object.fromEntries(rows.map((r) => [r.name, r]));
    const bare = by['bare node'];
    console.log(
      `Import cost: node -e "import('…')", a fresh process each time, median of ${runs} runs (rotated). Load average ${load.start.toFixed(2)} at the start, ${load.end.toFixed(2)} at the end. Target: import('plextv') ≤ 15 ms over bare node.\n`,
    );
    console.log(
      table(
        [
          '',
          'median wall time',
          'over bare node (IQR)',
          'fastest run',
          'CPU time',
          'CPU over bare node (IQR)',
          'CPU over an empty import',
          'heap used after',
          'RSS after',
        ],
        rows.map((r) => [
          r.name === 'bare node'
            ? 'bare node (`node -e ""`)'
            : r.name === 'empty ES module'
              ? "import('./empty.mjs')"
              : `import('${r.name.split(' ')[0]}')`,
          `${r.medianMs.toFixed(1)} ms`,
          r === bare
            ? '–'
            : `+${r.overBareMs.toFixed(1)} ms (${r.overBareQ1.toFixed(1)}–${r.overBareQ3.toFixed(1)})`,
          `${r.min.toFixed(1)} ms`,
          `${r.cpuMs.toFixed(1)} ms`,
          r === bare
            ? '–'
            : `+${r.cpuOverBareMs.toFixed(1)} ms (${r.cpuOverBareQ1.toFixed(1)}–${r.cpuOverBareQ3.toFixed(1)})`,
          r === bare || r.name === 'empty ES module' ? '–' : `+${r.cpuOverEmptyMs.toFixed(1)} ms`,
          `${(r.heapUsed / 2 ** 20).toFixed(1)} MiB`,
          `${(r.rss / 2 ** 20).toFixed(1)} MiB`,
        ]),
      ),
    );
    const cost = (n) => by[n].overBareMs;
    const cpu = (n) => by[n].cpuOverBareMs;
    console.log(
      `\n@ctrl/plex's import costs ${ratio(cost('@ctrl/plex 3.12.1'), cost('plextv'), 1)} plextv's (wall time over bare node), ${ratio(cpu('@ctrl/plex 3.12.1'), cpu('plextv'), 1)} (CPU time).`,
    );
  }
}
