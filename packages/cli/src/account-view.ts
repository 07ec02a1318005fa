/** The human summary of an account (`plextv whoami`): a heading and aligned label/value rows. */
import type { UserPlexAccount } from 'plextv';
import type { Colors } from './output.js';

/** How many Plex Pass feature names to list before "+N more". */
export const FEATURES_SHOWN = 8;

/** Width of the label column. */
const LABEL_WIDTH = 9;

type Row = [label: string, lines: string[]];

/** `2019-03-04` (UTC): a day is the right precision for "since" and "joined". */
export function day(date: Date | undefined): string | undefined {
  if (!date || Number.isNaN(date.getTime())) return undefined;
  return date.toISOString().slice(0, 10);
}

function joinParts(parts: (string | undefined | false)[], sep: string): string {
  return parts.filter((p): p is string => typeof p === 'string' && p !== '').join(sep);
}

/** Wrap comma-separated `items` into lines no wider than `width`. */
function wrapList(items: string[], width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const [i, item] of items.entries()) {
    const piece = i < items.length - 1 ? `${item},` : item;
    if (line !== '' && line.length + 1 + piece.length > width) {
      lines.push(line);
      line = piece;
    } else {
      line = line === '' ? piece : `${line} ${piece}`;
    }
  }
  if (line !== '') lines.push(line);
  return lines;
}

export function renderAccount(account: UserPlexAccount, c: Colors, columns = 80): string {
  const sep = c.dim(' · ');
  const yes = (text: string) => c.green(text);
  const no = (text: string) => c.yellow(text);
  const rows: Row[] = [];

  // Heading: the display title, then the username and friendly name when they say something more.
  const title = account.title || account.username || account.email || `account ${account.id}`;
  const aka = [account.username, account.friendlyName].filter(
    (name, i, all): name is string => !!name && name !== title && all.indexOf(name) === i,
  );
  const heading = `${c.bold(title)}${aka.length ? `  ${c.dim(`(${aka.join(', ')})`)}` : ''}`;

  if (account.email) rows.push(['Email', [account.email]]);
  rows.push(['Account', [joinParts([`id ${account.id}`, `uuid ${account.uuid}`], sep)]]);

  // Plex Pass.
  const sub = account.subscription;
  if (sub && (sub.active || sub.plan || sub.status || sub.features.length > 0)) {
    const state = sub.active ? yes('active') : no(sub.status ? sub.status.toLowerCase() : 'inactive');
    const lines = [
      joinParts(
        [
          state,
          sub.plan && `${sub.plan} plan`,
          day(sub.subscribedAt) && `since ${day(sub.subscribedAt)}`,
          sub.paymentService && `via ${sub.paymentService}`,
        ],
        sep,
      ),
    ];
    if (account.subscriptionDescription) lines.push(account.subscriptionDescription);
    if (sub.features.length > 0) {
      const shown = sub.features.slice(0, FEATURES_SHOWN);
      const more = sub.features.length - shown.length;
      const count = `${sub.features.length} feature${sub.features.length === 1 ? '' : 's'}:`;
      const names = more > 0 ? [...shown, `+${more} more`] : shown;
      const wrapped = wrapList(names, Math.max(30, columns - LABEL_WIDTH - 4 - count.length - 1));
      lines.push(`${c.dim(count)} ${wrapped[0] ?? ''}`);
      for (const rest of wrapped.slice(1)) lines.push(`${' '.repeat(count.length + 1)}${rest}`);
    }
    rows.push(['Plex Pass', lines]);
  } else {
    rows.push(['Plex Pass', [c.dim(account.subscriptionDescription || 'none')]]);
  }

  // Plex Home.
  if (account.home) {
    const role = account.homeAdmin
      ? 'admin'
      : account.guest
        ? 'guest'
        : account.restricted
          ? 'managed user'
          : 'member';
    const size =
      account.homeSize !== undefined
        ? `${account.homeSize}${account.maxHomeSize !== undefined ? ` of ${account.maxHomeSize}` : ''} member${account.homeSize === 1 && account.maxHomeSize === undefined ? '' : 's'}`
        : undefined;
    rows.push(['Plex Home', [joinParts([role, size, account.protected && 'PIN protected'], sep)]]);
  } else {
    rows.push(['Plex Home', [c.dim('not in a Plex Home')]]);
  }

  // Two-factor authentication.
  if (account.twoFactorEnabled !== undefined) {
    const twoFactor = account.twoFactorEnabled
      ? joinParts(
          [
            yes('on'),
            account.backupCodesCreated === undefined
              ? undefined
              : account.backupCodesCreated
                ? 'backup codes created'
                : no('no backup codes'),
          ],
          sep,
        )
      : no('off');
    rows.push(['2FA', [twoFactor]]);
  }

  const region = joinParts([account.country, account.locale], sep);
  if (region) rows.push(['Region', [region]]);
  const joined = day(account.joinedAt);
  if (joined) rows.push(['Joined', [joined]]);

  const body = rows.flatMap(([label, lines]) =>
    lines.map((line, i) => `  ${c.cyan((i === 0 ? label : '').padEnd(LABEL_WIDTH))}  ${line}`),
  );
  return [heading, ...body].join('\n');
}
