/**
 * The state file (`--state FILE`, `listen({ stateFile })`): the whole EmulatorState as versioned
 * JSON, so a world (accounts, tokens, devices, PINs, friends, shares, webhooks, signing keys…)
 * survives a restart. Every field is stored through the generic snapshot encoding, so fields added
 * to the state later are kept without touching this file; only the run's own settings (the request
 * log, the PIN limit) are left out and come from createEmulator's options. Pure: the file I/O is in
 * server/state-file.ts (Node only).
 */

import { decodeSnapshot, encodeSnapshot, SnapshotError } from '../util/snapshot.js';
import type { EmulatorState } from './model.js';

/** What the file says it is: the first key of every state file. */
export const STATE_FILE_FORMAT = 'plextv-emulator-state';
/** The format version this emulator writes and reads. Bump it when an old file must not be read as is. */
export const STATE_FILE_VERSION = 1;

/** Fields of the run, not of the world: never stored, always taken from the fresh state. */
const TRANSIENT: ReadonlySet<string> = new Set<keyof EmulatorState>(['requests', 'maxPins']);

/** A state file that cannot be read or written; the message names the file and what is wrong. */
export class StateFileError extends Error {
  /** The file, as given. */
  readonly file: string;
  constructor(file: string, message: string) {
    super(`state file ${file}: ${message}`);
    this.name = 'StateFileError';
    this.file = file;
  }
}

/** The state as the text of a state file (JSON, one field per line at the top level). */
export async function serializeState(state: EmulatorState, file = '(state)'): Promise<string> {
  const world: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(state)) if (!TRANSIENT.has(key)) world[key] = value;
  let encoded: unknown;
  try {
    encoded = await encodeSnapshot(world, 'state');
  } catch (err) {
    if (err instanceof SnapshotError)
      throw new StateFileError(
        file,
        `cannot store ${err.message}; a field of the run rather than of the world belongs in TRANSIENT (src/state/persist.ts)`,
      );
    throw err;
  }
  return `${JSON.stringify({ format: STATE_FILE_FORMAT, version: STATE_FILE_VERSION, state: encoded })}\n`;
}

/** Which kind of value a field holds, for the check that a stored field still fits the state. */
function kindOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (value instanceof Map) return 'Map';
  if (value instanceof Set) return 'Set';
  return typeof value;
}

/**
 * The state stored in `text` (the file `file`), laid over `fresh` (a state just built from the
 * seed): every stored field replaces the fresh one; a field the file lacks (the state gained it
 * after the file was written) keeps its fresh value; a stored field the state no longer has is
 * dropped. Anything that is not a state file of this version is a StateFileError.
 */
export async function restoreState(text: string, fresh: EmulatorState, file: string): Promise<EmulatorState> {
  const notOurs = `is not a plextv-emulator state file (move it away, or pass another file; it is never overwritten)`;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (err) {
    throw new StateFileError(file, `${notOurs}: not JSON (${(err as Error).message})`);
  }
  const head = parsed as { format?: unknown; version?: unknown; state?: unknown } | null;
  if (head === null || typeof head !== 'object' || head.format !== STATE_FILE_FORMAT)
    throw new StateFileError(file, `${notOurs}: no "format": "${STATE_FILE_FORMAT}"`);
  if (head.version !== STATE_FILE_VERSION) {
    const newer = typeof head.version === 'number' && head.version > STATE_FILE_VERSION;
    throw new StateFileError(
      file,
      newer
        ? `was written by a newer plextv-emulator (format version ${head.version}; this one reads ${STATE_FILE_VERSION})`
        : `${notOurs}: unknown format version ${JSON.stringify(head.version)}`,
    );
  }
  let world: unknown;
  try {
    world = await decodeSnapshot(head.state, 'state');
  } catch (err) {
    if (err instanceof SnapshotError) throw new StateFileError(file, `is damaged: ${err.message}`);
    throw err;
  }
  if (world === null || typeof world !== 'object' || Array.isArray(world))
    throw new StateFileError(file, 'is damaged: "state" is not an object');
  const out: Record<string, unknown> = { ...fresh };
  for (const [key, value] of Object.entries(world)) {
    if (TRANSIENT.has(key) || !Object.hasOwn(fresh, key)) continue;
    const want = kindOf((fresh as unknown as Record<string, unknown>)[key]);
    const got = kindOf(value);
    // null and an object are both fine where either may appear; other kinds must match.
    if (want !== got && !(want === 'null' || got === 'null'))
      throw new StateFileError(file, `is damaged: state.${key} is a ${got}, expected a ${want}`);
    out[key] = value;
  }
  return out as unknown as EmulatorState;
}
