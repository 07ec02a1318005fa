/**
 * plextv-emulator: an offline, stateful plex.tv account API (XML and JSON), served in-process,
 * over loopback HTTP, or as MSW handlers (`plextv-emulator/msw`).
 */

export type { CandidateKey, PlexJwtClaims } from './auth.js';
export { CLIENT_JWT_MAX_SECONDS, NONCE_SECONDS, PLEX_JWT_SECONDS } from './auth.js';
export type { EmulatorControl } from './control.js';
export { ControlError } from './control.js';
export { BASEMENT_NAS_ID, DEMO_SECTION_IDS, DEMO_SERVER_ID, demoSeed } from './demo-seed.js';
export type { Emulator, ListenOptions, RunningServer } from './emulator.js';
export { createEmulator } from './emulator.js';
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
} from './faults.js';
export { FAULT_KINDS, TRICKLE_DEFAULT_BYTES, TRICKLE_DEFAULT_INTERVAL_MS } from './faults.js';
export type { GeoLocation } from './geo.js';
export { geolocate, UNKNOWN_LOCATION } from './geo.js';
export { MAX_HOME_MEMBERS } from './home.js';
export type { DeviceJwk } from './jwt.js';
export type { PinSummary } from './pins.js';
export type {
  ConnectionBehaviour,
  ConnectionBehaviourName,
  ConnectionBehaviourSpec,
  FakeConnectionInfo,
  FakeServerInfo,
  FakeServers,
  FakeServersStartOptions,
} from './pms/behaviour.js';
export { WRONG_MACHINE_IDENTIFIER } from './pms/behaviour.js';
export { IN_PROCESS_IP } from './runtime.js';
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
} from './seed.js';
export { loadSeed, SeedError, validateSeed } from './seed.js';
export type { FriendStatus, RestrictionProfile } from './social.js';
export { PROFILE_FILTERS, RESTRICTION_PROFILES } from './social.js';
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
} from './state.js';
export {
  CLAIM_TOKEN_SECONDS,
  DEFAULT_SERVER_VERSION,
  ONLINE_MEDIA_SOURCE_KEYS,
  PIN_SECONDS,
  REMEMBER_ME_SECONDS,
  SESSION_SECONDS,
  STRONG_PIN_SECONDS,
} from './state.js';
export type { PlexErrorBody } from './wire/errors.js';
export { ERRORS, GONE_MESSAGE, SOCIAL_ERRORS } from './wire/errors.js';
export { PIN_LOCATION } from './wire/pin.js';
