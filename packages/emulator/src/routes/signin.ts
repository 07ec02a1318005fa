import type { Context, Hono } from 'hono';
import { checkCredentials, findByLogin } from '../state/accounts.js';
import { registerClientDevice } from '../state/client-devices.js';
import type { Account } from '../state/model.js';
import { issueToken } from '../state/tokens.js';
import { userContext, userJson, userXml } from '../wire/account.js';
import { documentResponse } from '../wire/format.js';
import { legacySignInJson, legacyUserXml } from '../wire/legacy-user.js';
import { readBody, truthy } from './body.js';
import { authenticate, callerIp, clientHeaders, format, type Runtime } from './runtime.js';

/** `Authorization: Basic base64(login:password)` (UTF-8), or null. */
function basicCredentials(c: Context): { login: string; password: string } | null {
  const m = /^Basic\s+([A-Za-z0-9+/=_-]+)\s*$/i.exec(c.req.header('authorization') ?? '');
  if (!m) return null;
  let text: string;
  try {
    const binary = atob(m[1]!.replace(/-/g, '+').replace(/_/g, '/'));
    text = new TextDecoder().decode(Uint8Array.from(binary, (ch) => ch.charCodeAt(0)));
  } catch {
    return null;
  }
  const colon = text.indexOf(':');
  return colon < 0 ? null : { login: text.slice(0, colon), password: text.slice(colon + 1) };
}

/** A new token for the signing-in client, which becomes one of the account's devices. */
function signIn(c: Context, runtime: Runtime, account: Account, rememberMe: boolean) {
  const client = clientHeaders(c);
  const token = issueToken(runtime.state, account, { rememberMe, clientIdentifier: client.clientIdentifier });
  registerClientDevice(runtime.state, account, token, client, callerIp(c));
  return userContext(runtime.state, account, token);
}

export function registerSigninRoutes(app: Hono, runtime: Runtime): void {
  // 201 with the full account and a NEW token on every sign-in.
  app.post('/api/v2/users/signin', async (c) => {
    const { fields } = await readBody(c);
    const account = findByLogin(runtime.state, fields.login ?? '');
    checkCredentials(account, fields.password ?? '', (fields.verificationCode ?? '').trim());
    const ctx = signIn(c, runtime, account, truthy(fields.rememberMe));
    return documentResponse(format(c), 201, { json: () => userJson(ctx), xml: () => userXml(ctx) });
  });

  // The legacy sign-in (@ctrl/plex 3.x, node-plex-api-credentials, old scripts): HTTP Basic, or the
  // form fields `user[login]`/`user[password]` the Plex forum's how-to recommends. 201 with
  // `{"user": …}` (sign_in.json) or the legacy `<user>` (sign_in.xml). A 2FA account appends its
  // code to the password (the legacy way) or fails 401 1029 as the v2 sign-in does; a wrong login
  // is 401 1001 in the v2 error envelope (plex.tv's legacy error body is not captured: unverified).
  for (const path of ['/users/sign_in.json', '/users/sign_in.xml', '/users/sign_in']) {
    app.post(path, async (c) => {
      const { fields } = await readBody(c);
      const basic = basicCredentials(c);
      const login = basic?.login ?? fields['user[login]'] ?? fields.login ?? '';
      const password = basic?.password ?? fields['user[password]'] ?? fields.password ?? '';
      const account = findByLogin(runtime.state, login);
      const code = fields['user[verification_code]'] ?? fields.verificationCode ?? '';
      checkCredentials(account, password, code.trim());
      const ctx = signIn(c, runtime, account, fields['user[remember_me]'] !== '0');
      return documentResponse(format(c), 201, {
        json: () => legacySignInJson(ctx),
        xml: () => legacyUserXml(ctx),
      });
    });
  }

  // Revokes the request's token; afterwards it answers 401 code 1001 everywhere.
  app.delete('/api/v2/users/signout', async (c) => {
    const { token } = await authenticate(c, runtime);
    if (runtime.state.tokens.get(token.token) === token) runtime.state.tokens.delete(token.token);
    else runtime.state.revokedJwts.add(token.token); // a Plex JWT
    return c.body(null, 204);
  });
}
