/**
 * "Waiting for …": a spinner on an interactive terminal (stderr), one plain line anywhere else.
 */
import type { Writable } from 'node:stream';
import yoctoSpinner, { type Spinner } from 'yocto-spinner';
import type { Env, OutStream } from '../output.js';

export interface Progress {
  /** New text (the spinner redraws; a plain line is not repeated). */
  update(text: string): void;
  /** Remove the spinner (and restore the cursor). Safe to call twice. */
  stop(): void;
}

/** Whether `stream` is a terminal we can animate: cursor control, not `TERM=dumb`, not CI, colours on. */
export function canAnimate(stream: OutStream, env: Env, color: boolean): boolean {
  const tty = stream as OutStream & { cursorTo?: unknown; moveCursor?: unknown; clearLine?: unknown };
  return (
    color &&
    stream.isTTY === true &&
    typeof tty.cursorTo === 'function' &&
    typeof tty.moveCursor === 'function' &&
    typeof tty.clearLine === 'function' &&
    env.TERM !== 'dumb' &&
    !('CI' in env) &&
    !('CI' in process.env)
  );
}

export function startProgress(
  stream: OutStream,
  text: string,
  options: { animate: boolean; plain?: string },
): Progress {
  if (!options.animate) {
    stream.write(`${options.plain ?? text}\n`);
    return { update() {}, stop() {} };
  }
  // handleSignals: false: Ctrl-C is ours (bin.ts aborts the run, the login cleans up and exits 130).
  const spinner: Spinner = yoctoSpinner({
    text,
    stream: stream as unknown as Writable,
    handleSignals: false,
  }).start();
  return {
    update(next) {
      if (spinner.isSpinning) spinner.text = next;
    },
    stop() {
      spinner.stop();
    },
  };
}
