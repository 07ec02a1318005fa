/**
 * `plextv devices`: the devices signed in to the account (apps, servers, scripts like this one), and
 * `plextv devices rm`: remove one, which signs it out (its token stops working).
 */
import type { Command } from 'commander';
import { getDevices, type PlexDevice, removeDevice } from 'plextv';
import { type CommandKit, unknownSubcommand } from '../command-kit.js';
import { confirmRemoval } from '../confirm-removal.js';
import type { Context } from '../context.js';
import { UsageError } from '../errors.js';
import { plain, redactSecrets } from '../redact.js';
import { label, selectOne, shortIds } from '../select.js';
import { renderTable } from '../ui/table.js';
import { relative } from './token.js';

export interface DevicesOptions {
  /** With `--json`: keep each device's token instead of `"[redacted]"`. */
  showTokens?: boolean;
}

export interface RemoveDeviceOptions {
  /** Do not ask for confirmation. */
  yes?: boolean;
}

/** `3 hours ago`; older than 60 days: the day (`2024-03-01`). */
export function lastSeen(date: Date | undefined, now = Date.now()): string {
  if (!date || Number.isNaN(date.getTime())) return '';
  const ago = now - date.getTime();
  if (ago > 60 * 86_400_000) return date.toISOString().slice(0, 10);
  if (ago < 0) return 'just now';
  return relative(-ago);
}

/** `Plex Web 4.145.1`: the product and its version, whatever there is of them. */
function productOf(device: PlexDevice): string {
  return [device.product, device.productVersion].filter(Boolean).join(' ');
}

function platformOf(device: PlexDevice): string {
  return device.platform ?? device.device ?? '';
}

/** Fetch the devices; their tokens become secrets of the run (scrubbed from any output). */
async function fetchDevices(ctx: Context): Promise<{ devices: PlexDevice[]; self: string | undefined }> {
  const client = await ctx.signedInClient();
  const devices = await getDevices(client, { signal: ctx.signal });
  for (const device of devices) ctx.out.addSecret(device.token);
  const config = await ctx.config();
  return { devices, self: config?.clientIdentifier };
}

export async function listDevices(ctx: Context, options: DevicesOptions): Promise<void> {
  if (options.showTokens && !ctx.json) {
    throw new UsageError('--show-tokens only applies with --json.');
  }
  const { devices, self } = await fetchDevices(ctx);
  if (ctx.json) {
    if (options.showTokens) ctx.out.dataWithSecrets(plain(devices));
    else ctx.out.data(redactSecrets(devices));
    return;
  }
  const c = ctx.out.c;
  if (devices.length === 0) {
    ctx.out.out(c.dim('No devices are signed in to this account.'));
    return;
  }
  const ids = shortIds(devices);
  const now = Date.now();
  const sorted = [...devices].sort((a, b) => (b.lastSeenAt?.getTime() ?? 0) - (a.lastSeenAt?.getTime() ?? 0));
  const rows = sorted.map((d) => [
    (d.name ? d.name : c.dim('(no name)')) + (d.clientIdentifier === self ? c.green(' (this plextv)') : ''),
    productOf(d),
    platformOf(d),
    lastSeen(d.lastSeenAt, now),
    ids.get(d.clientIdentifier) ?? d.clientIdentifier,
  ]);
  ctx.out.out(
    renderTable(['NAME', 'PRODUCT', 'PLATFORM', 'LAST SEEN', 'CLIENT ID'], rows, {
      c,
      columns: ctx.out.terminalColumns,
      shrink: [1, 0, 2, 4],
    }),
  );
  const n = devices.length;
  ctx.out.out(
    c.dim(`${n} device${n === 1 ? '' : 's'}. Sign one out with \`plextv devices rm <name|client id>\`.`),
  );
}

export async function removeDeviceCommand(
  ctx: Context,
  query: string,
  options: RemoveDeviceOptions,
): Promise<void> {
  const { devices, self } = await fetchDevices(ctx);
  const device = selectOne(devices, query, 'device');
  const name = label(device, shortIds(devices));
  const c = ctx.out.c;
  const what = [productOf(device), platformOf(device) && `on ${platformOf(device)}`]
    .filter(Boolean)
    .join(' ');
  const seen = lastSeen(device.lastSeenAt);
  const description = `${name}${what ? `, ${what}` : ''}${seen ? `, last seen ${seen}` : ''}`;
  const isSelf = device.clientIdentifier === self;
  if (isSelf) {
    ctx.out.err(
      c.yellow(
        'note: this is plextv itself (its client identifier): removing it revokes the token plextv uses here.',
      ),
    );
  }
  const summary = {
    id: device.id,
    clientIdentifier: device.clientIdentifier,
    name: device.name ?? null,
    product: device.product ?? null,
    platform: device.platform ?? null,
  };
  const question = `Remove ${description} from the account? It will be signed out.`;
  if (!(await confirmRemoval(ctx, question, { yes: options.yes, action: `removing ${name}` }))) return;
  await removeDevice(await ctx.signedInClient(), device.id, { signal: ctx.signal });
  ctx.out.out(`${c.green('✔')} Removed ${description}: it is signed out of the account.`);
  ctx.out.data({ ok: true, removed: summary, self: isSelf });
}

/** `devices` (list) and its `list` and `rm` subcommands. */
export function register(program: Command, kit: CommandKit): void {
  const devices = program
    .command('devices')
    .description('list the devices signed in to the account (`devices rm` signs one out)')
    .option('--show-tokens', 'with --json: include each device\'s token instead of "[redacted]"')
    .action(async (options, command: Command) => {
      unknownSubcommand(command);
      await listDevices(await kit.tokenContextOf(command), options);
    });
  devices
    .command('list')
    .alias('ls')
    .description('list the devices signed in to the account (the default)')
    .action(async (_options, command: Command) => {
      await listDevices(await kit.tokenContextOf(command), command.optsWithGlobals());
    });
  devices
    .command('rm')
    .alias('remove')
    .argument('<device>', 'its name, client identifier (or the short one the list shows), or plex.tv id')
    .description('remove a device from the account: it is signed out (its token stops working)')
    .option('-y, --yes', 'do not ask for confirmation (needed without a terminal)')
    .action(async (device: string, options, command: Command) => {
      await removeDeviceCommand(await kit.tokenContextOf(command), device, options);
    });

  // After the subcommands (which would inherit it): `devices <word>` reaches the action, which names them.
  devices.allowExcessArguments();
}
