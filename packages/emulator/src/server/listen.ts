/**
 * The loopback HTTP server (Node only; imported lazily by `emulator.listen`). Wire faults (reset,
 * truncate, trickle) are played on the real socket here; everything else is the adapter's.
 */

import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { isIP } from 'node:net';
import { networkInterfaces } from 'node:os';
import { createAdaptorServer } from '@hono/node-server';
import { partialLength, type WirePlan, wireAnswer, wirePlanOf } from '../faults/wire.js';
import { hostnameOf, type SocketAccess } from '../middleware/access.js';
import type { WireFault } from '../state/model-fault.js';

/** Where and how the loopback server listens (port, host, allowed Host names, control secret, limits). */
export interface ListenOptions {
  /** Default 0: a free port. */
  port?: number;
  /** Default 127.0.0.1 (loopback only). */
  host?: string;
  /**
   * Host names (or IP addresses) the server answers to, besides the address it listens on and the
   * loopback names (`localhost`, `127.0.0.1`, `::1`); when it listens on every interface (`0.0.0.0`,
   * `::`), also the machine's interface addresses. A request with any other `Host` gets a 403, so a
   * page that rebinds its domain name to this machine (DNS rebinding) cannot use it. `'*'` accepts
   * any Host. Ports are not compared.
   */
  allowedHosts?: readonly string[];
  /**
   * A secret the control API (`/__emulator/…`, not the auth page's back end) then requires in the
   * `X-Emulator-Secret` header (401 without it). Required when `host` is not a loopback address.
   */
  controlSecret?: string;
  /**
   * Keep the world in this file (what `--state FILE` does): when it exists, the state is restored
   * from it (a file that is not a state file is an error, never overwritten); the state is written
   * to it shortly after every request and when the server closes, atomically and with mode 0600
   * (it holds tokens). Changes made through `emulator.control` in code are written with the next
   * request or on close.
   */
  stateFile?: string;
}

/** A listening emulator: its URL, and how to stop it. */
export interface RunningServer {
  /** e.g. `http://127.0.0.1:41234` (no trailing slash). */
  url: string;
  port: number;
  /** The state file in use (ListenOptions.stateFile), and whether the world was restored from it. */
  stateFile: { path: string; restored: boolean } | null;
  /** Stops listening and closes every connection (and writes the state file, when there is one). */
  close(): Promise<void>;
}

interface NodeEnv {
  incoming: IncomingMessage;
  outgoing: ServerResponse;
  /** Who may talk to this socket (middleware/access.ts). */
  access: SocketAccess;
}

const LOOPBACK_NAMES = ['localhost', '127.0.0.1', '::1'];

/** A loopback address or name: 127.0.0.0/8, ::1, localhost (and IPv4-mapped loopback). */
export function isLoopback(host: string): boolean {
  const name = hostnameOf(host);
  if (name === 'localhost' || name.endsWith('.localhost') || name === '::1') return true;
  const v4 = name.startsWith('::ffff:') ? name.slice(7) : name;
  return isIP(v4) === 4 && v4.startsWith('127.');
}

/** The access rules of one listening socket (see ListenOptions). */
export function socketAccess(host: string, options: ListenOptions): SocketAccess {
  const allowed = new Set<string>([hostnameOf(host), ...LOOPBACK_NAMES]);
  if (host === '0.0.0.0' || host === '::' || host === '') {
    for (const list of Object.values(networkInterfaces())) {
      for (const info of list ?? []) allowed.add(hostnameOf(info.address.split('%')[0] as string));
    }
  }
  let any = false;
  for (const entry of options.allowedHosts ?? []) {
    if (entry.trim() === '*') any = true;
    else allowed.add(hostnameOf(entry));
  }
  allowed.delete('');
  const secret = options.controlSecret;
  if (secret !== undefined && secret.length === 0) throw new Error('controlSecret must not be empty');
  return {
    hostAllowed: (name) => any || allowed.has(name),
    allowed: any ? ['any host'] : [...allowed],
    controlSecret: secret ?? null,
  };
}

/** Tells @hono/node-server that the answer was written already (its RESPONSE_ALREADY_SENT). */
const ALREADY_SENT = { 'x-hono-already-sent': 'true' };

/** How long a reset after part of the body waits, so the client has read what was sent (loopback). */
const RESET_PAUSE_MS = 25;

export async function listen(
  fetch: (request: Request, env: NodeEnv) => Response | Promise<Response>,
  options: ListenOptions,
): Promise<RunningServer> {
  const host = options.host ?? '127.0.0.1';
  if (!isLoopback(host) && options.controlSecret === undefined) {
    throw new Error(
      `listening on ${host} (beyond loopback) needs a controlSecret (--control-secret or PLEXTV_EMULATOR_CONTROL_SECRET): anyone who can reach the port could otherwise mint tokens, approve PINs and inject faults`,
    );
  }
  const access = socketAccess(host, options);
  const server = createAdaptorServer({
    fetch: async (request: Request, bindings: unknown) => {
      // createAdaptorServer makes an HTTP/1.1 server: the bindings are node:http's.
      const env = { ...(bindings as Omit<NodeEnv, 'access'>), access };
      const response = await fetch(request, env);
      // A body over the limit: close the connection after the 413 rather than read the rest.
      if (response.status === 413) env.outgoing.setHeader('Connection', 'close');
      const plan = wirePlanOf(request);
      if (!plan) return response;
      const { fault } = plan;
      if (fault.kind === 'invalid') {
        const answer = await wireAnswer(plan, response);
        return new Response(answer.body, { status: answer.status, headers: answer.headers });
      }
      await playOnSocket({ ...plan, fault }, response, env);
      return new Response(null, { headers: ALREADY_SENT });
    },
  }) as Server;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  // IPv6 literals need brackets in a URL.
  const urlHost = host.includes(':') ? `[${host}]` : host;
  let closing: Promise<void> | null = null;
  return {
    url: `http://${urlHost}:${port}`,
    port,
    // emulator.listen fills it in: the state file is not the socket's business.
    stateFile: null,
    close() {
      closing ??= new Promise<void>((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()));
        // Keep-alive sockets would otherwise hold close() open until they time out.
        server.closeIdleConnections();
        server.closeAllConnections();
      });
      return closing;
    },
  };
}

/**
 * Reset, truncate or trickle on the socket. Returns once the headers are out (trickle goes on in the
 * background, and stops if the client goes away).
 */
async function playOnSocket(
  plan: WirePlan & { fault: Exclude<WireFault, { kind: 'invalid' }> },
  response: Response,
  env: NodeEnv,
): Promise<void> {
  const { fault } = plan;
  const { outgoing } = env;
  const socket = env.incoming.socket as Socket;
  if (fault.kind === 'reset' && fault.afterBytes === null) {
    await response.body?.cancel();
    socket.resetAndDestroy();
    return;
  }
  const answer = await wireAnswer(plan, response);
  const headers: Record<string, string> = {};
  answer.headers.forEach((value, key) => {
    headers[key] = value;
  });
  outgoing.writeHead(answer.status, headers);
  outgoing.flushHeaders();
  const { body } = answer;
  if (fault.kind === 'truncate' || fault.kind === 'reset') {
    const part = body.subarray(0, partialLength(fault, body.byteLength));
    // Straight to the socket: ServerResponse would (rightly) refuse to end short of Content-Length.
    const finish = () => {
      if (fault.kind === 'truncate') socket.end();
      else setTimeout(() => socket.resetAndDestroy(), RESET_PAUSE_MS);
    };
    if (part.byteLength > 0) outgoing.write(part, finish);
    else finish();
    return;
  }
  // trickle
  const { bytes, intervalMs } = fault;
  let offset = 0;
  const step = () => {
    if (outgoing.destroyed || socket.destroyed) return;
    const chunk = body.subarray(offset, offset + bytes);
    offset += bytes;
    if (offset >= body.byteLength) outgoing.end(chunk);
    else outgoing.write(chunk, () => setTimeout(step, intervalMs));
  };
  step();
}
