// Writes an output so that the target is either the old file or the complete new one,
// never half of it: write a temp file in the same folder, fsync, rename over the target.
// Also refuses to write over an input, and says what to do when Excel holds the file open.

import { randomBytes } from 'node:crypto';
import { unlinkSync } from 'node:fs';
import { mkdir, open, realpath, rename, rm, stat } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { isKnownError, OutputError, type Bilingual } from './errors.js';

export interface AtomicWriteOptions {
  /** The files this run reads; the target must not be one of them. */
  inputs: readonly string[];
}

const MESSAGES = {
  isInput: {
    zh: '不会覆盖输入文件，请用 --out-dir 指定其他输出目录',
    en: 'Refusing to overwrite an input file; choose another output folder with --out-dir',
  },
  busy: {
    zh: '无法写入：文件可能正在 Excel/WPS 中打开，请关闭后重试',
    en: 'Cannot write the file: it may be open in Excel/WPS; close it and try again',
  },
  noPermission: {
    zh: '无法写入：没有该文件或文件夹的写入权限；请检查权限，或用 --out-dir 指定其他输出目录',
    en: 'Cannot write the file: no write permission for it or its folder; check the permissions or choose another folder with --out-dir',
  },
  dirMissing: {
    zh: '输出目录不存在；请先创建该文件夹，或用 --out-dir 指定已有的目录',
    en: 'The output folder does not exist; create it or choose an existing folder with --out-dir',
  },
  dirIsFile: {
    zh: '输出目录其实是一个文件，不是文件夹；请用 --out-dir 指定一个文件夹',
    en: 'The output folder is a file, not a folder; choose a folder with --out-dir',
  },
  targetIsDir: {
    zh: '输出路径已被一个同名文件夹占用，无法写成文件；请改名或删除该文件夹，或用 --out-dir 指定其他输出目录',
    en: 'A folder already exists where the output file should go; rename or remove it, or choose another folder with --out-dir',
  },
  diskFull: {
    zh: '磁盘空间不足，无法写入；请清理磁盘，或用 --out-dir 指定其他磁盘上的目录',
    en: 'The disk is full; free some space or choose a folder on another disk with --out-dir',
  },
  outDirIsFile: {
    zh: '--out-dir 指定的路径是一个文件，不是文件夹；请换一个文件夹路径',
    en: 'The --out-dir path is a file, not a folder; pass a folder path',
  },
} satisfies Record<string, Bilingual>;

/**
 * Calls `write(tmpPath)` to produce the file at a temp path next to `target`, then
 * fsyncs it and renames it over `target`. On any failure the temp file is removed and
 * file-system errors become an OutputError that says what to do.
 */
export async function writeFileAtomic(
  target: string,
  write: (tmpPath: string) => Promise<void>,
  options: AtomicWriteOptions,
): Promise<void> {
  const targetPath = resolve(target);
  const dir = dirname(targetPath);
  await refuseInputs(targetPath, options.inputs);
  await checkPlace(targetPath, dir);

  const tmpPath = join(dir, `.${basename(targetPath)}.tmp-${process.pid}-${randomBytes(6).toString('hex')}`);
  installSignalCleanup();
  liveTempFiles.add(tmpPath);
  try {
    await write(tmpPath);
    await syncPath(tmpPath, 'r+').catch(() => syncPath(tmpPath, 'r')); // a writer may leave the file read-only
    await renameWithRetry(tmpPath, targetPath);
  } catch (error) {
    await rm(tmpPath, { force: true }).catch(() => undefined);
    throw await writeError(error, targetPath, dir);
  } finally {
    liveTempFiles.delete(tmpPath);
  }
  // Make the rename itself durable; folders cannot be opened for fsync on Windows.
  if (process.platform !== 'win32') await syncPath(dir, 'r').catch(() => undefined);
}

/** Creates the --out-dir folder (and its parents) unless it exists; fails if the path is a file. */
export async function ensureOutDir(dir: string): Promise<void> {
  try {
    await mkdir(dir, { recursive: true });
  } catch (error) {
    const code = errorCode(error);
    // EEXIST: the path is a file; ENOTDIR: one of its parents is.
    const text = code === 'EEXIST' || code === 'ENOTDIR' ? MESSAGES.outDirIsFile : byCode(code);
    throw text ? new OutputError(text, dir, { cause: error }) : error;
  }
}

// ---- refusing to overwrite an input ----------------------------------------------------------

interface FileIdentity {
  real: string;
  exists: boolean;
  /** dev:ino of an existing file; undefined when the file does not exist or the FS has no inode numbers. */
  inode?: string;
}

async function refuseInputs(targetPath: string, inputs: readonly string[]): Promise<void> {
  const target = await identify(targetPath);
  for (const input of inputs) {
    if (sameFile(target, await identify(resolve(input)))) throw new OutputError(MESSAGES.isInput, targetPath);
  }
}

/**
 * Same file by realpath (symlinks, `a/../a.xlsx`), by inode (hard links, a different
 * case on a case-insensitive disk, which stat resolves), and, where the file system
 * reports no inode (FAT, some network drives), by case-insensitive realpath on the
 * platforms whose disks are usually case-insensitive.
 */
function sameFile(a: FileIdentity, b: FileIdentity): boolean {
  if (a.real === b.real) return true;
  // On a case-insensitive disk a differently-cased spelling of an existing file exists too.
  if (!a.exists || !b.exists) return false;
  if (a.inode !== undefined && b.inode !== undefined) return a.inode === b.inode;
  const caseInsensitive = process.platform === 'win32' || process.platform === 'darwin';
  return caseInsensitive && a.real.toLowerCase() === b.real.toLowerCase();
}

async function identify(path: string): Promise<FileIdentity> {
  try {
    const real = await realpath(path);
    const stats = await stat(real, { bigint: true });
    return stats.ino === 0n ? { real, exists: true } : { real, exists: true, inode: `${stats.dev}:${stats.ino}` };
  } catch {
    // Not there (yet): its folder may still be a symlink to an input's folder.
    const folder = await realpath(dirname(path)).catch(() => dirname(path));
    return { real: join(folder, basename(path)), exists: false };
  }
}

// ---- errors ----------------------------------------------------------------------------------

/** Fails early, before the callback does any work, when the folder or the target cannot take a file. */
async function checkPlace(targetPath: string, dir: string): Promise<void> {
  let isFolder: boolean;
  try {
    isFolder = (await stat(dir)).isDirectory();
  } catch (error) {
    throw await writeError(error, targetPath, dir);
  }
  if (!isFolder) throw new OutputError(MESSAGES.dirIsFile, dir);
  const targetStats = await stat(targetPath).catch(() => undefined);
  if (targetStats?.isDirectory() === true) throw new OutputError(MESSAGES.targetIsDir, targetPath);
}

async function writeError(error: unknown, targetPath: string, dir: string): Promise<unknown> {
  if (isKnownError(error)) return error;
  const code = errorCode(error);
  let text: Bilingual | undefined;
  let where = targetPath;
  if (code === 'ENOENT') {
    const dirExists = await stat(dir).then(() => true, () => false);
    if (!dirExists) [text, where] = [MESSAGES.dirMissing, dir];
  } else if (code === 'ENOTDIR') {
    [text, where] = [MESSAGES.dirIsFile, dir];
  } else if (code === 'EISDIR') {
    text = MESSAGES.targetIsDir;
  } else {
    text = byCode(code);
  }
  return text ? new OutputError(text, where, { cause: error }) : error;
}

function byCode(code: string | undefined): Bilingual | undefined {
  switch (code) {
    case 'EBUSY':
    case 'EPERM': // Windows reports a file held open by Excel as EPERM on rename
      return MESSAGES.busy;
    case 'EACCES':
    case 'EROFS':
      return MESSAGES.noPermission;
    case 'ENOSPC':
    case 'EDQUOT':
      return MESSAGES.diskFull;
    default:
      return undefined;
  }
}

function errorCode(error: unknown): string | undefined {
  const code: unknown = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

/**
 * On Windows a rename over a file fails with EPERM/EBUSY while an antivirus or the search
 * indexer briefly holds it (npm/write-file-atomic#28), so retry for about a second there.
 * A file kept open in Excel still fails, and is reported as such.
 */
async function renameWithRetry(from: string, to: string): Promise<void> {
  for (let attempt = 0; ; attempt += 1) {
    try {
      await rename(from, to);
      return;
    } catch (error) {
      const code = errorCode(error);
      const transient = process.platform === 'win32' && (code === 'EPERM' || code === 'EBUSY' || code === 'EACCES');
      if (!transient || attempt >= 5) throw error;
      await new Promise((done) => setTimeout(done, 50 * 2 ** attempt));
    }
  }
}

async function syncPath(path: string, flags: 'r' | 'r+'): Promise<void> {
  const handle = await open(path, flags);
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

// ---- cleanup on Ctrl+C / kill ----------------------------------------------------------------
// An interrupted run must not leave `.orders.import.xlsx.tmp-…` files behind. The handler
// removes the live temp files, then, unless someone else also listens for the signal and
// so owns the exit, lets the default action end the process (exit status 130 / 143).

const liveTempFiles = new Set<string>();
let signalCleanupInstalled = false;

function installSignalCleanup(): void {
  if (signalCleanupInstalled) return;
  signalCleanupInstalled = true;
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    const onSignal = (): void => {
      removeLiveTempFiles();
      if (process.listenerCount(signal) === 1) {
        process.removeListener(signal, onSignal);
        process.kill(process.pid, signal);
      }
    };
    process.on(signal, onSignal);
  }
}

function removeLiveTempFiles(): void {
  for (const path of liveTempFiles) {
    try {
      unlinkSync(path);
    } catch {
      // already gone, or never created
    }
  }
  liveTempFiles.clear();
}
