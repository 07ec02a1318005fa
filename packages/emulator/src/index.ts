/**
 * plextv-emulator: an offline, stateful plex.tv account API (XML and JSON), served in-process,
 * over loopback HTTP, or as MSW handlers (`plextv-emulator/msw`).
 */

export type { EmulatorControl } from './control/control.js';
export { CONTROL_SECRET_HEADER } from './middleware/access.js';
export { DEFAULT_MAX_BODY_BYTES } from './middleware/body-limit.js';
export type {
  ConnectionBehaviour,
  ConnectionBehaviourName,
  ConnectionBehaviourSpec,
} from './pms/behaviour.js';
export { WRONG_MACHINE_IDENTIFIER } from './pms/behaviour.js';
export type {
  FakeConnectionInfo,
  FakeServerInfo,
  FakeServers,
  FakeServersStartOptions,
} from './pms/registry.js';
export { IN_PROCESS_IP } from './routes/runtime.js';
export type { CatalogueEntry } from './seed/catalogue.js';
export { CATALOGUE } from './seed/catalogue.js';
export { SeedError } from './seed/check.js';
export { BASEMENT_NAS_ID, DEMO_SECTION_IDS, DEMO_SERVER_ID, demoSeed } from './seed/demo.js';
export type {
  EmulatorSeed,
  SeedAccount,
  SeedConnection,
  SeedDate,
  SeedDevice,
  SeedFriend,
  SeedHome,
  SeedLibrarySection,
  SeedOptOutValue,
  SeedPlexPass,
  SeedProfile,
  SeedService,
  SeedSetting,
  SeedShare,
  SeedSharingSettings,
  SeedSyncList,
  SeedToken,
  SeedWatchlist,
} from './seed/seed.js';
export { loadSeed, validateSeed } from './seed/validate.js';
export { DEMO_ITEMS, demoWatchlists } from './seed/watchlists.js';
export type { Emulator, EmulatorOptions } from './server/emulator.js';
export { createEmulator } from './server/emulator.js';
export type { ListenOptions, RunningServer } from './server/listen.js';
export type { PlexErrorBody } from './state/errors.js';
export { ControlError, ERRORS, SOCIAL_ERRORS } from './state/errors.js';
export type { FriendStatus, RestrictionProfile } from './state/friends.js';
export { PROFILE_FILTERS, RESTRICTION_PROFILES } from './state/friends.js';
export type { GeoLocation } from './state/geo.js';
export { geolocate, PIN_LOCATION, UNKNOWN_LOCATION } from './state/geo.js';
export { MAX_HOME_MEMBERS } from './state/home.js';
export type { DeviceJwk } from './state/jwk.js';
export type { CandidateKey, PlexJwtClaims } from './state/jwt.js';
export { CLIENT_JWT_MAX_SECONDS, NONCE_SECONDS, PLEX_JWT_SECONDS } from './state/jwt.js';
export type {
  Account,
  ClaimToken,
  Device,
  DeviceConnection,
  DeviceKey,
  EmulatorState,
  Friendship,
  Home,
  Invitee,
  LibrarySection,
  Pin,
  PlanSubscription,
  Profile,
  RequestRecord,
  Service,
  Setting,
  Share,
  SharingSettings,
  SigningKey,
  Token,
} from './state/model.js';
export {
  CLAIM_TOKEN_SECONDS,
  DEFAULT_SERVER_VERSION,
  ONLINE_MEDIA_SOURCE_KEYS,
  PIN_SECONDS,
  REMEMBER_ME_SECONDS,
  SESSION_SECONDS,
  STRONG_PIN_SECONDS,
} from './state/model.js';
export type {
  Fault,
  FaultAnswer,
  FaultKind,
  FaultSpec,
  FaultTarget,
  InvalidFaultOptions,
  LatencyFaultOptions,
  ResetFaultOptions,
  StatusFaultOptions,
  TrickleFaultOptions,
  TruncateFaultOptions,
} from './state/model-fault.js';
export { FAULT_KINDS, TRICKLE_DEFAULT_BYTES, TRICKLE_DEFAULT_INTERVAL_MS } from './state/model-fault.js';
export type { PinSummary } from './state/pins.js';
export { DEFAULT_MAX_PINS, EXPIRED_PIN_RETENTION_SECONDS } from './state/pins.js';
export type { RequestLog } from './state/request-log.js';
export { DEFAULT_REQUEST_LOG_SIZE } from './state/request-log.js';
export { GONE_MESSAGE } from './wire/errors.js';
