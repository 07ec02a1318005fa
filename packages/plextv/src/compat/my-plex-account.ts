/**
 * `MyPlexAccount`: the @ctrl/plex 3.x class, on top of plextv's client, for apps migrating from it.
 *
 * Same constructor, properties and `connect()`/`query()`; underneath it is the typed client, so errors are
 * plextv's typed errors and the token only ever travels in the `X-Plex-Token` header.
 */
import { PlexTvClient } from '../client.js';
import { getUser } from '../endpoints/account.js';
import { getClaimToken } from '../endpoints/claim.js';
import { getDevices } from '../endpoints/devices.js';
import { getGeoIp, getPublicIp } from '../endpoints/geo.js';
import { type AuthUrlOptions, authUrl, checkPin, createPin, waitForPin } from '../endpoints/pins.js';
import { getOnlineMediaSources, setPrivacy } from '../endpoints/privacy.js';
import { findResource, getResources } from '../endpoints/resources.js';
import { signIn } from '../endpoints/signin.js';
import { addWebhook, getWebhooks, removeWebhook, setWebhooks } from '../endpoints/webhooks.js';
import { NotFoundError } from '../errors.js';
import type { UserPlexAccount } from '../models/account.js';
import type { PlexDevice } from '../models/device.js';
import type { GeoLocation } from '../models/location.js';
import type { Pin } from '../models/pin.js';
import type { OnlineMediaSource } from '../models/privacy.js';
import type { PlexResource } from '../models/resource.js';
import { type ClientOptions, DEFAULT_BASE_URL } from '../options.js';
import type { RequestSpec } from '../transport.js';
import { xmlToPlain } from '../wire/wire.js';

/** A started web sign-in: show `uri` to the user, then `webLoginCheck()` it. */
export interface WebLogin {
  id: number;
  code: string;
  uri: string;
}

const webLogins = new WeakMap<WebLogin, Pin>();

/** Seconds, as in @ctrl/plex. */
const TIMEOUT = 30;

type Method = 'get' | 'post' | 'put' | 'patch' | 'head' | 'delete';

/** The options-object form of the constructor. */
export interface MyPlexAccountOptions {
  /** Your Plex Media Server's URL (as in @ctrl/plex; not plex.tv's). */
  baseUrl?: string | null;
  username?: string;
  password?: string;
  /** Two-factor code for `username`/`password` sign-in. */
  code?: string;
  token?: string;
  /** Seconds, for each request. Default 30. */
  timeout?: number;
  /** The Plex server object, when you have one (kept as given). */
  server?: unknown;
  /**
   * plextv client options (client identifier, product, plex.tv base URL, fetch, retry, …), or a client.
   * Without a client identifier a random one is made: pass your stored one, or every run is a "new device".
   */
  client?: Partial<Omit<ClientOptions, 'token'>> | PlexTvClient;
}

/** plex.tv endpoints, relative to its base URL. */
const PATHS = {
  EXISTINGUSER: '/api/home/users?invitedEmail={username}',
  FRIENDINVITE: '/api/v2/shared_servers',
  FRIENDSERVERS: '/api/v2/shared_servers/{serverId}',
  FRIENDUPDATE: '/api/v2/sharings/{userId}',
  HOMEUSERCREATE: '/api/home/users?title={title}',
  PLEXSERVERS: '/api/servers/{machineId}',
  REMOVEHOMEUSER: '/api/home/users/{userId}',
  REMOVEINVITE: '/api/v2/friends/invite?identifier={userId}',
  REQUESTED: '/api/v2/friends/invites/sent/pending',
  REQUESTS: '/api/v2/friends/invites/received/pending',
  SIGNIN: '/api/v2/users/signin',
  WEBHOOKS: '/api/v2/user/webhooks',
  key: '/api/v2/user',
} as const;

const at = (base: string, path: string) => base.replace(/\/+$/, '') + path;

export class MyPlexAccount {
  /**
   * The endpoints plextv uses, on https://plex.tv. The v1 invite and friend URLs of @ctrl/plex answer 410 Gone
   * today, so these point at their replacements. Instances carry the same names on their own base URL.
   */
  static readonly EXISTINGUSER = at(DEFAULT_BASE_URL, PATHS.EXISTINGUSER);
  static readonly FRIENDINVITE = at(DEFAULT_BASE_URL, PATHS.FRIENDINVITE);
  static readonly FRIENDSERVERS = at(DEFAULT_BASE_URL, PATHS.FRIENDSERVERS);
  static readonly FRIENDUPDATE = at(DEFAULT_BASE_URL, PATHS.FRIENDUPDATE);
  static readonly HOMEUSERCREATE = at(DEFAULT_BASE_URL, PATHS.HOMEUSERCREATE);
  static readonly PLEXSERVERS = at(DEFAULT_BASE_URL, PATHS.PLEXSERVERS);
  static readonly REMOVEHOMEUSER = at(DEFAULT_BASE_URL, PATHS.REMOVEHOMEUSER);
  static readonly REMOVEINVITE = at(DEFAULT_BASE_URL, PATHS.REMOVEINVITE);
  static readonly REQUESTED = at(DEFAULT_BASE_URL, PATHS.REQUESTED);
  static readonly REQUESTS = at(DEFAULT_BASE_URL, PATHS.REQUESTS);
  static readonly SIGNIN = at(DEFAULT_BASE_URL, PATHS.SIGNIN);
  static readonly WEBHOOKS = at(DEFAULT_BASE_URL, PATHS.WEBHOOKS);

  readonly EXISTINGUSER: string;
  readonly FRIENDINVITE: string;
  readonly FRIENDSERVERS: string;
  readonly FRIENDUPDATE: string;
  readonly HOMEUSERCREATE: string;
  readonly PLEXSERVERS: string;
  readonly REMOVEHOMEUSER: string;
  readonly REMOVEINVITE: string;
  readonly REQUESTED: string;
  readonly REQUESTS: string;
  readonly SIGNIN: string;
  readonly WEBHOOKS: string;
  /** The account URL. */
  readonly key: string;

  /** Your Plex Media Server's URL, as given. */
  baseUrl: string | null;
  username?: string;
  server?: unknown;
  /** Seconds. */
  timeout: number;

  /** Your Plex account id. */
  id?: number;
  uuid?: string;
  email?: string;
  title?: string;
  thumb?: string;
  locale?: string;
  home?: boolean;
  homeSize?: number;
  maxHomeSize?: number;
  guest?: boolean;
  restricted?: boolean;
  mailingListActive?: boolean;
  mailingListStatus?: string;
  entitlements?: string[];
  subscriptionActive?: boolean;
  subscriptionFeatures?: string[];
  subscriptionPlan?: string;
  /** `active` / `inactive`, from `subscriptionActive`. */
  subscriptionStatus?: 'active' | 'inactive';
  scrobbleTypes?: string;
  certificateVersion?: number;
  queueEmail?: string;

  // Secrets live in private fields: nothing prints them by accident.
  #client: PlexTvClient;
  #password: string | undefined;
  #code: string | undefined;
  #account: UserPlexAccount | undefined;

  constructor(options: MyPlexAccountOptions);
  constructor(
    baseUrl?: string | null,
    username?: string,
    password?: string,
    token?: string,
    timeout?: number,
    server?: unknown,
  );
  constructor(
    first?: MyPlexAccountOptions | string | null,
    username?: string,
    password?: string,
    token?: string,
    timeout: number = TIMEOUT,
    server?: unknown,
  ) {
    const o: MyPlexAccountOptions =
      first !== null && typeof first === 'object'
        ? first
        : { baseUrl: first ?? null, username, password, token, timeout, server };
    this.baseUrl = o.baseUrl ?? null;
    this.username = o.username;
    this.server = o.server;
    this.timeout = o.timeout ?? TIMEOUT;
    this.#password = o.password;
    this.#code = o.code;
    const given = o.client;
    const base =
      given instanceof PlexTvClient
        ? given
        : new PlexTvClient({
            timeout: this.timeout * 1000,
            ...given,
            clientIdentifier: given?.clientIdentifier ?? crypto.randomUUID(),
          });
    this.#client = o.token ? base.withToken(o.token) : base;
    const plexTv = this.#client.baseUrl;
    this.EXISTINGUSER = at(plexTv, PATHS.EXISTINGUSER);
    this.FRIENDINVITE = at(plexTv, PATHS.FRIENDINVITE);
    this.FRIENDSERVERS = at(plexTv, PATHS.FRIENDSERVERS);
    this.FRIENDUPDATE = at(plexTv, PATHS.FRIENDUPDATE);
    this.HOMEUSERCREATE = at(plexTv, PATHS.HOMEUSERCREATE);
    this.PLEXSERVERS = at(plexTv, PATHS.PLEXSERVERS);
    this.REMOVEHOMEUSER = at(plexTv, PATHS.REMOVEHOMEUSER);
    this.REMOVEINVITE = at(plexTv, PATHS.REMOVEINVITE);
    this.REQUESTED = at(plexTv, PATHS.REQUESTED);
    this.REQUESTS = at(plexTv, PATHS.REQUESTS);
    this.SIGNIN = at(plexTv, PATHS.SIGNIN);
    this.WEBHOOKS = at(plexTv, PATHS.WEBHOOKS);
    this.key = at(plexTv, PATHS.key);
  }

  /** The account token (after `connect()`, or as given). */
  get authenticationToken(): string | undefined {
    return this.#client.getToken();
  }

  /** Alias of `authenticationToken`, as in @ctrl/plex. */
  get token(): string | undefined {
    return this.#client.getToken();
  }

  /** The full typed account from the last `connect()` (it holds the token: do not log it). */
  get account(): UserPlexAccount | undefined {
    return this.#account;
  }

  /** The plextv client this account uses (with its token). */
  get client(): PlexTvClient {
    return this.#client;
  }

  /**
   * Sign in (token → `GET /api/v2/user`; otherwise username/password → `POST /api/v2/users/signin`) and load
   * the account's properties. Resolves with `this`.
   */
  async connect(): Promise<MyPlexAccount> {
    let account: UserPlexAccount;
    if (this.#client.hasToken) {
      account = await getUser(this.#client);
    } else {
      if (!this.username || this.#password === undefined) {
        throw new TypeError('MyPlexAccount.connect(): pass a token, or a username and password');
      }
      account = await signIn(this.#client, {
        login: this.username,
        password: this.#password,
        code: this.#code,
      });
      this.#password = undefined;
      this.#client = this.#client.withToken(account.authToken);
    }
    this.#load(account);
    return this;
  }

  #load(a: UserPlexAccount): void {
    this.#account = a;
    this.id = a.id;
    this.uuid = a.uuid;
    this.email = a.email;
    this.username = a.username;
    this.title = a.title;
    this.thumb = a.thumb;
    this.locale = a.locale;
    this.home = a.home;
    this.homeSize = a.homeSize;
    this.maxHomeSize = a.maxHomeSize;
    this.guest = a.guest;
    this.restricted = a.restricted;
    this.mailingListActive = a.mailingListActive;
    this.mailingListStatus = a.mailingListStatus;
    this.entitlements = a.entitlements;
    this.subscriptionActive = a.subscription?.active;
    this.subscriptionFeatures = a.subscription?.features ?? [];
    this.subscriptionPlan = a.subscription?.plan;
    this.subscriptionStatus = a.subscription?.active ? 'active' : 'inactive';
    this.scrobbleTypes = a.scrobbleTypes;
    this.certificateVersion = a.certificateVersion;
    this.queueEmail = a.queueEmail;
  }

  /**
   * A raw request to plex.tv with this account's identity and token. `url` is absolute (e.g. one of the URL
   * constants) or a path. Only plex.tv URLs are accepted, so the token never goes anywhere else. Resolves with
   * the parsed body: JSON as parsed, XML as plain objects, text as a string, or undefined when empty.
   */
  async query<T = unknown>(
    url: string,
    method: Method = 'get',
    headers?: Record<string, string>,
    username?: string,
    password?: string,
  ): Promise<T> {
    const spec: RequestSpec = {
      method: method === 'head' ? 'GET' : (method.toUpperCase() as RequestSpec['method']),
      path: this.#pathOf(url),
      headers: { ...headers },
    };
    if (username !== undefined && password !== undefined) {
      spec.headers = { ...spec.headers, Authorization: `Basic ${btoa(`${username}:${password}`)}` };
    }
    const { body } = await this.#client.request(spec);
    if (body.format === 'json') return body.json as T;
    if (body.format === 'xml' && body.xml) return { [body.xml.name]: xmlToPlain(body.xml) } as T;
    if (body.format === 'text') return body.text as T;
    return undefined as T;
  }

  #pathOf(url: string): string {
    if (url.startsWith('/')) return url;
    const base = this.#client.baseUrl.replace(/\/+$/, '');
    for (const origin of [base, DEFAULT_BASE_URL]) {
      if (url === origin || url.startsWith(`${origin}/`)) return url.slice(origin.length) || '/';
    }
    throw new TypeError(`MyPlexAccount.query(): only plex.tv URLs are accepted (got ${new URL(url).origin})`);
  }

  /**
   * Start a web sign-in: a strong PIN and the Plex auth URL to send the user to. Pass `forwardUrl` to have the
   * auth app send the browser back to you. Then `webLoginCheck(webLogin)`.
   */
  async getWebLogin(forwardUrl: string | null = null, options: AuthUrlOptions = {}): Promise<WebLogin> {
    const pin = await createPin(this.#client, { strong: true });
    const uri = authUrl(this.#client, pin, { ...options, forwardUrl: forwardUrl ?? options.forwardUrl });
    const login: WebLogin = { id: pin.id, code: pin.code, uri };
    webLogins.set(login, pin);
    return login;
  }

  /**
   * Wait (polling every second) until the user approved `webLogin`, then sign this account in with the token
   * and resolve with it. Throws `PinExpiredError` after `timeoutSeconds` or at the PIN's expiry.
   */
  async webLoginCheck(webLogin: WebLogin, timeoutSeconds = 60): Promise<MyPlexAccount> {
    const pin = webLogins.get(webLogin) ?? (await checkPin(this.#client, webLogin.id));
    const approved = await waitForPin(this.#client, pin, { timeout: timeoutSeconds * 1000 });
    this.#client = this.#client.withToken(approved.authToken);
    return this.connect();
  }

  // ---- Devices, resources, webhooks, claim token, privacy and geo ----

  /** Devices signed in to the account (`GET /devices.xml`). */
  devices(): Promise<PlexDevice[]> {
    return getDevices(this.#client);
  }

  /**
   * The first device named `name` (case-insensitive) or whose client identifier is `clientId`.
   * Throws `NotFoundError` when there is none.
   */
  async device(name?: string | null, clientId?: string): Promise<PlexDevice> {
    if (!name && !clientId) throw new TypeError('MyPlexAccount.device(): pass a name or a client identifier');
    const wanted = name ? name.toLowerCase() : undefined;
    const found = (await this.devices()).find(
      (d) =>
        (wanted !== undefined && d.name?.toLowerCase() === wanted) ||
        (clientId && d.clientIdentifier === clientId),
    );
    if (!found) {
      throw new NotFoundError(
        `No device ${name ? `named "${name}"` : `with client identifier ${clientId}`}`,
        {
          method: 'GET',
          path: '/devices.xml',
        },
      );
    }
    return found;
  }

  /** Servers and players the account can use, with their connections (`GET /api/v2/resources`). */
  resources(): Promise<PlexResource[]> {
    return getResources(this.#client);
  }

  /**
   * The resource whose client identifier is `name`, else the first named `name` (case-insensitive).
   * Throws `NotFoundError` when there is none. Pass it to plextv's `connect` to reach it.
   */
  async resource(name: string): Promise<PlexResource> {
    const found = findResource(await this.resources(), name);
    if (!found)
      throw new NotFoundError(`No resource named "${name}"`, { method: 'GET', path: '/api/v2/resources' });
    return found;
  }

  /** A claim token (`claim-…`) for a new Plex Media Server (`GET /api/claim/token.json`). */
  claimToken(): Promise<string> {
    return getClaimToken(this.#client);
  }

  /** The account's webhook URLs. */
  webhooks(): Promise<string[]> {
    return getWebhooks(this.#client);
  }

  /** Add a webhook, keeping the others (the current list is read first). Resolves with the new list. */
  addWebhook(url: string): Promise<string[]> {
    return addWebhook(this.#client, url);
  }

  /**
   * Remove a webhook, keeping the others (the current list is read first). Throws `NotFoundError` when `url`
   * is not one of them. Resolves with the new list.
   */
  deleteWebhook(url: string): Promise<string[]> {
    return removeWebhook(this.#client, url);
  }

  /** Replace the account's webhooks (an empty list removes them all). Resolves with the list set. */
  setWebhooks(urls: string[]): Promise<string[]> {
    return setWebhooks(this.#client, urls);
  }

  /** Where plex.tv places `ip`. */
  geoip(ip: string): Promise<GeoLocation> {
    return getGeoIp(this.#client, ip);
  }

  /** This machine's public IP address, as plex.tv sees it. */
  publicIP(): Promise<string> {
    return getPublicIp(this.#client);
  }

  /** Opt out of (true) or back into (false) playback and/or library statistics analytics. */
  optOut(playback?: boolean, library?: boolean): Promise<void> {
    return setPrivacy(this.#client, { optOutPlayback: playback, optOutLibraryStats: library });
  }

  /** The account's online media sources and their opt-in state. */
  async onlineMediaSources(): Promise<OnlineMediaSource[]> {
    const uuid = this.uuid ?? (await getUser(this.#client)).uuid;
    return getOnlineMediaSources(this.#client, uuid);
  }

  /** `getWebLogin` on a fresh account with default options (as the @ctrl/plex static). */
  static getWebLogin(forwardUrl: string | null = null): Promise<WebLogin> {
    return new MyPlexAccount().getWebLogin(forwardUrl);
  }

  /** Keeps `JSON.stringify(account)` free of secrets. */
  toJSON(): Record<string, unknown> {
    const { server: _server, ...rest } = this;
    return rest;
  }
}
