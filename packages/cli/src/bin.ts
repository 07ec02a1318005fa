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

const code = await run(process.argv.slice(2), { signal: controller.signal });
// Interrupted: a read of stdin (--password-stdin on a terminal) may still hold the event loop open.
if (controller.signal.aborted) process.exit(code);
process.exitCode = code;
