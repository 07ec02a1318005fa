/**
 * The state file on disk (Node only; loaded lazily by `emulator.listen({ stateFile })`): read once
 * at start, then written after changes (debounced) and on close. Writes are atomic (a temporary
 * file in the same folder, then a rename) and private (mode 0600: the file holds tokens).
 */

import { chmod, readFile, rename, rm, writeFile } from 'node:fs/promises';
import type { EmulatorState } from '../state/model.js';
import { restoreState, StateFileError, serializeState } from '../state/persist.js';

/** How long after a request the state is written (a burst of requests makes one write). */
export const STATE_SAVE_DELAY_MS = 200;

/** Reads and replaces the emulator's current state; `fresh` builds one from the seed. */
export interface StateAccess {
  get(): EmulatorState;
  set(state: EmulatorState): void;
  fresh(): EmulatorState;
}

/** An open state file: whether it was restored, and the hooks that keep it up to date. */
export interface StateFileStore {
  readonly file: string;
  /** True when the world came from the file (false: it did not exist, the seed's world was used). */
  readonly restored: boolean;
  /** Something may have changed: write soon. */
  changed(): void;
  /** Write now (if anything changed) and wait for every write. Throws what a write threw. */
  flush(): Promise<void>;
}

async function writeAtomically(file: string, text: string): Promise<void> {
  const temporary = `${file}.${process.pid}.${Date.now()}.tmp`;
  try {
    await writeFile(temporary, text, { mode: 0o600, flag: 'wx' });
    // The mode given to writeFile is narrowed by the umask, never widened; make it exact.
    await chmod(temporary, 0o600);
    await rename(temporary, file);
  } catch (err) {
    await rm(temporary, { force: true }).catch(() => {});
    throw new StateFileError(file, `cannot write it: ${(err as Error).message}`);
  }
}

/**
 * Opens `file`: restores the state from it when it exists (a file that is not a state file is an
 * error, and is left alone), then writes the current state at once, so a file that cannot be
 * written fails here rather than later.
 */
export async function openStateFile(file: string, access: StateAccess): Promise<StateFileStore> {
  let text: string | null = null;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT')
      throw new StateFileError(file, `cannot read it: ${(err as Error).message}`);
  }
  const restored = text !== null;
  if (text !== null) access.set(await restoreState(text, access.fresh(), file));

  let written: string | null = null;
  let timer: ReturnType<typeof setTimeout> | null = null;
  // Writes run one after another; a failed one does not stop the next.
  let chain: Promise<void> = Promise.resolve();
  const save = (): Promise<void> => {
    const run = chain.then(async () => {
      const next = await serializeState(access.get(), file);
      if (next === written) return;
      await writeAtomically(file, next);
      written = next;
    });
    chain = run.catch(() => {});
    return run;
  };
  await save();

  return {
    file,
    restored,
    changed() {
      if (timer !== null) return;
      timer = setTimeout(() => {
        timer = null;
        // Nobody awaits a debounced write: say so on stderr; close() reports the next failure.
        save().catch((err: Error) => console.error(`plextv-emulator: ${err.message}`));
      }, STATE_SAVE_DELAY_MS);
      // A pending write never keeps the process alive; close() flushes it.
      timer.unref?.();
    },
    async flush() {
      if (timer !== null) clearTimeout(timer);
      timer = null;
      await save();
    },
  };
}
