// The example page's script: bundled by serve.mjs with esbuild; imports the library like any app would.
import { createClient, type UserPlexAccount } from 'plextv';
import { completeSignInWithPlex, type SignInOutcome, signInWithPlex } from 'plextv/browser';

interface ExampleConfig {
  /** plex.tv's base URL (the emulator's when run by serve.mjs). */
  baseUrl?: string;
  /** The auth app (the emulator's /auth page when run by serve.mjs). */
  authAppUrl?: string;
}
const config: ExampleConfig = (window as { PLEXTV_EXAMPLE?: ExampleConfig }).PLEXTV_EXAMPLE ?? {};

// One identifier per browser, kept: a new one each visit would show up as a new device on the account.
let clientIdentifier = localStorage.getItem('plextv-example:client-id');
if (!clientIdentifier) {
  clientIdentifier = crypto.randomUUID();
  localStorage.setItem('plextv-example:client-id', clientIdentifier);
}
const client = createClient({
  clientIdentifier,
  product: 'plextv web example',
  deviceName: 'Browser',
  baseUrl: config.baseUrl,
});

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const status = (text: string) => {
  $('status').textContent = text;
};

function show(account: UserPlexAccount): void {
  const name = account.friendlyName ?? account.title ?? account.username ?? 'Plex user';
  $('name').textContent = name;
  $('email').textContent = account.email ?? '';
  const avatar = $('avatar');
  avatar.textContent = name.slice(0, 1).toUpperCase();
  if (account.thumb) {
    const img = document.createElement('img');
    img.alt = '';
    img.onload = () => avatar.replaceChildren(img);
    img.src = account.thumb;
  }
  $('account').hidden = false;
  $('actions').hidden = true;
  status('Signed in.');
}

const MESSAGES: Record<Exclude<SignInOutcome['status'], 'signed-in'>, string> = {
  'popup-closed': 'The Plex window was closed before you approved.',
  'popup-blocked': 'Your browser blocked the Plex window. Try the redirect instead.',
  expired: 'That sign-in request expired. Please try again.',
  aborted: 'Sign-in cancelled.',
  redirecting: 'Taking you to Plex…',
};

function report(outcome: SignInOutcome | undefined): void {
  if (!outcome) return;
  if (outcome.status === 'signed-in') {
    if (outcome.account) show(outcome.account);
  } else {
    status(MESSAGES[outcome.status]);
  }
}

const fail = (error: unknown) =>
  status(`Sign-in failed: ${error instanceof Error ? error.message : String(error)}`);

// No await before signInWithPlex: the popup must open inside the click.
$('sign-in').addEventListener('click', () => {
  status('Waiting for you to approve in the Plex window…');
  signInWithPlex({ client, account: true, authAppUrl: config.authAppUrl }).then(report, fail);
});
$('sign-in-redirect').addEventListener('click', () => {
  signInWithPlex({ client, mode: 'redirect', forwardUrl: location.href, authAppUrl: config.authAppUrl }).then(
    report,
    fail,
  );
});
$('sign-out').addEventListener('click', () => location.reload());

// Coming back from a redirect sign-in?
completeSignInWithPlex({ client, account: true }).then(report, fail);
