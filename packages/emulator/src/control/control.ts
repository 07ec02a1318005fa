/**
 * The test-control surface: `emulator.control` in process, and the same operations over HTTP under
 * `/__emulator/…` (routes/control.ts) for subprocess and browser tests.
 */

import { faultInfo, normalizeFault } from '../faults/queue.js';
import { type ConnectionBehaviourSpec, parseBehaviour } from '../pms/behaviour.js';
import type { FakeConnectionInfo, PmsRegistry } from '../pms/registry.js';
import { findAccount } from '../state/accounts.js';
import { ControlError } from '../state/errors.js';
import { dropRetiredKeys, rotateKeys } from '../state/jwt.js';
import type { EmulatorState, Pin, RequestRecord } from '../state/model.js';
import type { Fault, FaultSpec } from '../state/model-fault.js';
import {
  approvePin,
  denyPin,
  expirePin,
  findPin,
  isLive,
  type PinSummary,
  pinSummary,
} from '../state/pins.js';
import { issueToken } from '../state/tokens.js';

export interface EmulatorControl {
  /** Issue a valid token for a seeded account (by username, email or id; managed users also by title). */
  issueToken(login: string | number): string;
  /** Revoke a token: a legacy token, or a Plex JWT (unknown tokens are ignored). */
  revokeToken(token: string): void;
  /**
   * Queue a fault: the next `times` (default 1) requests matching `path` (exact, or a prefix ending in
   * `*`) and `method` (optional), after letting `after` (default 0) of them through, are answered with
   * it; then normal handling resumes. Kinds: `status` (the default: an error answer, with Retry-After
   * if given), `latency`, `reset`, `truncate`, `trickle`, `invalid` (see the README). Returns the
   * queued fault (with its id). Throws ControlError (400) for a spec that makes no sense.
   */
  fault(spec: FaultSpec): Fault;
  /** The queued faults, oldest first, with what is left of them (`remaining`, `skip`). */
  faults(): Fault[];
  /** Drop every queued fault (in-flight latency or trickle answers finish as they started). */
  clearFaults(): void;
  /**
   * The requests seen (CORS preflights and `/__emulator/…` excluded), in order, with the status the
   * client got and, for faulted ones, `fault` (the kind). Only the last `requestLogSize` (default
   * 1,000) are kept: older ones are dropped (see requestLog()).
   */
  requests(): RequestRecord[];
  /** The same, with how many older records were dropped since the log was last emptied, and the limit. */
  requestLog(): { requests: RequestRecord[]; dropped: number; limit: number };
  /** Empty the request log and its dropped count (faults, state and clock are kept). */
  clearRequests(): void;
  /** Move the emulator clock (ISO string or epoch milliseconds). */
  setClock(isoOrEpochMs: string | number): void;
  /** Back to the seed state (accounts, tokens, clock, PINs, keys); also clears faults and the request log. */
  reset(): void;
  /**
   * Approve a live PIN (by id, or by code, case-insensitive) for a seeded account (as issueToken).
   * A plain PIN gets a fresh token; a JWK PIN registers its key for the account.
   */
  approvePin(idOrCode: string | number, login: string | number): PinSummary;
  /** Delete a PIN: later GETs answer 404 code 1020. */
  denyPin(idOrCode: string | number): void;
  /** Expire a PIN now (by the emulator clock): later GETs answer 404 code 1020. */
  expirePin(idOrCode: string | number): PinSummary;
  /** Every PIN created since the last reset, oldest first (expired ones included, `expired: true`). */
  pins(): PinSummary[];
  /** Make a new active JWT signing key; the previous one stays published. Returns the new kid. */
  rotateJwtKeys(): string;
  /** Unpublish every retired signing key: JWTs they signed stop verifying. Returns the dropped kids. */
  dropOldJwtKeys(): string[];
  /**
   * How a fake server's connection behaves: server by name (case-insensitive) or machine
   * identifier; connection by its index in the seed or its (seeded or listed) uri. Behaviours:
   * "up" (optionally `{ behaviour: 'up', latencyMs }`), "refused", "wrong-identity", "black-hole",
   * "status:<code>". https connections can only be "refused" or "black-hole" (no TLS). Works
   * whether or not the servers run; resolves once the sockets match. `reset()` restores the seed's.
   */
  setConnectionBehaviour(
    server: string,
    connection: number | string,
    behaviour: ConnectionBehaviourSpec,
  ): Promise<FakeConnectionInfo>;
  /**
   * Make an account's watchlist private (friends get community's privacy error) or visible to its
   * friends again (by username, email or id, as issueToken).
   */
  setWatchlistPrivate(login: string | number, isPrivate: boolean): void;
}

export function createControl(host: {
  readonly state: EmulatorState;
  reset(): void;
  readonly pms: PmsRegistry;
  applyBehaviour(key: string): Promise<void>;
}): EmulatorControl {
  const pinOrThrow = (op: string, idOrCode: string | number): Pin => {
    const pin = findPin(host.state, idOrCode);
    if (!pin) throw new ControlError(`${op}: no PIN ${JSON.stringify(idOrCode)}`, 404);
    return pin;
  };

  return {
    issueToken(login) {
      const account = findAccount(host.state, login);
      if (!account) throw new ControlError(`issueToken: no seeded account ${JSON.stringify(login)}`, 404);
      return issueToken(host.state, account).token;
    },
    revokeToken(token) {
      if (!host.state.tokens.delete(token) && token.split('.').length === 3)
        host.state.revokedJwts.add(token);
    },
    fault(spec) {
      const { state } = host;
      const fault = normalizeFault(spec, state.nextFaultId);
      state.nextFaultId += 1;
      state.faults.push(fault);
      return faultInfo(fault);
    },
    faults() {
      return host.state.faults.map(faultInfo);
    },
    clearFaults() {
      host.state.faults.length = 0;
    },
    requests() {
      return host.state.requests.list();
    },
    requestLog() {
      const log = host.state.requests;
      return { requests: log.list(), dropped: log.dropped, limit: log.limit };
    },
    clearRequests() {
      host.state.requests.clear();
    },
    setClock(isoOrEpochMs) {
      const ms = typeof isoOrEpochMs === 'number' ? isoOrEpochMs : Date.parse(isoOrEpochMs);
      if (!Number.isFinite(ms))
        throw new ControlError(`setClock: not a date: ${JSON.stringify(isoOrEpochMs)}`);
      host.state.nowMs = ms;
    },
    reset() {
      host.reset();
    },
    approvePin(idOrCode, login) {
      const { state } = host;
      const pin = pinOrThrow('approvePin', idOrCode);
      if (!isLive(state, pin)) throw new ControlError(`approvePin: PIN ${pin.code} has expired`);
      const account = findAccount(state, login);
      if (!account) throw new ControlError(`approvePin: no seeded account ${JSON.stringify(login)}`, 404);
      approvePin(state, pin, account);
      return pinSummary(state, pin);
    },
    denyPin(idOrCode) {
      denyPin(host.state, pinOrThrow('denyPin', idOrCode));
    },
    expirePin(idOrCode) {
      const pin = pinOrThrow('expirePin', idOrCode);
      expirePin(host.state, pin);
      return pinSummary(host.state, pin);
    },
    pins() {
      return [...host.state.pins.values()].map((p) => pinSummary(host.state, p));
    },
    rotateJwtKeys() {
      return rotateKeys(host.state);
    },
    dropOldJwtKeys() {
      return dropRetiredKeys(host.state);
    },
    setWatchlistPrivate(login, isPrivate) {
      const account = findAccount(host.state, login);
      if (!account)
        throw new ControlError(`setWatchlistPrivate: no seeded account ${JSON.stringify(login)}`, 404);
      const set = host.state.discover.privateWatchlists;
      if (isPrivate) set.add(account.id);
      else set.delete(account.id);
    },
    async setConnectionBehaviour(serverRef, connectionRef, spec) {
      const op = 'setConnectionBehaviour';
      const { pms } = host;
      const server = pms.findServer(String(serverRef));
      if (!server) throw new ControlError(`${op}: no seeded server ${JSON.stringify(serverRef)}`, 404);
      const connection = pms.findConnection(server, connectionRef);
      if (!connection) {
        throw new ControlError(
          `${op}: ${server.name} has no connection ${JSON.stringify(connectionRef)} (it has ${server.connections.length}: give an index or a uri)`,
          404,
        );
      }
      const behaviour = parseBehaviour(spec);
      if (typeof behaviour === 'string') throw new ControlError(`${op}: ${behaviour}`);
      if (
        connection.protocol === 'https' &&
        behaviour.kind !== 'refused' &&
        behaviour.kind !== 'black-hole'
      ) {
        throw new ControlError(
          `${op}: ${server.name} connection ${connection.index} is https and the fake servers speak no TLS: it can only be "refused" or "black-hole"`,
        );
      }
      pms.setBehaviour(connection.key, behaviour);
      await host.applyBehaviour(connection.key);
      return pms.connectionInfo(connection);
    },
  };
}
