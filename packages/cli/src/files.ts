/**
 * The file primitives under the config and device-key stores: private atomic writes, reads that refuse
 * anything but a regular file, permission repair, and the file-system seam tests use to simulate failures.
 */
import { randomBytes } from 'node:crypto';
import { promises as nodeFs } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { ConfigError } from './errors.js';

/**
 * The file-system calls the stores make: node's `fs.promises` by default. Tests replace some of them to
 * simulate failures a root test run cannot produce for real (EACCES on a file mode 0000, ENOSPC, EROFS).
 */
export type StoreFs = Pick<
  typeof nodeFs,
  'open' | 'readFile' | 'rename' | 'rm' | 'stat' | 'mkdir' | 'chmod' | 'link' | 'readdir'
>;

export const nodeStoreFs: StoreFs = nodeFs;

export function errnoCode(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

/** Why a file operation failed, in words (the errno's meaning; never the raw message, which may be long). */
export function reason(error: unknown): string {
  const code = errnoCode(error);
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'EISDIR') return 'it is a directory';
  if (code === 'ENOTDIR') return 'a parent is not a directory';
  if (code === 'EROFS') return 'read-only file system';
  if (code === 'ENOSPC') return 'no space left on device';
  if (code === 'EDQUOT') return 'disk quota exceeded';
  if (code === 'EMFILE' || code === 'ENFILE') return 'too many open files';
  if (code === 'ELOOP') return 'too many symbolic links';
  if (code === 'EIO') return 'input/output error';
  if (code) return code;
  return error instanceof Error ? error.message : String(error);
}

/** What the user can do about a failure to read or write `path`. */
function advice(error: unknown, path: string): string {
  const code = errnoCode(error);
  if (code === 'EACCES' || code === 'EPERM') {
    return ` It should belong to you with mode 0600 (check \`ls -l ${path}\`).`;
  }
  return '';
}

/** A file's text and mode bits. */
export interface FileContent {
  text: string;
  mode: number;
}

/**
 * Read `path` (named `what` in errors: "config file", "device key file"), or undefined when it does not
 * exist. A directory or any other non-regular file in its place, or a failure to read it, is a ConfigError
 * (exit 9) naming the path.
 */
export async function readFileIfAny(
  fs: StoreFs,
  path: string,
  what: string,
): Promise<FileContent | undefined> {
  try {
    const stat = await fs.stat(path);
    if (stat.isDirectory()) {
      throw new ConfigError(
        `Cannot read the ${what} ${path}: it is a directory, not a file. Move it away (or delete it).`,
        path,
      );
    }
    // A FIFO would block the read forever, a device would be read as config: only regular files.
    if (!stat.isFile()) {
      throw new ConfigError(
        `Cannot read the ${what} ${path}: it is not a regular file. Move it away (or delete it).`,
        path,
      );
    }
    return { text: await fs.readFile(path, 'utf8'), mode: stat.mode };
  } catch (error) {
    if (error instanceof ConfigError) throw error;
    if (errnoCode(error) === 'ENOENT') return undefined;
    throw new ConfigError(`Cannot read the ${what} ${path}: ${reason(error)}.${advice(error, path)}`, path, {
      cause: error,
    });
  }
}

/**
 * A private file (0600 when plextv wrote it) that other users may read or write (mode 0644, 0666, 0640…):
 * make it 0600 again, and say so once through `warn`, naming what was exposed and what was fixed. Nothing
 * to do when the mode is private already (or on Windows, where modes mean little).
 */
export async function tightenMode(
  fs: StoreFs,
  path: string,
  mode: number,
  what: string,
  holds: string,
  ifRead: string,
  warn: (message: string) => void,
): Promise<void> {
  if (process.platform === 'win32' || (mode & 0o077) === 0) return;
  const was = `0${(mode & 0o777).toString(8)}`;
  const access = mode & 0o044 ? 'readable' : 'writable';
  try {
    await fs.chmod(path, 0o600);
    warn(
      `the ${what} ${path} was ${access} by other users (mode ${was}) and holds ${holds}: it is now 0600 (only you can read it). If someone else may have read it, ${ifRead}.`,
    );
  } catch (error) {
    warn(
      `the ${what} ${path} is ${access} by other users (mode ${was}) and holds ${holds}, and it could not be made 0600 (${reason(error)}): run \`chmod 600 ${path}\`.`,
    );
  }
}

/**
 * The config directory, when other users may read, list or write in it (mode 0755, 0777…): made 0700 again,
 * said once through `warn`. A directory that is not ours to tighten (another user's, or a shared one with
 * the sticky bit, like /tmp) is refused: a ConfigError (exit 9) naming it. Nothing to do when it is private
 * already, does not exist, or on Windows. `path` is the file it is for (errors name it).
 */
export async function tightenDir(
  fs: StoreFs,
  dir: string,
  path: string,
  warn: (message: string) => void,
): Promise<void> {
  if (process.platform === 'win32') return;
  let stat: Awaited<ReturnType<StoreFs['stat']>>;
  try {
    stat = await fs.stat(dir);
  } catch {
    return; // missing (created 0700 when needed) or unusable (the read or write that follows says why)
  }
  if (!stat.isDirectory() || (stat.mode & 0o077) === 0) return;
  const was = `0${(stat.mode & 0o7777).toString(8)}`;
  const access = stat.mode & 0o022 ? 'writable' : 'readable';
  const mine = typeof process.getuid !== 'function' || stat.uid === process.getuid();
  if (!mine || stat.mode & 0o1000) {
    throw new ConfigError(
      `The config directory ${dir} is ${access} by other users (mode ${was}${mine ? ', a shared directory' : ', owned by another user'}): plextv keeps its token there only in a private directory. Pass --config-dir (or set PLEXTV_CONFIG_DIR) to a directory of your own.`,
      path,
    );
  }
  try {
    await fs.chmod(dir, 0o700);
  } catch (error) {
    throw new ConfigError(
      `The config directory ${dir} is ${access} by other users (mode ${was}) and could not be made 0700 (${reason(error)}): run \`chmod 700 ${dir}\`.`,
      path,
      { cause: error },
    );
  }
  warn(
    `the config directory ${dir} was ${access} by other users (mode ${was}): it is now 0700 (only you can use it).`,
  );
}

/**
 * Write `text` to `path` (a file in `dir`) atomically and privately: the directory is created 0700 if
 * needed, then a temp file (0600) in the same directory is written, fsynced and renamed over `path`, and the
 * directory fsynced. A reader sees the old file or the new one, never a part of either. `what` names the
 * file in errors ("config file", "device key file"). Callers hold the directory's lock (see lock.ts).
 */
export async function writeFileAtomic(
  fs: StoreFs,
  dir: string,
  path: string,
  text: string,
  what: string,
): Promise<void> {
  await ensureDir(fs, dir, path);
  const temp = join(dir, `.${basename(path)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    const handle = await fs.open(temp, 'wx', 0o600);
    try {
      // open's mode is filtered by the umask (which may be odd): chmod makes it exactly 0600.
      await handle.chmod(0o600);
      await handle.writeFile(text, 'utf8');
      await handle.sync();
    } finally {
      await handle.close();
    }
    await fs.rename(temp, path);
  } catch (error) {
    await fs.rm(temp, { force: true }).catch(() => {});
    throw new ConfigError(`Cannot write the ${what} ${path}: ${reason(error)}.${advice(error, dir)}`, path, {
      cause: error,
    });
  }
  await syncDir(fs, dir);
}

/** Delete `path` if it exists (an error names it as `what`). Resolves with whether there was one. */
export async function removeFile(fs: StoreFs, path: string, what: string): Promise<boolean> {
  try {
    await fs.rm(path);
    return true;
  } catch (error) {
    if (errnoCode(error) === 'ENOENT') return false;
    throw new ConfigError(`Cannot delete the ${what} ${path}: ${reason(error)}.`, path, { cause: error });
  }
}

/** Create the config directory (0700) if it does not exist. `path` is the file it is for (errors name it). */
export async function ensureDir(fs: StoreFs, dir: string, path: string): Promise<void> {
  try {
    const stat = await fs.stat(dir);
    if (!stat.isDirectory()) {
      throw new ConfigError(`The config directory ${dir} is not a directory.`, path);
    }
    return;
  } catch (error) {
    if (error instanceof ConfigError) throw error;
    if (errnoCode(error) !== 'ENOENT') {
      throw new ConfigError(`Cannot use the config directory ${dir}: ${reason(error)}.`, path, {
        cause: error,
      });
    }
  }
  try {
    await fs.mkdir(dirname(dir), { recursive: true, mode: 0o700 });
    await fs.mkdir(dir, { mode: 0o700 });
    // mkdir's mode is filtered by the umask, which can only remove bits; chmod makes it exact.
    await fs.chmod(dir, 0o700);
  } catch (error) {
    if (errnoCode(error) === 'EEXIST') return;
    throw new ConfigError(`Cannot create the config directory ${dir}: ${reason(error)}.`, path, {
      cause: error,
    });
  }
}

/** fsync the directory so the rename itself is durable. Best effort: not every platform allows it. */
async function syncDir(fs: StoreFs, dir: string): Promise<void> {
  let handle: Awaited<ReturnType<StoreFs['open']>> | undefined;
  try {
    handle = await fs.open(dir, 'r');
    await handle.sync();
  } catch {
    // Windows and some file systems refuse to open or fsync a directory.
  } finally {
    await handle?.close().catch(() => {});
  }
}
