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
import {
  cancelInvite,
  getPendingInvites,
  getSharedUsers,
  inviteFriend,
  removeFriend,
} from '../endpoints/friends.js';
import { getGeoIp, getPublicIp } from '../endpoints/geo.js';
import {
  createManagedUser,
  getHomeUsers,
  inviteToHome,
  removeHomePin,
  removeHomeUser,
  removeManagedUserHomePin,
  setHomePin,
  setManagedUserHomePin,
  switchHomeUser,
} from '../endpoints/home.js';
import { type AuthUrlOptions, authUrl, checkPin, createPin, waitForPin } from '../endpoints/pins.js';
import { getOnlineMediaSources, setPrivacy } from '../endpoints/privacy.js';
import { findResource, getResources } from '../endpoints/resources.js';
import { sharingSections } from '../endpoints/sharing.js';
import { signIn } from '../endpoints/signin.js';
import { addWebhook, getWebhooks, removeWebhook, setWebhooks } from '../endpoints/webhooks.js';
import { NotFoundError } from '../errors.js';
import type { UserPlexAccount } from '../models/account.js';
import type { PlexDevice } from '../models/device.js';
import type { HomeUser } from '../models/home.js';
import type { GeoLocation } from '../models/location.js';
import type { Pin } from '../models/pin.js';
import type { OnlineMediaSource } from '../models/privacy.js';
import type { PlexResource } from '../models/resource.js';
import type { Friend, LibrarySection, SharedServer } from '../models/sharing.js';
import type { PlexUser } from '../models/users.js';
import { DEFAULT_CLIENTS_BASE_URL } from '../options.js';
import { MyPlexDiscover } from './discover.js';
import { findDeviceBy, findHomeUser, homeUserId, machineIdOf, matchUser } from './lookup.js';
import { accountProperties, type QueryMethod, queryPlexTv } from './query.js';
import { acceptInviteFrom, shareWith, updateFriend } from './social.js';
import type {
  MyPlexAccountOptions,
  MyPlexHomeUserOptions,
  MyPlexServerRef,
  MyPlexShareOptions,
  MyPlexShareOptionsOptional,
  MyPlexUpdateFriendOptions,
  WebLogin,
} from './types.js';
import { urlsAt } from './urls.js';

// The PIN behind each web login, and the account that started it (plex.tv checks a PIN from the client
// identifier that created it, so the static webLoginCheck must poll with the same one).
const webLogins = new WeakMap<WebLogin, { pin: Pin; account: MyPlexAccount }>();

/** Seconds, as in @ctrl/plex. */
const TIMEOUT = 30;

/**
 * The @ctrl/plex 3.x `MyPlexAccount`, on plextv's client: the same constructor, URL constants, properties and
 * methods, with plextv's typed errors underneath. `connect()` signs in (token or password) and loads the account.
 */
export class MyPlexAccount extends MyPlexDiscover {
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
    super();
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
    const { clientsBaseUrl, baseUrl: plexTvBase } = this.#client.options;
    Object.assign(
      this,
      urlsAt(this.#client.baseUrl, clientsBaseUrl ?? plexTvBase ?? DEFAULT_CLIENTS_BASE_URL),
    );
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
    Object.assign(this, accountProperties(a));
  }

  /**
   * A raw request to plex.tv with this account's identity and token. `url` is absolute (e.g. one of the URL
   * constants) or a path. Only plex.tv URLs are accepted, so the token never goes anywhere else. Resolves with
   * the parsed body: JSON as parsed, XML as plain objects, text as a string, or undefined when empty.
   */
  query<T = unknown>(
    url: string,
    method: QueryMethod = 'get',
    headers?: Record<string, string>,
    username?: string,
    password?: string,
  ): Promise<T> {
    return queryPlexTv<T>(this.#client, url, method, headers, username, password);
  }

  /**
   * Start a web sign-in: a strong PIN and the Plex auth URL to send the user to. Pass `forwardUrl` to have the
   * auth app send the browser back to you. Then `webLoginCheck(webLogin)`.
   */
  async getWebLogin(forwardUrl: string | null = null, options: AuthUrlOptions = {}): Promise<WebLogin> {
    const pin = await createPin(this.#client, { strong: true });
    const uri = authUrl(this.#client, pin, { ...options, forwardUrl: forwardUrl ?? options.forwardUrl });
    const login: WebLogin = { id: pin.id, code: pin.code, uri };
    webLogins.set(login, { pin, account: this });
    return login;
  }

  /**
   * Wait (polling every second) until the user approved `webLogin`, then sign this account in with the token
   * and resolve with it. Throws `PinExpiredError` after `timeoutSeconds` or at the PIN's expiry.
   */
  async webLoginCheck(webLogin: WebLogin, timeoutSeconds = 60): Promise<MyPlexAccount> {
    const pin = webLogins.get(webLogin)?.pin ?? (await checkPin(this.#client, webLogin.id));
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
    return findDeviceBy(await this.devices(), name, clientId);
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

  // ---- Plex Home, friends and sharing ----

  /** Friends and home users, each with the servers shared with them (`GET /api/users`). */
  users(): Promise<PlexUser[]> {
    return getSharedUsers(this.#client);
  }

  /**
   * The user whose title matches `username` (case-insensitive; managed users have nothing else), else whose
   * username or e-mail matches, or whose id is `username`. Throws `NotFoundError` when there is none.
   */
  async user(username: string): Promise<PlexUser> {
    const found = matchUser(await this.users(), username);
    if (!found) throw new NotFoundError(`No user named "${username}"`, { method: 'GET', path: '/api/users' });
    return found;
  }

  /** The members of your Plex Home (`GET /api/v2/home/users`). */
  homeUsers(): Promise<HomeUser[]> {
    return getHomeUsers(this.#client);
  }

  /**
   * Invite someone to be your friend (`POST /api/v2/friends/invite`) and resolve with the invitee; or, with a
   * `server`, share that server's sections with them (`POST /api/v2/shared_servers`, which also invites them)
   * and resolve with the share. `sections` are titles, keys or section ids; all of the server's by default.
   */
  inviteFriend(user: string): Promise<Friend>;
  inviteFriend(user: string, share: MyPlexShareOptions): Promise<SharedServer>;
  async inviteFriend(user: string, share?: MyPlexShareOptions): Promise<Friend | SharedServer> {
    return share ? shareWith(this.#client, { invitedEmail: user }, share) : inviteFriend(this.#client, user);
  }

  /**
   * Change what a friend gets. With `server`: `sections` replaces the sections of their share of it (sharing
   * it if they have none), `removeSections` stops sharing it. `settings` (allowSync, filters, …) go to
   * `PUT /api/v2/sharings/{id}`. `user` is a `PlexUser`, a name (as `user()` finds it) or an account id.
   */
  async updateFriend(user: PlexUser | string | number, update: MyPlexUpdateFriendOptions): Promise<void> {
    await updateFriend(this.#client, typeof user === 'object' ? user : await this.user(String(user)), update);
  }

  /** Remove a friend and every share with them (`DELETE /api/v2/sharings/{id}`). */
  async removeFriend(user: PlexUser | Friend | string | number): Promise<void> {
    const id =
      typeof user === 'object' ? user.id : typeof user === 'number' ? user : (await this.user(user)).id;
    await removeFriend(this.#client, id);
  }

  /** Pending friend invitations (sent and/or received). Unverified endpoints: see `getPendingInvites`. */
  pendingInvites(includeSent = true, includeReceived = true): Promise<Friend[]> {
    return getPendingInvites(this.#client, { includeSent, includeReceived });
  }

  /**
   * Accept an invitation sent to you: the inviter as a `Friend`, an account id, or a name (looked up among the
   * invitations you received). Throws `NotFoundError` for an unknown name.
   */
  async acceptInvite(user: Friend | string | number): Promise<Friend> {
    return acceptInviteFrom(this.#client, user);
  }

  /** Withdraw an invitation you sent: the username or e-mail address invited, or the invitee as a `Friend`. */
  cancelInvite(user: Friend | string): Promise<void> {
    const identifier = typeof user === 'string' ? user : (user.username ?? user.email ?? String(user.id));
    return cancelInvite(this.#client, identifier);
  }

  /**
   * Create a managed user in your Plex Home, optionally with a restriction profile and a share of `server`.
   * Resolves with the new member.
   */
  async createHomeUser(name: string, options: MyPlexHomeUserOptions = {}): Promise<HomeUser> {
    const { restrictionProfile } = options;
    const created = await createManagedUser(this.#client, { name, restrictionProfile });
    if (options.server !== undefined) await shareWith(this.#client, { invitedId: created.id }, options);
    return created;
  }

  /** Invite an existing Plex account (username or e-mail) into your Plex Home, optionally sharing `server`. */
  async createExistingUser(user: string, options: MyPlexShareOptionsOptional = {}): Promise<void> {
    await inviteToHome(this.#client, user);
    if (options.server !== undefined) await shareWith(this.#client, { invitedEmail: user }, options);
  }

  /** Remove a member from your Plex Home: a `HomeUser`, an account id, or a name. */
  async removeHomeUser(user: HomeUser | string | number): Promise<void> {
    await removeHomeUser(this.#client, await homeUserId(this.#client, user));
  }

  /**
   * Switch to a member of your Plex Home (a `HomeUser`, or their title, username, e-mail, id or uuid) and
   * resolve with a new, connected `MyPlexAccount` acting as them. A missing or wrong `pin` throws
   * `HomePinRequiredError`.
   */
  async switchHomeUser(user: HomeUser | string, pin?: string): Promise<MyPlexAccount> {
    const member = typeof user === 'object' ? user : await findHomeUser(this.#client, user);
    const switched = await switchHomeUser(this.#client, member, { pin });
    const other = new MyPlexAccount({
      baseUrl: this.baseUrl,
      timeout: this.timeout,
      server: this.server,
      client: switched.client,
    });
    other.#load(switched.account);
    return other;
  }

  /** Set (or change, with `currentPin`) your own Plex Home PIN. */
  setPin(newPin: string, currentPin?: string): Promise<void> {
    return setHomePin(this.#client, { pin: newPin, currentPin, userId: this.id });
  }

  /** Remove your own Plex Home PIN. */
  removePin(currentPin: string): Promise<void> {
    return removeHomePin(this.#client, currentPin, { userId: this.id });
  }

  /** Set a managed user's PIN (a `HomeUser`, an account id, or a name). */
  async setManagedUserPin(user: HomeUser | string | number, newPin: string): Promise<void> {
    await setManagedUserHomePin(this.#client, await homeUserId(this.#client, user), newPin);
  }

  /** Remove a managed user's PIN. */
  async removeManagedUserPin(user: HomeUser | string | number): Promise<void> {
    await removeManagedUserHomePin(this.#client, await homeUserId(this.#client, user));
  }

  /** A server's library sections as plex.tv numbers them for sharing (`GET /api/servers/{machineId}`). */
  async sharingSections(server: MyPlexServerRef): Promise<LibrarySection[]> {
    return sharingSections(this.#client, machineIdOf(server));
  }

  /** `getWebLogin` on a fresh account with default options (as the @ctrl/plex static). */
  static getWebLogin(forwardUrl: string | null = null): Promise<WebLogin> {
    return new MyPlexAccount().getWebLogin(forwardUrl);
  }

  /**
   * `webLoginCheck` for a web login from the static `getWebLogin` (as the @ctrl/plex static): waits with the
   * account that started it and resolves with that account, signed in.
   */
  static webLoginCheck(webLogin: WebLogin, timeoutSeconds = 60): Promise<MyPlexAccount> {
    const started = webLogins.get(webLogin)?.account ?? new MyPlexAccount();
    return started.webLoginCheck(webLogin, timeoutSeconds);
  }

  /** Keeps `JSON.stringify(account)` free of secrets. */
  toJSON(): Record<string, unknown> {
    const { server: _server, ...rest } = this;
    return rest;
  }
}
