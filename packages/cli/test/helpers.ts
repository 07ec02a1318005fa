/** Running the CLI in tests: as a subprocess (the built bin) and in-process (`run`). */
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { createEmulator, type Emulator } from 'plextv-emulator';
import { afterEach, beforeEach } from 'vitest';
import { type RunOptions, run } from '../src/index.js';

export const BIN = fileURLToPath(new URL('../bin/plextv.cjs', import.meta.url));

export interface Result {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** An environment without anything of the developer's that would change the CLI's behaviour. */
export function cleanEnv(extra: Record<string, string | undefined> = {}): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (value === undefined) continue;
    if (/^(PLEX|PLEXTV)_|^(NO_COLOR|FORCE_COLOR|XDG_CONFIG_HOME)$/.test(key)) continue;
    env[key] = value;
  }
  for (const [key, value] of Object.entries(extra)) if (value !== undefined) env[key] = value;
  return env;
}

/** Run `node bin/plextv.cjs …args` with `input` on stdin (stdin is a pipe, so never interactive). */
export function cli(
  args: string[],
  options: { input?: string; env?: Record<string, string | undefined> } = {},
) {
  return new Promise<Result>((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      env: cleanEnv(options.env),
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk;
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(options.input ?? '');
  });
}

/** A running `plextv` subprocess: read its output as it comes, signal it, await its end. */
export interface LiveCli {
  child: ReturnType<typeof spawn>;
  /** Resolves with the first match of `pattern` in stderr (so far or to come); rejects if the CLI exits first. */
  stderrMatch(pattern: RegExp): Promise<RegExpMatchArray>;
  /** The exit code and the whole output. */
  result: Promise<Result>;
}

/** Start `node bin/plextv.cjs …args` (stdin a pipe, closed at once) without waiting for it to end. */
export function startCli(
  args: string[],
  options: { env?: Record<string, string | undefined> } = {},
): LiveCli {
  const child = spawn(process.execPath, [BIN, ...args], {
    env: cleanEnv(options.env),
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  let closed = false;
  const waiters: Array<() => void> = [];
  const notify = () => {
    for (const waiter of waiters.splice(0)) waiter();
  };
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    stdout += chunk;
  });
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk;
    notify();
  });
  const result = new Promise<Result>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => {
      closed = true;
      resolve({ code, stdout, stderr });
      notify();
    });
  });
  child.stdin.end();
  const stderrMatch = (pattern: RegExp) =>
    new Promise<RegExpMatchArray>((resolve, reject) => {
      const check = () => {
        const match = stderr.match(pattern);
        if (match) return resolve(match);
        if (closed) {
          return reject(new Error(`plextv exited (${child.exitCode}) before ${pattern}:\n${stderr}`));
        }
        waiters.push(check);
      };
      check();
    });
  return { child, stderrMatch, result };
}

/** A writable that collects what is written, optionally pretending to be a terminal. */
export class Capture extends Writable {
  text = '';
  isTTY: boolean | undefined;
  columns: number | undefined;
  constructor(tty = false, columns?: number) {
    super();
    this.isTTY = tty || undefined;
    this.columns = columns;
  }
  override _write(chunk: Buffer | string, _encoding: BufferEncoding, callback: () => void): void {
    this.text += chunk.toString();
    callback();
  }
}

export interface InProcessResult extends Result {
  code: number;
}

/** `run()` in-process, with captured output and `input` on stdin. */
export async function runIn(
  args: string[],
  options: Omit<RunOptions, 'stdout' | 'stderr' | 'stdin'> & {
    input?: string;
    tty?: boolean;
    /** Terminal width (with `tty`). */
    columns?: number;
  } = {},
): Promise<InProcessResult> {
  const { input, tty, columns, ...rest } = options;
  const stdout = new Capture(tty, columns);
  const stderr = new Capture(tty, columns);
  const stdin = new PassThrough();
  stdin.end(input ?? '');
  const code = await run(args, { env: cleanEnv(), ...rest, stdout, stderr, stdin });
  return { code, stdout: stdout.text, stderr: stderr.text };
}

/** A fresh temp directory; `cleanup()` removes it. */
export async function tempDir(): Promise<{ dir: string; cleanup: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'plextv-cli-test-'));
  return { dir, cleanup: () => rm(dir, { recursive: true, force: true }) };
}

/** A loopback port with nothing listening on it. */
export async function closedPort(): Promise<number> {
  const { createServer } = await import('node:net');
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

// biome-ignore lint/suspicious/noControlCharactersInRegex: matching ANSI escapes is the point
export const ANSI = /\u001b\[/;

/** What `emulatorSession()` gives a test file: this test's emulator and config directory, and `run` against them. */
export interface EmulatorSession {
  readonly emulator: Emulator;
  readonly configDir: string;
  /** `plextv …args --config-dir <this test's dir>` in-process, the emulator's fetch standing in for plex.tv. */
  run(args: string[], options?: Parameters<typeof runIn>[1]): Promise<InProcessResult>;
}

/** A fresh emulator and config directory for every test of the file (its hooks are registered here). */
export function emulatorSession(): EmulatorSession {
  let emulator: Emulator | undefined;
  let config: { dir: string; cleanup: () => Promise<void> } | undefined;
  beforeEach(async () => {
    emulator = createEmulator();
    config = await tempDir();
  });
  afterEach(async () => {
    await config?.cleanup();
  });
  const current = () => {
    if (!emulator || !config) throw new Error('emulatorSession: used outside a test');
    return { emulator, config };
  };
  return {
    get emulator() {
      return current().emulator;
    },
    get configDir() {
      return current().config.dir;
    },
    run(args, options = {}) {
      const { emulator: e, config: c } = current();
      return runIn([...args, '--config-dir', c.dir], { fetch: e.fetch, ...options });
    },
  };
}
