#!/usr/bin/env node
// Time to a server connection, plextv vs @ctrl/plex 3.12.1, against the same loopback fake servers.
//   node bench/connect/run.mjs [--runs N] [--json]
import { parseArgs } from 'node:util';
import { MyPlexResource } from '@ctrl/plex';
import { connect, parseResources } from 'plextv';
import { resourceFor, startServers } from './fake-servers.mjs';

const { values } = parseArgs({
  options: { runs: { type: 'string', default: '15' }, json: { type: 'boolean' } },
});
const RUNS = Number(values.runs);
const TIMEOUT = 1000; // per attempt, ms, for both libraries
const ID = 'bench0000000000000000000000000000000000ff';

const up = (latency = 2) => ({ kind: 'up', latency });
const hole = { kind: 'black-hole' };
export const SCENARIOS = [
  { name: 'all six up', behaviours: [up(), up(), up(), up(), up(), up()] },
  { name: 'black hole ranked best (of six)', behaviours: [hole, up(), up(), up(), up(), up()] },
  { name: 'black hole ranked worst (of six)', behaviours: [up(), up(), up(), up(), up(), hole] },
  { name: 'best candidate slow (300 ms)', behaviours: [up(300), up(), up(), up(), up(), up()] },
];

async function timeIt(fn) {
  const start = performance.now();
  const uri = await fn();
  return { ms: performance.now() - start, uri };
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

export async function runScenario(scenario, runs = RUNS) {
  const servers = await startServers(ID, scenario.behaviours);
  try {
    const raw = resourceFor(ID, servers.urls);
    const [ours] = await parseResources(JSON.stringify([raw]));
    const rank = (uri) => servers.urls.indexOf(uri.replace(/\/$/, '')) + 1;
    const variants = {
      plextv: () => timeIt(async () => (await connect(ours, { timeout: TIMEOUT })).uri),
      // The pre-#12 default: wait for every better-ranked candidate to answer, fail or time out.
      patient: () =>
        timeIt(
          async () => (await connect(ours, { timeout: TIMEOUT, patience: Number.POSITIVE_INFINITY })).uri,
        ),
      ctrl: () =>
        timeIt(
          async () => (await new MyPlexResource(null, structuredClone(raw)).connect(null, TIMEOUT)).baseurl,
        ),
    };
    const times = { plextv: [], patient: [], ctrl: [] };
    const names = Object.keys(variants);
    for (let i = 0; i < runs; i++) {
      // Rotate the order so no library always runs on a warmer machine.
      for (let j = 0; j < names.length; j++) {
        const name = names[(i + j) % names.length];
        times[name].push(await variants[name]());
      }
    }
    const summary = (xs) => ({ medianMs: median(xs.map((x) => x.ms)), chosenRank: rank(xs.at(-1).uri) });
    return {
      name: scenario.name,
      plextv: summary(times.plextv),
      patient: summary(times.patient),
      ctrl: summary(times.ctrl),
    };
  } finally {
    await servers.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const rows = [];
  for (const s of SCENARIOS) rows.push(await runScenario(s));
  if (values.json) {
    console.log(JSON.stringify({ runs: RUNS, timeoutMs: TIMEOUT, rows }, null, 2));
  } else {
    console.log(
      `connect: time to a server connection, median of ${RUNS} runs, per-attempt timeout ${TIMEOUT} ms`,
    );
    console.log('("#n" is the rank of the connection returned; #1 is the best-ranked)\n');
    const cell = (r) => `${r.medianMs.toFixed(1)} ms #${r.chosenRank}`.padStart(16);
    console.log(
      `${'scenario'.padEnd(34)}${'plextv'.padStart(16)}${'patience ∞'.padStart(16)}${'@ctrl/plex'.padStart(16)}${'ratio'.padStart(8)}`,
    );
    for (const r of rows) {
      const ratio = r.ctrl.medianMs / r.plextv.medianMs;
      console.log(
        `${r.name.padEnd(34)}${cell(r.plextv)}${cell(r.patient)}${cell(r.ctrl)}${`${ratio.toFixed(2)}×`.padStart(8)}`,
      );
    }
    console.log('\nratio = @ctrl/plex time / plextv (default) time; above 1: plextv is faster.');
  }
  process.exit(0);
}
