#!/usr/bin/env node
// Import cost: wall time of `node -e "import('plextv')"` vs `node -e "import('@ctrl/plex')"` vs bare `node -e ""`,
// each a fresh process, the three rotated run by run; medians and the difference over bare node.
//   node bench/import/run.mjs [--runs N] [--json]
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { isMain, median, ratio, rotate, table } from '../lib.mjs';

const root = fileURLToPath(new URL('../..', import.meta.url));

export const VARIANTS = [
  { name: 'bare node', code: '' },
  { name: 'plextv', code: "import('plextv')" },
  { name: '@ctrl/plex 3.12.1', code: "import('@ctrl/plex')" },
];

/** Wall time (ms) of one `node -e code` from spawn to exit. */
function once(code) {
  const start = process.hrtime.bigint();
  const { status, stderr } = spawnSync(process.execPath, ['-e', code], { cwd: root, encoding: 'utf8' });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (status !== 0) throw new Error(`node -e "${code}" failed: ${stderr}`);
  return ms;
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
  const times = Object.fromEntries(VARIANTS.map((v) => [v.name, []]));
  for (let i = 0; i < runs; i++) for (const v of rotate(VARIANTS, i)) times[v.name].push(once(v.code));
  const bare = median(times['bare node']);
  return VARIANTS.map((v) => {
    const m = median(times[v.name]);
    const mem = footprint(v.code);
    return { name: v.name, medianMs: m, overBareMs: m - bare, min: Math.min(...times[v.name]), ...mem };
  });
}

if (isMain(import.meta.url)) {
  const { values } = parseArgs({
    options: { runs: { type: 'string', default: '15' }, json: { type: 'boolean' } },
  });
  const runs = Number(values.runs);
  const rows = measure(runs);
  if (values.json) {
    console.log(JSON.stringify({ runs, rows }, null, 2));
  } else {
    const by = Object.fromEntries(rows.map((r) => [r.name, r]));
    const bare = by['bare node'];
    console.log(
      `Import cost: node -e "import('…')", a fresh process each time, median of ${runs} runs (rotated).\n`,
    );
    console.log(
      table(
        ['', 'median wall time', 'over bare node', 'fastest run', 'heap used after', 'RSS after'],
        rows.map((r) => [
          r.name === 'bare node' ? 'bare node (`node -e ""`)' : `import('${r.name.split(' ')[0]}')`,
          `${r.medianMs.toFixed(1)} ms`,
          r === bare ? '–' : `+${r.overBareMs.toFixed(1)} ms`,
          `${r.min.toFixed(1)} ms`,
          `${(r.heapUsed / 2 ** 20).toFixed(1)} MiB`,
          `${(r.rss / 2 ** 20).toFixed(1)} MiB`,
        ]),
      ),
    );
    const cost = (n) => by[n].overBareMs;
    console.log(
      `\n@ctrl/plex's import costs ${ratio(cost('@ctrl/plex 3.12.1'), cost('plextv'), 1)} plextv's (time over bare node).`,
    );
  }
}
