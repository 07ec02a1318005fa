#!/usr/bin/env node
// Emulator throughput: requests/s and p99 latency of GET /api/v2/user (X-Plex-Token: demo-token, JSON) against
// createEmulator().listen(), next to bare node:http servers, all on 127.0.0.1. Each server runs in its own
// process; autocannon drives it from this one. --rounds rounds, the servers rotated round by round.
//   node bench/emulator/run.mjs [--duration S] [--connections N] [--rounds N] [--json]
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { isMain, median, rotate, table } from '../lib.mjs';
import { REQUEST_HEADERS } from './server.mjs';

const SERVERS = [
  { kind: 'hello', label: 'node:http hello world' },
  { kind: 'static', label: 'node:http, the same answer as a constant' },
  { kind: 'adaptor', label: '@hono/node-server, hello world handler' },
  { kind: 'emulator', label: 'plextv-emulator, GET /api/v2/user' },
];

function startServer(kind) {
  const child = fork(fileURLToPath(new URL('server.mjs', import.meta.url)), [kind], { stdio: 'inherit' });
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`${kind} server exited (${code})`)));
    child.once('message', ({ port }) => resolve({ child, url: `http://127.0.0.1:${port}/api/v2/user` }));
  });
}

function load(url, { duration, connections }) {
  return autocannon({ url, duration, connections, headers: REQUEST_HEADERS });
}

export async function measure({ duration, connections, rounds }) {
  const running = {};
  try {
    for (const s of SERVERS) running[s.kind] = await startServer(s.kind);
    for (const s of SERVERS) await load(running[s.kind].url, { duration: 1, connections }); // warm up
    const runs = Object.fromEntries(SERVERS.map((s) => [s.kind, []]));
    for (let r = 0; r < rounds; r++) {
      for (const s of rotate(SERVERS, r)) {
        const res = await load(running[s.kind].url, { duration, connections });
        if (res.non2xx > 0 || res.errors > 0)
          throw new Error(`${s.kind}: ${res.non2xx} non-2xx, ${res.errors} errors`);
        runs[s.kind].push({
          rps: res.requests.average,
          p99: res.latency.p99,
          p50: res.latency.p50,
          total: res.requests.total,
        });
      }
    }
    return SERVERS.map((s) => {
      const xs = runs[s.kind];
      return {
        ...s,
        rps: median(xs.map((x) => x.rps)),
        rpsRuns: xs.map((x) => x.rps),
        p50: median(xs.map((x) => x.p50)),
        p99: median(xs.map((x) => x.p99)),
        // Within each round: this server's req/s ÷ hello world's; the median over the rounds.
        vsHello: median(xs.map((x, i) => x.rps / runs.hello[i].rps)),
        requests: xs.reduce((sum, x) => sum + x.total, 0),
      };
    });
  } finally {
    for (const { child } of Object.values(running)) {
      child.removeAllListeners('exit');
      child.disconnect();
    }
  }
}

if (isMain(import.meta.url)) {
  const { values } = parseArgs({
    options: {
      duration: { type: 'string', default: '5' },
      connections: { type: 'string', default: '100' },
      rounds: { type: 'string', default: '3' },
      json: { type: 'boolean' },
    },
  });
  const opts = {
    duration: Number(values.duration),
    connections: Number(values.connections),
    rounds: Number(values.rounds),
  };
  const rows = await measure(opts);
  if (values.json) {
    console.log(JSON.stringify({ ...opts, rows }, null, 2));
  } else {
    console.log(
      `HTTP throughput on 127.0.0.1: autocannon, ${opts.connections} connections, ${opts.duration} s per run, median of ${opts.rounds} rounds.\n`,
    );
    console.log(
      table(
        ['server', 'requests/s', 'runs (in order)', 'p50', 'p99', 'req/s ÷ hello world'],
        rows.map((r) => [
          r.label,
          Math.round(r.rps).toLocaleString('en-US'),
          r.rpsRuns.map((x) => Math.round(x).toLocaleString('en-US')).join(', '),
          `${r.p50} ms`,
          `${r.p99} ms`,
          `${r.vsHello.toFixed(2)}×`,
        ]),
      ),
    );
    console.log(
      '\nEvery request: GET /api/v2/user with X-Plex-Client-Identifier, X-Plex-Token: demo-token, Accept: application/json.',
    );
  }
}
