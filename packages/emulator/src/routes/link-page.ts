import type { Context, Hono } from 'hono';
import { checkCredentials, findByLogin } from '../state/accounts.js';
import { ERRORS, PlexHttpError } from '../state/errors.js';
import { looksLikeJwt, verifyPlexJwt } from '../state/jwt.js';
import type { Account } from '../state/model.js';
import { approvePin, findLivePinByCode } from '../state/pins.js';
import { PAGE_STYLE } from './auth-page-html.js';
import { readBody } from './body.js';
import type { Runtime } from './runtime.js';

/**
 * The stand-in for https://plex.tv/link, where a person types the 4-character code another device
 * shows (what `plextv login --code-only` asks for). `GET /link[?code=ABCD]` serves a plain HTML form
 * (no script: it works with any browser, keyboard and screen reader); `POST /link` (a form) approves
 * the code as `PUT /api/v2/pins/link` does, for a seeded account signed in with its password (and
 * 2FA code) or for the account of a token, and answers the page again with the outcome:
 * 200 approved, 400 something missing, 401 bad sign-in or token, 404 unknown/expired code.
 */

const escapeHtml = (value: string): string => value.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);

interface PageState {
  code?: string;
  login?: string;
  method?: 'account' | 'token';
  error?: string;
  /** The field the error is about (it gets aria-invalid and the error's id). */
  invalid?: 'code' | 'login' | 'password' | 'verificationCode' | 'token';
  result?: string;
}

function renderLinkPage(accounts: Account[], state: PageState): string {
  const method = state.method ?? 'account';
  const invalid = (field: NonNullable<PageState['invalid']>) =>
    state.invalid === field ? ' aria-invalid="true" aria-describedby="error"' : '';
  const options = accounts
    .map((a) => {
      const selected = state.login !== undefined && state.login.toLowerCase() === a.username.toLowerCase();
      return `<option value="${escapeHtml(a.username)}"${selected ? ' selected' : ''}>${escapeHtml(a.username)} (${escapeHtml(a.email)})</option>`;
    })
    .join('');
  const done = state.result !== undefined;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Link a device (plextv-emulator)</title>
<link rel="icon" href="data:,">
${PAGE_STYLE}
</head>
<body data-state="${state.error !== undefined ? 'error' : done ? 'done' : 'form'}">
<main>
  <h1 id="title">Link a device</h1>
  <p class="note">plextv-emulator: a local stand-in for plex.tv/link. Enter the code the other device shows to sign it in to a seeded account.</p>
  <div id="error" role="alert">${state.error !== undefined ? escapeHtml(state.error) : ''}</div>
  <div id="result" role="status">${done ? escapeHtml(state.result as string) : ''}</div>
  <form id="link-form" method="post" action="/link" novalidate>
    <div class="field">
      <label for="code">Code</label>
      <input id="code" name="code" type="text" inputmode="text" autocomplete="off" autocapitalize="characters" spellcheck="false" maxlength="4" required aria-describedby="code-hint" value="${escapeHtml(done ? '' : (state.code ?? ''))}"${invalid('code')}>
      <p class="hint" id="code-hint">The 4 letters or digits the device shows, like ABCD.</p>
    </div>
    <fieldset>
      <legend>Approve as</legend>
      <div class="choice"><input id="method-account" name="method" type="radio" value="account"${method === 'account' ? ' checked' : ''}><label for="method-account">A seeded account (with its password)</label></div>
      <div class="field">
        <label for="login">Account</label>
        <select id="login" name="login"${invalid('login')}>${options}</select>
      </div>
      <div class="field">
        <label for="password">Password</label>
        <input id="password" name="password" type="password" autocomplete="current-password"${invalid('password')}>
      </div>
      <div class="field">
        <label for="verification-code">Verification code (two-step accounts only)</label>
        <input id="verification-code" name="verificationCode" type="text" inputmode="numeric" autocomplete="one-time-code"${invalid('verificationCode')}>
      </div>
      <div class="choice"><input id="method-token" name="method" type="radio" value="token"${method === 'token' ? ' checked' : ''}><label for="method-token">A token (X-Plex-Token)</label></div>
      <div class="field">
        <label for="token">Token</label>
        <input id="token" name="token" type="password" autocomplete="off" spellcheck="false"${invalid('token')}>
      </div>
    </fieldset>
    <button id="link" class="primary" type="submit">Link</button>
  </form>
</main>
</body>
</html>
`;
}

export function registerLinkPageRoutes(app: Hono, runtime: Runtime): void {
  const seededAccounts = () =>
    [...runtime.state.accounts.values()].filter(
      (a) => !a.managed && a.password !== null && a.username !== '',
    );

  const page = (c: Context, status: 200 | 400 | 401 | 404, state: PageState) =>
    c.body(renderLinkPage(seededAccounts(), state), status, {
      'Content-Type': 'text/html; charset=utf-8',
      'Cache-Control': 'no-store',
      'Referrer-Policy': 'no-referrer',
      'Content-Security-Policy':
        "default-src 'none'; style-src 'unsafe-inline'; img-src data:; form-action 'self'; base-uri 'none'; frame-ancestors 'none'",
    });

  const show = (c: Context) => page(c, 200, { code: (c.req.query('code') ?? '').slice(0, 4) });
  app.get('/link', show);
  app.get('/link/', show);

  const accountOfToken = async (value: string): Promise<Account | null> => {
    const { state } = runtime;
    const token = state.tokens.get(value);
    if (token) return state.accounts.get(token.accountId) ?? null;
    if (looksLikeJwt(value)) return (await verifyPlexJwt(state, value))?.account ?? null;
    return null;
  };

  const submit = async (c: Context) => {
    const { fields } = await readBody(c);
    const code = (fields.code ?? '').trim().toUpperCase();
    const method = fields.method === 'token' ? 'token' : 'account';
    const login = fields.login ?? '';
    const keep: PageState = { code, login, method };
    if (!/^[A-Z0-9]{4}$/.test(code))
      return page(c, 400, {
        ...keep,
        error: 'Enter the 4-character code the device shows.',
        invalid: 'code',
      });

    let account: Account;
    if (method === 'token') {
      const token = (fields.token ?? '').trim();
      if (token === '') return page(c, 400, { ...keep, error: 'Enter a token.', invalid: 'token' });
      const found = await accountOfToken(token);
      if (!found) return page(c, 401, { ...keep, error: 'That token is not valid.', invalid: 'token' });
      account = found;
    } else {
      const found = findByLogin(runtime.state, login);
      try {
        checkCredentials(found, fields.password ?? '', (fields.verificationCode ?? '').trim());
      } catch (err) {
        if (!(err instanceof PlexHttpError)) throw err;
        const twoFactor = err.body.code === ERRORS.verificationCodeRequired.code;
        return page(c, 401, {
          ...keep,
          error: twoFactor
            ? 'This account uses two-step verification: enter its verification code.'
            : 'Wrong account or password.',
          invalid: twoFactor ? 'verificationCode' : 'password',
        });
      }
      account = found;
    }

    const pin = findLivePinByCode(runtime.state, code);
    // As PUT /api/v2/pins/link: 4-character codes only.
    if (!pin || pin.strong)
      return page(c, 404, {
        ...keep,
        error: `The code ${code} was not found or has expired.`,
        invalid: 'code',
      });
    approvePin(runtime.state, pin, account);
    return page(c, 200, {
      method,
      login,
      result: `Done: ${pin.product === '0' ? 'the device' : pin.product} is now signed in as ${account.username}.`,
    });
  };
  app.post('/link', submit);
  app.post('/link/', submit);
}
