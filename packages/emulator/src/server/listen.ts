/**
 * The loopback HTTP server (Node only; imported lazily by `emulator.listen`). Wire faults (reset,
 * truncate, trickle) are played on the real socket here; everything else is the adapter's.
 */

import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { createAdaptorServer } from '@hono/node-server';
import { partialLength, type WirePlan, wireAnswer, wirePlanOf } from '../faults/wire.js';
import type { WireFault } from '../state/model-fault.js';

export interface ListenOptions {
  /** Default 0: a free port. */
  port?: number;
  /** Default 127.0.0.1 (loopback only). */
  host?: string;
}

export interface RunningServer {
  /** e.g. `http://127.0.0.1:41234` (no trailing slash). */
  url: string;
  port: number;
  close(): Promise<void>;
}

interface NodeEnv {
  incoming: IncomingMessage;
  outgoing: ServerResponse;
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
  const server = createAdaptorServer({
    fetch: async (request: Request, bindings: unknown) => {
      // createAdaptorServer makes an HTTP/1.1 server: the bindings are node:http's.
      const env = bindings as NodeEnv;
      const response = await fetch(request, env);
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
