#!/usr/bin/env node
// Startup cost: wall time from spawn to exit of a fresh process, against a loopback plextv-emulator (in its own
// process): bare `node -e ""`, `plextv --version`, `plextv whoami` with PLEX_TOKEN, and a script that reads the
// account with the library alone — plextv's `getUser` vs @ctrl/plex 3.12.1's `MyPlexAccount#connect()` (its
// `https://plex.tv/api/v2/user` pointed at the emulator). The variants take turns in an order that rotates run
// by run; each time's ratio to the bare node of the same round is taken, and the median and range reported.
// One more, untimed run of each counts the module files it loads.
//   node bench/startup/run.mjs [--runs N] [--json]
import { fork, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { isMain, median, quantile, rotate, table } from '../lib.mjs';

const root = fileURLToPath(new URL('../..', import.meta.url));
const CLI = join(root, 'packages/cli/bin/plextv.js');
const COUNT_MODULES = join(root, 'bench/startup/count-modules.mjs');
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
  return [
    { name: 'bare node', label: 'bare node (`node -e ""`)', args: ['-e', ''] },
    { name: 'cli --version', label: '`plextv --version`', args: [CLI, '--version'], expect: '0.' },
    { name: 'cli whoami', label: '`plextv whoami` (PLEX_TOKEN)', args: [CLI, 'whoami'], expect: 'demo' },
    {
      name: 'plextv script',
      label: 'script: plextv `getUser`',
      args: ['--input-type=module', '-e', plextv],
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

function spawn(v, env, extra = []) {
  const start = process.hrtime.bigint();
  const r = spawnSync(process.execPath, [...extra, ...v.args], { cwd: root, env, encoding: 'utf8' });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (r.status !== 0 || (v.expect && !r.stdout.includes(v.expect))) {
    throw new Error(`${v.name} failed (exit ${r.status}): ${r.stdout}${r.stderr}`);
  }
  return ms;
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
    const times = Object.fromEntries(list.map((v) => [v.name, []]));
    const ratios = Object.fromEntries(list.map((v) => [v.name, []]));
    for (let i = 0; i < runs; i++) {
      const round = {};
      for (const v of rotate(list, i)) round[v.name] = spawn(v, env);
      for (const v of list) {
        times[v.name].push(round[v.name]);
        ratios[v.name].push(round[v.name] / round['bare node']);
      }
    }
    const bare = median(times['bare node']);
    return list.map((v) => {
      const t = times[v.name];
      const r = ratios[v.name];
      return {
        name: v.name,
        label: v.label,
        medianMs: median(t),
        overBareMs: median(t) - bare,
        minMs: Math.min(...t),
        maxMs: Math.max(...t),
        ratio: median(r),
        ratioQ1: quantile(r, 0.25),
        ratioQ3: quantile(r, 0.75),
        modules: modules(v, env),
      };
    });
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
    console.log(JSON.stringify({ runs, rows }, null, 2));
  } else {
    console.log(
      `Startup: wall time from spawn to exit, a fresh process each time, ${runs} rounds (rotated), loopback emulator.\n`,
    );
    console.log(
      table(
        [
          '',
          'median wall time',
          'over bare node',
          'range',
          '÷ bare node, median (IQR)',
          'module files loaded',
        ],
        rows.map((r) => [
          r.label,
          `${r.medianMs.toFixed(1)} ms`,
          r.name === 'bare node' ? '–' : `+${r.overBareMs.toFixed(1)} ms`,
          `${r.minMs.toFixed(0)}–${r.maxMs.toFixed(0)} ms`,
          r.name === 'bare node'
            ? '1×'
            : `${r.ratio.toFixed(2)}× (${r.ratioQ1.toFixed(2)}–${r.ratioQ3.toFixed(2)})`,
          String(r.modules.count),
        ]),
      ),
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
