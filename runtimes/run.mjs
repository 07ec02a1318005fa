#!/usr/bin/env node
/**
 * The runtime matrix (`npm run test:runtimes`): the scenario (runtimes/scenario.mjs) on Node (the host),
 * Node 22, Node 24, Bun, Deno and workerd, then the library's and the emulator's vitest suites on Node 22 and
 * Node 24. Each job has a time limit; a table at the end; exit code 1 when a job fails (known failures and
 * runtimes not published for this platform do not fail the run).
 *
 *   node runtimes/run.mjs                    everything
 *   node runtimes/run.mjs --only deno        one runtime (comma-separated list: node22,bun,workerd…)
 *   node runtimes/run.mjs --no-vitest        scenarios only
 *   node runtimes/run.mjs --verbose          print every job's output
 *
 * The runtimes come from runtimes/package.json, a separate install (`npm run runtimes:install`, i.e.
 * `npm ci --prefix runtimes --ignore-scripts`): the Node binaries link node_modules/.bin/node, which must not shadow the
 * workspace's own Node in npm scripts. Needs `npm run build` first (the scenario imports the built packages).
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.dirname(here);
const modules = path.join(here, 'node_modules');
// Build output, logs and Deno's cache: under node_modules, which git and biome ignore.
const out = path.join(modules, '.cache', 'plextv-runtimes');

const SCENARIO_LIMIT = 90_000;
const VITEST_LIMIT = 900_000;

/**
 * Runtimes that fail for a known reason outside this folder's reach: runtime name → the reason. Their jobs
 * still run and are reported as "known failure" (and as "fixed?" when they pass). None today.
 * @type {Record<string, string>}
 */
const KNOWN_FAILURES = {};

/** The vitest suites run on Node 22 and 24: the library's and the emulator's, in-process. */
const VITEST_ARGS = [
  'run',
  'packages/plextv/test',
  'packages/emulator/test',
  // Spawns the `plextv-emulator` bin, i.e. whichever Node is on PATH, not the Node under test.
  '--exclude',
  'packages/emulator/test/bin.test.ts',
  '--reporter=dot',
];

const args = process.argv.slice(2);
const flag = (name) => args.includes(name);
const onlyIndex = args.indexOf('--only');
const only = onlyIndex >= 0 ? new Set((args[onlyIndex + 1] ?? '').split(',').filter(Boolean)) : null;
const withVitest = !flag('--no-vitest');
const verbose = flag('--verbose');

// --- where each runtime's binary is ------------------------------------------------------------------

const os = process.platform;
const arch = process.arch;
const exe = os === 'win32' ? '.exe' : '';

/** The first candidate that is a real binary (the npm wrappers hold small placeholders until postinstall). */
function binary(candidates) {
  for (const file of candidates) {
    const full = path.join(modules, file);
    if (existsSync(full) && statSync(full).size > 1_000_000) return full;
  }
  return null;
}

const bunPlatform = `${os === 'win32' ? 'windows' : os}-${arch === 'arm64' ? 'aarch64' : arch}`;
const denoPlatform = { linux: `linux-${arch}-glibc`, darwin: `darwin-${arch}`, win32: `win32-${arch}` }[os];
const workerdPlatform = `${os === 'win32' ? 'windows' : os}-${arch === 'x64' ? '64' : arch}`;

/**
 * @typedef {{ name: string, label: string, bin: string | null, published: boolean,
 *   scenario: (bin: string) => Promise<Job> | Job, vitest?: boolean }} Runtime
 * @typedef {{ cmd: string, args: string[], cwd: string, env?: Record<string, string> }} Job
 */

const nodeScenario = (bin) => ({ cmd: bin, args: ['runtimes/main.mjs'], cwd: root });

/** @type {Runtime[]} */
const RUNTIMES = [
  {
    name: 'node',
    label: `node (host)`,
    bin: process.execPath,
    published: true,
    scenario: nodeScenario,
  },
  {
    name: 'node22',
    label: 'node 22',
    bin: binary(['node22/bin/node']),
    published: os === 'linux' && arch === 'x64',
    scenario: nodeScenario,
    vitest: true,
  },
  {
    name: 'node24',
    label: 'node 24',
    bin: binary(['node24/bin/node']),
    published: os === 'linux' && arch === 'x64',
    scenario: nodeScenario,
    vitest: true,
  },
  {
    name: 'bun',
    label: 'bun',
    bin: binary([`bun/bin/bun.exe`, `@oven/bun-${bunPlatform}/bin/bun${exe}`]),
    published: true,
    scenario: nodeScenario,
  },
  {
    name: 'deno',
    label: 'deno',
    bin: binary([`deno/deno${exe}`, `@deno/${denoPlatform}/deno${exe}`]),
    published: true,
    // No permissions at all: the library and the in-process emulator need none.
    scenario: (bin) => ({
      cmd: bin,
      args: ['run', '--no-lock', '--no-prompt', 'runtimes/main.mjs'],
      cwd: root,
      env: { DENO_DIR: path.join(out, 'deno-cache'), DENO_NO_UPDATE_CHECK: '1' },
    }),
  },
  {
    name: 'workerd',
    label: 'workerd',
    bin: binary([`workerd/bin/workerd${exe}`, `@cloudflare/workerd-${workerdPlatform}/bin/workerd${exe}`]),
    published: true,
    scenario: workerdJob,
  },
];

/**
 * workerd runs modules listed in its config, so the worker is bundled (code splitting keeps the lazily loaded
 * XML parser a separate module that is really `import()`ed), then `workerd test` calls the worker's test
 * handler, which runs the scenario through the worker's own fetch handler. No nodejs_compat flag: web
 * standards only.
 */
async function workerdJob(bin) {
  const dir = path.join(out, 'workerd');
  rmSync(dir, { recursive: true, force: true });
  const result = await build({
    entryPoints: [path.join(here, 'worker.mjs')],
    absWorkingDir: root,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'neutral',
    conditions: ['workerd', 'worker', 'browser'],
    mainFields: ['module', 'main'],
    outdir: dir,
    metafile: true,
    logLevel: 'warning',
  });
  const files = Object.keys(result.metafile.outputs).map((file) => path.basename(file));
  files.sort((a, b) => (a === 'worker.js' ? -1 : b === 'worker.js' ? 1 : a.localeCompare(b)));
  const config = `using Workerd = import "/workerd/workerd.capnp";
const config :Workerd.Config = (
  services = [ (name = "main", worker = .worker) ],
);
const worker :Workerd.Worker = (
  modules = [
${files.map((file) => `    (name = "${file}", esModule = embed "${file}"),`).join('\n')}
  ],
  compatibilityDate = "2025-09-01",
  bindings = [ (name = "SELF", service = "main") ],
);
`;
  writeFileSync(path.join(dir, 'config.capnp'), config);
  return { cmd: bin, args: ['test', 'config.capnp'], cwd: dir };
}

// --- running a job -----------------------------------------------------------------------------------

/** Run a command with a time limit; its whole process group is killed when the limit passes. */
function run({ cmd, args, cwd, env }, limit) {
  return new Promise((resolve) => {
    const started = Date.now();
    const child = spawn(cmd, args, {
      cwd,
      env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: os !== 'win32',
    });
    let output = '';
    child.stdout.on('data', (chunk) => {
      output += chunk;
    });
    child.stderr.on('data', (chunk) => {
      output += chunk;
    });
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      try {
        if (os === 'win32') child.kill('SIGKILL');
        else process.kill(-child.pid, 'SIGKILL');
      } catch {}
    }, limit);
    const done = (code, error) => {
      clearTimeout(timer);
      resolve({
        code,
        output: error ? `${output}\n${error.message}` : output,
        timedOut,
        ms: Date.now() - started,
      });
    };
    child.on('error', (error) => done(null, error));
    child.on('close', (code) => done(code));
  });
}

/** `v22.23.5`, `1.4.5`, `deno 2.9.6 (stable, …)`, `workerd 2026-11-23`: the first line, shortened. */
function version(bin) {
  return run({ cmd: bin, args: ['--version'], cwd: root }, 30_000).then((r) =>
    r.code === 0
      ? r.output
          .trim()
          .split('\n')[0]
          .replace(/^deno /, '')
          .replace(/ \(.*$/, '')
      : '?',
  );
}

const seconds = (ms) => `${(ms / 1000).toFixed(1)}s`;

/** @type {{ runtime: string, version: string, job: string, status: string, detail: string, time: string }[]} */
const rows = [];
let failures = 0;

function record(runtime, ver, job, result, summary) {
  const ok = result.code === 0 && !result.timedOut && summary.ok;
  const known = KNOWN_FAILURES[runtime.name];
  let status;
  if (ok) status = known ? 'pass (fixed? drop the known failure)' : 'pass';
  else if (known) status = 'known failure';
  else {
    status = result.timedOut ? 'TIMEOUT' : 'FAIL';
    failures++;
  }
  rows.push({
    runtime: runtime.label,
    version: ver,
    job,
    status,
    detail: known && !ok ? `${summary.detail}; ${known}` : summary.detail,
    time: seconds(result.ms),
  });
  const log = path.join(out, 'logs', `${runtime.name}-${job}.log`);
  writeFileSync(log, result.output);
  if (!ok || verbose) {
    const lines = result.output.trimEnd().split('\n');
    console.log(lines.slice(-60).join('\n'));
    if (lines.length > 60)
      console.log(`(last 60 of ${lines.length} lines; all in ${path.relative(root, log)})`);
  } else if (job === 'scenario') {
    // The scenario's own lines, without workerd's logging around them.
    console.log(
      splitLines(result.output)
        .filter((line) => /^(ok {3}|FAIL )|passed, \d+ failed$/.test(line))
        .map((line) => `  ${line}`)
        .join('\n'),
    );
  }
}

function splitLines(text) {
  return text.split('\n').map((line) => line.trimEnd());
}

function scenarioSummary(output) {
  const match = /(\d+) passed, (\d+) failed/.exec(output);
  if (!match) return { ok: false, detail: 'no summary line' };
  return { ok: match[2] === '0' && match[1] !== '0', detail: match[0] };
}

function vitestSummary(output) {
  const files = /Test Files\s+(.+?)\s*$/m.exec(output)?.[1];
  const tests = /^\s*Tests\s+(.+?)\s*$/m.exec(output)?.[1];
  if (!tests) return { ok: false, detail: 'no vitest summary' };
  return { ok: !/failed/.test(`${files} ${tests}`), detail: `tests ${tests}; files ${files}` };
}

// --- main ----------------------------------------------------------------------------------------------

if (!existsSync(modules)) {
  console.error(
    'runtimes/node_modules is missing: run `npm run runtimes:install` (npm ci --prefix runtimes).',
  );
  process.exit(1);
}
for (const pkg of ['plextv', 'plextv-emulator']) {
  const dir = pkg === 'plextv' ? 'plextv' : 'emulator';
  if (!existsSync(path.join(root, 'packages', dir, 'dist', 'index.js'))) {
    console.error(`packages/${dir}/dist is missing: run \`npm run build\` first.`);
    process.exit(1);
  }
}
mkdirSync(path.join(out, 'logs'), { recursive: true });

const started = Date.now();
const selected = RUNTIMES.filter((runtime) => !only || only.has(runtime.name));
if (only && selected.length === 0) {
  console.error(
    `--only: no runtime named ${[...only].join(', ')} (${RUNTIMES.map((r) => r.name).join(', ')})`,
  );
  process.exit(2);
}
const versions = new Map();
for (const runtime of selected) {
  if (!runtime.bin) {
    const status = runtime.published ? 'MISSING' : 'skipped';
    if (runtime.published) failures++;
    const detail = runtime.published
      ? 'binary not installed: npm run runtimes:install'
      : `no npm package for ${os}-${arch}`;
    rows.push({ runtime: runtime.label, version: '-', job: 'scenario', status, detail, time: '-' });
    continue;
  }
  const ver = await version(runtime.bin);
  versions.set(runtime.name, ver);
  console.log(`\n== ${runtime.label} (${ver}): scenario`);
  const job = await runtime.scenario(runtime.bin);
  const result = await run(job, SCENARIO_LIMIT);
  record(runtime, ver, 'scenario', result, scenarioSummary(result.output));
}
if (withVitest) {
  for (const runtime of selected.filter((r) => r.vitest && r.bin)) {
    const ver = versions.get(runtime.name);
    console.log(`\n== ${runtime.label} (${ver}): vitest (packages/plextv, packages/emulator)`);
    const vitest = path.join(root, 'node_modules', 'vitest', 'vitest.mjs');
    const result = await run({ cmd: runtime.bin, args: [vitest, ...VITEST_ARGS], cwd: root }, VITEST_LIMIT);
    const summary = vitestSummary(result.output);
    record(runtime, ver, 'vitest', result, summary);
    if (summary.ok) console.log(`  ${summary.detail}`);
  }
}

const columns = /** @type {const} */ (['runtime', 'version', 'job', 'status', 'detail', 'time']);
const widths = columns.map((column) => Math.max(column.length, ...rows.map((row) => row[column].length)));
const line = (cells) => `| ${cells.map((cell, i) => cell.padEnd(widths[i])).join(' | ')} |`;
console.log(`\n${line(columns)}`);
console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
for (const row of rows) console.log(line(columns.map((column) => row[column])));
console.log(
  `\n${failures === 0 ? 'all runtimes pass' : `${failures} job(s) failed`} in ${seconds(Date.now() - started)}`,
);
process.exit(failures === 0 ? 0 : 1);
