/**
 * plextv-emulator: an offline, stateful plex.tv account API (XML and JSON), served in-process,
 * over loopback HTTP, or as MSW handlers (`plextv-emulator/msw`).
 */

export { demoSeed } from './demo-seed.js';
export type { Emulator, EmulatorControl, ListenOptions, RunningServer } from './emulator.js';
export { createEmulator } from './emulator.js';
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
  EmulatorState,
  Fault,
  FaultSpec,
  Home,
  PlanSubscription,
  Profile,
  RequestRecord,
  Service,
  Setting,
  Token,
} from './state.js';
export { REMEMBER_ME_SECONDS, SESSION_SECONDS } from './state.js';
export type { PlexErrorBody } from './wire/errors.js';
export { ERRORS } from './wire/errors.js';
