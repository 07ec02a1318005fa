#!/usr/bin/env node
// Fuzz every public decoder of the BUILT plextv (import('plextv'), so run `npm run build` first) with generated
// and mutated bodies: only typed DecodeErrors may come out, no body may take longer than the time limit, no
// prototype may gain a key, no DOCTYPE entity may be expanded. The generators, targets and checks live in
// packages/plextv/test/fuzz/ (TypeScript, bundled here with esbuild); `npm test` runs a short version.
//
// Usage: npm run fuzz [-- options]
//   --runs N          bodies in all (default 100000)
//   --seed N          run seed (default: random, printed); the same seed gives the same bodies
//   --case I          run only case I of the seed's run, print it and save its body
//   --only a,b        only these decoders (the case → decoder mapping depends on the list: keep it to replay)
//   --workers N       worker threads (default: available parallelism, at most 8)
//   --time-limit MS   per-body limit (default 250; bodies over 250 kB get 1 ms per kB)
//   --hang-limit MS   a worker stuck this long on one body is killed and the body reported (default 60000)
//   --strict          known, already reported issues (engine.ts KNOWN_ISSUES) fail the run too
//   --no-minimize     do not shrink failing bodies
//   --selftest        fuzz deliberately broken decoders instead, to see the harness catch every kind of
//                     failure (TypeError, slow, never settles, hang, pollution, entity, invalid value): exits 1
// Exit status: 0 when every body passed, 1 on any failure, 2 on a usage error.
// Failing bodies are saved under test-output/fuzz/ (the body, a shrunk body, a JSON file with the rest).
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';

const root = fileURLToPath(new URL('..', import.meta.url));
const OUT = join(root, 'test-output', 'fuzz');
const ENGINE_TS = join(root, 'packages', 'plextv', 'test', 'fuzz', 'engine.ts');
const ENGINE_JS = join(OUT, '.build', 'engine.mjs');
const FIXTURES = join(root, 'fixtures', 'realworld', 'plextv');

const loadEngine = () => import(pathToFileURL(ENGINE_JS).href);

if (isMainThread) await main();
else await worker();

function parseArgs(argv) {
  const opts = {
    runs: 100_000,
    seed: undefined,
    case: undefined,
    only: undefined,
    workers: Math.max(1, Math.min(8, availableParallelism())),
    timeLimitMs: 250,
    hangLimitMs: 60_000,
    strict: false,
    minimize: true,
    selftest: false,
  };
  const int = (name, v) => {
    const n = Number(v);
    if (v === undefined || !Number.isSafeInteger(n) || n < 0) usage(`${name} takes a non-negative integer`);
    return n;
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const [flag, inline] = a.includes('=') ? [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)] : [a];
    const value = () => inline ?? argv[++i];
    switch (flag) {
      case '--runs':
        opts.runs = int(flag, value());
        break;
      case '--seed':
        opts.seed = int(flag, value());
        break;
      case '--case':
        opts.case = int(flag, value());
        break;
      case '--only':
        opts.only = String(value() ?? '')
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean);
        break;
      case '--workers':
        opts.workers = Math.max(1, int(flag, value()));
        break;
      case '--time-limit':
        opts.timeLimitMs = int(flag, value());
        break;
      case '--hang-limit':
        opts.hangLimitMs = int(flag, value());
        break;
      case '--strict':
        opts.strict = true;
        break;
      case '--no-minimize':
        opts.minimize = false;
        break;
      case '--selftest':
        opts.selftest = 'hang';
        break;
      case '-h':
      case '--help':
        usage();
        break;
      default:
        usage(`unknown option ${a}`);
    }
  }
  return opts;
}

function usage(problem) {
  const text =
    'usage: node scripts/fuzz.mjs [--runs 100000] [--seed N] [--case I] [--only decoder,…] [--workers N]\n' +
    '                             [--time-limit 250] [--hang-limit 60000] [--strict] [--no-minimize] [--selftest]';
  if (problem) {
    console.error(`fuzz: ${problem}\n${text}`);
    process.exit(2);
  }
  console.log(text);
  process.exit(0);
}

async function buildEngine() {
  const { build } = await import('esbuild');
  await build({
    entryPoints: [ENGINE_TS],
    outfile: ENGINE_JS,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    logLevel: 'warning',
  });
}

function replayCommand(seed, index, opts) {
  const only = opts.only ? ` --only ${opts.only.join(',')}` : '';
  return `node scripts/fuzz.mjs --seed ${seed} --case ${index}${only}${opts.strict ? ' --strict' : ''}${opts.selftest ? ' --selftest' : ''}`;
}

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  if (!existsSync(join(root, 'packages', 'plextv', 'dist', 'index.js'))) {
    console.error('fuzz: packages/plextv/dist is missing: run `npm run build` first');
    process.exit(2);
  }
  await buildEngine();
  const engine = await loadEngine();
  const lib = await import('plextv');
  const seed = opts.seed ?? engine.randomSeed();
  const corpus = engine.loadCorpus(FIXTURES);
  let targets;
  try {
    targets = await engine.targetsFor(lib, opts.only, opts.selftest);
  } catch (error) {
    usage(error.message);
  }
  const runOptions = { timeLimitMs: opts.timeLimitMs, strict: opts.strict };
  if (opts.selftest) {
    // The broken targets hang on purpose: do not wait a minute for each.
    opts.hangLimitMs = Math.min(opts.hangLimitMs, 5_000);
    runOptions.settleLimitMs = 500;
  }

  if (opts.case !== undefined) {
    // One case: print what it is and what came out.
    const c = engine.makeCase(targets, corpus, seed, opts.case);
    const o = await engine.runCase(c, runOptions);
    console.log(
      `seed ${seed}, case ${c.index}: ${c.target.name} ← ${c.generators.join(' + ')} (from ${c.base})`,
    );
    console.log(`content-type ${c.contentType ?? '(none)'}, ${c.body.length} chars, ${o.ms.toFixed(1)} ms`);
    console.log(`body: ${engine.preview(c.body, 500)}`);
    const f = {
      seed,
      index: c.index,
      target: c.target.name,
      generators: c.generators,
      base: c.base,
      contentType: c.contentType,
      kind: o.kind === 'failure' ? o.failure : o.kind,
      detail: o.kind === 'failure' ? o.detail : o.kind === 'known' ? o.issue : '',
      error: o.error instanceof Error ? o.error.stack : o.error === undefined ? undefined : String(o.error),
      ms: o.ms,
      body: c.body,
    };
    console.log(`saved: ${engine.saveFailure(OUT, f)}`);
    if (o.kind === 'failure') {
      console.log(`FAIL [${o.failure}] ${o.detail}`);
      if (o.error instanceof Error) console.log(o.error.stack);
      process.exit(1);
    }
    console.log(o.kind === 'known' ? `known issue: ${o.issue}` : `passed: ${o.kind}`);
    if (o.kind === 'known') console.log(`  ${o.error instanceof Error ? o.error.message : String(o.error)}`);
    return;
  }

  const workers = Math.min(opts.workers, Math.max(1, opts.runs));
  const generatorCount = Object.keys(engine.GENERATORS).length;
  console.log(
    `plextv fuzz: ${opts.runs} bodies, seed ${seed}, ${targets.length} decoders × ${generatorCount} generators, ` +
      `${corpus.length} seed bodies, ${workers} worker(s), limit ${opts.timeLimitMs} ms per body (1 ms per kB above 250 kB)` +
      `${opts.strict ? ', strict' : ''}\n  reproduce: node scripts/fuzz.mjs --seed ${seed} --runs ${opts.runs}` +
      `${opts.only ? ` --only ${opts.only.join(',')}` : ''}${opts.strict ? ' --strict' : ''}` +
      `${opts.selftest ? ' --selftest\n  SELFTEST: these decoders are broken on purpose; every kind of failure must show' : ''}`,
  );

  const began = performance.now();
  const heartbeat = new Float64Array(new SharedArrayBuffer(16 * workers));
  const parts = new Array(workers).fill(undefined); // latest stats of the running worker in each slot
  const finished = []; // stats of workers that ended (done, or killed after a hang)
  const hangs = [];
  const printed = new Set();
  let failures = 0;

  const onFailure = (f) => {
    failures++;
    const sig = engine.signatureOf(f);
    const saved = engine.saveFailure(OUT, f);
    if (printed.has(sig) || printed.size >= 30) return;
    printed.add(sig);
    console.log(`\n${engine.describeFailure(f, replayCommand(f.seed, f.index, opts))}\n  saved: ${saved}`);
  };

  const progress = setInterval(() => {
    const done = [...finished, ...parts.filter(Boolean)].reduce((n, s) => n + s.cases, 0);
    const secs = (performance.now() - began) / 1000;
    console.log(
      `  … ${done}/${opts.runs} bodies, ${failures} failure(s), ${secs.toFixed(0)} s (${Math.round(done / secs)}/s)`,
    );
  }, 10_000);

  const start = (slot, from, skip) =>
    new Promise((resolve) => {
      const w = new Worker(fileURLToPath(import.meta.url), {
        workerData: {
          seed,
          runs: opts.runs,
          start: from,
          step: workers,
          skip,
          only: opts.only,
          selftest: opts.selftest,
          strict: opts.strict,
          minimize: opts.minimize,
          timeLimitMs: opts.timeLimitMs,
          settleLimitMs: runOptions.settleLimitMs,
          heartbeat: heartbeat.buffer,
          slot,
        },
      });
      let last = from - workers;
      let ended = false;
      let killed = false;
      // `next`: the replacement worker's run, when this one was killed.
      const end = (reason, next) => {
        if (ended) return;
        ended = true;
        clearInterval(watchdog);
        if (parts[slot]) finished.push(parts[slot]);
        parts[slot] = undefined;
        resolve(next ?? reason);
      };
      w.on('message', (m) => {
        if (m.type === 'failure') onFailure(m.failure);
        else if (m.type === 'progress') {
          parts[slot] = m.stats;
          last = m.lastIndex;
        } else if (m.type === 'done') {
          parts[slot] = m.stats;
          end('done');
        }
      });
      w.on('error', (error) => {
        // The worker itself died (not a decoder failure: those are caught): report and stop.
        console.error(`fuzz: worker ${slot} crashed near case ${heartbeat[slot * 2]}:`, error);
        failures++;
        hangs.push({ index: heartbeat[slot * 2], crashed: true });
        end('crashed');
      });
      w.on('exit', () => {
        if (!killed) end('exit');
      });
      // Watchdog: a worker stuck on one body (a synchronous infinite loop) cannot time itself out.
      const watchdog = setInterval(async () => {
        const index = heartbeat[slot * 2];
        const since = heartbeat[slot * 2 + 1];
        if (since === 0 || Date.now() - since < opts.hangLimitMs) return;
        killed = true;
        clearInterval(watchdog);
        heartbeat[slot * 2 + 1] = 0;
        await w.terminate();
        const c = engine.makeCase(targets, corpus, seed, index);
        hangs.push({ index, target: c.target.name });
        onFailure({
          seed,
          index,
          target: c.target.name,
          generators: c.generators,
          base: c.base,
          contentType: c.contentType,
          kind: 'hang',
          detail: `no answer after ${opts.hangLimitMs} ms (worker killed)`,
          ms: opts.hangLimitMs,
          body: c.body,
        });
        // Resume after the last reported batch, without the body that hung.
        end('hang', start(slot, last + workers, [...(skip ?? []), index]));
      }, 1_000);
    });

  await Promise.all(Array.from({ length: workers }, (_, slot) => start(slot, slot, [])));
  clearInterval(progress);

  const stats = engine.mergeStats(finished);
  stats.seed = seed;
  stats.elapsedMs = performance.now() - began;
  for (const h of hangs) {
    const sig = `${h.target ?? '?'} | ${h.crashed ? 'crash' : 'hang'} | worker killed`;
    stats.signatures[sig] = (stats.signatures[sig] ?? 0) + 1;
  }
  console.log(`\n${engine.formatStats(stats)}`);
  const sigs = Object.entries(stats.signatures).sort((a, b) => b[1] - a[1]);
  if (sigs.length > 0) {
    console.log('\ndistinct failures:');
    for (const [sig, n] of sigs) console.log(`  ${n} × ${sig}`);
  }
  if (hangs.length > 0)
    console.log(
      `\n${hangs.length} worker(s) killed (hang or crash): cases ${hangs.map((h) => h.index).join(', ')}`,
    );
  const knownTotal = Object.values(stats.known).reduce((a, b) => a + b, 0);
  if (!opts.strict && knownTotal > 0) {
    console.log(`(${knownTotal} bodies hit known issues; --strict fails on them)`);
  }
  // Streamed failures can repeat (a replacement worker re-runs the cases after its predecessor's last
  // report): the total comes from the merged stats.
  const total = Object.values(stats.byTarget).reduce((n, c) => n + c.failures, 0) + hangs.length;
  console.log(
    total === 0
      ? `\nOK: ${stats.cases} bodies, no failure (seed ${seed})`
      : `\nFAILED: ${total} failing bodies (seed ${seed}); bodies saved under test-output/fuzz/`,
  );
  process.exit(total === 0 ? 0 : 1);
}

async function worker() {
  const d = workerData;
  const engine = await loadEngine();
  const lib = await import('plextv');
  const corpus = engine.loadCorpus(FIXTURES);
  const beat = new Float64Array(d.heartbeat);
  const stats = await engine.runFuzz({
    lib,
    corpus,
    seed: d.seed,
    runs: d.runs,
    start: d.start,
    step: d.step,
    skip: new Set(d.skip ?? []),
    only: d.only,
    selftest: d.selftest,
    strict: d.strict,
    minimize: d.minimize,
    timeLimitMs: d.timeLimitMs,
    settleLimitMs: d.settleLimitMs,
    keepFailures: 0,
    onCaseStart(index) {
      beat[d.slot * 2] = index;
      beat[d.slot * 2 + 1] = Date.now();
    },
    onFailure(failure) {
      parentPort.postMessage({ type: 'failure', failure });
    },
    onProgress(s, lastIndex) {
      parentPort.postMessage({ type: 'progress', stats: s, lastIndex });
    },
  });
  beat[d.slot * 2 + 1] = 0;
  parentPort.postMessage({ type: 'done', stats });
}
