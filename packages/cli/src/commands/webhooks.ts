/**
 * `plextv webhooks list|add|rm|set`: the URLs plex.tv POSTs the account's events to (a Plex Pass feature).
 * plex.tv only reads and replaces the whole list: `add` and `rm` read it first and keep the others.
 */
import type { Command } from 'commander';
import {
  checkWebhookUrl,
  ForbiddenError,
  getWebhooks,
  NotFoundError,
  PlexTvError,
  removeWebhook,
  setWebhooks,
} from 'plextv';
import { type CommandKit, unknownSubcommand } from '../command-kit.js';
import type { Context } from '../context.js';
import { CliError, said, UsageError } from '../errors.js';

export interface WebhooksSetOptions {
  /** Clear without asking. */
  yes?: boolean;
}

/** The URL as plextv would send it, or a usage error with the reason (exit 2). */
export function checkUrl(url: string): string {
  try {
    return checkWebhookUrl(url);
  } catch (error) {
    const message = (error instanceof Error ? error.message : String(error)).replace(/^plextv:\s*/, '');
    throw new UsageError(`${message.charAt(0).toUpperCase()}${message.slice(1)}.`);
  }
}

/** The same webhook? (URLs compare after normalisation: host case, default port.) */
function sameUrl(a: string, b: string): boolean {
  const norm = (url: string) => {
    try {
      return new URL(url).href;
    } catch {
      return url;
    }
  };
  return norm(a) === norm(b);
}

/**
 * Run a webhooks call; plex.tv's refusal for an account without Plex Pass (403) gets a clear message (exit 13,
 * `FORBIDDEN`).
 */
async function gated<T>(ctx: Context, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (error instanceof ForbiddenError || (error instanceof PlexTvError && error.status === 403)) {
      throw new CliError(
        'FORBIDDEN',
        `Webhooks are a Plex Pass feature: ${ctx.baseUrl} refused them for this account (${said(error)}). Subscribe to Plex Pass (see \`plextv whoami\`) to use webhooks.`,
        { cause: error },
      );
    }
    throw error;
  }
}

function printList(ctx: Context, urls: readonly string[], indent = ''): void {
  if (urls.length === 0) {
    // On stderr: stdout stays one URL a line (none here) for scripts.
    if (!ctx.json) ctx.out.err(ctx.out.ec.dim(`${indent}No webhooks.`));
    return;
  }
  for (const url of urls) ctx.out.out(`${indent}${url}`);
}

const count = (n: number) => `${n} webhook${n === 1 ? '' : 's'}`;

export async function listWebhooks(ctx: Context): Promise<void> {
  const client = await ctx.signedInClient();
  const urls = await gated(ctx, () => getWebhooks(client, { signal: ctx.signal }));
  ctx.out.data(urls);
  printList(ctx, urls);
}

export async function addWebhookCommand(ctx: Context, url: string): Promise<void> {
  const checked = checkUrl(url);
  const client = await ctx.signedInClient();
  const signal = ctx.signal;
  const current = await gated(ctx, () => getWebhooks(client, { signal }));
  const c = ctx.out.c;
  if (current.some((u) => sameUrl(u, checked))) {
    ctx.out.out(`${checked} is already a webhook: nothing changed (${count(current.length)}).`);
    ctx.out.data({ ok: true, changed: false, webhooks: current });
    return;
  }
  const webhooks = await gated(ctx, () => setWebhooks(client, [...current, checked], { signal }));
  ctx.out.out(`${c.green('✔')} Added ${checked} (${count(webhooks.length)} now).`);
  ctx.out.data({ ok: true, changed: true, webhooks });
}

export async function removeWebhookCommand(ctx: Context, url: string): Promise<void> {
  const checked = checkUrl(url);
  const client = await ctx.signedInClient();
  let webhooks: string[];
  try {
    webhooks = await gated(ctx, () => removeWebhook(client, checked, { signal: ctx.signal }));
  } catch (error) {
    if (error instanceof NotFoundError && error.status === undefined) {
      throw new UsageError(`${error.message}: nothing removed (\`plextv webhooks\` lists them).`);
    }
    throw error;
  }
  const c = ctx.out.c;
  ctx.out.out(`${c.green('✔')} Removed ${checked} (${count(webhooks.length)} left).`);
  ctx.out.data({ ok: true, changed: true, webhooks });
}

export async function setWebhooksCommand(
  ctx: Context,
  urls: readonly string[],
  options: WebhooksSetOptions,
): Promise<void> {
  const checked = urls.map(checkUrl);
  const client = await ctx.signedInClient();
  const signal = ctx.signal;
  const c = ctx.out.c;
  if (checked.length > 0) {
    const webhooks = await gated(ctx, () => setWebhooks(client, checked, { signal }));
    ctx.out.out(`${c.green('✔')} The account's webhooks are now (${count(webhooks.length)}):`);
    printList(ctx, webhooks, '  ');
    ctx.out.data({ ok: true, changed: true, webhooks });
    return;
  }
  // No URLs: clear them all, after confirmation.
  const current = await gated(ctx, () => getWebhooks(client, { signal }));
  if (current.length === 0) {
    ctx.out.out('No webhooks to clear.');
    ctx.out.data({ ok: true, changed: false, webhooks: [] });
    return;
  }
  const go = await ctx.confirm(`Remove all ${count(current.length)} (${current.join(', ')})?`, {
    yes: options.yes,
    action: `clearing ${count(current.length)}`,
  });
  if (!go) {
    ctx.out.out('Nothing changed.');
    ctx.out.data({ ok: true, changed: false, cancelled: true, webhooks: current });
    return;
  }
  await gated(ctx, () => setWebhooks(client, [], { signal }));
  ctx.out.out(`${c.green('✔')} Cleared the account's webhooks (removed ${count(current.length)}).`);
  ctx.out.data({ ok: true, changed: true, webhooks: [] });
}

/** `webhooks` (list) and its `list`, `add`, `rm` and `set` subcommands. */
export function register(program: Command, kit: CommandKit): void {
  const webhooks = program
    .command('webhooks')
    .description("list or change the account's webhooks (a Plex Pass feature)")
    .action(async (_options, command: Command) => {
      unknownSubcommand(command);
      await listWebhooks(await kit.tokenContextOf(command));
    });
  webhooks
    .command('list')
    .alias('ls')
    .description('list the webhook URLs (the default)')
    .action(async (_options, command: Command) => {
      await listWebhooks(await kit.tokenContextOf(command));
    });
  webhooks
    .command('add')
    .argument('<url>', 'an http(s) URL')
    .description('add a webhook, keeping the others')
    .action(async (url: string, _options, command: Command) => {
      await addWebhookCommand(await kit.tokenContextOf(command), url);
    });
  webhooks
    .command('rm')
    .alias('remove')
    .argument('<url>', 'the webhook URL to remove')
    .description('remove a webhook, keeping the others')
    .action(async (url: string, _options, command: Command) => {
      await removeWebhookCommand(await kit.tokenContextOf(command), url);
    });
  webhooks
    .command('set')
    .argument('[urls...]', 'the new list (none: clear them all)')
    .description('replace the webhooks with these URLs; with none, remove them all (after confirmation)')
    .option('-y, --yes', 'clear without asking (needed without a terminal)')
    .action(async (urls: string[], options, command: Command) => {
      await setWebhooksCommand(await kit.tokenContextOf(command), urls, options);
    });

  webhooks.allowExcessArguments();
}
