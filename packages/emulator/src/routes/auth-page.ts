import type { Context, Hono } from 'hono';
import { checkCredentials, findByLogin } from '../state/accounts.js';
import { ERRORS, PlexHttpError } from '../state/errors.js';
import type { Account, Pin } from '../state/model.js';
import { approvePin, denyPin, findLivePinByCode, pinSummary } from '../state/pins.js';
import { AUTH_PAGE_HTML } from './auth-page-html.js';
import { readBody } from './body.js';
import type { Runtime } from './runtime.js';

/**
 * The stand-in for https://app.plex.tv/auth: `GET /auth` serves one self-contained HTML page; it
 * talks to these emulator-only JSON endpoints (errors use the v2 envelope, always JSON):
 *
 *   GET  /__emulator/auth/pin?code=…&clientID=…   -> 200 {id, code, product, clientIdentifier, strong, expiresAt} | 404 1020
 *   POST /__emulator/auth/signin  {login, password, verificationCode?}
 *        -> 200 {username, title, twoFactor} | 401 1001 (bad login/password) | 401 1029 (2FA code missing/wrong)
 *   POST /__emulator/auth/approve {code, clientID, login, password, verificationCode?}
 *        -> 200 PinSummary | 401 1001/1029 | 404 1020
 *   POST /__emulator/auth/deny    {code, clientID} -> 204 | 404 1020
 */
export function registerAuthPageRoutes(app: Hono, runtime: Runtime): void {
  const page = (c: Context) =>
    c.body(AUTH_PAGE_HTML, 200, {
      'Content-Type': 'text/html; charset=utf-8',
      'Cache-Control': 'no-store',
      'Referrer-Policy': 'no-referrer',
      'Content-Security-Policy':
        "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; connect-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
    });
  app.get('/auth', page);
  app.get('/auth/', page);

  const fields = async (c: Context): Promise<Record<string, string>> => (await readBody(c)).fields;

  const livePin = (code: string | undefined, clientID: string | undefined): Pin => {
    const pin = findLivePinByCode(runtime.state, code ?? '', clientID ?? '');
    if (!pin || !clientID) throw new PlexHttpError(ERRORS.pinNotFound);
    return pin;
  };

  const signIn = (f: Record<string, string>): Account => {
    const account = findByLogin(runtime.state, f.login ?? '');
    checkCredentials(account, f.password ?? '', (f.verificationCode ?? '').trim());
    return account!;
  };

  app.get('/__emulator/auth/pin', (c) => {
    const pin = livePin(c.req.query('code'), c.req.query('clientID'));
    const { id, code, product, clientIdentifier, strong, expiresAt } = pinSummary(runtime.state, pin);
    return c.json({ id, code, product, clientIdentifier, strong, expiresAt });
  });

  app.post('/__emulator/auth/signin', async (c) => {
    const account = signIn(await fields(c));
    return c.json({
      username: account.username,
      title: account.title,
      twoFactor: account.twoFactorCode !== null,
    });
  });

  app.post('/__emulator/auth/approve', async (c) => {
    const f = await fields(c);
    const pin = livePin(f.code, f.clientID);
    const account = signIn(f);
    approvePin(runtime.state, pin, account);
    return c.json(pinSummary(runtime.state, pin));
  });

  app.post('/__emulator/auth/deny', async (c) => {
    const f = await fields(c);
    denyPin(runtime.state, livePin(f.code, f.clientID));
    return c.body(null, 204);
  });
}
