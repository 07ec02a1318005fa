/** The emulator pages' shared look (the auth page and the link page): plain, high-contrast, focus rings. */
export const PAGE_STYLE = `<style>
  :root { color-scheme: light; font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; line-height: 1.5; }
  body { margin: 0; background: #f4f4f4; color: #1b1b1b; }
  main { max-width: 30rem; margin: 2rem auto; padding: 1.5rem 2rem; background: #fff; border: 1px solid #c4c4c4; border-radius: 8px; }
  h1 { font-size: 1.5rem; margin: 0 0 0.5rem; }
  h2 { font-size: 1.15rem; margin: 1.25rem 0 0.5rem; }
  .note { font-size: 0.9rem; color: #4a4a4a; margin-top: 0; }
  dl { display: grid; grid-template-columns: max-content 1fr; gap: 0.15rem 1rem; margin: 0.5rem 0 0; font-size: 0.95rem; }
  dt { font-weight: 600; }
  dd { margin: 0; overflow-wrap: anywhere; }
  .field { margin: 0.75rem 0; }
  label { display: block; font-weight: 600; margin-bottom: 0.25rem; }
  input, select { box-sizing: border-box; width: 100%; font: inherit; padding: 0.5rem; border: 1px solid #6b6b6b; border-radius: 4px; }
  input[aria-invalid="true"] { border-color: #a51d2d; border-width: 2px; }
  .hint { font-size: 0.9rem; color: #4a4a4a; margin: 0.25rem 0 0; }
  button { font: inherit; font-weight: 600; padding: 0.5rem 1.25rem; border-radius: 4px; border: 2px solid #1b1b1b; cursor: pointer; margin-right: 0.5rem; }
  button.primary { background: #1b1b1b; color: #fff; }
  button.secondary { background: #fff; color: #1b1b1b; }
  button:disabled { opacity: 0.6; cursor: default; }
  :focus-visible { outline: 3px solid #1a5fb4; outline-offset: 2px; }
  #error:not(:empty) { margin: 1rem 0; padding: 0.75rem 1rem; border-left: 4px solid #a51d2d; background: #fbeaec; color: #7a1522; }
  #status:empty { display: none; }
  [hidden] { display: none !important; }
  fieldset { border: 1px solid #c4c4c4; border-radius: 4px; margin: 1rem 0; padding: 0.25rem 1rem 0.75rem; }
  legend { font-weight: 600; padding: 0 0.25rem; }
  .choice { display: flex; gap: 0.5rem; align-items: center; margin: 0.5rem 0; }
  .choice input { width: auto; }
  .choice label { display: inline; margin: 0; }
  #result:not(:empty) { margin: 1rem 0; padding: 0.75rem 1rem; border-left: 4px solid #26a269; background: #e9f7ef; }
</style>`;

/**
 * The auth page (GET /auth): plain HTML, inline CSS and JS, no external assets, no framework.
 * Stable ids for browser tests are listed in the README ("The auth page"). The page state is
 * mirrored in `<body data-state="loading|signin|consent|done|error">`.
 *
 * Kept free of backticks and "${" (but for the shared style) so it can live in this template
 * literal verbatim.
 */
export const AUTH_PAGE_HTML = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Sign in with Plex (plextv-emulator)</title>
<link rel="icon" href="data:,">
${PAGE_STYLE}
</head>
<body data-state="loading">
<main>
  <h1 id="title">An app wants to access your Plex account</h1>
  <p class="note">plextv-emulator: a local stand-in for app.plex.tv/auth. Only the emulator's seeded accounts can sign in.</p>

  <section id="request" aria-labelledby="request-heading">
    <h2 id="request-heading">Requesting app</h2>
    <dl id="device"></dl>
  </section>

  <div id="error" role="alert"></div>
  <p id="status" role="status" aria-live="polite"></p>

  <form id="signin-form" novalidate hidden aria-labelledby="signin-heading">
    <h2 id="signin-heading">Sign in to Plex</h2>
    <div class="field">
      <label for="login">Email or username</label>
      <input id="login" name="login" type="text" autocomplete="username" autocapitalize="none" spellcheck="false" required>
    </div>
    <div class="field">
      <label for="password">Password</label>
      <input id="password" name="password" type="password" autocomplete="current-password" required>
    </div>
    <div class="field" id="code-field" hidden>
      <label for="code">Verification code</label>
      <input id="code" name="verificationCode" type="text" inputmode="numeric" autocomplete="one-time-code" aria-describedby="code-hint">
      <p class="hint" id="code-hint">This account uses two-step verification. Enter the code from your authenticator app.</p>
    </div>
    <button id="sign-in" class="primary" type="submit">Sign in</button>
  </form>

  <section id="consent" hidden aria-labelledby="consent-heading">
    <h2 id="consent-heading" tabindex="-1">Allow access?</h2>
    <p id="signed-in-as"></p>
    <button id="approve" class="primary" type="button">Approve</button>
    <button id="deny" class="secondary" type="button">Deny</button>
  </section>

  <section id="done" hidden aria-labelledby="done-heading">
    <h2 id="done-heading" tabindex="-1">Done — you can close this window</h2>
    <p id="done-detail"></p>
  </section>
</main>
<script>
(function () {
  'use strict';
  function $(id) { return document.getElementById(id); }

  // "#?a=b", "#!?a=b" (python-plexapi) or "#a=b"; keys and values are URL-encoded.
  var fragment = location.hash.replace(/^#/, '').replace(/^!/, '').replace(/^\\?/, '');
  var params = new URLSearchParams(fragment);
  var clientID = params.get('clientID') || '';
  var code = params.get('code') || '';
  var forwardUrl = params.get('forwardUrl') || '';
  var product = params.get('context[device][product]') || '';
  var creds = null;

  function setState(state) { document.body.setAttribute('data-state', state); }
  function showError(message) { $('error').textContent = message; }
  function clearError() { $('error').textContent = ''; }
  function status(message) { $('status').textContent = message; }
  function invalid(input, yes) {
    if (yes) input.setAttribute('aria-invalid', 'true'); else input.removeAttribute('aria-invalid');
  }

  if (product) $('title').textContent = product + ' wants to access your Plex account';
  var details = [
    ['App', product],
    ['Version', params.get('context[device][version]')],
    ['Platform', [params.get('context[device][platform]'), params.get('context[device][platformVersion]')].filter(Boolean).join(' ')],
    ['Device', params.get('context[device][device]')],
    ['Device name', params.get('context[device][deviceName]')]
  ];
  details.forEach(function (pair) {
    if (!pair[1]) return;
    var dt = document.createElement('dt');
    dt.textContent = pair[0];
    var dd = document.createElement('dd');
    dd.textContent = pair[1];
    $('device').appendChild(dt);
    $('device').appendChild(dd);
  });
  if (!$('device').children.length) $('request').hidden = true;

  function call(method, path, body) {
    var init = { method: method, headers: { Accept: 'application/json' } };
    if (body) {
      init.headers['Content-Type'] = 'application/json';
      init.body = JSON.stringify(body);
    }
    return fetch(path, init).then(function (res) {
      if (res.status === 204) return { ok: true, status: 204, body: null };
      return res.json().then(function (json) {
        var error = json && json.errors && json.errors[0];
        return { ok: res.ok, status: res.status, body: json, code: error ? error.code : 0, message: error ? error.message : '' };
      }, function () { return { ok: res.ok, status: res.status, body: null, code: 0, message: 'HTTP ' + res.status }; });
    });
  }

  function fatal(message) {
    setState('error');
    $('signin-form').hidden = true;
    $('consent').hidden = true;
    status('');
    showError(message);
  }

  var EXPIRED = 'This sign-in request has expired or was not found. Go back to the app and start again.';

  function finish(approved) {
    setState('done');
    clearError();
    $('consent').hidden = true;
    var target = null;
    try { target = forwardUrl ? new URL(forwardUrl, location.href) : null; } catch (e) { target = null; }
    if (target && (target.protocol === 'http:' || target.protocol === 'https:')) {
      status('Returning to ' + (product || 'the app') + '…');
      location.replace(target.href);
      return;
    }
    $('done-detail').textContent = approved
      ? 'You allowed ' + (product || 'the app') + ' to access your Plex account.'
      : 'You denied ' + (product || 'the app') + ' access to your Plex account.';
    $('done').hidden = false;
    status('');
    $('done-heading').focus();
    try { window.close(); } catch (e) { /* not opened by a script */ }
  }

  $('signin-form').addEventListener('submit', function (event) {
    event.preventDefault();
    clearError();
    var login = $('login');
    var password = $('password');
    var codeInput = $('code');
    invalid(login, !login.value.trim());
    invalid(password, !password.value);
    invalid(codeInput, false);
    if (!login.value.trim() || !password.value) {
      showError('Enter your email or username and your password.');
      (login.value.trim() ? password : login).focus();
      return;
    }
    var attempt = { login: login.value.trim(), password: password.value };
    if (!$('code-field').hidden && codeInput.value.trim()) attempt.verificationCode = codeInput.value.trim();
    $('sign-in').disabled = true;
    status('Signing in…');
    call('POST', '/__emulator/auth/signin', attempt).then(function (res) {
      $('sign-in').disabled = false;
      status('');
      if (res.ok) {
        creds = attempt;
        setState('consent');
        $('signin-form').hidden = true;
        $('signed-in-as').textContent = 'Signed in as ' + (res.body.username || res.body.title) + '. Allow ' + (product || 'this app') + ' to access your Plex account?';
        $('consent').hidden = false;
        $('consent-heading').focus();
      } else if (res.code === 1029) {
        if ($('code-field').hidden) {
          $('code-field').hidden = false;
          status('Enter your verification code to finish signing in.');
        } else {
          invalid(codeInput, true);
          showError(codeInput.value.trim() ? 'That verification code is not right. Try again.' : 'Enter your verification code.');
        }
        codeInput.focus();
      } else if (res.code === 1001) {
        invalid(password, true);
        showError('Wrong email, username or password.');
        password.focus();
      } else {
        showError(res.message || 'Sign-in failed (HTTP ' + res.status + ').');
      }
    }, function () {
      $('sign-in').disabled = false;
      status('');
      showError('Could not reach the emulator.');
    });
  });

  function decide(approve) {
    clearError();
    $('approve').disabled = true;
    $('deny').disabled = true;
    status(approve ? 'Approving…' : 'Denying…');
    var body = { code: code, clientID: clientID };
    if (approve) { for (var k in creds) body[k] = creds[k]; }
    call('POST', approve ? '/__emulator/auth/approve' : '/__emulator/auth/deny', body).then(function (res) {
      $('approve').disabled = false;
      $('deny').disabled = false;
      if (res.ok) return finish(approve);
      if (res.status === 404) return fatal(EXPIRED);
      status('');
      showError(res.message || 'That did not work (HTTP ' + res.status + ').');
    }, function () {
      $('approve').disabled = false;
      $('deny').disabled = false;
      status('');
      showError('Could not reach the emulator.');
    });
  }
  $('approve').addEventListener('click', function () { decide(true); });
  $('deny').addEventListener('click', function () { decide(false); });

  if (!clientID || !code) {
    fatal('This sign-in link is incomplete: it needs a clientID and a code. Go back to the app and start again.');
    return;
  }
  status('Checking the sign-in request…');
  call('GET', '/__emulator/auth/pin?' + new URLSearchParams({ code: code, clientID: clientID }).toString()).then(function (res) {
    if (!res.ok) return fatal(res.status === 404 ? EXPIRED : (res.message || 'HTTP ' + res.status));
    status('');
    setState('signin');
    $('signin-form').hidden = false;
    $('login').focus();
  }, function () { fatal('Could not reach the emulator.'); });
})();
</script>
</body>
</html>
`;
