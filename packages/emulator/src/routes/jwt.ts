import type { Hono } from 'hono';
import { registerClientDevice } from '../state/client-devices.js';
import { PlexHttpError } from '../state/errors.js';
import { parseDeviceJwk, publicX } from '../state/jwk.js';
import {
  JWT_ERRORS,
  jwtRecord,
  mintPlexJwt,
  newNonce,
  publishedKeys,
  registerDeviceKey,
  registeredKeysFor,
  scopeOf,
  verifyClientJwt,
} from '../state/jwt.js';
import { readBody } from './body.js';
import { authenticate, clientHeaders, plexParam, type Runtime } from './runtime.js';

/**
 * The Plex JWT endpoints (clients.plex.tv/api/v2/auth/*, served here on the one origin). Their
 * bodies are JSON whatever the Accept header says (python-plexapi always asks for JSON), and so are
 * their errors unless the client asks for XML (see `format`).
 */
export function registerJwtRoutes(app: Hono, runtime: Runtime): void {
  // Register the device's public key for (the token's account, the request's client identifier).
  app.post('/api/v2/auth/jwk', async (c) => {
    const { account } = await authenticate(c, runtime);
    const body = await readBody(c);
    const json = body.json as Record<string, unknown> | undefined;
    if (
      body.invalidJson ||
      typeof json !== 'object' ||
      json === null ||
      Array.isArray(json) ||
      !('jwk' in json)
    ) {
      throw new PlexHttpError({
        code: 1000,
        message: 'Invalid JWK: body must be JSON {"jwk": {...}}',
        status: 400,
      });
    }
    const jwk = await parseDeviceJwk(json.jwk);
    if (typeof jwk === 'string')
      throw new PlexHttpError({ code: 1000, message: `Invalid JWK: ${jwk}`, status: 400 });
    registerDeviceKey(runtime.state, jwk, plexParam(c, 'X-Plex-Client-Identifier')!, account.id);
    return c.body(null, 204);
  });

  app.get('/api/v2/auth/nonce', (c) => c.json({ nonce: newNonce(runtime.state) }));

  // Exchange a device-signed client JWT for a Plex JWT. No legacy token needed: this is also the refresh.
  app.post('/api/v2/auth/token', async (c) => {
    const body = await readBody(c);
    const json = body.json as Record<string, unknown> | undefined;
    if (typeof json !== 'object' || json === null || typeof json.jwt !== 'string') {
      throw new PlexHttpError(JWT_ERRORS.badBody);
    }
    const { state } = runtime;
    const { payload, key } = await verifyClientJwt(
      state,
      json.jwt,
      (iss, kid) => registeredKeysFor(state, iss, kid),
      'consume',
    );
    const account = state.accounts.get(key.accountId);
    if (!account) throw new PlexHttpError(JWT_ERRORS.unknownKey);
    const authToken = await mintPlexJwt(state, account, key, scopeOf(payload));
    const client = { ...clientHeaders(c), clientIdentifier: key.clientIdentifier };
    registerClientDevice(state, account, jwtRecord(state, account, authToken, key.clientIdentifier), client);
    return c.json({ auth_token: authToken });
  });

  // The public keys that verify Plex JWTs: oldest first, the active key LAST (python-plexapi tries
  // them last to first, so it hits the active key first).
  app.get('/api/v2/auth/keys', async (c) => {
    const keys = await Promise.all(
      publishedKeys(runtime.state).map(async (k) => ({
        kty: 'OKP',
        crv: 'Ed25519',
        x: await publicX((await k.keyPair).publicKey),
        kid: k.kid,
        alg: 'EdDSA',
        use: 'sig',
      })),
    );
    return c.json({ keys });
  });
}
