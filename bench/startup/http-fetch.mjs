// A deliberately small `fetch` over node:http(s), for bench/startup only: what plextv's `fetch` option makes
// possible. Node 20's own fetch (undici) costs several times a bare `node -e ""` on its first request
// (compiling undici's HTTP parser, setting up its connection pool); node:http costs little. This one handles
// what plextv's transport uses (method, headers, string or URLSearchParams body, signal; status, headers.get,
// text) and nothing else — no redirects, no decompression, no streaming.
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';

/** @type {typeof fetch} */
export function httpFetch(input, init = {}) {
  const url = new URL(String(input));
  const request = url.protocol === 'https:' ? httpsRequest : httpRequest;
  const headers = {};
  for (const [k, v] of new Headers(init.headers)) headers[k] = v;
  return new Promise((resolve, reject) => {
    const req = request(url, { method: init.method ?? 'GET', headers, signal: init.signal }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('error', reject);
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        const lower = new Map(Object.entries(res.headers).map(([k, v]) => [k, [v].flat().join(', ')]));
        resolve({
          status: res.statusCode,
          ok: res.statusCode >= 200 && res.statusCode < 300,
          statusText: res.statusMessage,
          url: url.href,
          headers: {
            get: (name) => lower.get(name.toLowerCase()) ?? null,
            has: (n) => lower.has(n.toLowerCase()),
          },
          text: async () => text,
          json: async () => JSON.parse(text),
        });
      });
    });
    req.on('error', reject);
    req.end(init.body === undefined || init.body === null ? undefined : String(init.body));
  });
}
