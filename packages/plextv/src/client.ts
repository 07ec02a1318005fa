/**
 * The client: identity, token and transport settings. Endpoints are separate functions that take a client,
 * so an app bundles only the calls it makes.
 */
import {
  type ClientOptions,
  DEFAULT_RETRY,
  DEFAULT_TIMEOUT,
  type Host,
  hostBases,
  identityHeaders,
  responseLimits,
} from './options.js';
import { type PlexResponse, type RequestSpec, send, type TransportConfig } from './transport.js';

/**
 * A plex.tv client: the app's identity, the token (kept private: `getToken()` is the only way out) and the
 * transport settings. Every endpoint function takes one; `createClient` makes one.
 */
export class PlexTvClient {
  /** The options this client was made with, minus the token. */
  readonly options: Readonly<Omit<ClientOptions, 'token'>>;
  readonly #token: string | undefined;
  readonly #config: TransportConfig;

  constructor(options: ClientOptions) {
    if (typeof options?.clientIdentifier !== 'string' || options.clientIdentifier.trim() === '') {
      throw new TypeError(
        'plextv: `clientIdentifier` is required (generate one with crypto.randomUUID() once and keep it)',
      );
    }
    const { token, ...rest } = options;
    this.options = Object.freeze(rest);
    this.#token = token === '' ? undefined : token;
    const globalFetch = globalThis.fetch?.bind(globalThis);
    const fetchImpl = options.fetch ?? globalFetch;
    if (!fetchImpl) throw new TypeError('plextv: no global fetch; pass `fetch` in the options');
    this.#config = {
      bases: hostBases(options),
      fetch: fetchImpl,
      headers: identityHeaders(options),
      token: this.#token,
      timeout: options.timeout ?? DEFAULT_TIMEOUT,
      signal: options.signal,
      retry: options.retry === false ? false : { ...DEFAULT_RETRY, ...options.retry },
      limits: responseLimits(options),
    };
  }

  /** The same client, acting with `token` (e.g. the one `signIn` returned). */
  withToken(token: string | undefined): PlexTvClient {
    return new PlexTvClient({ ...this.options, token });
  }

  /** Whether this client has a token to send. */
  get hasToken(): boolean {
    return this.#token !== undefined;
  }

  /**
   * The token this client sends. A method, not a property, so that logging or serialising the client
   * never prints it by accident.
   */
  getToken(): string | undefined {
    return this.#token;
  }

  /** plex.tv's base URL in use. */
  get baseUrl(): string {
    return this.#config.bases['plex.tv'];
  }

  /** The base URL in use for one host (`baseUrl` for plex.tv). */
  hostUrl(host: Host): string {
    return this.#config.bases[host];
  }

  /** The `X-Plex-*` identity headers sent with every request (the token is not among them). */
  get identityHeaders(): Readonly<Record<string, string>> {
    return this.#config.headers;
  }

  /** Low-level: one request with this client's identity, token, timeout and retry policy. */
  request(spec: RequestSpec): Promise<PlexResponse> {
    return send(this.#config, spec);
  }

  /** Keeps `console.log(client)` and `JSON.stringify(client)` free of the token. */
  toJSON(): Record<string, unknown> {
    return { ...this.options, fetch: undefined, signal: undefined, hasToken: this.hasToken };
  }
}

/** Make a client. `clientIdentifier` is the only required option. */
export function createClient(options: ClientOptions): PlexTvClient {
  return new PlexTvClient(options);
}
