/**
 * Fake Plex Media Servers, the browser-safe half: the registry of seeded servers and their
 * connections that the resource listings consult. The sockets themselves live in ./node.ts, loaded
 * only by `emulator.servers.start()`.
 */

import type { Device, DeviceConnection, EmulatorState } from '../state/model.js';
import { hostPortUri } from '../util/net.js';
import {
  behaviourName,
  type ConnectionBehaviour,
  type ConnectionBehaviourName,
  defaultBehaviour,
} from './behaviour.js';
import type { PmsOwner } from './root.js';

/** The static description of one seeded connection of a fake server. */
export interface PmsConnectionSpec extends DeviceConnection {
  /** `${machineIdentifier}#${index}` */
  key: string;
  index: number;
  seedBehaviour: ConnectionBehaviour;
}

/** One seeded server: what its fake PMS answers and which tokens it accepts. */
export interface PmsServerSpec {
  name: string;
  machineIdentifier: string;
  version: string;
  platform: string;
  platformVersion: string;
  /**
   * X-Plex-Token values the seed accepts on `/`: the owner's accessToken and every share's. While an
   * emulator runs, `PmsRegistry.acceptsToken` asks its current state instead (shares come and go).
   */
  tokens: string[];
  connections: PmsConnectionSpec[];
}

/** Where a connection's fake server is while servers run. */
export interface PmsBinding {
  /** 127.0.0.1, or ::1 for an IPv6 connection. */
  host: string;
  port: number;
  /** Whether something accepts connections on host:port right now. */
  listening: boolean;
}

/** One connection as `emulator.servers.list()` reports it. */
export interface FakeConnectionInfo {
  /** Its position in the seed's connection list (what `setConnectionBehaviour` takes, or the uri). */
  index: number;
  protocol: 'http' | 'https';
  local: boolean;
  relay: boolean;
  IPv6: boolean;
  /** What the seed says (and what resources list while servers are stopped). */
  seeded: { address: string; port: number; uri: string };
  /** What resources list now: the loopback server while servers run, else the seeded values. */
  listed: { address: string; port: number; uri: string };
  behaviour: ConnectionBehaviourName;
  latencyMs: number;
  /** Whether a socket is open for it right now (false: stopped, refused, or IPv6 unavailable). */
  listening: boolean;
}

/** A fake Plex Media Server of the seed, with the sockets its connections point at once started. */
export interface FakeServerInfo {
  name: string;
  machineIdentifier: string;
  connections: FakeConnectionInfo[];
}

/** The sockets side (./node.ts), attached while servers run. */
export interface PmsDriver {
  /** Make the sockets match the connection's current behaviour (open/close the port, drop sockets). */
  apply(key: string): Promise<void>;
  stop(): Promise<void>;
  readonly ipv6: boolean;
}

export function serverSpecs(state: EmulatorState): PmsServerSpec[] {
  const out: PmsServerSpec[] = [];
  for (const d of state.devices.values()) {
    if (!d.server) continue;
    out.push(serverSpec(d));
  }
  return out;
}

function serverSpec(d: Device): PmsServerSpec {
  return {
    name: d.name,
    machineIdentifier: d.clientIdentifier,
    version: d.productVersion,
    platform: d.platform,
    platformVersion: d.platformVersion,
    tokens: [...(d.accessToken !== null ? [d.accessToken] : []), ...d.shares.map((s) => s.accessToken)],
    connections: (d.connections ?? []).map((c, index) => ({
      key: `${d.clientIdentifier}#${index}`,
      index,
      ...c,
      seedBehaviour: defaultBehaviour(c.protocol),
    })),
  };
}

/**
 * Every seeded server's connections, their current behaviours, and (while servers run) their
 * loopback bindings. Lives as long as the emulator; `control.reset()` restores seeded behaviours.
 */
export class PmsRegistry {
  readonly servers: PmsServerSpec[];
  private readonly behaviours = new Map<string, ConnectionBehaviour>();
  /** Set while servers run. */
  bindings: Map<string, PmsBinding> | null = null;
  driver: PmsDriver | null = null;
  /**
   * Set by the emulator: whether a server accepts a token right now (its resource accessToken, its
   * owner's account and device tokens, or an accepted share's).
   */
  tokenCheck: ((machineIdentifier: string, token: string) => boolean) | null = null;
  /** Set by the emulator: the server's owner as its root (`/`) reports it, from the live state. */
  ownerOf: ((machineIdentifier: string) => PmsOwner | null) | null = null;

  constructor(servers: PmsServerSpec[], seedBehaviours: Map<string, ConnectionBehaviour>) {
    for (const s of servers) {
      for (const c of s.connections) c.seedBehaviour = seedBehaviours.get(c.key) ?? c.seedBehaviour;
    }
    this.servers = servers;
    this.resetBehaviours();
  }

  resetBehaviours(): string[] {
    const changed: string[] = [];
    for (const s of this.servers) {
      for (const c of s.connections) {
        const before = this.behaviours.get(c.key);
        if (before === undefined || JSON.stringify(before) !== JSON.stringify(c.seedBehaviour))
          changed.push(c.key);
        this.behaviours.set(c.key, c.seedBehaviour);
      }
    }
    return changed;
  }

  acceptsToken(server: PmsServerSpec, token: string): boolean {
    if (this.tokenCheck) return this.tokenCheck(server.machineIdentifier, token);
    return token !== '' && server.tokens.includes(token);
  }

  behaviour(key: string): ConnectionBehaviour {
    return this.behaviours.get(key) ?? { kind: 'refused' };
  }

  setBehaviour(key: string, b: ConnectionBehaviour): void {
    this.behaviours.set(key, b);
  }

  /** A server by name (case-insensitive) or machine identifier. */
  findServer(ref: string): PmsServerSpec | undefined {
    return (
      this.servers.find((s) => s.machineIdentifier === ref) ??
      this.servers.find((s) => s.name.toLowerCase() === ref.toLowerCase())
    );
  }

  /** A connection by index, or by its seeded or currently listed uri. */
  findConnection(server: PmsServerSpec, ref: number | string): PmsConnectionSpec | undefined {
    if (typeof ref === 'number' || /^\d+$/.test(ref)) return server.connections[Number(ref)];
    const trim = (u: string) => u.replace(/\/+$/, '');
    return server.connections.find(
      (c) => trim(c.uri) === trim(ref) || trim(this.listed(c).uri) === trim(ref),
    );
  }

  /** What the listings show for a seeded connection right now. */
  listed(c: PmsConnectionSpec): { address: string; port: number; uri: string } {
    const b = this.bindings?.get(c.key);
    if (!b) return { address: c.address, port: c.port, uri: c.uri };
    return { address: b.host, port: b.port, uri: hostPortUri(c.protocol, b.host, b.port) };
  }

  /** The listing override for connection `index` of device `clientIdentifier`, or null. */
  override(clientIdentifier: string, index: number): { address: string; port: number; uri: string } | null {
    if (!this.bindings) return null;
    const key = `${clientIdentifier}#${index}`;
    const server = this.servers.find((s) => s.machineIdentifier === clientIdentifier);
    const c = server?.connections[index];
    if (!c || c.key !== key || !this.bindings.has(key)) return null;
    return this.listed(c);
  }

  info(): FakeServerInfo[] {
    return this.servers.map((s) => ({
      name: s.name,
      machineIdentifier: s.machineIdentifier,
      connections: s.connections.map((c) => this.connectionInfo(c)),
    }));
  }

  connectionInfo(c: PmsConnectionSpec): FakeConnectionInfo {
    const b = this.behaviour(c.key);
    return {
      index: c.index,
      protocol: c.protocol,
      local: c.local,
      relay: c.relay,
      IPv6: c.IPv6,
      seeded: { address: c.address, port: c.port, uri: c.uri },
      listed: this.listed(c),
      behaviour: behaviourName(b),
      latencyMs: 'latencyMs' in b ? b.latencyMs : 0,
      listening: this.bindings?.get(c.key)?.listening ?? false,
    };
  }
}

/** Options of `emulator.servers.start()`. */
export interface FakeServersStartOptions {
  /** Serve IPv6 connections on ::1 when the host has it. Default true. */
  ipv6?: boolean;
}

/** `emulator.servers`: loopback fake Plex Media Servers for the seeded server resources. */
export interface FakeServers {
  /**
   * Start one loopback listener per connection of every seeded server (Node only; idempotent).
   * From then on the resource listings point each connection at its listener.
   */
  start(options?: FakeServersStartOptions): Promise<FakeServerInfo[]>;
  /** Close every listener and socket; the listings go back to the seeded addresses. Idempotent. */
  stop(): Promise<void>;
  readonly running: boolean;
  /** Whether IPv6 connections are served on ::1 (null while stopped). */
  readonly ipv6: boolean | null;
  /** Every fake server and its connections (after `start()`, their real loopback addresses). */
  list(): FakeServerInfo[];
}
