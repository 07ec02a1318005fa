/** The end of every sign-in (PIN or password): the token, its account and device key saved, then reported. */
import type { DeviceKey } from 'plextv';
import { describeAccount } from '../account-summary.js';
import type { AccountSummary, StoredConfig } from '../config.js';
import { type Context, tokenKind } from '../context.js';

/**
 * Store a new sign-in: the token (and whom it is for) in config.json, the device key of a Plex JWT in
 * device-key.json (written first, so the config never names a JWT without its key); a legacy token
 * replaces any older device key. Then "Signed in as …" (or, with --json, `{"ok":true,"account":…}`).
 */
export async function saveLogin(
  ctx: Context,
  config: StoredConfig,
  token: string,
  account: AccountSummary,
  deviceKey?: DeviceKey,
): Promise<void> {
  ctx.out.addSecret(token);
  // One locked change: another plextv never sees (or leaves) a Plex JWT without its key, and what it
  // changed meanwhile in the config (other keys) is kept.
  await ctx.transaction(async () => {
    if (deviceKey) {
      const stored = await ctx.keyStore.write(deviceKey, {
        baseUrl: ctx.baseUrl,
        clientIdentifier: config.clientIdentifier,
      });
      ctx.out.addSecret(stored.key.d);
    }
    // The token (and key) belong to the client identifier they were made with.
    await ctx.updateConfig((current) => ({
      ...current,
      clientIdentifier: config.clientIdentifier,
      baseUrl: ctx.baseUrl,
      token,
      account,
    }));
    if (!deviceKey) await ctx.keyStore.remove();
  });

  const c = ctx.out.c;
  const kind = tokenKind(token);
  ctx.out.out(`${c.green('✔')} Signed in as ${c.bold(describeAccount(account) ?? `account ${account.id}`)}`);
  ctx.out.out(
    c.dim(
      kind === 'plex-jwt'
        ? `  Plex JWT saved in ${ctx.store.path}, its device key in ${ctx.keyStore.path} (for ${ctx.baseUrl}).`
        : `  Token saved in ${ctx.store.path} (for ${ctx.baseUrl}).`,
    ),
  );
  ctx.out.data({ ok: true, account });
}
