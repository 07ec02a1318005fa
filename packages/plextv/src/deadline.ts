/**
 * One request's lifetime: a signal that aborts when the time is up or when any caller's signal aborts, and which
 * of the two it was (a timeout and a cancel are different errors).
 */

/** What `deadline()` returns. Call `clear()` when the request is over, whatever its outcome. */
export interface Deadline {
  /** Aborts at the deadline or with the first of the caller's signals. */
  readonly signal: AbortSignal;
  /** The deadline passed (as opposed to a caller's abort). */
  readonly timedOut: boolean;
  /** Stop the timer and let go of the caller's signals (they may outlive the request by far). */
  clear(): void;
}

/** A deadline `timeout` ms from now, also ended by any of `signals` (already aborted ones end it at once). */
export function deadline(timeout: number, signals: readonly AbortSignal[]): Deadline {
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, timeout);
  const onAbort = () => controller.abort();
  for (const s of signals) {
    if (s.aborted) controller.abort();
    else s.addEventListener('abort', onAbort, { once: true });
  }
  return {
    signal: controller.signal,
    get timedOut() {
      return timedOut;
    },
    clear() {
      clearTimeout(timer);
      for (const s of signals) s.removeEventListener('abort', onAbort);
    },
  };
}
