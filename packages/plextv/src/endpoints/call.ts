/**
 * Sending a route: the one function every endpoint runs. The route says what to ask; `input` carries this
 * call's data (path parameters, query, body); `options` only how to send it (abort, timeout, headers), so no
 * caller value can change the method, the path or how the answer is read.
 */
import type { PlexTvClient } from '../client.js';
import type { CallOptions, FormBody, QueryParams, RequestSpec } from '../transport.js';
import { decodeAnswer } from './body.js';
import { fillPath, type ParamsOf, type Route } from './route.js';

/** The data of one call of a route. */
export type RouteInput<Path extends string> = {
  query?: QueryParams;
  form?: FormBody;
  json?: unknown;
  /** Values this call carries that must never appear in an error (a password, a PIN). */
  secrets?: ReadonlyArray<string | undefined>;
} & ([ParamsOf<Path>] extends [never]
  ? { params?: undefined }
  : { params: { readonly [K in ParamsOf<Path>]: string | number | undefined } });

/** The request a route and its input make, with the per-call options added (none can override the route). */
export function describe<Path extends string>(
  r: Route<Path, unknown, never>,
  input: RouteInput<Path>,
  options: CallOptions = {},
): RequestSpec {
  return {
    method: r.method,
    path: fillPath(r, input.params),
    host: r.host,
    accept: r.accept,
    auth: r.auth,
    idempotent: r.idempotent,
    ignoreBody: r.body === undefined,
    query: input.query,
    form: input.form,
    json: input.json,
    secrets: input.secrets,
    signal: options.signal,
    timeout: options.timeout,
    headers: options.headers,
  };
}

/** Send `r` with `input` and decode the answer (`undefined` for routes whose answer is not read). */
export async function call<Path extends string, Out, Ctx>(
  client: PlexTvClient,
  r: Route<Path, Out, Ctx>,
  input: RouteInput<Path>,
  options: CallOptions = {},
  ctx?: Ctx,
): Promise<Out> {
  const spec = describe(r as Route<Path, unknown, never>, input, options);
  const response = await client.request(spec);
  if (r.body === undefined) return undefined as Out;
  return decodeAnswer(response, r.body, { ...(ctx as Ctx), method: spec.method, path: spec.path });
}
