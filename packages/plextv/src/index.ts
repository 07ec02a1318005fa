/**
 * plextv: the plex.tv account API for TypeScript, in Node and in browsers.
 *
 * @example
 * ```ts
 * import { createClient, signIn, getUser } from 'plextv';
 * const plex = createClient({ clientIdentifier: 'my-app-install-id', product: 'My App' });
 * const { authToken } = await signIn(plex, { login: 'me@example.com', password: '…', code: '123456' });
 * const me = await getUser(plex.withToken(authToken));
 * ```
 * @packageDocumentation
 */
// ---- The client, its options and errors ----

export { createClient, PlexTvClient } from './client.js';
export * from './errors.js';
export {
  type ClientOptions,
  DEFAULT_BASE_URL,
  DEFAULT_CLIENTS_BASE_URL,
  DEFAULT_COMMUNITY_URL,
  DEFAULT_DISCOVER_URL,
  DEFAULT_MAX_RESPONSE_BYTES,
  DEFAULT_MAX_RESPONSE_ITEMS,
  DEFAULT_METADATA_URL,
  type Host,
  type RetryOptions,
} from './options.js';
export type {
  Accept,
  CallOptions,
  FormBody,
  Method,
  PlexResponse,
  QueryParams,
  RequestSpec,
} from './transport.js';
export { VERSION } from './version.js';

// ---- Signing in: password and 2FA, the account ----

export { getAccountV1, getHomeUser, getUser, ping } from './endpoints/account.js';
export { type SignInCredentials, signIn, signOut } from './endpoints/signin.js';
export type {
  AccountDecodeOptions,
  AccountSetting,
  CustomRestrictions,
  MailingListStatus,
  RestrictionProfile,
  UserPlexAccount,
} from './models/account.js';
export type { UserProfile } from './models/profile.js';
export type { AccountService } from './models/service.js';
export type {
  AccountSubscription,
  Subscription,
  SubscriptionBilling,
  SubscriptionStatus,
} from './models/subscription.js';

// ---- Sign-in PINs (OAuth, plex.tv/link) ----

export {
  type ApprovedPin,
  type AuthUrlOptions,
  authUrl,
  type CheckPinOptions,
  type CreatePinOptions,
  checkPin,
  createPin,
  linkPin,
  type WaitForPinOptions,
  waitForPin,
} from './endpoints/pins.js';
export type { Pin } from './models/pin.js';

// ---- Plex JWT: device keys, client JWTs, Plex JWTs ----

export {
  fetchPlexJwt,
  freshPlexJwt,
  getNonce,
  getPlexJwtKeys,
  type PlexJwtOptions,
  registerDeviceKey,
  type VerifyPlexJwtOptions,
  verifyPlexJwt,
} from './endpoints/jwt.js';
export { type PlexJwtClaims, plexJwtExpiry, readPlexJwt } from './jwt/claims.js';
export { createClientJwt } from './jwt/client-jwt.js';
export {
  type DeviceKey,
  type ExportedDeviceKey,
  exportDeviceKey,
  generateDeviceKey,
  importDeviceKey,
  type PublicJwk,
} from './jwt/device-key.js';

// ---- Devices ----

export { findDevice, getDevices, parseDevices, removeDevice } from './endpoints/devices.js';
export {
  getSyncItems,
  getSyncLists,
  parseSyncItems,
  parseSyncLists,
  removeSyncItem,
} from './endpoints/sync.js';
export type { DeviceDescription, DeviceSyncList, PlexDevice } from './models/device.js';
export type {
  SyncDevice,
  SyncItem,
  SyncList,
  SyncMediaSettings,
  SyncPolicy,
  SyncStatus,
} from './models/sync.js';

// ---- Resources and connecting ----

export {
  type ConnectOptions,
  type ConnectResult,
  connect,
  DEFAULT_CONNECT_CONCURRENCY,
  DEFAULT_CONNECT_TIMEOUT,
  DEFAULT_IDENTITY_BYTES,
  DEFAULT_MAX_CANDIDATES,
  type ServerIdentity,
} from './connect/connect.js';
export {
  type AttemptOutcome,
  type ConnectAttempt,
  ConnectionFailedError,
  type SkippedUri,
} from './connect/errors.js';
export {
  type ConnectionCandidate,
  type ConnectionLocation,
  type ConnectionPlan,
  type ConnectionScheme,
  type IpVersion,
  planConnections,
  type RankKey,
  type RankOptions,
  rankConnections,
  type SkippedConnection,
} from './connect/rank.js';
export {
  findResource,
  type GetResourcesOptions,
  getResources,
  getResourcesV1,
  parseResources,
  removeServer,
} from './endpoints/resources.js';
export type { PlexResource, ResourceConnection } from './models/resource.js';

// ---- Plex Media Server downloads, cloud server ----

export { getCloudServer, parseCloudServer } from './endpoints/cloud-server.js';
export {
  findServerDownload,
  getServerDownloads,
  parseServerDownloads,
  type ServerDownloadsOptions,
} from './endpoints/downloads.js';
export type { CloudServer, CloudServerHost } from './models/cloud-server.js';
export type { ServerDownload, ServerDownloads, ServerRelease } from './models/downloads.js';

// ---- Webhooks ----

export {
  addWebhook,
  checkWebhookUrl,
  getWebhooks,
  type RemoveWebhookOptions,
  removeWebhook,
  setWebhooks,
} from './endpoints/webhooks.js';

// ---- Privacy ----

export {
  getOnlineMediaSources,
  getPrivacy,
  getViewStateSync,
  type PrivacySettings,
  setOnlineMediaSource,
  setPrivacy,
  setViewStateSync,
} from './endpoints/privacy.js';
export type {
  MetricStatus,
  OnlineMediaSource,
  OptOutValue,
  Privacy,
  PrivacyMetric,
  ViewStateSync,
} from './models/privacy.js';

// ---- Claim tokens, geo ----

export { getClaimToken } from './endpoints/claim.js';
export { getGeoIp, getPublicIp } from './endpoints/geo.js';
export type { GeoLocation } from './models/location.js';

// ---- Plex Home ----

export {
  type CreateManagedUserOptions,
  createManagedUser,
  getHome,
  getHomeUsers,
  inviteToHome,
  parseHome,
  parseHomeUsers,
  removeHomePin,
  removeHomeUser,
  removeManagedUserHomePin,
  type SetHomePinOptions,
  type SwitchedHomeUser,
  type SwitchHomeUserOptions,
  setHomePin,
  setManagedUserHomePin,
  setRestrictionProfile,
  switchHomeUser,
} from './endpoints/home.js';
export { type HomeUser, type PlexHome, RESTRICTION_PROFILES } from './models/home.js';

// ---- Friends ----

export {
  acceptInvite,
  cancelInvite,
  type GetFriendsOptions,
  getFriends,
  getPendingInvites,
  getSharedUsers,
  inviteFriend,
  type PendingInvitesOptions,
  parseFriends,
  parseInvites,
  parseSharedUsers,
  removeFriend,
} from './endpoints/friends.js';
export type { Invite, InviteServer, PlexUser, PlexUserServer } from './models/users.js';

// ---- Sharing ----

export {
  getServerShares,
  getServerTokens,
  getUserServerToken,
  parseServerShares,
  type ServerToken,
  type ServerTokensOptions,
  type ShareUser,
} from './endpoints/server-shares.js';
export {
  getSharingServer,
  parseSharedServer,
  parseSharingServer,
  removeShare,
  type ShareServerOptions,
  type SharingFilterInput,
  type SharingSettingsInput,
  shareServer,
  sharingSections,
  type UpdateShareOptions,
  updateShare,
  updateSharingSettings,
} from './endpoints/sharing.js';
export type { SharingApi } from './endpoints/sharing-v1.js';
export {
  acceptShareInvite,
  getAcceptedShares,
  getPendingShareInvites,
  getServer,
} from './endpoints/sharing-v2.js';
export type { ShareInvite, ShareOwner } from './models/share-invite.js';
export {
  type AllowTuners,
  type Friend,
  type FriendStatus,
  formatSharingFilter,
  type LibrarySection,
  readSharingFilter,
  type SharedServer,
  type SharingFilter,
  type SharingServer,
  type SharingSettings,
} from './models/sharing.js';

// ---- Discover and watchlist (discover/metadata providers, community.plex.tv) ----

export {
  type FriendsWatchlistsOptions,
  type FriendWatchlist,
  type FriendWatchlistOptions,
  getCommunityFriends,
  getFriendsWatchlists,
  getFriendWatchlist,
  getWatchlistFeeds,
  parseCommunityFriends,
  parseFriendWatchlist,
  parseWatchlistFeed,
  parseWatchlistFeeds,
} from './endpoints/community.js';
export {
  type DiscoverItemRef,
  type DiscoverSearchResult,
  getChildren,
  getMetadata,
  parseDiscoverItems,
  parseDiscoverSearch,
  ratingKeyFromGuid,
  type SearchDiscoverOptions,
  searchDiscover,
} from './endpoints/discover.js';
export {
  getUserState,
  markUnwatched,
  markWatched,
  parseUserState,
  type ScrobbleOptions,
} from './endpoints/user-state.js';
export {
  addToWatchlist,
  type GetWatchlistOptions,
  getWatchlist,
  onWatchlist,
  parseWatchlistPage,
  removeFromWatchlist,
  type WatchlistFilter,
  type WatchlistNotModified,
  type WatchlistOptions,
  watchlist,
  watchlistPages,
} from './endpoints/watchlist.js';
export type {
  CommunityFriend,
  FriendWatchlistItem,
  FriendWatchlistPage,
  WatchlistFeed,
} from './models/community.js';
export type { UserState, WatchlistPage } from './models/discover.js';
export type {
  DiscoverGuids,
  DiscoverItem,
  DiscoverItemType,
  DiscoverRating,
  DiscoverRole,
} from './models/discover-item.js';
export type { WatchlistFeedContent, WatchlistFeedItem } from './models/watchlist-feed.js';

// ---- Endpoints plex.tv removed ----

export { REMOVED_ENDPOINTS, type RemovedEndpoint } from './endpoints/removed.js';

// ---- Bodies you already have ----

export type { ParseOptions } from './endpoints/body.js';
export { parsePin, parseUserPlexAccount } from './parse.js';

// ---- @ctrl/plex 3.x compatibility (its types: plextv/compat) ----

export { MyPlexAccount } from './compat/my-plex-account.js';
