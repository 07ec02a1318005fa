/**
 * How a fake Plex Media Server's connection behaves (up, refused, wrong identity, black hole, an
 * HTTP status): the names seeds and the control API use, parsed once.
 */

/** What a `wrong-identity` fake server claims to be. */
export const WRONG_MACHINE_IDENTIFIER = 'deadbeefdeadbeefdeadbeefdeadbeefdeadbeef';

/** What a fake server does with a connection attempt. */
export type ConnectionBehaviour =
  /** Answers `/identity` (public) and `/` (token needed), after `latencyMs`. */
  | { kind: 'up'; latencyMs: number }
  /** Answers like `up`, but with another machine identifier. */
  | { kind: 'wrong-identity'; latencyMs: number }
  /** Answers every request with this HTTP status (and a small HTML body, as PMS does). */
  | { kind: 'status'; status: number; latencyMs: number }
  /** Nothing listens on the port: connecting fails with ECONNREFUSED. */
  | { kind: 'refused' }
  /** The socket is accepted and never answered (nor closed): only a client timeout ends it. */
  | { kind: 'black-hole' };

/** The names a behaviour is given by: `"status:503"` for a status. */
export type ConnectionBehaviourName = 'up' | 'refused' | 'wrong-identity' | 'black-hole' | `status:${number}`;

/** A behaviour by name, or with a latency: `{ behaviour: 'up', latencyMs: 250 }`. */
export type ConnectionBehaviourSpec =
  | ConnectionBehaviourName
  | { behaviour: ConnectionBehaviourName; latencyMs?: number };

/** Parse a behaviour; a string is the reason it is not one. */
export function parseBehaviour(spec: unknown): ConnectionBehaviour | string {
  let name: unknown = spec;
  let latencyMs: unknown;
  if (typeof spec === 'object' && spec !== null && !Array.isArray(spec)) {
    const o = spec as Record<string, unknown>;
    name = o.behaviour;
    latencyMs = o.latencyMs;
  }
  if (typeof name !== 'string') {
    return `expected a behaviour ("up", "refused", "wrong-identity", "black-hole", "status:<code>"), got ${JSON.stringify(name) ?? String(name)}`;
  }
  if (
    latencyMs !== undefined &&
    (typeof latencyMs !== 'number' || !Number.isInteger(latencyMs) || latencyMs < 0 || latencyMs > 600_000)
  ) {
    return `latencyMs must be an integer from 0 to 600000, got ${JSON.stringify(latencyMs)}`;
  }
  const latency = (latencyMs as number | undefined) ?? 0;
  const status = /^status:(\d{3})$/.exec(name);
  if (status) {
    const code = Number(status[1]);
    if (code < 100 || code > 599) return `status must be 100-599, got ${code}`;
    return { kind: 'status', status: code, latencyMs: latency };
  }
  if (name === 'up' || name === 'wrong-identity') return { kind: name, latencyMs: latency };
  if (name === 'refused' || name === 'black-hole') {
    if (latency !== 0) return `${name} takes no latencyMs (nothing is ever answered)`;
    return { kind: name };
  }
  return `unknown behaviour ${JSON.stringify(name)} (expected "up", "refused", "wrong-identity", "black-hole" or "status:<code>")`;
}

export function behaviourName(b: ConnectionBehaviour): ConnectionBehaviourName {
  return b.kind === 'status' ? `status:${b.status}` : b.kind;
}

/** http connections are up; https ones refused (the fake servers speak no TLS). */
export function defaultBehaviour(protocol: 'http' | 'https'): ConnectionBehaviour {
  return protocol === 'https' ? { kind: 'refused' } : { kind: 'up', latencyMs: 0 };
}
