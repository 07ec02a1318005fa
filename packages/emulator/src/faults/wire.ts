/**
 * Wire faults (reset, truncate, trickle, invalid): the route answers, then the fault changes how the
 * answer travels. Browser-safe: the socket side (over a real connection) is server/listen.ts; here
 * are the per-request plans and the in-process delivery (emulator.fetch, MSW).
 */

import type { WireFault } from '../state/model-fault.js';
import { JSON_CONTENT_TYPE, type WireFormat, XML_CONTENT_TYPE } from '../wire/format.js';

/** A wire fault on one request, with the format the request asked for (for placeholder bodies). */
export interface WirePlan {
  fault: WireFault;
  format: WireFormat;
}

/** Requests whose answer a wire fault changes, set by the fault middleware, read by whoever delivers. */
const wirePlans = new WeakMap<Request, WirePlan>();

export function setWirePlan(request: Request, plan: WirePlan): void {
  wirePlans.set(request, plan);
}

export function wirePlanOf(request: Request): WirePlan | undefined {
  return wirePlans.get(request);
}

/** The status line the client gets for a route answer of `status` under this fault (0: none at all). */
export function wireStatus(fault: WireFault, status: number): number {
  if (fault.kind === 'reset' && fault.afterBytes === null) return 0;
  if (fault.kind === 'invalid' && (status < 200 || status > 299)) return 200;
  return NO_BODY_STATUSES.has(status) ? 200 : status;
}

const NO_BODY_STATUSES = new Set([204, 205, 304]);

/** What goes on the wire: the status, the headers (Content-Length = the whole body) and the whole body. */
export interface WireAnswer {
  status: number;
  headers: Headers;
  body: Uint8Array<ArrayBuffer>;
}

/**
 * The answer a wire fault sends, from the route's: an empty answer (a 204) becomes a 200 with a small
 * placeholder document (`{}` or `<ok/>`) so there is something to cut or trickle; `invalid` replaces
 * the body with a malformed one (and the status with 200 unless it was a 2xx).
 */
export async function wireAnswer(plan: WirePlan, response: Response): Promise<WireAnswer> {
  const { fault } = plan;
  const headers = new Headers(response.headers);
  headers.delete('content-length');
  headers.delete('transfer-encoding');
  const type = headers.get('content-type') ?? '';
  const json = type ? /json/i.test(type) : plan.format === 'json';
  const contentType = json ? JSON_CONTENT_TYPE : XML_CONTENT_TYPE;
  let text = (await response.text()).trim();
  if (text === '') {
    text = json ? '{}' : '<?xml version="1.0" encoding="UTF-8"?>\n<ok/>';
    if (!type) headers.set('content-type', contentType);
  }
  if (fault.kind === 'invalid') {
    text = fault.body ?? malformed(text);
    if (!/json|xml/i.test(type)) headers.set('content-type', contentType);
  }
  const body = new TextEncoder().encode(text);
  headers.set('content-length', String(body.byteLength));
  return { status: wireStatus(fault, response.status), headers, body };
}

/** A document cut in half: a JSON value or an XML root that never closes (well-formed it cannot be). */
function malformed(text: string): string {
  const chars = Array.from(text);
  return chars.slice(0, Math.max(1, Math.floor(chars.length / 2))).join('');
}

/** How many body bytes a truncate/reset sends before giving up (always fewer than the body has). */
export function partialLength(fault: WireFault, total: number): number {
  const wanted =
    fault.kind === 'truncate'
      ? (fault.bytes ?? Math.floor(total / 2))
      : fault.kind === 'reset'
        ? (fault.afterBytes ?? 0)
        : total;
  return Math.max(0, Math.min(wanted, total - 1));
}

/** undici's error for a connection reset (what `fetch` rejects with, or a body read fails with). */
export function resetError(message: 'fetch failed' | 'terminated'): TypeError {
  const cause = Object.assign(new Error('read ECONNRESET'), {
    code: 'ECONNRESET',
    errno: -104,
    syscall: 'read',
  });
  return new TypeError(message, { cause });
}

/** undici's error for a body cut short by the server closing the connection. */
export function closedError(): TypeError {
  const cause = Object.assign(new Error('other side closed'), {
    name: 'SocketError',
    code: 'UND_ERR_SOCKET',
  });
  return new TypeError('terminated', { cause });
}

/** True for the in-process stand-in of a connection reset before any answer (MSW turns it into Response.error()). */
export function isResetBeforeAnswer(error: unknown): boolean {
  return (
    error instanceof TypeError &&
    error.message === 'fetch failed' &&
    (error.cause as { code?: unknown } | undefined)?.code === 'ECONNRESET'
  );
}

/**
 * In process (emulator.fetch, emulator.handle, MSW): what undici would make of the fault. A reset
 * before the answer rejects with `TypeError: fetch failed` (cause ECONNRESET); otherwise the Response
 * arrives and reading its body fails (`TypeError: terminated`) or takes its time.
 */
export async function deliverInProcess(
  plan: WirePlan,
  response: Response,
  signal: AbortSignal | undefined,
): Promise<Response> {
  const { fault } = plan;
  if (fault.kind === 'reset' && fault.afterBytes === null) {
    await response.body?.cancel();
    throw resetError('fetch failed');
  }
  const answer = await wireAnswer(plan, response);
  const init = { status: answer.status, headers: answer.headers };
  if (fault.kind === 'invalid') return new Response(answer.body, init);
  const { body } = answer;
  if (fault.kind === 'truncate' || fault.kind === 'reset') {
    const part = body.subarray(0, partialLength(fault, body.byteLength));
    const error = fault.kind === 'truncate' ? closedError() : resetError('terminated');
    // The part first; the error once it has been read (erroring at once would drop the queued part).
    let sent = part.byteLength === 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent) return controller.error(error);
        sent = true;
        controller.enqueue(part);
      },
    });
    return new Response(stream, init);
  }
  // trickle
  let offset = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      const onAbort = () => {
        clearTimeout(timer);
        controller.error(signal?.reason ?? new DOMException('This operation was aborted', 'AbortError'));
      };
      if (signal?.aborted) return onAbort();
      signal?.addEventListener('abort', onAbort, { once: true });
      const step = () => {
        controller.enqueue(body.slice(offset, offset + fault.bytes));
        offset += fault.bytes;
        if (offset >= body.byteLength) {
          signal?.removeEventListener('abort', onAbort);
          controller.close();
        } else timer = setTimeout(step, fault.intervalMs);
      };
      step();
    },
    cancel() {
      clearTimeout(timer);
    },
  });
  return new Response(stream, init);
}

/** Sleep `ms`, or less if the client gives up first (its answer goes nowhere then). */
export function faultDelay(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const done = () => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
  });
}
