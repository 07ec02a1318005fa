/**
 * plextv-cli: the `plextv` command, and the same as a function for tests and embedding.
 *
 * @example
 * ```ts
 * import { run, ExitCode } from 'plextv-cli';
 * const code = await run(['whoami', '--json'], { env: { ...process.env, PLEXTV_BASE_URL: url } });
 * ```
 * @packageDocumentation
 */
export {
  type AccountSummary,
  CONFIG_FILE,
  ConfigStore,
  LOCK_FILE,
  type LockOptions,
  resolveConfigDir,
  StoreDir,
  type StoredConfig,
  type StoreFs,
  type StoreOptions,
} from './config.js';
export { DEVICE_KEY_FILE, DeviceKeyStore, type StoredDeviceKey } from './device-key-store.js';
export { CliError, ConfigError, describeFailure, type Failure, UsageError } from './errors.js';
export { ExitCode, type ExitCodeName, type ExitCodeValue } from './exit-codes.js';
export type { Env, OutStream } from './output.js';
export type { Prompter, PromptOptions } from './prompt.js';
export { REDACTED, redactAccount } from './redact.js';
export { type RunOptions, run } from './run.js';
export { VERSION } from './version.js';
