import type { Hono } from 'hono';
import { checkCredentials, findByLogin } from '../state/accounts.js';
import { issueToken } from '../state/tokens.js';
import { userContext, userJson, userXml } from '../wire/account.js';
import { documentResponse } from '../wire/format.js';
import { readBody, truthy } from './body.js';
import { authenticate, format, plexParam, type Runtime } from './runtime.js';

export function registerSigninRoutes(app: Hono, runtime: Runtime): void {
  // 201 with the full account and a NEW token on every sign-in.
  app.post('/api/v2/users/signin', async (c) => {
    const { fields } = await readBody(c);
    const account = findByLogin(runtime.state, fields.login ?? '');
    checkCredentials(account, fields.password ?? '', (fields.verificationCode ?? '').trim());
    const token = issueToken(runtime.state, account, {
      rememberMe: truthy(fields.rememberMe),
      clientIdentifier: plexParam(c, 'X-Plex-Client-Identifier'),
    });
    const ctx = userContext(runtime.state, account, token);
    return documentResponse(format(c), 201, { json: () => userJson(ctx), xml: () => userXml(ctx) });
  });

  // Revokes the request's token; afterwards it answers 401 code 1001 everywhere.
  app.delete('/api/v2/users/signout', async (c) => {
    const { token } = await authenticate(c, runtime);
    if (runtime.state.tokens.get(token.token) === token) runtime.state.tokens.delete(token.token);
    else runtime.state.revokedJwts.add(token.token); // a Plex JWT
    return c.body(null, 204);
  });
}
