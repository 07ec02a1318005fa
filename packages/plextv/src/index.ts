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
export { createClient, PlexTvClient } from './client.js';
export { MyPlexAccount, type MyPlexAccountOptions, type WebLogin } from './compat/my-plex-account.js';
export { type CallOptions, getHomeUser, getUser, ping } from './endpoints/account.js';
export {
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
export { type SignInCredentials, signIn, signOut } from './endpoints/signin.js';
export * from './errors.js';
export {
  type DeviceKey,
  type ExportedDeviceKey,
  exportDeviceKey,
  generateDeviceKey,
  importDeviceKey,
  type PublicJwk,
} from './jwt/device-key.js';
export {
  createClientJwt,
  fetchPlexJwt,
  freshPlexJwt,
  getNonce,
  getPlexJwtKeys,
  JwtVerificationError,
  type PlexJwtClaims,
  type PlexJwtOptions,
  plexJwtExpiry,
  readPlexJwt,
  registerDeviceKey,
  type VerifyPlexJwtOptions,
  verifyPlexJwt,
} from './jwt/plex-jwt.js';
export type {
  AccountDecodeOptions,
  AccountSetting,
  CustomRestrictions,
  MailingListStatus,
  RestrictionProfile,
  UserPlexAccount,
} from './models/account.js';
export type { GeoLocation } from './models/location.js';
export type { Pin } from './models/pin.js';
export type { UserProfile } from './models/profile.js';
export type { AccountService } from './models/service.js';
export type {
  AccountSubscription,
  Subscription,
  SubscriptionBilling,
  SubscriptionStatus,
} from './models/subscription.js';
export { type ClientOptions, DEFAULT_BASE_URL, type RetryOptions } from './options.js';
export { parsePin, parseUserPlexAccount } from './parse.js';
export type { PlexResponse, RequestSpec } from './transport.js';
export { VERSION } from './version.js';

// ---- Devices, resources and connecting; webhooks, claim token, privacy and geo ----

export {
  type ConnectOptions,
  type ConnectResult,
  connect,
  DEFAULT_CONNECT_TIMEOUT,
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
export { getClaimToken } from './endpoints/claim.js';
export { findDevice, getDevices, parseDevices, removeDevice } from './endpoints/devices.js';
export { getGeoIp, getPublicIp } from './endpoints/geo.js';
export {
  getOnlineMediaSources,
  getPrivacy,
  getViewStateSync,
  type PrivacySettings,
  setOnlineMediaSource,
  setPrivacy,
  setViewStateSync,
} from './endpoints/privacy.js';
export {
  findResource,
  type GetResourcesOptions,
  getResources,
  parseResources,
} from './endpoints/resources.js';
export {
  addWebhook,
  checkWebhookUrl,
  getWebhooks,
  type RemoveWebhookOptions,
  removeWebhook,
  setWebhooks,
} from './endpoints/webhooks.js';
export type { DeviceSyncList, PlexDevice } from './models/device.js';
export type {
  MetricStatus,
  OnlineMediaSource,
  OptOutValue,
  Privacy,
  PrivacyMetric,
  ViewStateSync,
} from './models/privacy.js';
export type { PlexResource, ResourceConnection } from './models/resource.js';

// ---- Plex Home, friends and sharing ----

export type {
  MyPlexHomeUserOptions,
  MyPlexServerRef,
  MyPlexShareOptions,
  MyPlexShareOptionsOptional,
  MyPlexUpdateFriendOptions,
} from './compat/my-plex-account.js';
export {
  acceptInvite,
  cancelInvite,
  type GetFriendsOptions,
  getFriends,
  getPendingInvites,
  getUsers,
  inviteFriend,
  type PendingInvitesOptions,
  parseFriends,
  parseInvites,
  parseUsers,
  removeFriend,
} from './endpoints/friends.js';
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
  removeManagedUserPin,
  type SetHomePinOptions,
  type SwitchedHomeUser,
  type SwitchHomeUserOptions,
  setHomePin,
  setManagedUserPin,
  setRestrictionProfile,
  switchHomeUser,
} from './endpoints/home.js';
export {
  legacyAcceptInvite,
  legacyCancelInvite,
  legacyPendingInvites,
  legacyRemoveFriend,
  legacyUpdateFriend,
  REMOVED_ENDPOINTS,
  type RemovedEndpoint,
} from './endpoints/removed.js';
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
export { type HomeUser, type PlexHome, RESTRICTION_PROFILES } from './models/home.js';
export {
  type AllowTuners,
  type Friend,
  type FriendStatus,
  formatSharingFilter,
  type LibrarySection,
  parseSharingFilter,
  type SharedServer,
  type SharingFilter,
  type SharingServer,
  type SharingSettings,
} from './models/sharing.js';
export type { Invite, InviteServer, PlexUser, PlexUserServer } from './models/users.js';
