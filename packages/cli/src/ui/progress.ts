/**
 * "Waiting for …": a spinner on an interactive terminal (stderr), one plain line anywhere else.
 * yocto-spinner is loaded by the first spinner only (most commands never wait on one); the spinner appears
 * as soon as it is loaded, a moment after `startProgress` returns.
 */
import type { Writable } from 'node:stream';
import type { Spinner } from 'yocto-spinner';
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
  let current = text;
  let stopped = false;
  let spinner: Spinner | undefined;
  import('yocto-spinner').then(
    ({ default: yoctoSpinner }) => {
      if (stopped) return;
      // handleSignals: false: Ctrl-C is ours (bin.ts aborts the run, the login cleans up and exits 130).
      spinner = yoctoSpinner({
        text: current,
        stream: stream as unknown as Writable,
        handleSignals: false,
      }).start();
    },
    () => {
      if (!stopped) stream.write(`${options.plain ?? current}\n`);
    },
  );
  return {
    update(next) {
      current = next;
      if (spinner?.isSpinning) spinner.text = next;
    },
    stop() {
      stopped = true;
      spinner?.stop();
    },
  };
}
