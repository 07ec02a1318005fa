import type { Context, Hono } from 'hono';
import { faultJson, normalizeFault } from '../faults/queue.js';
import { ControlError, PlexHttpError } from '../state/errors.js';
import type { FaultSpec } from '../state/model-fault.js';
import { readBody } from './body.js';
import type { Runtime } from './runtime.js';

/**
 * The control API over HTTP, for tests that drive the emulator from another process or a browser.
 * Emulator-only (plex.tv has nothing here); JSON in and out; errors use the v2 envelope with code
 * 1000 (400: bad input, 404: no such PIN or account). Not logged in control.requests() and never
 * faulted.
 *
 *   GET  /__emulator/pins                       -> {"pins": [PinSummary…]}
 *   POST /__emulator/pins/{idOrCode}/approve    {"login": "demo"} -> PinSummary
 *   POST /__emulator/pins/{idOrCode}/deny       -> 204
 *   POST /__emulator/pins/{idOrCode}/expire     -> PinSummary
 *   POST /__emulator/jwt/rotate                 -> {"kid": "<new active kid>"}
 *   POST /__emulator/jwt/drop-old               -> {"dropped": ["<kid>"…]}
 *   GET  /__emulator/clock                      -> {"now": "<ISO>"}
 *   POST /__emulator/clock                      {"now": "<ISO>" | epochMs} -> {"now": "<ISO>"}
 *   POST /__emulator/tokens                     {"login": "demo"} -> {"token": "…"}
 *   POST /__emulator/reset                      -> 204
 *   POST /__emulator/watchlists/{login}/private {"private": true | false} -> 204
 *   GET  /__emulator/servers                    -> {"running", "ipv6", "servers": [FakeServerInfo…]}
 *   POST /__emulator/servers/start              {"ipv6"?: false} -> the same (Node only)
 *   POST /__emulator/servers/stop               -> 204
 *   POST /__emulator/servers/{server}/connections/{indexOrUri}
 *                                               {"behaviour": "up" | …, "latencyMs"?} -> FakeConnectionInfo
 *   POST   /__emulator/faults                   FaultSpec | [FaultSpec…] | {"faults": [FaultSpec…]}
 *                                               -> {"faults": [Fault…]} (the ones added; all or none)
 *   GET    /__emulator/faults                   -> {"faults": [Fault…]} (queued, oldest first)
 *   DELETE /__emulator/faults                   -> 204 (every queued fault dropped)
 *   GET    /__emulator/requests                 -> {"requests": [RequestRecord…]} (+ "dropped", "limit" once some were dropped)
 *   DELETE /__emulator/requests                 -> 204 (the log emptied)
 */
export function registerControlRoutes(app: Hono, runtime: Runtime): void {
  const { control } = runtime;

  const run = async <T>(c: Context, op: () => T | Promise<T>, status: 200 | 204 = 200): Promise<Response> => {
    let result: T;
    try {
      result = await op();
    } catch (err) {
      if (err instanceof ControlError)
        throw new PlexHttpError({ code: 1000, message: err.message, status: err.status });
      throw err;
    }
    return status === 204 ? c.body(null, 204) : c.json(result as object);
  };

  const jsonField = async (c: Context, name: string): Promise<string | number> => {
    const body = await readBody(c);
    const json = body.json as Record<string, unknown> | undefined;
    const value = json && typeof json === 'object' ? json[name] : body.fields[name];
    if (typeof value === 'string' || typeof value === 'number') return value;
    throw new PlexHttpError({ code: 1000, message: `body must be JSON {"${name}": …}`, status: 400 });
  };

  const now = () => ({ now: new Date(runtime.state.nowMs).toISOString() });

  app.get('/__emulator/pins', (c) => run(c, () => ({ pins: control.pins() })));
  app.post('/__emulator/pins/:pin/approve', async (c) => {
    const login = await jsonField(c, 'login');
    return run(c, () => control.approvePin(c.req.param('pin'), login));
  });
  app.post('/__emulator/pins/:pin/deny', (c) => run(c, () => control.denyPin(c.req.param('pin')), 204));
  app.post('/__emulator/pins/:pin/expire', (c) => run(c, () => control.expirePin(c.req.param('pin'))));
  app.post('/__emulator/jwt/rotate', (c) => run(c, () => ({ kid: control.rotateJwtKeys() })));
  app.post('/__emulator/jwt/drop-old', (c) => run(c, () => ({ dropped: control.dropOldJwtKeys() })));
  app.get('/__emulator/clock', (c) => run(c, now));
  app.post('/__emulator/clock', async (c) => {
    const value = await jsonField(c, 'now');
    return run(c, () => {
      control.setClock(value);
      return now();
    });
  });
  app.post('/__emulator/tokens', async (c) => {
    const login = await jsonField(c, 'login');
    return run(c, () => ({ token: control.issueToken(login) }));
  });
  app.post('/__emulator/reset', (c) => run(c, () => control.reset(), 204));
  app.post('/__emulator/watchlists/:login/private', async (c) => {
    const json = (await readBody(c)).json as { private?: unknown } | undefined;
    if (typeof json?.private !== 'boolean')
      throw new PlexHttpError({
        code: 1000,
        message: 'body must be JSON {"private": true | false}',
        status: 400,
      });
    const flag = json.private;
    return run(c, () => control.setWatchlistPrivate(c.req.param('login'), flag), 204);
  });

  app.post('/__emulator/faults', async (c) => {
    // JSON whatever the Content-Type says (curl -d sends a form type).
    let parsed: unknown;
    try {
      parsed = JSON.parse(await c.req.text());
    } catch {
      parsed = undefined;
    }
    if (typeof parsed !== 'object' || parsed === null)
      throw new PlexHttpError({
        code: 1000,
        message: 'body must be JSON: a fault, a list of faults, or {"faults": [...]}',
        status: 400,
      });
    const json = parsed as Record<string, unknown>;
    const specs = (
      Array.isArray(json) ? json : Array.isArray(json.faults) ? json.faults : [json]
    ) as FaultSpec[];
    return run(c, () => {
      // All or none: check every spec before queuing any.
      for (const spec of specs) normalizeFault(spec, 0);
      return { faults: specs.map((spec) => faultJson(control.fault(spec))) };
    });
  });
  app.get('/__emulator/faults', (c) => run(c, () => ({ faults: control.faults().map(faultJson) })));
  app.delete('/__emulator/faults', (c) => run(c, () => control.clearFaults(), 204));
  app.get('/__emulator/requests', (c) =>
    run(c, () => {
      const { requests, dropped, limit } = control.requestLog();
      // `dropped` and `limit` only once the log has dropped something: the plain shape otherwise.
      return dropped > 0 ? { requests, dropped, limit } : { requests };
    }),
  );
  app.delete('/__emulator/requests', (c) => run(c, () => control.clearRequests(), 204));

  const { servers } = runtime;
  const serversDoc = () => ({ running: servers.running, ipv6: servers.ipv6, servers: servers.list() });
  app.get('/__emulator/servers', (c) => run(c, serversDoc));
  app.post('/__emulator/servers/start', async (c) => {
    const body = await readBody(c);
    const json = (body.json ?? {}) as { ipv6?: unknown };
    const ipv6 = json.ipv6 === false || body.fields.ipv6 === 'false' ? false : undefined;
    return run(c, async () => {
      try {
        await servers.start(ipv6 === false ? { ipv6 } : {});
      } catch (err) {
        throw new ControlError(`servers.start: ${(err as Error).message}`);
      }
      return serversDoc();
    });
  });
  app.post('/__emulator/servers/stop', (c) => run(c, () => servers.stop(), 204));
  app.post('/__emulator/servers/:server/connections/:connection', async (c) => {
    const body = await readBody(c);
    if (body.invalidJson)
      throw new PlexHttpError({ code: 1000, message: 'body is not valid JSON', status: 400 });
    const json = (typeof body.json === 'object' && body.json !== null ? body.json : body.fields) as Record<
      string,
      unknown
    >;
    const spec =
      json.latencyMs === undefined
        ? json.behaviour
        : { behaviour: json.behaviour, latencyMs: json.latencyMs };
    return run(c, () =>
      control.setConnectionBehaviour(
        c.req.param('server'),
        c.req.param('connection'),
        spec as Parameters<typeof control.setConnectionBehaviour>[2],
      ),
    );
  });
}
