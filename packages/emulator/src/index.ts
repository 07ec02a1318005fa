/**
 * plextv-emulator: an offline, stateful plex.tv account API (XML and JSON), served in-process,
 * over loopback HTTP, or as MSW handlers (`plextv-emulator/msw`).
 */

export type { CandidateKey, PlexJwtClaims } from './auth.js';
export { CLIENT_JWT_MAX_SECONDS, NONCE_SECONDS, PLEX_JWT_SECONDS } from './auth.js';
export type { EmulatorControl } from './control.js';
export { ControlError } from './control.js';
export { demoSeed } from './demo-seed.js';
export type { Emulator, ListenOptions, RunningServer } from './emulator.js';
export { createEmulator } from './emulator.js';
export type { DeviceJwk } from './jwt.js';
export type { PinSummary } from './pins.js';
export type {
  EmulatorSeed,
  SeedAccount,
  SeedDate,
  SeedHome,
  SeedPlexPass,
  SeedProfile,
  SeedService,
  SeedSetting,
  SeedToken,
} from './seed.js';
export { loadSeed, SeedError, validateSeed } from './seed.js';
export type {
  Account,
  DeviceKey,
  EmulatorState,
  Fault,
  FaultSpec,
  Home,
  Pin,
  PlanSubscription,
  Profile,
  RequestRecord,
  Service,
  Setting,
  SigningKey,
  Token,
} from './state.js';
export { PIN_SECONDS, REMEMBER_ME_SECONDS, SESSION_SECONDS, STRONG_PIN_SECONDS } from './state.js';
export type { PlexErrorBody } from './wire/errors.js';
export { ERRORS } from './wire/errors.js';
export { PIN_LOCATION } from './wire/pin.js';
