/**
 * The fuzz loop: generate case `i` from (seed, i), run it through its decoder, classify the outcome.
 *
 * A case passes when the decoder returns, or throws the typed error it is allowed to throw (`DecodeError`;
 * any `PlexTvError` for the error-status targets; nothing at all for the pure string decoders). It fails when
 * anything else comes out (TypeError, RangeError, …), when it takes longer than the time limit (measured, and
 * confirmed by a second run), when it never settles, when a value from a DOCTYPE entity shows up decoded, or
 * when a batch leaves a key on a built-in prototype (the batch is then replayed case by case to find it).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { ENTITY_MARKER, type Seed } from './corpus.js';
import { GENERATOR_WEIGHTS, GENERATORS } from './mutators.js';
import { caseSeed, Rng } from './rng.js';
import { CONTENT_TYPES, type Lib, makeTargets, selftestTargets, type Target } from './targets.js';

export { loadCorpus } from './corpus.js';
export { GENERATORS } from './mutators.js';
export { randomSeed } from './rng.js';
export type { Lib, Target } from './targets.js';

export interface FuzzCase {
  seed: number;
  index: number;
  target: Target;
  /** The generators applied, in order. */
  generators: string[];
  /** The seed body it was made from. */
  base: string;
  body: string;
  contentType: string | undefined;
  aux: number;
}

export const MAX_BODY = 1_000_000;

/** Build case `index` of the run `seed` (pure: the same arguments give the same body). */
export function makeCase(
  targets: readonly Target[],
  corpus: readonly Seed[],
  seed: number,
  index: number,
): FuzzCase {
  const rng = new Rng(caseSeed(seed, index));
  const target = targets[index % targets.length]!;
  const family = corpus.filter((s) => s.families.some((f) => target.families.includes(f)));
  const base = family.length > 0 && rng.chance(0.75) ? rng.pick(family) : rng.pick(corpus);
  const generators: string[] = [];
  let body = base.text;
  const rounds = rng.weighted([
    [7, 1],
    [2, 2],
    [1, 3],
  ] as const);
  for (let r = 0; r < rounds && body.length < MAX_BODY; r++) {
    const name = rng.weighted(GENERATOR_WEIGHTS);
    const ctx = { rng, base, family: family.length > 0 ? family : corpus, all: corpus };
    try {
      body = GENERATORS[name]!(body, ctx);
      generators.push(name);
    } catch {
      // A generator that cannot handle its input (JSON.stringify of a 100,000-deep value): the body stays.
      generators.push(`${name}(skipped)`);
    }
  }
  // Bodies stay within 1 MB (cut, like a truncated answer): beyond that, linear work such as the XML parser's
  // error excerpt (~0.1 s per MB) makes a flat time limit meaningless.
  if (body.length > MAX_BODY) {
    body = body.slice(0, MAX_BODY);
    generators.push('cap');
  }
  const contentType = rng.pick(CONTENT_TYPES);
  return { seed, index, target, generators, base: base.name, body, contentType, aux: rng.u32() };
}

// ---- outcomes -----------------------------------------------------------------------------------------------

export type FailureKind =
  | 'threw'
  | 'slow'
  | 'never-settled'
  | 'entity-expanded'
  | 'invalid-value'
  | 'stack-overflow'
  | 'pollution'
  | 'hang'
  | 'known-issue';

export type Outcome =
  | { kind: 'ok'; ms: number }
  | { kind: 'decode-error'; ms: number }
  | { kind: 'known'; ms: number; issue: string; error: unknown }
  | { kind: 'failure'; ms: number; failure: FailureKind; error?: unknown; detail: string };

/**
 * Problems already reported to the maintainers and not fixed yet: counted and printed, but they do not fail a
 * run unless `strict` is set. Add an entry (with a `test.fails` repro in fuzz.e2e.test.ts) when a finding cannot be
 * fixed at once; remove it with the fix.
 *
 * Empty: the first findings (deep XML overflowing the stack, quadratic XML text, Invalid Dates from out-of-range
 * epochs, an Infinity Retry-After, URIError on a lone surrogate in a sharing filter) were fixed in 77067c7 and
 * are plain failures again, with regression tests in fuzz.e2e.test.ts.
 */
export interface KnownIssue {
  id: string;
  about: string;
  /** Whether a thrown error (`error`) or a problem found in a result (`detail`) is this issue. */
  test(error: unknown, detail?: string): boolean;
}

export const KNOWN_ISSUES: readonly KnownIssue[] = [];

/** A stack overflow anywhere in the error's cause chain (a typed error that wraps one still failed). */
const overflowed = (error: unknown) =>
  causes(error).some((e) => e instanceof RangeError || /Maximum call stack size exceeded/.test(messageOf(e)));

function causes(error: unknown): unknown[] {
  const out: unknown[] = [];
  let e: unknown = error;
  for (let i = 0; i < 10 && e !== undefined && e !== null; i++) {
    out.push(e);
    e = (e as { cause?: unknown }).cause;
  }
  return out;
}

const messageOf = (e: unknown) => (e instanceof Error ? e.message : String(e));
const nameOf = (e: unknown) =>
  e instanceof Error ? e.name : e === null ? 'null' : typeof e === 'object' ? 'object' : typeof e;

const NEVER = Symbol('never settled');

async function settle(
  promise: Promise<unknown>,
  limitMs: number,
): Promise<{ value?: unknown; error?: unknown; threw: boolean }> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline = new Promise<typeof NEVER>((resolve) => {
    timer = setTimeout(() => resolve(NEVER), limitMs);
  });
  try {
    const value = await Promise.race([promise, deadline]);
    if (value === NEVER) return { error: NEVER, threw: true };
    return { value, threw: false };
  } catch (error) {
    return { error, threw: true };
  } finally {
    clearTimeout(timer);
  }
}

/** Whether the marker is in `text` outside any `<!ENTITY …>` declaration (a body's, or a result's). */
const markerOutsideDtd = (text: string) => text.replace(/<!ENTITY[^>]*>/g, '').includes(ENTITY_MARKER);

function serialise(value: unknown): string {
  try {
    return JSON.stringify(value) ?? '';
  } catch {
    return '';
  }
}

/**
 * What a decoded value must never hold: an Invalid Date, or a non-finite number in a modelled field (`extra`
 * bags and raw passthroughs hold JSON as parsed, where `1e400` is Infinity by JSON.parse's rules).
 */
/** Model fields that hold plain data as sent (`unknown` in the types). */
const PASSTHROUGH = new Set(['extra', 'providers', 'sharedSources']);

export function invalidValues(value: unknown, raw = false, limit = 100_000): string[] {
  const out: string[] = [];
  const seen = new Set<unknown>();
  const stack: Array<[unknown, string, boolean]> = [[value, '$', raw]];
  for (let n = 0; stack.length > 0 && n < limit && out.length < 5; n++) {
    const [v, path, passthrough] = stack.pop()!;
    if (v instanceof Date) {
      if (Number.isNaN(v.getTime())) out.push(`Invalid Date at ${path}`);
    } else if (typeof v === 'number') {
      if (!passthrough && !Number.isFinite(v)) out.push(`non-finite number ${v} at ${path}`);
    } else if (typeof v === 'object' && v !== null && !seen.has(v)) {
      seen.add(v);
      for (const k of Object.keys(v)) {
        const child = (v as Record<string, unknown>)[k];
        stack.push([child, `${path}.${k}`, passthrough || PASSTHROUGH.has(k)]);
      }
    }
  }
  return out;
}

export interface RunOptions {
  /**
   * A body slower than this fails (after two confirming runs). Default 250 ms; bodies over 250 kB get 1 ms per
   * kB (`msPerKb`): decoding is linear work, and a 1 MB body is not a hang.
   */
  timeLimitMs?: number;
  msPerKb?: number;
  /**
   * How much slower the machine is right now than when the run started (≥ 1), asked only before a body is
   * declared slow: the limit stretches by it, so that a busy shared machine does not fail linear work.
   */
  loadFactor?: () => Promise<number>;
  /** A decoder that has not settled by then has hung on a promise. Default 5,000 ms. */
  settleLimitMs?: number;
  /** Known issues fail too. */
  strict?: boolean;
}

async function once(c: FuzzCase, settleLimitMs: number) {
  const start = performance.now();
  let promise: Promise<unknown>;
  try {
    promise = c.target.run(c.body, c.contentType, c.aux);
  } catch (error) {
    // A synchronous throw from an async API is a failure in its own right, but classify it like the rest.
    promise = Promise.reject(error);
  }
  const result = await settle(promise, settleLimitMs);
  return { ...result, ms: performance.now() - start };
}

let gc: (() => void) | undefined;
/** A full GC before re-timing a slow body (V8's `gc`, made reachable without `--expose-gc`). */
function collectGarbage(): void {
  if (!gc) {
    try {
      setFlagsFromString('--expose-gc');
      gc = runInNewContext('gc') as () => void;
    } catch {
      gc = () => {};
    }
  }
  gc();
}

/**
 * A load meter: times a fixed workload (a 300 kB devices body through `parseDevices`) at the start of a run,
 * and again on demand; `factor()` is how much slower it is now (at least 1).
 */
export function loadMeter(lib: Lib, corpus: readonly Seed[]): () => Promise<number> {
  const devices = corpus.find((s) => s.name.endsWith('devices.xml'))?.text ?? '<MediaContainer/>';
  const items = [...devices.matchAll(/<Device[\s\S]*?<\/Device>|<Device[^>]*\/>/g)]
    .map((m) => m[0])
    .join('\n');
  const body = `<MediaContainer>${items.repeat(Math.max(1, Math.ceil(300_000 / Math.max(1, items.length))))}</MediaContainer>`;
  const time = async () => {
    let best = Number.POSITIVE_INFINITY;
    for (let i = 0; i < 3; i++) {
      const t = performance.now();
      await lib.parseDevices(body).catch(() => undefined);
      best = Math.min(best, performance.now() - t);
    }
    return best;
  };
  let baseline: Promise<number> | undefined;
  return async () => {
    baseline ??= (async () => {
      await time(); // warm up
      return time();
    })();
    const base = await baseline;
    return Math.max(1, (await time()) / Math.max(base, 0.5));
  };
}

/** Run one case and classify it. */
export async function runCase(c: FuzzCase, options: RunOptions = {}): Promise<Outcome> {
  const { settleLimitMs = 5_000, strict = false } = options;
  const timeLimitMs = Math.max(options.timeLimitMs ?? 250, (c.body.length / 1000) * (options.msPerKb ?? 1));
  let r = await once(c, settleLimitMs);
  if (r.error === NEVER) {
    return {
      kind: 'failure',
      ms: r.ms,
      failure: 'never-settled',
      detail: `not settled after ${settleLimitMs} ms`,
    };
  }
  if (r.ms > timeLimitMs) {
    // GC pauses, cold code and a busy machine happen: a body fails when it is still slow on two more runs, each
    // after a full collection and a pause.
    const times = [r.ms];
    for (let i = 0; i < 2 && r.ms > timeLimitMs; i++) {
      collectGarbage();
      await new Promise((resolve) => setTimeout(resolve, 20));
      r = await once(c, settleLimitMs);
      times.push(r.ms);
    }
    const factor = r.ms > timeLimitMs && options.loadFactor ? await options.loadFactor() : 1;
    if (r.ms > timeLimitMs * factor) {
      const load = factor > 1 ? ` × load ${factor.toFixed(1)}` : '';
      return {
        kind: 'failure',
        ms: times[0]!,
        failure: 'slow',
        detail: `took ${times.map((t) => t.toFixed(0)).join(', ')} ms (limit ${timeLimitMs} ms${load})`,
      };
    }
  }
  // A known, reported issue: counted apart unless strict.
  const known = (error: unknown, detail?: string): Outcome | undefined => {
    const issue = KNOWN_ISSUES.find((k) => k.test(error, detail));
    if (!issue) return undefined;
    if (!strict) return { kind: 'known', ms: r.ms, issue: issue.id, error: error ?? detail };
    const what = detail ?? `${nameOf(error)}: ${messageOf(error).split('\n')[0]}`;
    return { kind: 'failure', ms: r.ms, failure: 'known-issue', error, detail: `${issue.id}: ${what}` };
  };
  if (r.threw) {
    const error = r.error;
    const knownThrow = known(error);
    if (knownThrow) return knownThrow;
    if (!c.target.expected(error)) {
      return {
        kind: 'failure',
        ms: r.ms,
        failure: 'threw',
        error,
        detail: `${nameOf(error)}: ${messageOf(error).split('\n')[0]}`,
      };
    }
    // A typed error's numbers (status, plex.tv code, Retry-After) are finite or absent.
    const fields = invalidValues(
      Object.fromEntries(
        ['status', 'code', 'retryAfterMs'].map((k) => [k, (error as Record<string, unknown>)[k]]),
      ),
    );
    if (fields.length > 0) {
      const detail = `${nameOf(error)} carries ${fields.join('; ')}`;
      return (
        known(undefined, detail) ?? { kind: 'failure', ms: r.ms, failure: 'invalid-value', error, detail }
      );
    }
    // The right type, but a stack overflow underneath: it was caught by luck (another stack, another depth).
    if (overflowed(error)) {
      return {
        kind: 'failure',
        ms: r.ms,
        failure: 'stack-overflow',
        error,
        detail: `${nameOf(error)} wraps a stack overflow: ${messageOf(error).split('\n')[0]}`,
      };
    }
    return { kind: 'decode-error', ms: r.ms };
  }
  if (
    c.target.kind !== 'string' &&
    c.body.includes(ENTITY_MARKER) &&
    !markerOutsideDtd(c.body) &&
    // A result that quotes the body as text (not XML) still holds the declarations: only a value counts.
    markerOutsideDtd(serialise(r.value))
  ) {
    return {
      kind: 'failure',
      ms: r.ms,
      failure: 'entity-expanded',
      detail: 'a DOCTYPE entity value appears in the decoded result',
    };
  }
  const invalid = invalidValues(r.value, c.target.raw === true);
  if (invalid.length > 0) {
    const detail = invalid.join('; ');
    return known(undefined, detail) ?? { kind: 'failure', ms: r.ms, failure: 'invalid-value', detail };
  }
  return { kind: 'ok', ms: r.ms };
}

// ---- prototype pollution ------------------------------------------------------------------------------------

const WATCHED: ReadonlyArray<readonly [string, object]> = [
  ['Object.prototype', Object.prototype],
  ['Array.prototype', Array.prototype],
  ['Function.prototype', Function.prototype],
  ['String.prototype', String.prototype],
  ['Number.prototype', Number.prototype],
  ['Boolean.prototype', Boolean.prototype],
  ['Date.prototype', Date.prototype],
  ['RegExp.prototype', RegExp.prototype],
  ['Error.prototype', Error.prototype],
  ['Promise.prototype', Promise.prototype],
  ['Map.prototype', Map.prototype],
  ['Set.prototype', Set.prototype],
];

type Snapshot = Array<Map<PropertyKey, PropertyDescriptor>>;

export function snapshotPrototypes(): Snapshot {
  return WATCHED.map(
    ([, proto]) =>
      new Map(Reflect.ownKeys(proto).map((k) => [k, Object.getOwnPropertyDescriptor(proto, k)!])),
  );
}

const sameDescriptor = (a: PropertyDescriptor, b: PropertyDescriptor) =>
  a.value === b.value && a.get === b.get && a.set === b.set && a.writable === b.writable;

/** What changed on the built-in prototypes since `snap` (empty when nothing did). */
export function pollutionSince(snap: Snapshot): string[] {
  const out: string[] = [];
  WATCHED.forEach(([name, proto], i) => {
    const before = snap[i]!;
    for (const k of Reflect.ownKeys(proto)) {
      const d = Object.getOwnPropertyDescriptor(proto, k)!;
      const was = before.get(k);
      if (!was) out.push(`${name}.${String(k)} was added`);
      else if (!sameDescriptor(was, d)) out.push(`${name}.${String(k)} was changed`);
    }
    for (const k of before.keys()) if (!Object.hasOwn(proto, k)) out.push(`${name}.${String(k)} was deleted`);
  });
  const probe = {} as Record<string, unknown>;
  if (probe.polluted !== undefined) out.push('({}).polluted is defined');
  if (([] as unknown as Record<string, unknown>).polluted !== undefined) out.push('[].polluted is defined');
  if (Object.getPrototypeOf(probe) !== Object.prototype) out.push('{} no longer inherits Object.prototype');
  if ((globalThis as Record<string, unknown>).polluted !== undefined)
    out.push('globalThis.polluted is defined');
  return out;
}

/** Put the prototypes back as they were in `snap`. */
export function restorePrototypes(snap: Snapshot): void {
  WATCHED.forEach(([, proto], i) => {
    const before = snap[i]!;
    for (const k of Reflect.ownKeys(proto))
      if (!before.has(k)) delete (proto as Record<PropertyKey, unknown>)[k];
    for (const [k, d] of before) Object.defineProperty(proto, k, d);
  });
  delete (globalThis as Record<string, unknown>).polluted;
}

// ---- the run ------------------------------------------------------------------------------------------------

export interface FailureRecord {
  seed: number;
  index: number;
  target: string;
  generators: string[];
  base: string;
  contentType: string | undefined;
  kind: FailureKind;
  detail: string;
  error?: string;
  ms: number;
  body: string;
  /** A smaller body that fails the same way, when `minimize` found one. */
  minimal?: string;
}

export interface Counts {
  ok: number;
  decodeError: number;
  known: number;
  failures: number;
}

export interface FuzzStats {
  seed: number;
  cases: number;
  byTarget: Record<string, Counts>;
  byGenerator: Record<string, Counts>;
  known: Record<string, number>;
  failures: FailureRecord[];
  /** Distinct failures (target, kind, error) with how many cases hit each. */
  signatures: Record<string, number>;
  slowest: { ms: number; target: string; index: number; generators: string[] };
  elapsedMs: number;
}

export interface FuzzOptions extends RunOptions {
  lib: Lib;
  corpus: readonly Seed[];
  seed: number;
  runs: number;
  /** Process indices start, start+step, … (parallel workers split a run this way). Default 0 and 1. */
  start?: number;
  step?: number;
  /** Only these targets (names). The case → target mapping depends on this list. */
  only?: readonly string[];
  /** Run the deliberately broken targets (harness check). */
  selftest?: boolean | 'hang';
  /** Cases between two prototype checks. Default 100. */
  batch?: number;
  /** Keep at most this many failure records (all are counted). Default 50. */
  keepFailures?: number;
  /** Shrink failing bodies (threw / entity-expanded) before reporting. Default true. */
  minimize?: boolean;
  /** Indices not to run (a case that hung a worker, when its replacement resumes). */
  skip?: ReadonlySet<number>;
  /** Called before each case runs (and during minimisation): a watchdog's heartbeat. */
  onCaseStart?(index: number): void;
  onFailure?(failure: FailureRecord): void;
  /** Called every `progressEvery` cases (default 500) with the stats so far and the last index run. */
  onProgress?(stats: FuzzStats, lastIndex: number): void;
  progressEvery?: number;
}

const zero = (): Counts => ({ ok: 0, decodeError: 0, known: 0, failures: 0 });

/**
 * The targets of a run (the `only` filter applied), in the fixed order that maps case indices to targets.
 * `selftest`: the deliberately broken targets instead (`'hang'` adds the infinite loop).
 */
export async function targetsFor(
  lib: Lib,
  only?: readonly string[],
  selftest?: boolean | 'hang',
): Promise<Target[]> {
  const all = selftest ? selftestTargets(lib, selftest === 'hang') : await makeTargets(lib);
  if (!only || only.length === 0) return all;
  const picked = all.filter((t) => only.includes(t.name));
  const unknown = only.filter((n) => !all.some((t) => t.name === n));
  if (unknown.length > 0) {
    throw new Error(
      `unknown fuzz target(s): ${unknown.join(', ')}; known: ${all.map((t) => t.name).join(', ')}`,
    );
  }
  return picked;
}

export function signatureOf(f: Pick<FailureRecord, 'target' | 'kind' | 'detail'>): string {
  return `${f.target} | ${f.kind} | ${f.detail.replace(/\d+/g, 'N').slice(0, 160)}`;
}

function record(c: FuzzCase, o: Extract<Outcome, { kind: 'failure' }>): FailureRecord {
  return {
    seed: c.seed,
    index: c.index,
    target: c.target.name,
    generators: c.generators,
    base: c.base,
    contentType: c.contentType,
    kind: o.failure,
    detail: o.detail,
    error:
      o.error instanceof Error
        ? (o.error.stack ?? String(o.error))
        : o.error === undefined
          ? undefined
          : String(o.error),
    ms: o.ms,
    body: c.body,
  };
}

/**
 * Shrink `c.body` while it still fails with the same signature (delta debugging over character chunks,
 * bounded by `budget` runs).
 */
export async function minimize(
  c: FuzzCase,
  signature: string,
  options: RunOptions & { onCaseStart?(index: number): void } = {},
  budget = 400,
  budgetMs = 10_000,
): Promise<string> {
  let body = c.body;
  let runs = 0;
  const until = performance.now() + budgetMs;
  const fails = async (candidate: string) => {
    runs++;
    if (performance.now() > until) runs = budget;
    options.onCaseStart?.(c.index);
    const o = await runCase({ ...c, body: candidate }, options);
    return (
      o.kind === 'failure' &&
      signatureOf({ target: c.target.name, kind: o.failure, detail: o.detail }) === signature
    );
  };
  let chunk = Math.max(1, Math.floor(body.length / 2));
  while (chunk >= 1 && runs < budget) {
    let removed = false;
    for (let at = 0; at < body.length && runs < budget; ) {
      const candidate = body.slice(0, at) + body.slice(at + chunk);
      if (candidate.length < body.length && (await fails(candidate))) {
        body = candidate;
        removed = true;
      } else at += chunk;
    }
    if (!removed) chunk = Math.floor(chunk / 2);
  }
  return body;
}

/** Run `runs` cases (those of this worker's share), checking the prototypes after every batch. */
export async function runFuzz(input: FuzzOptions): Promise<FuzzStats> {
  // The slow-body check stretches its limit by the machine's load (selftest runs keep it flat).
  const options: FuzzOptions =
    input.selftest || input.loadFactor !== undefined
      ? input
      : { ...input, loadFactor: loadMeter(input.lib, input.corpus) };
  await options.loadFactor?.(); // the baseline, now, while the run is fresh
  const {
    lib,
    corpus,
    seed,
    runs,
    start = 0,
    step = 1,
    batch = 100,
    keepFailures = 50,
    minimize: shrink = true,
  } = options;
  const targets = await targetsFor(lib, options.only, options.selftest);
  const stats: FuzzStats = {
    seed,
    cases: 0,
    byTarget: Object.fromEntries(targets.map((t) => [t.name, zero()])),
    byGenerator: Object.fromEntries(Object.keys(GENERATORS).map((g) => [g, zero()])),
    known: {},
    failures: [],
    signatures: {},
    slowest: { ms: 0, target: '', index: -1, generators: [] },
    elapsedMs: 0,
  };
  const began = performance.now();
  const snap = snapshotPrototypes();

  const fail = async (c: FuzzCase, f: FailureRecord) => {
    const sig = signatureOf(f);
    const first = stats.signatures[sig] === undefined;
    stats.signatures[sig] = (stats.signatures[sig] ?? 0) + 1;
    if (
      first &&
      shrink &&
      ['threw', 'entity-expanded', 'invalid-value', 'stack-overflow', 'known-issue'].includes(f.kind)
    ) {
      f.minimal = await minimize(c, sig, options);
      options.onCaseStart?.(c.index);
    }
    if (stats.failures.length < keepFailures && (first || stats.failures.length < keepFailures / 2)) {
      stats.failures.push(f);
    }
    options.onFailure?.(f);
  };

  const count = (c: FuzzCase, key: keyof Counts, by = 1) => {
    stats.byTarget[c.target.name]![key] += by;
    for (const g of new Set(c.generators)) {
      if (stats.byGenerator[g]) stats.byGenerator[g][key] += by;
    }
  };
  const keyOf = (o: Outcome): keyof Counts =>
    o.kind === 'ok'
      ? 'ok'
      : o.kind === 'decode-error'
        ? 'decodeError'
        : o.kind === 'known'
          ? 'known'
          : 'failures';

  // The cases since the last prototype check, with how each was counted.
  let pending: Array<{ c: FuzzCase; key: keyof Counts }> = [];
  const checkBatch = async () => {
    const changed = pollutionSince(snap);
    if (changed.length > 0) {
      restorePrototypes(snap);
      // Replay the batch one case at a time to find the polluter.
      let culprit: (typeof pending)[number] | undefined;
      for (const p of pending) {
        await runCase(p.c, options);
        if (pollutionSince(snap).length > 0) {
          restorePrototypes(snap);
          culprit = p;
          break;
        }
      }
      const { c, key } = culprit ?? pending[pending.length - 1]!;
      const f = record(c, {
        kind: 'failure',
        ms: 0,
        failure: 'pollution',
        detail: `${changed.join('; ')}${culprit ? '' : ' (not reproduced case by case: last case of the batch shown)'}`,
      });
      // Counted once: as the failure it is, not as what it returned.
      count(c, key, -1);
      count(c, 'failures');
      await fail(c, f);
    }
    pending = [];
  };

  const every = options.progressEvery ?? 500;
  let nextProgress = every;
  let last = start - step;
  for (let index = start; index < runs; index += step) {
    last = index;
    if (options.skip?.has(index)) continue;
    const c = makeCase(targets, corpus, seed, index);
    options.onCaseStart?.(index);
    const o = await runCase(c, options);
    stats.cases++;
    if (o.ms > stats.slowest.ms)
      stats.slowest = { ms: o.ms, target: c.target.name, index, generators: c.generators };
    const key = keyOf(o);
    count(c, key);
    if (o.kind === 'known') stats.known[o.issue] = (stats.known[o.issue] ?? 0) + 1;
    else if (o.kind === 'failure') await fail(c, record(c, o));
    pending.push({ c, key });
    if (pending.length >= batch) {
      await checkBatch();
      // Progress only at batch boundaries: every case reported has passed its prototype check.
      if (options.onProgress && stats.cases >= nextProgress) {
        nextProgress = stats.cases + every;
        stats.elapsedMs = performance.now() - began;
        options.onProgress(stats, index);
      }
    }
  }
  if (pending.length > 0) await checkBatch();
  stats.elapsedMs = performance.now() - began;
  options.onProgress?.(stats, last);
  return stats;
}

// ---- reporting ----------------------------------------------------------------------------------------------

/** A body for a terminal: JSON-escaped and cut. */
export function preview(body: string, max = 300): string {
  const cut = body.length > max ? `${body.slice(0, max)}` : body;
  return `${JSON.stringify(cut)}${body.length > max ? ` … (${body.length} chars)` : ''}`;
}

export function describeFailure(f: FailureRecord, reproduce: string): string {
  const lines = [
    `FAIL ${f.target} [${f.kind}] ${f.detail}`,
    `  seed ${f.seed}, case ${f.index}, generators ${f.generators.join(' + ')}, from ${f.base}, content-type ${f.contentType ?? '(none)'}`,
    `  body: ${preview(f.body)}`,
  ];
  if (f.minimal !== undefined && f.minimal !== f.body) lines.push(`  minimal body: ${preview(f.minimal)}`);
  lines.push(`  reproduce: ${reproduce}`);
  return lines.join('\n');
}

/** Save a failure under `dir`: the body as is, and a JSON file with everything else. Returns the body's path. */
export function saveFailure(dir: string, f: FailureRecord): string {
  mkdirSync(dir, { recursive: true });
  const stem = `${f.target.replace(/[^\w.-]+/g, '_')}-seed${f.seed}-case${f.index}`;
  const bodyPath = join(dir, `${stem}.body`);
  writeFileSync(bodyPath, f.body);
  if (f.minimal !== undefined) writeFileSync(join(dir, `${stem}.min.body`), f.minimal);
  const { body: _body, minimal: _minimal, ...meta } = f;
  // The .body files are UTF-8, where a lone surrogate becomes U+FFFD: the JSON keeps the exact strings.
  const exact = {
    bodyLength: f.body.length,
    body: f.body.length <= 200_000 ? f.body : undefined,
    minimal: f.minimal,
  };
  writeFileSync(join(dir, `${stem}.json`), `${JSON.stringify({ ...meta, ...exact }, null, 2)}\n`);
  return bodyPath;
}

/** Per-target and per-generator tables, totals and throughput. */
export function formatStats(stats: FuzzStats): string {
  const rows: string[][] = [['decoder', 'cases', 'ok', 'DecodeError', 'known', 'failures']];
  const add = (name: string, c: Counts) =>
    rows.push([
      name,
      String(c.ok + c.decodeError + c.known + c.failures),
      String(c.ok),
      String(c.decodeError),
      String(c.known),
      String(c.failures),
    ]);
  const total = zero();
  for (const [name, c] of Object.entries(stats.byTarget)) {
    add(name, c);
    total.ok += c.ok;
    total.decodeError += c.decodeError;
    total.known += c.known;
    total.failures += c.failures;
  }
  add('TOTAL', total);
  const gen: string[][] = [['generator', 'cases', 'ok', 'DecodeError', 'known', 'failures']];
  for (const [name, c] of Object.entries(stats.byGenerator)) {
    gen.push([
      name,
      String(c.ok + c.decodeError + c.known + c.failures),
      String(c.ok),
      String(c.decodeError),
      String(c.known),
      String(c.failures),
    ]);
  }
  const table = (t: string[][]) => {
    const widths = t[0]!.map((_, i) => Math.max(...t.map((r) => r[i]!.length)));
    return t
      .map((r) =>
        r.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join('  '),
      )
      .join('\n');
  };
  const secs = stats.elapsedMs / 1000;
  const lines = [table(rows), '', table(gen), ''];
  for (const [id, n] of Object.entries(stats.known)) {
    const about = KNOWN_ISSUES.find((k) => k.id === id)?.about ?? '';
    lines.push(`known issue ${id}: ${n} case(s) — ${about}`);
  }
  lines.push(
    `slowest body: ${stats.slowest.ms.toFixed(1)} ms (${stats.slowest.target}, case ${stats.slowest.index}, ${stats.slowest.generators.join(' + ')})`,
    `${stats.cases} bodies in ${secs.toFixed(1)} s (${Math.round(stats.cases / Math.max(secs, 0.001))}/s), seed ${stats.seed}`,
  );
  return lines.join('\n');
}

/** Merge the stats of parallel workers. */
export function mergeStats(parts: readonly FuzzStats[]): FuzzStats {
  const out: FuzzStats = {
    seed: parts[0]?.seed ?? 0,
    cases: 0,
    byTarget: {},
    byGenerator: {},
    known: {},
    failures: [],
    signatures: {},
    slowest: { ms: 0, target: '', index: -1, generators: [] },
    elapsedMs: 0,
  };
  const addCounts = (into: Record<string, Counts>, from: Record<string, Counts>) => {
    for (const [k, c] of Object.entries(from)) {
      into[k] ??= zero();
      const t = into[k];
      t.ok += c.ok;
      t.decodeError += c.decodeError;
      t.known += c.known;
      t.failures += c.failures;
    }
  };
  for (const p of parts) {
    out.cases += p.cases;
    addCounts(out.byTarget, p.byTarget);
    addCounts(out.byGenerator, p.byGenerator);
    for (const [k, n] of Object.entries(p.known)) out.known[k] = (out.known[k] ?? 0) + n;
    for (const [k, n] of Object.entries(p.signatures)) out.signatures[k] = (out.signatures[k] ?? 0) + n;
    out.failures.push(...p.failures);
    if (p.slowest.ms > out.slowest.ms) out.slowest = p.slowest;
    out.elapsedMs = Math.max(out.elapsedMs, p.elapsedMs);
  }
  out.failures.sort((a, b) => a.index - b.index);
  return out;
}
