/**
 * The request log (control.requests): a ring buffer of the last `limit` records, so a long run
 * cannot grow it without bound. It counts the records it had to drop.
 */

import type { FaultKind } from './model-fault.js';

/** One request the emulator answered: method, path, status, and the fault applied if any. */
export interface RequestRecord {
  method: string;
  path: string;
  /**
   * The status line the client got: the route's, or the fault's (a wire fault may turn a 204 into a
   * 200, `invalid` a non-2xx into 200); 0 when a reset left it without any.
   */
  status: number;
  /** Set when an injected fault hit this request: which kind. */
  fault?: FaultKind;
}

/** Default number of records kept. */
export const DEFAULT_REQUEST_LOG_SIZE = 1000;

/** The request log: the last `limit` requests (a ring buffer) and how many were dropped. */
export class RequestLog {
  readonly limit: number;
  #ring: (RequestRecord | undefined)[] = [];
  /** Index of the oldest record in #ring (once full). */
  #start = 0;
  #dropped = 0;

  constructor(limit: number = DEFAULT_REQUEST_LOG_SIZE) {
    if (!Number.isInteger(limit) || limit < 0)
      throw new RangeError(`request log size must be an integer >= 0, got ${limit}`);
    this.limit = limit;
  }

  /** Records one request, dropping the oldest past the limit. */
  push(record: RequestRecord): void {
    if (this.limit === 0) {
      this.#dropped += 1;
      return;
    }
    if (this.#ring.length < this.limit) {
      this.#ring.push(record);
      return;
    }
    this.#ring[this.#start] = record;
    this.#start = (this.#start + 1) % this.limit;
    this.#dropped += 1;
  }

  /** The records kept, oldest first (copies). */
  list(): RequestRecord[] {
    const ring = this.#ring as RequestRecord[];
    return [...ring.slice(this.#start), ...ring.slice(0, this.#start)].map((r) => ({ ...r }));
  }

  /** How many records are kept now. */
  get size(): number {
    return this.#ring.length;
  }

  /** How many older records were dropped to make room since the log was last emptied. */
  get dropped(): number {
    return this.#dropped;
  }

  /** Forgets every request. */
  clear(): void {
    this.#ring = [];
    this.#start = 0;
    this.#dropped = 0;
  }
}
