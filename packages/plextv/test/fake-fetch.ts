/** A scripted fetch for transport tests: records every request, answers from a queue. */
export interface Recorded {
  url: string;
  method: string;
  headers: Headers;
  body: string | undefined;
}

export type Step =
  | Response
  | Error
  | ((request: Recorded, signal: AbortSignal | undefined) => Promise<Response> | Response);

export function scriptedFetch(steps: Step[]) {
  const calls: Recorded[] = [];
  const fetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const request: Recorded = {
      url: String(input),
      method: init?.method ?? 'GET',
      headers: new Headers(init?.headers),
      body: typeof init?.body === 'string' ? init.body : undefined,
    };
    calls.push(request);
    const step = steps.shift();
    if (step === undefined) throw new Error('scriptedFetch: no step left');
    if (step instanceof Error) throw step;
    if (typeof step === 'function') return step(request, init?.signal ?? undefined);
    return step;
  };
  return { fetch: fetch as typeof globalThis.fetch, calls };
}

export const json = (body: unknown, status = 200, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } });

export const xml = (body: string, status = 200, headers: Record<string, string> = {}) =>
  new Response(body, { status, headers: { 'content-type': 'application/xml', ...headers } });

/** Never answers until aborted (a black hole). */
export const hang = (_r: Recorded, signal: AbortSignal | undefined) =>
  new Promise<Response>((_resolve, reject) => {
    signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError')));
  });

export const ACCOUNT = { id: 1, uuid: '0123456789abcdef', authToken: 'secret-token-abc', username: 'demo' };
