/** Removing something for good (a device, a member, a friend, a share): asked first, a "no" said alike by all. */
import type { Context } from './context.js';

export interface RemovalOptions {
  /** `--yes`: no question. */
  yes?: boolean | undefined;
  /** What is not done without confirmation: `removing "Kids"`. */
  action: string;
  /** What to say on a "no" (default `Nothing removed.`). */
  nothing?: string;
}

/**
 * Whether to go ahead (`Context.confirm`). On a "no", says so and writes the `--json` result of a cancelled
 * removal (`{"ok":true,"removed":null,"cancelled":true}`): the caller just returns.
 */
export async function confirmRemoval(
  ctx: Context,
  question: string,
  options: RemovalOptions,
): Promise<boolean> {
  const go = await ctx.confirm(question, { yes: options.yes, action: options.action });
  if (!go) {
    ctx.out.out(options.nothing ?? 'Nothing removed.');
    ctx.out.data({ ok: true, removed: null, cancelled: true });
  }
  return go;
}
