import type { Context, Hono } from 'hono';
import { registerClientDevice } from '../state/client-devices.js';
import { ERRORS, PlexHttpError } from '../state/errors.js';
import { parseDeviceJwk } from '../state/jwk.js';
import { jwtRecord, mintPlexJwt, scopeOf, verifyClientJwt } from '../state/jwt.js';
import type { Pin } from '../state/model.js';
import { approvePin, createPin, findLivePinByCode, isLive } from '../state/pins.js';
import { documentResponse } from '../wire/format.js';
import { type PinView, pinJson, pinXml } from '../wire/pins.js';
import { escapeXml } from '../wire/xml.js';
import { readBody, truthy } from './body.js';
import { authenticate, clientHeaders, format, plexParam, type Runtime } from './runtime.js';

function pinResponse(c: Context, status: number, pin: Pin, authToken: string | null): Response {
  const view: PinView = { pin, origin: new URL(c.req.url).origin, authToken };
  return documentResponse(format(c), status, { json: () => pinJson(view), xml: () => pinXml(view) });
}

/**
 * PIN sign-in (plex.tv and clients.plex.tv serve the same API):
 * - POST /api/v2/pins[?strong=true]: 201, a new PIN (4 chars / 900 s, or 25 chars / 1800 s). A JSON
 *   body `{"jwk": {...}, "strong": true}` makes a JWT PIN (the JWK is kept with it).
 * - GET /api/v2/pins/{id}[?deviceJWT=…]: the PIN, readable only by the client that created it.
 * - PUT /api/v2/pins/link (form `code`, token): approve a 4-character PIN for the token's account.
 * - GET /api/v2/pins/qr/{code}: an SVG card with the code (not a real QR code; our choice).
 */
export function registerPinRoutes(app: Hono, runtime: Runtime): void {
  app.post('/api/v2/pins', async (c) => {
    const body = await readBody(c);
    if (body.invalidJson)
      throw new PlexHttpError({ code: 1000, message: 'Request body is not valid JSON', status: 400 });
    const json = (typeof body.json === 'object' && body.json !== null ? body.json : {}) as Record<
      string,
      unknown
    >;
    let jwk = null;
    if (json.jwk !== undefined) {
      const parsed = await parseDeviceJwk(json.jwk);
      if (typeof parsed === 'string')
        throw new PlexHttpError({ code: 1000, message: `Invalid JWK: ${parsed}`, status: 400 });
      jwk = parsed;
    }
    const pin = createPin(runtime.state, {
      clientIdentifier: plexParam(c, 'X-Plex-Client-Identifier')!,
      // Older captures say "0" (a client that sent no product, or anonymisation): our fallback.
      product: plexParam(c, 'X-Plex-Product') ?? '0',
      strong: json.strong === true || truthy(body.fields.strong),
      jwk,
      client: clientHeaders(c),
    });
    return pinResponse(c, 201, pin, null);
  });

  // Registered before /:id so "link" and "qr" are never read as ids.
  app.put('/api/v2/pins/link', async (c) => {
    const { account } = await authenticate(c, runtime);
    const { fields } = await readBody(c);
    const pin = findLivePinByCode(runtime.state, fields.code ?? '');
    // plex.tv/link takes the 4-character codes people type; strong codes are for the auth page.
    if (!pin || pin.strong) throw new PlexHttpError(ERRORS.pinNotFound);
    approvePin(runtime.state, pin, account);
    return c.body(null, 204);
  });

  app.get('/api/v2/pins/qr/:code', (c) => {
    const pin = findLivePinByCode(runtime.state, c.req.param('code'));
    if (!pin) throw new PlexHttpError(ERRORS.pinNotFound);
    const code = escapeXml(pin.code);
    const size = pin.strong ? 14 : 40;
    const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="320" height="120" viewBox="0 0 320 120" role="img" aria-label="Sign-in code ${code}"><title>Sign-in code ${code} (plextv-emulator; not a QR code)</title><rect width="320" height="120" fill="#fff" stroke="#000"/><text x="160" y="70" font-family="monospace" font-size="${size}" text-anchor="middle">${code}</text></svg>`;
    return c.body(svg, 200, { 'Content-Type': 'image/svg+xml; charset=utf-8', 'Cache-Control': 'no-store' });
  });

  app.get('/api/v2/pins/:id', async (c) => {
    const { state } = runtime;
    const id = c.req.param('id');
    const pin = /^\d+$/.test(id) ? state.pins.get(Number(id)) : undefined;
    if (!pin || !isLive(state, pin) || pin.clientIdentifier !== plexParam(c, 'X-Plex-Client-Identifier')) {
      throw new PlexHttpError(ERRORS.pinNotFound);
    }
    if (!pin.jwk) return pinResponse(c, 200, pin, pin.approvedBy === null ? null : pin.authToken);

    // A JWT PIN: the Plex JWT is handed out only to the device holding the PIN's key.
    const deviceJwt = c.req.query('deviceJWT');
    let authToken: string | null = null;
    if (deviceJwt !== undefined && deviceJwt !== '') {
      const pinKey = { ...pin.jwk, clientIdentifier: pin.clientIdentifier };
      const { payload } = await verifyClientJwt(state, deviceJwt, () => [pinKey], 'ignore');
      const account = pin.approvedBy === null ? undefined : state.accounts.get(pin.approvedBy);
      if (account) {
        authToken = await mintPlexJwt(state, account, pinKey, scopeOf(payload));
        registerClientDevice(
          state,
          account,
          jwtRecord(state, account, authToken, pin.clientIdentifier),
          pin.client,
        );
      }
    }
    return pinResponse(c, 200, pin, authToken);
  });
}
