/**
 * The CLI's `fetch` for plex.tv: node:http(s) instead of Node's global `fetch`. On Node 20 the global one loads
 * undici and compiles its HTTP parser on the first request, about twice a bare `node -e ""` start: more than a
 * whole `plextv whoami` costs without it (BENCHMARKS.md, "Startup").
 *
 * It does what plextv's transport asks of a fetch and no more: `redirect: 'manual'` (a redirect is returned
 * as it is; plextv decides whether to follow it), a string or `URLSearchParams` or bytes body, an
 * `AbortSignal`, and a `Response`-like answer whose body is a stream (plextv reads it up to a byte limit). A
 * failure rejects like fetch: a `TypeError('fetch failed')` whose `cause` carries the system error's `code`
 * (ECONNREFUSED, ENOTFOUND, …); an abort with the signal's reason. Anything else — another redirect mode, a
 * `Request` or a streamed body, a proxy in the environment (HTTPS_PROXY, HTTP_PROXY) — goes to the global fetch.
 * Neither the global `Headers` nor `Response` is touched (either would load undici). It sends no
 * `Accept-Encoding`, so a server should answer uncompressed (HTTP's default); one that compresses anyway
 * (gzip, deflate, br) is decoded as fetch decodes it, node:zlib loaded only then.
 */
import type { IncomingMessage } from 'node:http';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { pipeline, type Readable } from 'node:stream';
import type { Env } from './output.js';
import { ResponseHeaders } from './response-headers.js';

/** Whether the environment names a proxy: node:http would ignore it, so the global fetch is used. */
export function proxyConfigured(env: Env): boolean {
  return ['HTTPS_PROXY', 'https_proxy', 'HTTP_PROXY', 'http_proxy', 'ALL_PROXY', 'all_proxy'].some(
    (name) => (env[name] ?? '').trim() !== '',
  );
}

/** The fetch for plex.tv: {@link httpFetch}, or the global fetch when `env` names a proxy. */
export function cliFetch(env: Env): typeof fetch {
  return proxyConfigured(env) ? (input, init) => globalThis.fetch(input, init) : httpFetch;
}

/** Statuses whose response has no body (fetch's "null body status"). */
const NULL_BODY = new Set([101, 103, 204, 205, 304]);

/** `fetch` over node:http(s), for what plextv sends (see the file's comment); the rest goes to the global one. */
export const httpFetch: typeof fetch = (input, init = {}) => {
  const url = typeof input === 'string' ? input : input instanceof URL ? input.href : undefined;
  const body = requestBody(init.body);
  if (url === undefined || body === false || init.redirect !== 'manual') {
    return globalThis.fetch(input, init);
  }
  let target: URL;
  try {
    target = new URL(url);
  } catch (error) {
    return Promise.reject(new TypeError('Failed to parse URL', { cause: error }));
  }
  if (target.protocol !== 'http:' && target.protocol !== 'https:') return globalThis.fetch(input, init);
  const signal = init.signal ?? undefined;
  if (signal?.aborted) return Promise.reject(abortReason(signal));
  const method = (init.method ?? 'GET').toUpperCase();
  const headers = requestHeaders(init.headers);
  if (body !== undefined && body.type !== undefined && !hasHeader(headers, 'content-type')) {
    headers['content-type'] = body.type;
  }
  const send = target.protocol === 'https:' ? httpsRequest : httpRequest;

  return new Promise<Response>((resolve, reject) => {
    const onAbort = () => {
      const reason = abortReason(signal!);
      req.destroy(reason instanceof Error ? reason : undefined);
      reject(reason);
    };
    const req = send(target, { method, headers }, (res) => {
      const done = () => signal?.removeEventListener('abort', onAbort);
      const codings = contentCodings(res, method);
      if (codings.length === 0) return resolve(toResponse(res, res, target.href, method, signal, done));
      decoded(res, codings).then(
        (source) => resolve(toResponse(res, source, target.href, method, signal, done)),
        (error: unknown) => {
          res.destroy();
          reject(new TypeError('fetch failed', { cause: error }));
        },
      );
    });
    // A 101 to a request that asked for no upgrade: node:http hands over the socket and never answers the
    // request, so without this it would wait for the timeout. fetch fails it at once; so does this.
    req.on('upgrade', (_res, socket) => {
      socket.destroy();
      signal?.removeEventListener('abort', onAbort);
      reject(new TypeError('fetch failed', { cause: new Error('unexpected 101 Switching Protocols') }));
    });
    req.on('error', (error) => {
      signal?.removeEventListener('abort', onAbort);
      if (signal?.aborted) reject(abortReason(signal));
      else reject(new TypeError('fetch failed', { cause: error }));
    });
    signal?.addEventListener('abort', onAbort, { once: true });
    req.end(body?.bytes);
  });
};

/** A body this fetch sends itself (bytes and, if the caller set none, its content type); false: not one. */
function requestBody(
  body: RequestInit['body'],
): { bytes: Buffer | string; type?: string } | false | undefined {
  if (body === undefined || body === null) return undefined;
  if (typeof body === 'string') return { bytes: body, type: 'text/plain;charset=UTF-8' };
  if (body instanceof URLSearchParams) {
    return { bytes: body.toString(), type: 'application/x-www-form-urlencoded;charset=UTF-8' };
  }
  if (body instanceof Uint8Array)
    return { bytes: Buffer.from(body.buffer, body.byteOffset, body.byteLength) };
  if (body instanceof ArrayBuffer) return { bytes: Buffer.from(body) };
  return false;
}

/** The request headers as a record node:http takes (a `Headers`, an array of pairs, or a record). */
function requestHeaders(init: RequestInit['headers']): Record<string, string> {
  const out: Record<string, string> = {};
  if (init === undefined || init === null) return out;
  const pairs: Iterable<readonly [string, string]> =
    Array.isArray(init) || typeof (init as Iterable<unknown>)[Symbol.iterator] === 'function'
      ? (init as Iterable<readonly [string, string]>)
      : Object.entries(init as Record<string, string>);
  for (const [name, value] of pairs) {
    const key = name.toLowerCase();
    // Repeated names are joined, as `Headers` does.
    out[key] = key in out ? `${out[key]}, ${String(value).trim()}` : String(value).trim();
  }
  return out;
}

function hasHeader(headers: Record<string, string>, name: string): boolean {
  return Object.keys(headers).some((key) => key.toLowerCase() === name);
}

function abortReason(signal: AbortSignal): unknown {
  return signal.reason ?? new DOMException('This operation was aborted', 'AbortError');
}

/** The codings fetch undoes (gzip, deflate, br), in the order they were applied; others are left as sent. */
const DECODABLE = new Set(['gzip', 'x-gzip', 'deflate', 'br']);

/** The `Content-Encoding` of an answer with a body, when it is one this fetch decodes; else none. */
function contentCodings(res: IncomingMessage, method: string): string[] {
  if (method === 'HEAD' || NULL_BODY.has(res.statusCode ?? 0)) return [];
  const codings = (res.headers['content-encoding'] ?? '')
    .split(',')
    .map((c) => c.trim().toLowerCase())
    .filter((c) => c !== '' && c !== 'identity');
  return codings.length > 0 && codings.every((c) => DECODABLE.has(c)) ? codings : [];
}

/**
 * The body decoded (the last coding applied is undone first). An error on either side — a cut connection,
 * corrupt data — destroys the whole chain, so the decoded stream errors rather than end early.
 */
async function decoded(res: IncomingMessage, codings: string[]): Promise<Readable> {
  const zlib = await import('node:zlib');
  const stages = codings
    .reverse()
    .map((c) =>
      c === 'br'
        ? zlib.createBrotliDecompress()
        : c === 'deflate'
          ? zlib.createInflate()
          : zlib.createGunzip(),
    );
  return pipeline([res, ...stages], () => undefined) as unknown as Readable;
}

/** The answer as a `Response`-like object; its body a stream of the (decoded) incoming bytes. */
function toResponse(
  res: IncomingMessage,
  source: Readable,
  url: string,
  method: string,
  signal: AbortSignal | undefined,
  done: () => void,
): Response {
  const status = res.statusCode ?? 0;
  const noBody = method === 'HEAD' || NULL_BODY.has(status);
  let stream: ReadableStream<Uint8Array> | null = null;
  if (noBody) {
    res.resume();
    res.on('end', done);
  } else {
    stream = incomingStream(res, source, signal, done);
  }
  let used = false;
  const bytes = async (): Promise<Uint8Array> => {
    if (used) throw new TypeError('Body is unusable: Body has already been read');
    used = true;
    if (!stream) return new Uint8Array(0);
    const chunks: Uint8Array[] = [];
    const reader = stream.getReader();
    for (;;) {
      const { done: end, value } = await reader.read();
      if (end) break;
      chunks.push(value);
    }
    return Buffer.concat(chunks);
  };
  const text = async () => new TextDecoder().decode(await bytes());
  const response = {
    type: 'basic',
    url,
    redirected: false,
    status,
    ok: status >= 200 && status < 300,
    statusText: res.statusMessage ?? '',
    headers: new ResponseHeaders(res.rawHeaders),
    get body() {
      return stream;
    },
    get bodyUsed() {
      return used || (stream?.locked ?? false);
    },
    text,
    json: async () => JSON.parse(await text()) as unknown,
    arrayBuffer: async () => {
      const b = await bytes();
      return b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength);
    },
    bytes,
    blob: async () =>
      new Blob([(await bytes()) as Uint8Array<ArrayBuffer>], { type: res.headers['content-type'] ?? '' }),
    formData: () => Promise.reject(new TypeError('formData() is not supported by the CLI fetch')),
    clone: () => {
      throw new TypeError('clone() is not supported by the CLI fetch');
    },
  };
  return response as unknown as Response;
}

/**
 * The incoming bytes as a web stream, read as they are pulled (back-pressure through pause/resume); an
 * abort or a broken connection errors it, cancelling it closes the connection.
 */
function incomingStream(
  res: IncomingMessage,
  source: Readable,
  signal: AbortSignal | undefined,
  done: () => void,
): ReadableStream<Uint8Array> {
  // Once cancelled or ended, node:http may still deliver buffered chunks: they are dropped.
  let open = true;
  const finish = () => {
    open = false;
    done();
  };
  return new ReadableStream<Uint8Array>({
    start(controller) {
      source.on('data', (chunk: Buffer) => {
        if (!open) return;
        controller.enqueue(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength));
        if ((controller.desiredSize ?? 0) <= 0) source.pause();
      });
      source.on('end', () => {
        if (!open) return;
        finish();
        controller.close();
      });
      source.on('error', (error) => {
        if (!open) return;
        finish();
        controller.error(
          signal?.aborted ? abortReason(signal) : new TypeError('terminated', { cause: error }),
        );
      });
      // A connection cut mid-body: node:http reports it as `aborted` then `close` without `end`.
      res.on('aborted', () => res.destroy(new Error('the connection closed before the answer ended')));
    },
    pull() {
      source.resume();
    },
    cancel() {
      finish();
      source.destroy();
      res.destroy();
    },
  });
}
