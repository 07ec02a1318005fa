/**
 * What the emulator fills in that a seed left out, applied once before the seed is built (so the
 * state builder and the model never reach for the demo world themselves).
 */

import { demoServices } from './demo.js';
import type { EmulatorSeed } from './seed.js';

/** Accounts without `services` get the demo world's fake services (tokens "emulator-service-token"). */
export function withSeedDefaults(seed: EmulatorSeed): EmulatorSeed {
  return {
    ...seed,
    accounts: seed.accounts.map((a) => (a.services === undefined ? { ...a, services: demoServices } : a)),
  };
}
