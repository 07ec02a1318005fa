/**
 * `plextv privacy`: the account's analytics settings (playback events, library statistics), and with
 * `--playback on|off` / `--library-stats on|off`, change them. `on` means shared with Plex; `off` opted out.
 */
import { type Command, InvalidArgumentError, Option } from 'commander';
import { getPrivacy, type Privacy, type PrivacySettings, setPrivacy } from 'plextv';
import type { CommandKit } from '../command-kit.js';
import type { Context } from '../context.js';
import { plain } from '../redact.js';

export interface PrivacyOptions {
  /** Share playback events (true, `on`) or opt out (false, `off`). */
  playback?: boolean;
  /** Share library statistics (true, `on`) or opt out (false, `off`). */
  libraryStats?: boolean;
}

/** `on`/`off` (also yes/no, true/false, 1/0) for commander. */
export function parseOnOff(value: string): boolean {
  const v = value.trim().toLowerCase();
  if (['on', 'yes', 'true', '1'].includes(v)) return true;
  if (['off', 'no', 'false', '0'].includes(v)) return false;
  throw new InvalidArgumentError('expected on or off.');
}

/** `on` when shared (not opted out), `off` when opted out, null when plex.tv does not say. */
function state(optOut: boolean | undefined): 'on' | 'off' | null {
  return optOut === undefined ? null : optOut ? 'off' : 'on';
}

export async function privacy(ctx: Context, options: PrivacyOptions): Promise<void> {
  const client = await ctx.signedInClient();
  const signal = ctx.signal;
  const settings: PrivacySettings = {};
  if (options.playback !== undefined) settings.optOutPlayback = !options.playback;
  if (options.libraryStats !== undefined) settings.optOutLibraryStats = !options.libraryStats;
  const changed = Object.keys(settings).length > 0;
  if (changed) await setPrivacy(client, settings, { signal });
  const current = await getPrivacy(client, { signal });

  ctx.out.data({
    ...(plain(current) as Privacy),
    playback: state(current.optOutPlayback),
    libraryStats: state(current.optOutLibraryStats),
    changed: [
      ...(options.playback === undefined ? [] : ['playback']),
      ...(options.libraryStats === undefined ? [] : ['libraryStats']),
    ],
  });
  if (ctx.json) return;

  const c = ctx.out.c;
  const show = (optOut: boolean | undefined) =>
    optOut === undefined
      ? c.dim('unknown')
      : optOut
        ? `${c.yellow('off')} (opted out)`
        : `${c.green('on')} (shared with Plex)`;
  const hint = (flag: string, optOut: boolean | undefined) =>
    optOut === undefined ? '' : c.dim(`  ${flag} ${optOut ? 'on' : 'off'} to change`);
  if (changed) ctx.out.out(`${c.green('✔')} Privacy settings saved.`);
  ctx.out.out(
    `${c.cyan('Playback events')}  ${show(current.optOutPlayback)}${hint('--playback', current.optOutPlayback)}`,
  );
  ctx.out.out(
    `${c.cyan('Library stats  ')}  ${show(current.optOutLibraryStats)}${hint('--library-stats', current.optOutLibraryStats)}`,
  );
  if (current.domain || current.baseUrl) {
    ctx.out.out(`${c.cyan('Analytics      ')}  ${current.baseUrl ?? current.domain}`);
  }
  if (current.metrics.length > 0) {
    const byStatus = new Map<string, number>();
    for (const m of current.metrics) {
      const status = m.status ?? 'unknown';
      byStatus.set(status, (byStatus.get(status) ?? 0) + 1);
    }
    const counts = [...byStatus].map(([status, n]) => `${n} ${status}`).join(', ');
    ctx.out.out(`${c.cyan('Events         ')}  ${counts} ${c.dim('(--json lists them)')}`);
  }
}

/** The `privacy` command. */
export function register(program: Command, kit: CommandKit): void {
  program
    .command('privacy')
    .description("show the account's analytics settings, or change them")
    .addOption(
      new Option('--playback <on|off>', 'share playback events with Plex (on) or opt out (off)').argParser(
        parseOnOff,
      ),
    )
    .addOption(
      new Option(
        '--library-stats <on|off>',
        'share library statistics with Plex (on) or opt out (off)',
      ).argParser(parseOnOff),
    )
    .action(async (options, command: Command) => {
      await privacy(await kit.tokenContextOf(command), options);
    });
}
