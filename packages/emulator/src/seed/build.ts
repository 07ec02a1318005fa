/**
 * Seed -> state: a validated seed is normalised into the records of state/model.ts once (all
 * defaults filled in, dates as epoch seconds) so the wire renderers never have to guess.
 */

import { newSigningKey } from '../state/jwt.js';
import { type EmulatorState, FIRST_IDS, FIRST_PIN_ID } from '../state/model.js';
import { DEFAULT_MAX_PINS } from '../state/pins.js';
import { RequestLog } from '../state/request-log.js';
import { seedSyncItems } from '../state/sync.js';
import { tokenExpiry } from '../state/tokens.js';
import { buildAccount } from './build-account.js';
import { buildDevices } from './build-devices.js';
import { buildDiscover } from './build-discover.js';
import { buildSocial } from './build-friends.js';
import { DEFAULT_NOW, type EmulatorSeed, seedAccountId } from './seed.js';

/** Build a fresh state from a (validated) seed. The seed is never mutated or aliased. */
export function buildState(seed: EmulatorSeed): EmulatorState {
  const nowMs = Date.parse(seed.now ?? DEFAULT_NOW);
  const seedNow = Math.floor(nowMs / 1000);
  const state: EmulatorState = {
    nowMs,
    accounts: new Map(),
    homes: new Map(),
    tokens: new Map(),
    faults: [],
    nextFaultId: 1,
    requests: new RequestLog(),
    pins: new Map(),
    pinsByCode: new Map(),
    maxPins: DEFAULT_MAX_PINS,
    nextPinId: FIRST_PIN_ID,
    deviceKeys: new Map(),
    signingKeys: [newSigningKey(seedNow)],
    nonces: new Map(),
    revokedJwts: new Set(),
    devices: new Map(),
    syncItems: new Map(),
    claimTokens: new Map(),
    friendships: [],
    invitees: new Map(),
    sharingSettings: new Map(),
    discover: { catalogue: new Map(), watchlists: new Map(), views: new Map(), privateWatchlists: new Set() },
    nextIds: { account: 1, invitee: FIRST_IDS.invitee, share: FIRST_IDS.share, home: FIRST_IDS.home },
  };

  seed.accounts.forEach((a, i) => {
    const account = buildAccount(a, `seed.accounts[${i}]`);
    state.accounts.set(account.id, account);
  });

  // Validation checked every reference, so a seeded ref always names an account here.
  const accountId = (ref: number | string): number => seedAccountId(seed.accounts, ref)!;
  for (const h of seed.homes ?? []) {
    const adminId = accountId(h.admin);
    state.homes.set(h.id, {
      id: h.id,
      name: h.name,
      adminId,
      memberIds: [adminId, ...h.members.map(accountId)],
    });
  }

  for (const a of seed.accounts) {
    for (const t of a.tokens ?? []) {
      const spec = typeof t === 'string' ? { token: t } : t;
      state.tokens.set(spec.token, {
        token: spec.token,
        accountId: a.id,
        issuedAt: seedNow,
        rememberExpiresAt: tokenExpiry(state.accounts.get(a.id)!, seedNow, spec.rememberMe ?? true),
        clientIdentifier: null,
      });
    }
  }

  buildDevices(state, seed.devices ?? [], accountId, seedNow);
  state.syncItems = seedSyncItems(state);
  // A friend invitation may go to an e-mail address without an account: null, not a throw.
  buildSocial(state, seed.friends ?? [], (ref) => seedAccountId(seed.accounts, ref), seedNow);
  state.discover = buildDiscover(seed.watchlists ?? [], accountId, seedNow);
  return state;
}
