import type { Context, Hono } from 'hono';
import { authenticate, format, plexParam, type Runtime } from '../runtime.js';
import { type Account, findByLogin, issueToken } from '../state.js';
import { ERRORS, PlexHttpError } from '../wire/errors.js';
import { documentResponse } from '../wire/format.js';
import { userContext, userJson, userXml } from '../wire/user.js';

type Fields = Record<string, string>;

/** Sign-in fields from a form body (what plex.tv clients send), a JSON body, or the query string. */
async function readFields(c: Context): Promise<Fields> {
  const fields: Fields = {};
  for (const [k, v] of new URL(c.req.url).searchParams) fields[k] = v;
  const type = (c.req.header('content-type') ?? '').toLowerCase();
  const text = await c.req.text();
  if (text.trim() === '') return fields;
  if (type.includes('application/json')) {
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      return fields; // unreadable body: no credentials, so the 401 below applies
    }
    if (typeof body === 'object' && body !== null) {
      for (const [k, v] of Object.entries(body)) {
        if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') fields[k] = String(v);
      }
    }
    return fields;
  }
  // application/x-www-form-urlencoded (also the fallback for a missing content type).
  for (const [k, v] of new URLSearchParams(text)) fields[k] = v;
  return fields;
}

function truthy(value: string | undefined): boolean {
  return value !== undefined && ['true', '1', 'yes', 'on'].includes(value.trim().toLowerCase());
}

/**
 * The password + 2FA rule:
 * - unknown login or wrong password: 401 code 1001;
 * - 2FA account: the seed's `twoFactorCode` is the only valid code. It may come as
 *   `verificationCode`, or appended to the password (the legacy fallback plex.tv keeps for old
 *   clients). No code, or a wrong one: 401 code 1029.
 */
function checkCredentials(account: Account | null, password: string, code: string): void {
  if (account === null || account.password === null) throw new PlexHttpError(ERRORS.unauthenticated);
  const expected = account.twoFactorCode;
  if (expected !== null && password === account.password + expected) return; // legacy password+code
  if (password !== account.password) throw new PlexHttpError(ERRORS.unauthenticated);
  if (expected === null) return;
  if (code !== expected) throw new PlexHttpError(ERRORS.verificationCodeRequired);
}

export function registerSigninRoutes(app: Hono, runtime: Runtime): void {
  // 201 with the full account and a NEW token on every sign-in.
  app.post('/api/v2/users/signin', async (c) => {
    const fields = await readFields(c);
    const account = findByLogin(runtime.state, fields.login ?? '');
    checkCredentials(account, fields.password ?? '', (fields.verificationCode ?? '').trim());
    const token = issueToken(runtime.state, account!, {
      rememberMe: truthy(fields.rememberMe),
      clientIdentifier: plexParam(c, 'X-Plex-Client-Identifier'),
    });
    const ctx = userContext(runtime.state, account!, token);
    return documentResponse(format(c), 201, { json: () => userJson(ctx), xml: () => userXml(ctx) });
  });

  // Revokes the request's token; afterwards it answers 401 code 1001 everywhere.
  app.delete('/api/v2/users/signout', (c) => {
    const { token } = authenticate(c, runtime);
    runtime.state.tokens.delete(token.token);
    return c.body(null, 204);
  });
}
