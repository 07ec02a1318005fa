/**
 * `--state FILE` against hostile files: nesting deep enough to overflow a recursive walk, references that
 * point at themselves, `__proto__` and `constructor` keys. Each must be a StateFileError (or load as plain
 * data), never a RangeError from the stack, a hang, or a polluted prototype.
 */
import { describe, expect, it } from 'vitest';
import { createEmulator, STATE_FILE_VERSION, StateFileError } from '../src/index.js';
import type { EmulatorState } from '../src/state/model.js';
import { restoreState, serializeState } from '../src/state/persist.js';
import { decodeSnapshot, SnapshotError } from '../src/util/snapshot.js';

const fileOf = (state: string) =>
  `{"format":"plextv-emulator-state","version":${STATE_FILE_VERSION},"state":${state}}`;

/** `depth` nested values around `leaf`, as JSON text (built without recursion). */
const nested = (depth: number, open: string, close: string, leaf = '1') =>
  open.repeat(depth) + leaf + close.repeat(depth);

const fresh = (): EmulatorState => createEmulator().state;

describe('state file: hostile files', () => {
  for (const [what, text] of [
    ['deep arrays', nested(200_000, '[', ']')],
    ['deep objects', nested(200_000, '{"a":', '}')],
    ['deep tagged arrays', nested(100_000, '{"$t":"array","v":[', ']}')],
    ['deep sets', nested(100_000, '{"$t":"set","v":[', ']}')],
    ['deep wrapped objects', nested(100_000, '{"$t":"object","v":{"x":', '}}')],
  ] as const) {
    it(`${what}: a SnapshotError, not a stack overflow`, async () => {
      const parsed = JSON.parse(text) as unknown;
      const error = await decodeSnapshot(parsed, 'state').catch((e: unknown) => e);
      expect(error).toBeInstanceOf(SnapshotError);
    });
  }

  it('a deeply nested state file is a StateFileError naming the file', async () => {
    const error = await restoreState(
      fileOf(`{"accounts":${nested(200_000, '[', ']')}}`),
      fresh(),
      'deep.json',
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StateFileError);
    expect((error as Error).message).toContain('deep.json');
    expect((error as Error).message).toContain('levels deep');
  });

  it('a real state still loads (the depth bound is far above what the emulator writes)', async () => {
    const emulator = createEmulator();
    const text = await serializeState(emulator.state);
    const back = await restoreState(text, fresh(), 'f.json');
    expect(back.accounts.size).toBe(emulator.state.accounts.size);
  });

  it('__proto__ and constructor keys stay data; Object.prototype is untouched', async () => {
    const decoded = (await decodeSnapshot(
      JSON.parse(
        '{"__proto__":{"polluted":1},"constructor":{"prototype":{"polluted":1}},"m":{"$t":"object","v":{"__proto__":{"polluted":2}}}}',
      ),
    )) as Record<string, unknown>;
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.getPrototypeOf(decoded)).toBe(Object.prototype);
    expect(Object.hasOwn(decoded, '__proto__')).toBe(true);
  });
});
