/**
 * `plextv login` by PIN (the default): create a sign-in request, send the user to approve it, wait.
 *
 * - Default: a strong PIN, approved in Plex's auth app (https://app.plex.tv/auth, or `<base-url>/auth` for
 *   an emulator): the link goes to stderr as one clean line, with a QR code of it on a terminal.
 * - `--code-only`: a 4-character PIN to type at `<base-url>/link` (https://plex.tv/link).
 * - `--jwt`: the PIN carries a new device key; approving it yields a Plex JWT, kept with the key.
 *
 * Everything shown while waiting goes to stderr (stdout stays for the result, and `--json`). Ctrl-C stops
 * waiting (exit 130, nothing saved); an expired or turned-down request is exit 11.
 */
import {
  AbortedError,
  authUrl,
  createPin,
  type DeviceKey,
  generateDeviceKey,
  getUser,
  type Pin,
  PinExpiredError,
  waitForPin,
} from 'plextv';
import { summarize } from '../account-summary.js';
import type { StoredConfig } from '../config.js';
import type { Context } from '../context.js';
import { CliError, UsageError } from '../errors.js';
import type { OutStream } from '../output.js';
import { canAnimate, startProgress } from '../ui/progress.js';
import { QR_THEMES, qrLines, qrTheme, qrWidth } from '../ui/qr.js';
import { checkHttpUrl } from '../urls.js';
import { saveLogin } from './login-save.js';

/** The options of `plextv login` that PIN sign-in reads. */
export interface PinLoginOptions {
  jwt?: boolean;
  codeOnly?: boolean;
  authUrl?: string;
  /**
   * `--qr` (true), `--qr <theme>` (`auto`, `dark`, `light`: always, drawn for that background), `--no-qr`
   * (false); undefined: on a terminal only (or as `PLEXTV_QR` says).
   */
  qr?: boolean | string;
}

/** Plex's auth app, where plex.tv users approve a strong PIN. */
export const PLEX_AUTH_APP_URL = 'https://app.plex.tv/auth';

/** Whether `baseUrl` is plex.tv itself (then the auth app is app.plex.tv, and /link is plex.tv/link). */
export function isPlexTv(baseUrl: string): boolean {
  const host = new URL(baseUrl).hostname.toLowerCase();
  return host === 'plex.tv' || host.endsWith('.plex.tv');
}

/**
 * The auth app to send the user to: `--auth-url`, else `PLEXTV_AUTH_URL`, else app.plex.tv for plex.tv and
 * `<base-url>/auth` for anything else (the emulator serves its stand-in there).
 */
export function resolveAuthAppUrl(ctx: Context, flag: string | undefined): string {
  const env = ctx.env.PLEXTV_AUTH_URL;
  if (flag !== undefined) return checkAuthUrl(flag, '--auth-url');
  if (env !== undefined && env.trim() !== '') return checkAuthUrl(env, 'PLEXTV_AUTH_URL');
  return isPlexTv(ctx.baseUrl) ? PLEX_AUTH_APP_URL : `${ctx.baseUrl}/auth`;
}

function checkAuthUrl(raw: string, from: string): string {
  return checkHttpUrl(raw, from, PLEX_AUTH_APP_URL);
}

/** `29:58`. */
function clock(ms: number): string {
  const total = Math.max(0, Math.round(ms / 1000));
  const minutes = Math.floor(total / 60);
  const seconds = total % 60;
  return `${minutes}:${String(seconds).padStart(2, '0')}`;
}

function minutes(ms: number): string {
  const m = Math.max(1, Math.round(ms / 60_000));
  return m === 1 ? '1 minute' : `${m} minutes`;
}

export async function loginWithPin(
  ctx: Context,
  config: StoredConfig,
  options: PinLoginOptions,
): Promise<void> {
  const codeOnly = options.codeOnly === true;
  if (codeOnly && options.authUrl !== undefined) {
    throw new UsageError('--auth-url does not apply to --code-only (the code is entered at /link).');
  }
  const appUrl = codeOnly ? undefined : resolveAuthAppUrl(ctx, options.authUrl);
  const { out, io } = ctx;
  const ec = out.ec;

  const client = await ctx.client();
  const deviceKey: DeviceKey | undefined = options.jwt ? await generateDeviceKey() : undefined;
  const pin = await createPin(client, { strong: !codeOnly, deviceKey, signal: ctx.signal });
  const lifetime = (pin.expiresIn ?? (codeOnly ? 900 : 1800)) * 1000;
  const expiresAt = Date.now() + lifetime;

  if (codeOnly) {
    out.err(`Go to ${ctx.baseUrl}/link and enter ${ec.bold(pin.code)}`);
  } else {
    const url = authUrl(client, pin, { authAppUrl: appUrl });
    // The QR code first, the link last: on a short terminal the link stays in sight, next to the spinner.
    const qr = qrToShow(ctx, url, options.qr);
    if (qr) {
      out.err(
        'Scan this QR code with your phone, or open the link below in a browser, to approve the sign-in:',
      );
      out.err(qr);
    } else {
      out.err('To sign in, open this link in a browser and approve the request:');
    }
    // Alone on its line and never coloured: easy to copy, and for scripts to pick up.
    out.err(url);
  }

  const waiting = (left: string) =>
    `Waiting for you to approve the sign-in… ${ec.dim(`(expires in ${left}; Ctrl-C to cancel)`)}`;
  const progress = startProgress(io.stderr, waiting(clock(lifetime)), {
    animate: canAnimate(io.stderr, ctx.env, ec.isColorSupported),
    plain: `Waiting for approval (the request expires in ${minutes(lifetime)}; Ctrl-C to cancel)…`,
  });
  const ticker = setInterval(() => progress.update(waiting(clock(expiresAt - Date.now()))), 1000);
  let approved: Pin;
  try {
    approved = await waitForPin(client, pin, { signal: ctx.signal, deviceKey });
  } catch (error) {
    if (error instanceof AbortedError || ctx.signal?.aborted) {
      throw new CliError('INTERRUPTED', 'Sign-in cancelled: the request was abandoned, nothing was saved.', {
        cause: error,
      });
    }
    if (error instanceof PinExpiredError) {
      throw new CliError(
        'PIN_EXPIRED',
        codeOnly
          ? `The code ${pin.code} expired (or was turned down) before it was entered. Run \`plextv login --code-only\` again for a new one.`
          : 'The sign-in request expired (or was turned down) before it was approved. Run `plextv login` again.',
        { cause: error },
      );
    }
    throw error;
  } finally {
    clearInterval(ticker);
    progress.stop();
  }

  const token = approved.authToken;
  if (!token) throw new CliError('UNEXPECTED', 'plex.tv approved the sign-in but sent no token.');
  out.addSecret(token);
  const account = await getUser(await ctx.client(token), { signal: ctx.signal });
  await saveLogin(ctx, config, token, summarize(account), deviceKey);
}

/**
 * The QR code of `url` for stderr, if it is to be shown: with `--qr` always, with `--no-qr` never,
 * otherwise when stderr is a terminal big enough for it (a note says so when it is not). `PLEXTV_QR`
 * (`auto`, `dark`, `light`, `none`) is the default for the flag: `none` never shows it, a theme picks how
 * it is drawn. Drawn for the theme `--qr <theme>` / `PLEXTV_QR` name, else the one `COLORFGBG` suggests.
 */
function qrToShow(ctx: Context, url: string, flag: boolean | string | undefined): string | undefined {
  const stderr = ctx.io.stderr as OutStream & { rows?: number | undefined };
  const env = ctx.env.PLEXTV_QR?.trim().toLowerCase() || undefined;
  if (env !== undefined && env !== 'none' && !QR_THEMES.includes(env)) {
    throw new UsageError(`PLEXTV_QR: "${env}" is not one of auto, dark, light, none.`);
  }
  if (flag === false || (flag === undefined && env === 'none')) return undefined;
  const lines = qrLines(url, ctx.out.ec, qrTheme(typeof flag === 'string' ? flag : env, ctx.env));
  if (flag === undefined) {
    if (stderr.isTTY !== true) return undefined;
    const { columns, rows } = stderr;
    const tooNarrow = typeof columns === 'number' && columns > 0 && columns < qrWidth(url);
    // Room for the QR code, the link (a few wrapped lines) and the spinner.
    const tooShort = typeof rows === 'number' && rows > 0 && rows < lines.length + 6;
    if (tooNarrow || tooShort) {
      ctx.out.err(ctx.out.ec.dim('(A bigger terminal would show a QR code of the link; --qr forces it.)'));
      return undefined;
    }
  }
  return lines.join('\n');
}
