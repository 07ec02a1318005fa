/** What a command file gets to register its commands: the run's context, made when a command runs. */
import type { Command } from 'commander';
import type { Context } from './context.js';
import { UsageError } from './errors.js';

export interface CommandKit {
  /** The run's context from the global options (noted for error messages: its base URL). */
  contextOf(command: Command): Context;
  /** The same, with the token's source noted for error messages (`--token`, `PLEX_TOKEN`, the config). */
  tokenContextOf(command: Command): Promise<Context>;
}

/** A command file: adds its commands (with their options and help) to the program. */
export type RegisterCommands = (program: Command, kit: CommandKit) => void;

/** `plextv devices rmm x`: a usage error naming the subcommands (commander would say "too many arguments"). */
export function unknownSubcommand(command: Command): void {
  const [word] = command.args;
  if (word === undefined) return;
  const names = command.commands.map((c) => c.name());
  const near = names.find((name) => name.startsWith(word.slice(0, 2)));
  const path: string[] = [];
  for (let c: Command | null = command; c?.parent; c = c.parent) path.unshift(c.name());
  throw new UsageError(
    `unknown command '${word}' for 'plextv ${path.join(' ')}'${near ? ` (did you mean ${near}?)` : ''}: use ${names.join(', ')}.`,
  );
}
