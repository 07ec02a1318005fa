/**
 * Asking the user things: @inquirer/prompts, drawn on stderr so stdout stays clean (and `--json` parseable).
 * @inquirer/prompts is loaded on the first question only: most commands never ask, and loading it costs
 * more than the rest of the CLI's startup.
 */
import type { OutStream } from './output.js';

/** @inquirer/prompts, loaded once, when first needed. */
let inquirer: Promise<typeof import('@inquirer/prompts')> | undefined;
const prompts = () => {
  inquirer ??= import('@inquirer/prompts');
  return inquirer;
};

export interface PromptOptions {
  /** Returns an error message for an unacceptable answer, or true. */
  validate?: (value: string) => true | string;
}

export interface Prompter {
  input(message: string, options?: PromptOptions): Promise<string>;
  password(message: string, options?: PromptOptions): Promise<string>;
  /** A yes/no question (default no). Without it, `input` is asked and `y`/`yes` means yes. */
  confirm?(message: string): Promise<boolean>;
}

/** Ask a yes/no question with `prompter` (default answer: no). */
export async function askYesNo(prompter: Prompter, message: string): Promise<boolean> {
  if (prompter.confirm) return prompter.confirm(message);
  const answer = await prompter.input(`${message} (y/N)`);
  return /^\s*y(es)?\s*$/i.test(answer);
}

export interface PromptStreams {
  stdin: NodeJS.ReadableStream;
  stderr: OutStream;
  signal?: AbortSignal | undefined;
}

/** The default prompter: interactive prompts on the terminal. */
export function inquirerPrompter(streams: PromptStreams): Prompter {
  const context = {
    input: streams.stdin,
    output: streams.stderr as NodeJS.WritableStream,
    signal: streams.signal,
  };
  return {
    input: async (message, options = {}) =>
      (await prompts()).input(
        { message, required: true, ...(options.validate ? { validate: options.validate } : {}) },
        context,
      ),
    password: async (message, options = {}) =>
      (await prompts()).password(
        { message, mask: true, ...(options.validate ? { validate: options.validate } : {}) },
        context,
      ),
    confirm: async (message) => (await prompts()).confirm({ message, default: false }, context),
  };
}

/** Read all of stdin (for `--password-stdin`), without its final line break. */
export async function readStdin(stdin: NodeJS.ReadableStream, signal?: AbortSignal): Promise<string> {
  const chunks: Buffer[] = [];
  const abort = new Promise<never>((_, reject) => {
    signal?.addEventListener('abort', () => reject(signal.reason), { once: true });
  });
  const read = (async () => {
    for await (const chunk of stdin)
      chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : Buffer.from(chunk));
  })();
  await (signal ? Promise.race([read, abort]) : read);
  return Buffer.concat(chunks)
    .toString('utf8')
    .replace(/\r?\n$/, '');
}
