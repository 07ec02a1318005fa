#!/usr/bin/env node
// Decode throughput and memory: plextv's parse functions vs @ctrl/plex 3.12.1's parse path vs the bare parsers,
// on the same bodies (bench/decode/bodies.mjs). Ops/s: batches of --batch ms, --rounds rounds, the variants
// rotated round by round; medians, and the ratio plextv ÷ @ctrl/plex taken within each round (median).
// Memory: heap retained per decoded body, in a child process with --expose-gc (median of 3 runs).
//   node bench/decode/run.mjs [--rounds N] [--batch MS] [--json]
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { isMain, median, quantile, rotate, table } from '../lib.mjs';
import { BODIES } from './bodies.mjs';
import { ctrlReads, variantsFor } from './variants.mjs';

let sink;

/** Ops per second of `fn(text)` over about `ms` milliseconds (awaited only when it returns a promise). */
async function opsPerSecond(fn, text, ms) {
  let n = 0;
  const start = performance.now();
  let now = start;
  while (now - start < ms) {
    const r = fn(text);
    sink = r instanceof Promise ? await r : r;
    n += 1;
    now = performance.now();
  }
  if (sink === undefined) throw new Error('no result'); // keeps the results observable
  return (n * 1000) / (now - start);
}

export async function measureSpeed({ rounds, batch }) {
  const results = {};
  for (const [name, body] of Object.entries(BODIES)) {
    const variants = variantsFor(name);
    for (const v of variants) await opsPerSecond(v.fn, body.text, 300); // warm up, JIT
    const ops = Object.fromEntries(variants.map((v) => [v.key, []]));
    for (let r = 0; r < rounds; r++) {
      for (const v of rotate(variants, r)) ops[v.key].push(await opsPerSecond(v.fn, body.text, batch));
    }
    const ctrlKey = ctrlReads(name) ? 'ctrl' : 'xml2js';
    results[name] = {
      ops: Object.fromEntries(Object.entries(ops).map(([k, xs]) => [k, median(xs)])),
      // Ratio within each round, then the median: plextv ops/s ÷ @ctrl/plex (or xml2js) ops/s.
      speedup: median(ops.plextv.map((x, i) => x / ops[ctrlKey][i])),
      speedupIqr: [0.25, 0.75].map((q) =>
        quantile(
          ops.plextv.map((x, i) => x / ops[ctrlKey][i]),
          q,
        ),
      ),
      ctrlKey,
    };
  }
  return results;
}

export function measureMemory(runs = 3) {
  const script = fileURLToPath(new URL('memory.mjs', import.meta.url));
  const all = [];
  for (let r = 0; r < runs; r++) {
    const { status, stdout, stderr } = spawnSync(
      process.execPath,
      ['--expose-gc', script, '--round', String(r)],
      {
        encoding: 'utf8',
      },
    );
    if (status !== 0) throw new Error(`memory.mjs failed: ${stderr}`);
    all.push(JSON.parse(stdout));
  }
  const out = {};
  for (const name of Object.keys(all[0])) {
    out[name] = {};
    for (const key of Object.keys(all[0][name])) out[name][key] = median(all.map((x) => x[name][key]));
  }
  return out;
}

const fmtOps = (n) => (n >= 100 ? Math.round(n).toLocaleString('en-US') : n.toFixed(1));
const fmtUs = (ops) => {
  const us = 1e6 / ops;
  return us >= 1000 ? `${(us / 1000).toFixed(2)} ms` : `${us.toFixed(us >= 100 ? 0 : 1)} µs`;
};
const fmtBytes = (b) => (b >= 1024 * 1024 ? `${(b / 2 ** 20).toFixed(2)} MB` : `${(b / 1024).toFixed(1)} KB`);

if (isMain(import.meta.url)) {
  const { values } = parseArgs({
    options: {
      rounds: { type: 'string', default: '15' },
      batch: { type: 'string', default: '100' },
      json: { type: 'boolean' },
    },
  });
  const speed = await measureSpeed({ rounds: Number(values.rounds), batch: Number(values.batch) });
  const memory = measureMemory(3);
  if (values.json) {
    console.log(JSON.stringify({ speed, memory }, null, 2));
    process.exit(0);
  }
  const names = Object.keys(BODIES);
  const cell = (name, key) => {
    const ops = speed[name].ops[key];
    return ops === undefined ? '–' : `${fmtOps(ops)}/s · ${fmtUs(ops)}`;
  };
  const floorCell = (name, key) => (name.endsWith('Json') ? '' : cell(name, key));
  console.log(
    `Decode throughput: decoded bodies per second · time per body (median of ${values.rounds} rounds of ${values.batch} ms);\n` +
      'the ratio is taken within each round: median (interquartile range).\n',
  );
  console.log(
    table(
      [
        'body',
        'size',
        'plextv',
        '@ctrl/plex 3.12.1',
        'plextv ÷ @ctrl/plex',
        'JSON.parse',
        '@rgrove/parse-xml',
        'xml2js',
      ],
      names.map((name) => [
        BODIES[name].label,
        fmtBytes(BODIES[name].text.length),
        cell(name, 'plextv'),
        ctrlReads(name) ? cell(name, 'ctrl') : `${cell(name, 'xml2js')} ²`,
        `${speed[name].speedup.toFixed(2)}×${ctrlReads(name) ? '' : ' ²'} (${speed[name].speedupIqr.map((x) => x.toFixed(2)).join('–')})`,
        name.endsWith('Json') ? cell(name, 'JSON.parse') : '',
        floorCell(name, '@rgrove/parse-xml'),
        floorCell(name, 'xml2js'),
      ]),
    ),
  );
  console.log(
    '\n² @ctrl/plex 3.12.1 has no reader for this body (it reads the account as JSON only and has no /api/users):',
  );
  console.log('  its column is xml2js alone, the parse its query() does for any XML URL, before any model.');
  console.log(
    '  The v1 resources row uses MyPlexDevice, its reader for <Device>/<Connection> XML (/devices.xml).',
  );
  console.log(
    '\nMemory: heap retained per decoded body (and per item), median of 3 runs in a --expose-gc child.\n',
  );
  console.log(
    table(
      ['body', 'plextv', '@ctrl/plex 3.12.1', 'JSON.parse', '@rgrove/parse-xml', 'xml2js'],
      names.map((name) => {
        const m = memory[name];
        const items = BODIES[name].items;
        const c = (key) =>
          m[key] === undefined
            ? ''
            : `${fmtBytes(m[key])}${items > 1 ? ` (${(m[key] / items / 1024).toFixed(2)} KB each)` : ''}`;
        return [
          BODIES[name].label,
          c('plextv'),
          ctrlReads(name) ? c('ctrl') : `${c('xml2js')} ²`,
          c('JSON.parse'),
          c('@rgrove/parse-xml'),
          c('xml2js'),
        ];
      }),
    ),
  );
}
