#!/usr/bin/env node
/** The `plextv` executable: `run()` with the real process, Ctrl-C → exit 130. */
import { ExitCode } from './exit-codes.js';
import { run } from './run.js';

const controller = new AbortController();
process.on('SIGINT', () => {
  // First Ctrl-C: cancel the request or prompt in flight and exit cleanly. Second: leave at once.
  if (controller.signal.aborted) {
    if (process.stderr.isTTY) process.stderr.write('\u001B[?25h'); // the spinner may have hidden the cursor
    process.exit(ExitCode.INTERRUPTED);
  }
  controller.abort();
});

// `plextv … | head -1`: a closed pipe is not an error worth a stack trace.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw error;
  });
}

// No top-level await: the bundle (scripts/build-cli.mjs) is CommonJS, which Node loads without its ES module
// loader (cheaper at startup).
async function main(): Promise<never> {
  const code = await run(process.argv.slice(2), { signal: controller.signal });
  process.exitCode = code;
  // Leave as soon as the output is written: the event loop may still be held open by a read of stdin
  // (--password-stdin on a terminal, after Ctrl-C) or by a socket to a server address that never answered
  // (`connect` gave up on it, but the connection pool keeps it for a while).
  await Promise.all(
    [process.stdout, process.stderr].map(
      (stream) => new Promise<void>((resolve) => stream.write('', () => resolve())),
    ),
  );
  process.exit(code);
}

void main();
