/** `run(argv, io)`: the whole CLI as a function returning the exit code (bin.ts and tests call it). */
import { CommanderError } from 'commander';
import type { InStream, RunIO } from './context.js';
import { describeFailure, type Failure } from './errors.js';
import { ExitCode } from './exit-codes.js';
import type { StoreFs } from './files.js';
import { type Env, Output, type OutStream } from './output.js';
import { createProgram, type RunState } from './program.js';
import type { Prompter } from './prompt.js';
import { maskOptionValues } from './urls.js';

export interface RunOptions {
  stdout?: OutStream;
  stderr?: OutStream;
  stdin?: InStream;
  /** The environment (default `process.env`). */
  env?: Env;
  /**
   * The fetch plextv uses for plex.tv (default: one over node:http(s), or the global fetch when HTTPS_PROXY or
   * HTTP_PROXY is set). Tests pass the emulator's.
   */
  fetch?: typeof fetch;
  /**
   * The fetch that probes Plex Media Servers for `servers` and `connect` (default: the global one; not
   * `fetch`, which stands in for plex.tv only).
   */
  serverFetch?: typeof fetch;
  /** Abort it to interrupt the run (bin.ts does on Ctrl-C): requests and prompts stop, exit code 130. */
  signal?: AbortSignal;
  /** Whether prompts may be shown (default: stdin is a terminal). */
  interactive?: boolean;
  /** Replaces the terminal prompts (tests). */
  prompter?: Prompter;
  /**
   * The config stores' file-system calls (default node's `fs.promises`). Tests replace some to simulate
   * failures they cannot cause for real (EACCES when running as root, ENOSPC, EROFS).
   */
  fs?: StoreFs;
}

/**
 * Run the CLI with `argv` (the arguments after the program name, e.g. `['whoami', '--json']`). Never throws
 * and never calls `process.exit`: resolves with the exit code (see `ExitCode`).
 */
export async function run(argv: readonly string[], options: RunOptions = {}): Promise<number> {
  const io: RunIO = {
    stdout: options.stdout ?? process.stdout,
    stderr: options.stderr ?? process.stderr,
    stdin: options.stdin ?? process.stdin,
    env: options.env ?? process.env,
    fetch: options.fetch,
    serverFetch: options.serverFetch,
    signal: options.signal,
    interactive: options.interactive,
    prompter: options.prompter,
    fs: options.fs,
  };
  const state: RunState = {};
  try {
    const program = createProgram(io, state);
    await program.parseAsync([...argv], { from: 'user' });
    return ExitCode.OK;
  } catch (error) {
    if (error instanceof CommanderError) return commanderExit(error, io, argv);
    return report(error, io, state, argv);
  }
}

/** Commander already printed its message (help, version, or a usage error). */
function commanderExit(error: CommanderError, io: RunIO, argv: readonly string[]): number {
  if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version') return ExitCode.OK;
  // `plextv help [command]` asked for help (exit 0); `plextv` alone gets it on stderr as a usage error.
  if (error.code === 'commander.help') return error.exitCode === 0 ? ExitCode.OK : ExitCode.USAGE;
  if (error.code === 'commander.excessArguments' && argv[0] === 'login') {
    io.stderr.write(
      'hint: the password is never an argument: use the prompt, or --password-stdin (see `plextv login --help`).\n',
    );
  }
  if (argv.includes('--json')) {
    const message = maskOptionValues(error.message.replace(/^error:\s*/, ''));
    io.stdout.write(
      `${JSON.stringify({ ok: false, error: { code: 'USAGE', exitCode: ExitCode.USAGE, message } })}\n`,
    );
  }
  return ExitCode.USAGE;
}

function report(error: unknown, io: RunIO, state: RunState, argv: readonly string[]): number {
  const context = state.context;
  const failure: Failure = describeFailure(error, {
    baseUrl: context?.baseUrl,
    tokenSource: state.tokenSource ?? context?.tokenLabel,
    waited: context ? (failed) => context.waited(failed) : undefined,
    signal: io.signal,
  });
  // The context's output knows the run's secrets; before it exists, no secret has been read yet.
  const out =
    context?.out ??
    new Output({
      stdout: io.stdout,
      stderr: io.stderr,
      env: io.env,
      color: !argv.includes('--no-color'),
      json: false,
    });
  const json = context ? context.json : argv.includes('--json');
  if (failure.kind === 'INTERRUPTED') {
    out.err(out.ec.dim(failure.message));
  } else {
    out.err(`${out.ec.red('error:')} ${failure.message}`);
  }
  if (io.env.PLEXTV_DEBUG === '1' || io.env.PLEXTV_DEBUG === 'true') {
    out.err(out.ec.dim(debugDump(error)));
  }
  if (json) {
    const payload = {
      ok: false,
      error: { code: failure.kind, exitCode: failure.exitCode, message: failure.message },
      ...failure.details,
    };
    io.stdout.write(`${out.scrub(JSON.stringify(payload))}\n`);
  }
  return failure.exitCode;
}

/** The stack and the chain of causes, for PLEXTV_DEBUG=1 (scrubbed of secrets like everything else). */
function debugDump(error: unknown): string {
  const lines: string[] = [];
  let current: unknown = error;
  for (let depth = 0; depth < 8 && current !== undefined; depth++) {
    const prefix = depth === 0 ? '' : 'caused by: ';
    lines.push(prefix + (current instanceof Error ? (current.stack ?? String(current)) : String(current)));
    current = current instanceof Error ? current.cause : undefined;
  }
  return lines.join('\n');
}
