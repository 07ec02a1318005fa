#!/usr/bin/env node
// Startup cost: a fresh process from spawn to exit, against a loopback plextv-emulator (in its own process):
// bare `node -e ""`; bare node + one fetch of the account (the floor for anything that reads it); `plextv
// --version`; `plextv whoami` with PLEX_TOKEN; and a script reading the account with the library alone —
// plextv's `getUser` vs @ctrl/plex 3.12.1's `MyPlexAccount#connect()` (its `https://plex.tv/api/v2/user` pointed
// at the emulator). Wall time (seen from here) and CPU time (user + system, reported by the child at exit,
// steadier on a busy machine). The variants take turns in an order that rotates round by round; each figure's
// ratio to the bare node of the same round is taken, and its median and interquartile range reported.
// One more, untimed run of each counts the module files it loads.
//   node bench/startup/run.mjs [--runs N] [--json]
import { fork, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { isMain, median, quantile, rotate, table } from '../lib.mjs';

const root = fileURLToPath(new URL('../..', import.meta.url));
const CLI = join(root, 'packages/cli/bin/plextv.cjs');
const COUNT_MODULES = join(root, 'bench/startup/count-modules.mjs');
const CPU_AT_EXIT = join(root, 'bench/startup/cpu-at-exit.cjs');
const TOKEN = 'demo-token';

/** The emulator in a child process (a timed run blocks this one), on 127.0.0.1; resolves with its URL. */
function startEmulator() {
  const child = fork(join(root, 'bench/emulator/server.mjs'), ['emulator'], { stdio: 'ignore' });
  return new Promise((resolve, reject) => {
    child.once('message', ({ port }) =>
      resolve({ url: `http://127.0.0.1:${port}`, stop: () => child.kill() }),
    );
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`the emulator exited (${code})`)));
  });
}

/** The variants: argv after `node`, and whether the output must mention the demo account. */
export function variants(baseUrl) {
  const ctrl = `import { MyPlexAccount } from '@ctrl/plex';
MyPlexAccount.key = '${baseUrl}/api/v2/user';
const account = await new MyPlexAccount(null, undefined, undefined, '${TOKEN}').connect();
console.log(account.username);`;
  const plextv = `import { createClient, getUser } from 'plextv';
const client = createClient({ clientIdentifier: 'bench-startup', baseUrl: '${baseUrl}', token: '${TOKEN}' });
console.log((await getUser(client)).username);`;
  // The floor for anything that reads the account: Node's own fetch (undici, compiled on first use) and one request.
  const fetchOnly = `const r = await fetch('${baseUrl}/api/v2/user', { headers: { 'X-Plex-Token': '${TOKEN}', 'X-Plex-Client-Identifier': 'bench-startup', Accept: 'application/json' } });
console.log((await r.json()).username);`;
  const plextvHttp = `import { createClient, getUser } from 'plextv';
import { httpFetch } from './packages/cli/dist/http-fetch.js';
const client = createClient({ clientIdentifier: 'bench-startup', baseUrl: '${baseUrl}', token: '${TOKEN}', fetch: httpFetch });
console.log((await getUser(client)).username);`;
  return [
    { name: 'bare node', label: 'bare node (`node -e ""`)', args: ['-e', ''] },
    {
      name: 'bare fetch',
      label: 'bare node + one `fetch` of the account',
      args: ['--input-type=module', '-e', fetchOnly],
      expect: 'demo',
    },
    { name: 'cli --version', label: '`plextv --version`', args: [CLI, '--version'], expect: '0.' },
    { name: 'cli whoami', label: '`plextv whoami` (PLEX_TOKEN)', args: [CLI, 'whoami'], expect: 'demo' },
    {
      name: 'plextv script',
      label: 'script: plextv `getUser`',
      args: ['--input-type=module', '-e', plextv],
      expect: 'demo',
    },
    {
      name: 'plextv script, node:http',
      label: "script: plextv `getUser`, the CLI's `fetch` over node:http ³",
      args: ['--input-type=module', '-e', plextvHttp],
      expect: 'demo',
    },
    {
      name: 'ctrl script',
      label: 'script: @ctrl/plex 3.12.1 `connect()`',
      args: ['--input-type=module', '-e', ctrl],
      expect: 'demo',
    },
  ];
}

/**
 * One fresh process running `v`: its wall time (ms, spawn to exit, seen from here) and CPU time (ms, user +
 * system, reported by the child at exit through fd 3).
 */
export function spawn(v, env, extra = []) {
  const start = process.hrtime.bigint();
  const r = spawnSync(process.execPath, ['--require', CPU_AT_EXIT, ...extra, ...v.args], {
    cwd: root,
    env,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe', 'pipe'],
  });
  const wall = Number(process.hrtime.bigint() - start) / 1e6;
  if (r.status !== 0 || (v.expect && !r.stdout.includes(v.expect))) {
    throw new Error(`${v.name} failed (exit ${r.status}): ${r.stdout}${r.stderr}`);
  }
  return { wall, cpu: Number(r.output[3]) };
}

/** Module files one run of `v` loads (node: built-ins not counted), by package. */
function modules(v, env) {
  const dir = mkdtempSync(join(tmpdir(), 'plextv-startup-'));
  const file = join(dir, 'modules.txt');
  try {
    spawn(v, { ...env, STARTUP_MODULES: file }, ['--import', COUNT_MODULES]);
    let lines = [];
    try {
      lines = readFileSync(file, 'utf8').split('\n').filter(Boolean);
    } catch {}
    const paths = new Set(
      lines
        .map((l) => l.replace(/^(esm|cjs):/, ''))
        .map((p) => (p.startsWith('file://') ? fileURLToPath(p) : p))
        .filter((p) => !p.startsWith(join(root, 'bench/startup'))),
    );
    const byPackage = {};
    for (const p of paths) {
      const m = /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(p) ?? /packages\/([^/]+)\//.exec(p);
      const name = m ? m[1] : 'other';
      byPackage[name] = (byPackage[name] ?? 0) + 1;
    }
    return { count: paths.size, byPackage };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Median, range, and the ratio to the bare node of the same round (median and interquartile range). */
function stats(runs, key, bareRuns) {
  const xs = runs.map((r) => r[key]);
  const ratios = runs.map((r) => r[key] / r.bare[key]);
  return {
    median: median(xs),
    overBare: median(xs) - median(bareRuns.map((r) => r[key])),
    min: Math.min(...xs),
    max: Math.max(...xs),
    ratio: median(ratios),
    ratioQ1: quantile(ratios, 0.25),
    ratioQ3: quantile(ratios, 0.75),
  };
}

/** The 1-minute load average when the timed rounds started and ended (the machine may be shared). */
export const load = { start: Number.NaN, end: Number.NaN };

export async function measure(runs) {
  const emulator = await startEmulator();
  const configDir = mkdtempSync(join(tmpdir(), 'plextv-startup-config-'));
  try {
    const env = {
      ...process.env,
      PLEX_TOKEN: TOKEN,
      PLEXTV_BASE_URL: emulator.url,
      PLEXTV_CONFIG_DIR: configDir,
      NO_COLOR: '1',
    };
    delete env.NODE_OPTIONS;
    const list = variants(emulator.url);
    for (const v of list) spawn(v, env); // warm the file-system cache (and check each variant works)
    load.start = loadavg()[0];
    const runsOf = Object.fromEntries(list.map((v) => [v.name, []]));
    for (let i = 0; i < runs; i++) {
      const round = {};
      for (const v of rotate(list, i)) round[v.name] = spawn(v, env);
      for (const v of list) runsOf[v.name].push({ ...round[v.name], bare: round['bare node'] });
    }
    load.end = loadavg()[0];
    return list.map((v) => ({
      name: v.name,
      label: v.label,
      wall: stats(runsOf[v.name], 'wall', runsOf['bare node']),
      cpu: stats(runsOf[v.name], 'cpu', runsOf['bare node']),
      modules: modules(v, env),
    }));
  } finally {
    emulator.stop();
    rmSync(configDir, { recursive: true, force: true });
  }
}

if (isMain(import.meta.url)) {
  const { values } = parseArgs({
    options: { runs: { type: 'string', default: '15' }, json: { type: 'boolean' } },
  });
  const runs = Number(values.runs);
  const rows = await measure(runs);
  if (values.json) {
    console.log(JSON.stringify({ runs, load, rows }, null, 2));
  } else {
    console.log(
      `Startup: a fresh process each time, ${runs} rounds (rotated), against a loopback emulator. Wall time from spawn to exit; CPU time (user + system) as the process reports it at exit. Ratios to the bare node of the same round: median (interquartile range). Load average ${load.start.toFixed(2)} at the start, ${load.end.toFixed(2)} at the end. Target: \`plextv whoami\` ≤ 1.8× bare node.\n`,
    );
    const isBare = (r) => r.name === 'bare node';
    const ratio = (s) => `${s.ratio.toFixed(2)}× (${s.ratioQ1.toFixed(2)}–${s.ratioQ3.toFixed(2)})`;
    console.log(
      table(
        [
          '',
          'wall, median',
          'wall range',
          'wall ÷ bare node',
          'CPU, median',
          'CPU ÷ bare node',
          'module files',
        ],
        rows.map((r) => [
          r.label,
          `${r.wall.median.toFixed(1)} ms${isBare(r) ? '' : ` (+${r.wall.overBare.toFixed(1)})`}`,
          `${r.wall.min.toFixed(0)}–${r.wall.max.toFixed(0)} ms`,
          isBare(r) ? '1×' : ratio(r.wall),
          `${r.cpu.median.toFixed(1)} ms${isBare(r) ? '' : ` (+${r.cpu.overBare.toFixed(1)})`}`,
          isBare(r) ? '1×' : ratio(r.cpu),
          String(r.modules.count),
        ]),
      ),
    );
    console.log(
      "\n³ plextv's `fetch` option given the CLI's fetch over node:http (packages/cli/src/http-fetch.ts, which `plextv` uses for plex.tv): Node 20's own fetch (undici) pays most of its cost on its first request; this row shows what a script saves by not using it.",
    );
    console.log('\nModule files loaded, by package (node: built-ins not counted):');
    for (const r of rows) {
      const parts = Object.entries(r.modules.byPackage)
        .sort((a, b) => b[1] - a[1])
        .map(([k, n]) => `${k} ${n}`);
      console.log(`- ${r.label}: ${parts.length > 0 ? parts.join(', ') : 'none'}`);
    }
  }
}
