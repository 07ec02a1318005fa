#!/usr/bin/env -S node --expose-gc
// Heap retained per decoded body: decode N fresh copies of a body, keep every result, drop the copies, and
// compare the collected heap with the one before the copies existed (so a result that pins its source text
// pays for it). Run by bench/decode/run.mjs in a child process with --expose-gc; prints JSON.
//   node --expose-gc bench/decode/memory.mjs [--round N]
import { parseArgs } from 'node:util';
import { rotate } from '../lib.mjs';
import { BODIES } from './bodies.mjs';
import { variantsFor } from './variants.mjs';

if (typeof globalThis.gc !== 'function') throw new Error('run with node --expose-gc');
const { values } = parseArgs({ options: { round: { type: 'string', default: '0' } } });
const round = Number(values.round);

// Enough copies for a delta of a few MB per measurement.
const COPIES = { accountJson: 1000, accountXml: 1000, resourcesJson: 40, resourcesXml: 40, usersXml: 10 };

function heap() {
  for (let i = 0; i < 4; i++) globalThis.gc();
  return process.memoryUsage().heapUsed;
}

async function retained(fn, text, n) {
  const keep = [];
  const h0 = heap();
  // A fresh, flat string per copy (not a slice of one shared string).
  let copies = Array.from({ length: n }, () => Buffer.from(text).toString('utf8'));
  for (const copy of copies) {
    const r = fn(copy);
    keep.push(r instanceof Promise ? await r : r);
  }
  copies = null;
  const h1 = heap();
  if (keep.length !== n) throw new Error('lost a result');
  return (h1 - h0) / n;
}

const out = {};
for (const [name, body] of Object.entries(BODIES)) {
  out[name] = {};
  const variants = rotate(variantsFor(name), round);
  for (const v of variants) for (let i = 0; i < 3; i++) await v.fn(body.text); // load lazy modules, warm up
  for (const v of variants) out[name][v.key] = await retained(v.fn, body.text, COPIES[name]);
}
console.log(JSON.stringify(out));
