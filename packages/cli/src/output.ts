/**
 * Where output goes and how it looks: colours only on a terminal (and never with `--no-color`, `NO_COLOR`
 * or `TERM=dumb`; `FORCE_COLOR` forces them), JSON for `--json`, and a last-line scrub of known secrets.
 */
import pc from 'picocolors';

export type Colors = ReturnType<typeof pc.createColors>;

/** A writable stream, possibly a terminal. */
export interface OutStream {
  write(chunk: string): unknown;
  isTTY?: boolean | undefined;
  columns?: number | undefined;
}

export type Env = Record<string, string | undefined>;

/** Whether to colour what goes to `stream`. */
export function wantsColor(stream: OutStream, env: Env, flag: boolean): boolean {
  if (!flag) return false;
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  const force = env.FORCE_COLOR;
  if (force !== undefined && force !== '') return force !== '0' && force !== 'false';
  if (env.TERM === 'dumb') return false;
  return stream.isTTY === true;
}

export interface OutputOptions {
  stdout: OutStream;
  stderr: OutStream;
  env: Env;
  color: boolean;
  json: boolean;
}

export class Output {
  readonly json: boolean;
  /** Colours for stdout. */
  readonly c: Colors;
  /** Colours for stderr. */
  readonly ec: Colors;
  readonly #stdout: OutStream;
  readonly #stderr: OutStream;
  readonly #secrets = new Set<string>();

  constructor(options: OutputOptions) {
    this.json = options.json;
    this.#stdout = options.stdout;
    this.#stderr = options.stderr;
    this.c = pc.createColors(wantsColor(options.stdout, options.env, options.color));
    this.ec = pc.createColors(wantsColor(options.stderr, options.env, options.color));
  }

  /** The terminal's width when stdout is a terminal (tables fit in it), else undefined (no fitting). */
  get terminalColumns(): number | undefined {
    return this.#stdout.isTTY === true ? this.columns : undefined;
  }

  /** Terminal width for wrapping, when stdout is a terminal. */
  get columns(): number {
    const cols = this.#stdout.columns;
    return typeof cols === 'number' && cols >= 40 ? cols : 80;
  }

  /**
   * Never print `value` (a token, a password): `out`, `err` and `data` replace it with `[redacted]`.
   * `secret()` is the only way around that (for `plextv token --show`).
   */
  addSecret(value: string | undefined): void {
    if (value && value.length >= 4) this.#secrets.add(value);
  }

  scrub(text: string): string {
    let result = text;
    for (const secret of this.#secrets) result = result.split(secret).join('[redacted]');
    return result;
  }

  /** A line (or lines) of human output on stdout. Suppressed under `--json`. */
  out(text = ''): void {
    if (this.json) return;
    this.#stdout.write(`${this.scrub(text)}\n`);
  }

  /** A line on stderr (notes, warnings, errors). Shown with `--json` too: stdout stays machine-readable. */
  err(text: string): void {
    this.#stderr.write(`${this.scrub(text)}\n`);
  }

  /** The machine-readable result under `--json` (pretty-printed JSON, one document). */
  data(value: unknown): void {
    if (!this.json) return;
    this.#stdout.write(`${this.scrub(JSON.stringify(value, null, 2))}\n`);
  }

  /** Print a secret as asked for (`token --show`): the one place scrubbing is bypassed. */
  secret(text: string): void {
    this.#stdout.write(`${text}\n`);
  }

  /** Print JSON that deliberately holds secrets (`whoami --json --show-token`). */
  dataWithSecrets(value: unknown): void {
    this.#stdout.write(`${JSON.stringify(value, null, 2)}\n`);
  }
}
