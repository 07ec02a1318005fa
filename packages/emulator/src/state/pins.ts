/**
 * Sign-in PINs: creation, lookup, approval (link, auth page, control), denial and expiry. The
 * routes, the auth page's private endpoints and the control API all go through these.
 */

import { type ClientHeaders, registerClientDevice } from './client-devices.js';
import type { DeviceJwk } from './jwk.js';
import { registerDeviceKey } from './jwt.js';
import {
  type Account,
  type EmulatorState,
  nowSeconds,
  PIN_SECONDS,
  type Pin,
  STRONG_PIN_SECONDS,
} from './model.js';
import { issueToken } from './tokens.js';

/** Default cap on the PINs kept (createEmulator's maxPins). */
export const DEFAULT_MAX_PINS = 10_000;

const SHORT_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
const STRONG_ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';

function randomCode(alphabet: string, length: number): string {
  // Rejection sampling keeps every character equally likely.
  const limit = 256 - (256 % alphabet.length);
  let out = '';
  while (out.length < length) {
    for (const b of crypto.getRandomValues(new Uint8Array(length * 2))) {
      if (b < limit && out.length < length) out += alphabet[b % alphabet.length];
    }
  }
  return out;
}

export function isLive(state: EmulatorState, pin: Pin): boolean {
  return state.nowMs < pin.expiresAt * 1000;
}

/**
 * How long an expired PIN stays (listed by control.pins(), found by code) before it is pruned: an
 * hour of emulator time after its expiry.
 */
export const EXPIRED_PIN_RETENTION_SECONDS = 3600;

export function createPin(
  state: EmulatorState,
  options: {
    clientIdentifier: string;
    product: string;
    strong: boolean;
    jwk: DeviceJwk | null;
    client?: ClientHeaders;
  },
): Pin {
  let code: string;
  do {
    code = options.strong ? randomCode(STRONG_ALPHABET, 25) : randomCode(SHORT_ALPHABET, 4);
  } while (findLivePinByCode(state, code) !== null);
  const createdAt = nowSeconds(state);
  const expiresIn = options.strong ? STRONG_PIN_SECONDS : PIN_SECONDS;
  const pin: Pin = {
    id: state.nextPinId++,
    code,
    strong: options.strong,
    clientIdentifier: options.clientIdentifier,
    product: options.product,
    client: { ...(options.client ?? noClientHeaders()), clientIdentifier: options.clientIdentifier },
    createdAt,
    expiresAt: createdAt + expiresIn,
    expiresIn,
    jwk: options.jwk,
    approvedBy: null,
    authToken: null,
  };
  state.pins.set(pin.id, pin);
  state.pinsByCode.set(code.toUpperCase(), pin);
  prunePins(state);
  return pin;
}

function dropPin(state: EmulatorState, pin: Pin): void {
  state.pins.delete(pin.id);
  const key = pin.code.toUpperCase();
  if (state.pinsByCode.get(key) === pin) state.pinsByCode.delete(key);
}

/**
 * Drop PINs from the oldest end: while there are more than `state.maxPins` (the oldest goes, live
 * or not: with a frozen clock nothing ever expires), and while the oldest one has been expired for
 * longer than EXPIRED_PIN_RETENTION_SECONDS. Each PIN is dropped once: constant amortized time.
 */
export function prunePins(state: EmulatorState): void {
  const now = nowSeconds(state);
  for (const pin of state.pins.values()) {
    const over = state.pins.size > state.maxPins;
    if (!over && pin.expiresAt + EXPIRED_PIN_RETENTION_SECONDS > now) break;
    dropPin(state, pin);
  }
}

/** A live PIN by code (case-insensitive: people type 4-character codes), optionally for one client. */
export function findLivePinByCode(state: EmulatorState, code: string, clientIdentifier?: string): Pin | null {
  const needle = code.trim().toUpperCase();
  if (needle === '') return null;
  // Codes are unique among live PINs, and the index holds the newest PIN with each code.
  const pin = state.pinsByCode.get(needle);
  if (!pin || !isLive(state, pin)) return null;
  if (clientIdentifier !== undefined && pin.clientIdentifier !== clientIdentifier) return null;
  return pin;
}

/** Control lookup: a number (or all-digit string of a known id) is an id; otherwise a code. Live or not. */
export function findPin(state: EmulatorState, idOrCode: string | number): Pin | null {
  if (typeof idOrCode === 'number') return state.pins.get(idOrCode) ?? null;
  const byCode = findLivePinByCode(state, idOrCode);
  if (byCode) return byCode;
  if (/^\d+$/.test(idOrCode)) {
    const byId = state.pins.get(Number(idOrCode));
    if (byId) return byId;
  }
  // An expired PIN is still found by code (the newest one), so control.expirePin/denyPin are idempotent.
  return state.pinsByCode.get(idOrCode.trim().toUpperCase()) ?? null;
}

/**
 * Approve a PIN for an account. A plain PIN gets a fresh legacy token (re-approving by the same
 * account keeps it). A JWK PIN registers its key as the account's device key for the PIN's client
 * identifier; its Plex JWT is minted when the client polls with a valid deviceJWT.
 */
export function approvePin(state: EmulatorState, pin: Pin, account: Account): void {
  if (pin.jwk) {
    registerDeviceKey(state, pin.jwk, pin.clientIdentifier, account.id);
  } else if (pin.approvedBy !== account.id || pin.authToken === null || !state.tokens.has(pin.authToken)) {
    const token = issueToken(state, account, { clientIdentifier: pin.clientIdentifier });
    pin.authToken = token.token;
    registerClientDevice(state, account, token, pin.client);
  }
  pin.approvedBy = account.id;
}

function noClientHeaders(): ClientHeaders {
  return {
    clientIdentifier: null,
    product: null,
    version: null,
    platform: null,
    platformVersion: null,
    device: null,
    deviceName: null,
    provides: null,
    model: null,
    vendor: null,
  };
}

export function denyPin(state: EmulatorState, pin: Pin): void {
  dropPin(state, pin);
}

export function expirePin(state: EmulatorState, pin: Pin): void {
  // nowSeconds floors, so expiresAt * 1000 <= nowMs: expired from this instant on.
  pin.expiresAt = Math.min(pin.expiresAt, nowSeconds(state));
}

/** What control.pins() and GET /__emulator/pins list. */
export interface PinSummary {
  id: number;
  code: string;
  clientIdentifier: string;
  product: string;
  strong: boolean;
  /** True when the PIN was created with a device JWK (the JWT variant). */
  jwk: boolean;
  approved: boolean;
  /** The approving account's id, or null. */
  accountId: number | null;
  expired: boolean;
  createdAt: string;
  expiresAt: string;
}

export function pinSummary(state: EmulatorState, pin: Pin): PinSummary {
  const iso = (s: number) => new Date(s * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
  return {
    id: pin.id,
    code: pin.code,
    clientIdentifier: pin.clientIdentifier,
    product: pin.product,
    strong: pin.strong,
    jwk: pin.jwk !== null,
    approved: pin.approvedBy !== null,
    accountId: pin.approvedBy,
    expired: !isLive(state, pin),
    createdAt: iso(pin.createdAt),
    expiresAt: iso(pin.expiresAt),
  };
}
