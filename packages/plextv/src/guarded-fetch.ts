/**
 * The one way plextv talks to a server it does not control: redirects are handled by hand (followed only
 * within the same origin, a few hops at most) and bodies are read as a stream, up to a byte limit. Used by the
 * transport (plex.tv, clients.plex.tv: every endpoint, the JWT key set) and by `connect()` (a server's
 * `/identity`), so both obey one rule.
 *
 * The rule: a redirect is followed only when its target has the request's origin (same scheme, host and port:
 * https → http is another origin). Anything else — another host, a downgrade to http, a missing or unreadable
 * `Location`, a browser's `opaqueredirect` (which hides the target), more than {@link MAX_REDIRECTS} hops — is a
 * {@link RedirectRefusedError}, and the request is not repeated there: the token, a password, a body never
 * travel to a place the caller did not name.
 */
import { type ErrorContext, RedirectRefusedError, ResponseTooLargeError } from './errors.js';
import { deleteHeader, withHeaders } from './header-record.js';

/** Same-origin redirects followed per request, at most. */
export const MAX_REDIRECTS = 3;

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);

export interface GuardedRequest {
  url: string;
  method: string;
  /** A plain record, not `Headers` (see header-record.ts). */
  headers: Readonly<Record<string, string>>;
  body?: string | undefined;
  signal: AbortSignal;
}

/** Whether a response is a redirect (a 30x with meaning, or a browser's opaque one). */
export function isRedirect(response: Response): boolean {
  return response.type === 'opaqueredirect' || REDIRECT_STATUSES.has(response.status);
}

/**
 * `fetch` with `redirect: 'manual'`; same-origin redirects followed by hand (303, and 301/302 after a POST, turn
 * into a GET without a body, as browsers do); any other redirect rejects with `RedirectRefusedError`.
 * `context` names the request in errors (method and path, never a query string).
 */
export async function fetchSameOrigin(
  fetchImpl: typeof fetch,
  request: GuardedRequest,
  context: ErrorContext & { method: string; path: string },
  maxRedirects = MAX_REDIRECTS,
): Promise<Response> {
  let { url, method, body } = request;
  const headers = withHeaders(request.headers);
  for (let hop = 0; ; hop++) {
    const response = await fetchImpl(url, {
      method,
      headers,
      ...(body === undefined ? {} : { body }),
      redirect: 'manual',
      signal: request.signal,
    });
    if (!isRedirect(response)) return response;
    discard(response);
    const what = `${context.method} ${context.path}`;
    const status = response.status === 0 ? undefined : response.status;
    if (response.type === 'opaqueredirect') {
      throw new RedirectRefusedError(
        `${what}: the answer is a redirect the browser hides (not followed; the request was not repeated)`,
        { ...context, status },
      );
    }
    const target = resolve(response.headers.get('location'), url);
    if (target === undefined) {
      throw new RedirectRefusedError(`${what} → ${response.status}: a redirect without a usable Location`, {
        ...context,
        status,
      });
    }
    if (target.origin !== new URL(url).origin) {
      throw new RedirectRefusedError(
        `${what} → ${response.status}: redirect to another origin (${target.origin}) refused; the request was not repeated there`,
        { ...context, status, location: target.origin },
      );
    }
    if (hop >= maxRedirects) {
      throw new RedirectRefusedError(`${what}: more than ${maxRedirects} redirects`, {
        ...context,
        status,
        location: target.origin,
      });
    }
    if (
      response.status === 303
        ? method !== 'HEAD'
        : (response.status === 301 || response.status === 302) && method === 'POST'
    ) {
      method = 'GET';
      body = undefined;
      deleteHeader(headers, 'content-type');
    }
    url = target.toString();
  }
}

function resolve(location: string | null, base: string): URL | undefined {
  if (location === null || location.trim() === '') return undefined;
  try {
    const url = new URL(location.trim(), base);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url : undefined;
  } catch {
    return undefined;
  }
}

/** Let go of a body we will not read (closes the stream; never throws). */
export function discard(response: Response): void {
  try {
    response.body?.cancel().catch(() => undefined);
  } catch {
    // A locked or already-consumed body: nothing to release.
  }
}

/**
 * The body as text (UTF-8, BOM dropped, as `response.text()`), read as a stream and cancelled as soon as it
 * passes `limit` bytes (a `Content-Length` over the limit is refused before reading). `signal` cancels the read:
 * it then rejects with an `AbortError` rather than return a truncated text.
 */
export async function readTextLimited(
  response: Response,
  limit: number,
  signal: AbortSignal | undefined,
  context: ErrorContext & { method: string; path: string },
): Promise<string> {
  const tooLarge = () =>
    new ResponseTooLargeError(
      `${context.method} ${context.path}: answer larger than ${limit} bytes (download cancelled)`,
      { ...context, status: response.status, limit, unit: 'bytes' },
    );
  const declared = Number(response.headers.get('content-length') ?? Number.NaN);
  if (Number.isFinite(declared) && declared > limit) {
    discard(response);
    throw tooLarge();
  }
  const stream = response.body;
  if (!stream) return typeof response.text === 'function' ? response.text() : '';
  const reader = stream.getReader();
  const decoder = new TextDecoder();
  const onAbort = () => {
    reader.cancel().catch(() => undefined);
  };
  if (signal?.aborted) onAbort();
  else signal?.addEventListener('abort', onAbort, { once: true });
  let size = 0;
  let text = '';
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (signal?.aborted) throw new DOMException('The read was aborted', 'AbortError');
      if (done) break;
      size += value.byteLength;
      if (size > limit) {
        reader.cancel().catch(() => undefined);
        throw tooLarge();
      }
      text += decoder.decode(value, { stream: true });
    }
    return text + decoder.decode();
  } finally {
    signal?.removeEventListener('abort', onAbort);
  }
}

/**
 * Whether a body holds more than `limit` items: XML elements and attributes, or JSON values (one linear scan,
 * no parse). The parsers' cost grows with these, so this bounds the work an absurd body can cause.
 */
export function exceedsItems(text: string, limit: number): boolean {
  const first = text.replace(/^\uFEFF/, '').trimStart()[0];
  let count = 0;
  if (first === '<') {
    for (let i = text.indexOf('<'); i !== -1; i = text.indexOf('<', i + 1)) {
      const c = text.charCodeAt(i + 1);
      // An element start: `<` then a name start (letter, `_` or `:`).
      if ((c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || c === 58 || c > 127) {
        if (++count > limit) return true;
      }
    }
    for (let i = text.indexOf('='); i !== -1; i = text.indexOf('=', i + 1)) {
      let j = i + 1;
      while (text.charCodeAt(j) === 32 || text.charCodeAt(j) === 9 || text.charCodeAt(j) === 10) j++;
      const q = text.charCodeAt(j);
      // An attribute: `=` then a quote (an over-count in text content only makes the bound stricter).
      if ((q === 34 || q === 39) && ++count > limit) return true;
    }
    return false;
  }
  if (first === '{' || first === '[') {
    let inString = false;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (inString) {
        if (c === 92) i++;
        else if (c === 34) inString = false;
      } else if (c === 34) inString = true;
      else if (c === 44 || c === 123 || c === 91) {
        // `,` `{` `[`: one more value (or container) to build.
        if (++count > limit) return true;
      }
    }
  }
  return false;
}
