// Writes an output so that the target is either the old file or the complete new one,
// never half of it: write a temp file in the same folder, fsync, rename over the target.
// Also refuses to write over an input, and says what to do when Excel holds the file open.
// Several outputs can be written as one (an AtomicBatch): all of them or none.

import { createHash, randomBytes } from 'node:crypto';
import { unlinkSync } from 'node:fs';
import { mkdir, open, readdir, rename, rm, stat } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import type { AtomicBatch } from './atomic-batch.js';
import { OutputError } from './errors.js';
import { identify, sameFile } from './file-identity.js';
import { byCode, checkPlace, errorCode, WRITE_MESSAGES, writeError, type Advice } from './write-errors.js';

export interface AtomicWriteOptions {
  /** The files this run reads; the target must not be one of them. */
  inputs: readonly string[];
  /** What a failure advises: another --out-dir (the default), or another path (the user named the file). */
  advice?: Advice;
  /**
   * Stage the file in this batch instead of renaming it into place now: the batch's
   * commit() renames every staged file, or none of them.
   */
  batch?: AtomicBatch;
}

/**
 * Calls `write(tmpPath)` to produce the file at a temp path next to `target`, then
 * fsyncs it and renames it over `target` (or, with a batch, leaves the rename to the
 * batch). On any failure the temp file is removed and file-system errors become an
 * OutputError that says what to do.
 */
export async function writeFileAtomic(
  target: string,
  write: (tmpPath: string) => Promise<void>,
  options: AtomicWriteOptions,
): Promise<void> {
  const targetPath = resolve(target);
  const dir = dirname(targetPath);
  await refuseInputs(targetPath, options.inputs);
  await checkPlace(targetPath, dir, options.advice);

  await removeStaleTempFiles(targetPath);
  const tmpPath = tempPathFor(targetPath);
  trackTempFile(tmpPath);
  try {
    await write(tmpPath);
    await syncPath(tmpPath, 'r+').catch(() => syncPath(tmpPath, 'r')); // a writer may leave the file read-only
    if (options.batch !== undefined) {
      options.batch.stage(tmpPath, targetPath);
      return; // the batch owns the temp file now
    }
    await renameWithRetry(tmpPath, targetPath);
  } catch (error) {
    await rm(tmpPath, { force: true }).catch(() => undefined);
    untrackTempFile(tmpPath);
    throw await writeError(error, targetPath, dir, options.advice);
  }
  untrackTempFile(tmpPath);
  await syncFolder(dir);
}

// Names are at most 255 bytes on common file systems and the temp name adds ~25.
const LONGEST_NAME_IN_TEMP = 200;

/** The target's name as its temp files carry it: a long one as `ship-<hash>`, still its own. */
function tempStemOf(name: string): string {
  if (Buffer.byteLength(name) <= LONGEST_NAME_IN_TEMP) return name;
  return `ship-${createHash('sha256').update(name).digest('hex').slice(0, 12)}`;
}

/**
 * A hidden name next to `target` that no other run (pid) or call (random part) uses; `*.tmp-*`
 * is git-ignored. A target name near the length limit gets a short stand-in: a legal output
 * must not fail for its temp file.
 */
export function tempPathFor(targetPath: string): string {
  const name = basename(targetPath);
  const stem = tempStemOf(name);
  return join(dirname(targetPath), `.${stem}.tmp-${process.pid}-${randomBytes(6).toString('hex')}`);
}

/** Whether a process with this id runs on this machine (EPERM: it does, as another user). */
function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return errorCode(error) === 'EPERM';
  }
}

/**
 * Removes the temp files of `target` that a run killed outright left behind (SIGKILL, the
 * OOM killer, a CI timeout's kill -9: no handler runs). They are told by the pid in their
 * name, a process that no longer runs, and by their age: a ship on another machine or in
 * another container writing into a shared folder has a pid this machine cannot see, and
 * its temp files change (or wait for the rest of their batch) within minutes, not a
 * quarter of an hour. Best effort: a folder that cannot be listed is skipped.
 */
export async function removeStaleTempFiles(targetPath: string, now = Date.now()): Promise<void> {
  const dir = dirname(targetPath);
  const stem = tempStemOf(basename(targetPath));
  const names = await readdir(dir).catch(() => [] as string[]);
  await sweepStaleTempFiles(dir, names, (target) => target === stem, now);
}

/**
 * removeStaleTempFiles() for the temp files among `names` (the folder as already listed)
 * whose target name (as the temp name carries it) `isTarget` accepts.
 */
export async function sweepStaleTempFiles(dir: string, names: readonly string[], isTarget: (target: string) => boolean, now = Date.now()): Promise<void> {
  for (const entry of names) {
    const match = STALE_TEMP.exec(entry);
    if (match === null || !isTarget(match[1]!)) continue;
    const pid = Number(match[2]);
    if (pid === process.pid || isRunning(pid)) continue;
    const path = join(dir, entry);
    // ctime too: the copy of the old target a batch keeps for its rollback is a hard link,
    // which keeps the old file's mtime however new the link is (atomic-batch.ts).
    const changed = await stat(path).then((stats) => Math.max(stats.mtimeMs, stats.ctimeMs), () => Number.POSITIVE_INFINITY);
    if (now - changed < STALE_AFTER_MS) continue;
    await rm(path, { force: true }).catch(() => undefined);
  }
}

// `.orders.import.xlsx.tmp-4242-0a1b2c3d4e5f`, as tempPathFor() names them.
const STALE_TEMP = /^\.(.+)\.tmp-(\d+)-[0-9a-f]{12}$/su;
const STALE_AFTER_MS = 15 * 60_000;

/** Makes a rename durable; folders cannot be opened for fsync on Windows. */
export async function syncFolder(dir: string): Promise<void> {
  if (process.platform !== 'win32') await syncPath(dir, 'r').catch(() => undefined);
}

/** Creates the --out-dir folder (and its parents) unless it exists; fails if the path is a file. */
export async function ensureOutDir(dir: string): Promise<void> {
  try {
    await makeFolders(resolve(dir));
  } catch (error) {
    const code = errorCode(error);
    // EEXIST: the path is a file; ENOTDIR: one of its parents is; ENOENT: a folder that
    // exists cannot hold one (a broken link, a system folder such as /proc).
    const text = code === 'EEXIST' || code === 'ENOTDIR' ? WRITE_MESSAGES.outDirIsFile : code === 'ENOENT' ? WRITE_MESSAGES.outDirNotCreated : byCode(code);
    throw text ? new OutputError(text, dir, { cause: error }) : error;
  }
}

/**
 * mkdir -p, one level at a time from the nearest folder that exists. Node's own recursive
 * mkdir never returns when a folder that exists answers ENOENT for a new one inside it
 * (/proc and other virtual file systems): it makes the parent again and retries forever,
 * at full CPU. Here every error ends the walk.
 */
async function makeFolders(dir: string): Promise<void> {
  const missing: string[] = [];
  let at = dir;
  while (!(await isFolder(at))) {
    const parent = dirname(at);
    if (parent === at) throw coded(`no such folder: ${dir}`, 'ENOENT');
    missing.push(at);
    at = parent;
  }
  for (let i = missing.length - 1; i >= 0; i--) {
    const folder = missing[i]!;
    try {
      await mkdir(folder);
    } catch (error) {
      if (errorCode(error) !== 'EEXIST') throw error;
      // Another run made the folder meanwhile (fine), a file is there (isFolder throws), or a broken link.
      if (!(await isFolder(folder))) throw coded(`broken link: ${folder}`, 'ENOENT');
    }
  }
}

/** True for a folder, false when nothing is there; a file (or a file as a parent) throws ENOTDIR/EEXIST. */
async function isFolder(path: string): Promise<boolean> {
  let found;
  try {
    found = await stat(path);
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return false;
    throw error;
  }
  if (!found.isDirectory()) throw coded(`not a folder: ${path}`, 'EEXIST');
  return true;
}

/** An error that ensureOutDir maps to its message by code, like the file system's own. */
function coded(message: string, code: string): Error {
  return Object.assign(new Error(message), { code });
}

// ---- refusing to overwrite an input ----------------------------------------------------------

async function refuseInputs(targetPath: string, inputs: readonly string[]): Promise<void> {
  const target = await identify(targetPath);
  for (const input of inputs) {
    if (sameFile(target, await identify(resolve(input)))) throw new OutputError(WRITE_MESSAGES.isInput, targetPath);
  }
}

/**
 * On Windows a rename over a file fails with EPERM/EBUSY while an antivirus or the search
 * indexer briefly holds it (npm/write-file-atomic#28), so retry for about a second there.
 * A file kept open in Excel still fails, and is reported as such.
 */
export async function renameWithRetry(from: string, to: string): Promise<void> {
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

// ---- cleanup on Ctrl+C / kill / a closed terminal ---------------------------------------------
// An interrupted run must not leave `.orders.import.xlsx.tmp-…` files behind. The handler
// removes the live temp files, then, unless someone else also listens for the signal and
// so owns the exit, lets the default action end the process (exit status 130 / 143 / 129).
// While a batch of outputs is being renamed into place (withSignalsHeld), a signal waits
// until the renames are done or rolled back: removing the temp files halfway would leave
// a new import sheet beside an old report, and no copy of the old one to restore.

const HANDLED_SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;
const liveTempFiles = new Set<string>();
let signalCleanupInstalled = false;
let holding = 0;
let heldSignal: NodeJS.Signals | undefined;

/** Runs `work` (a few renames) with Ctrl+C and kill held back until it has finished. */
export async function withSignalsHeld<T>(work: () => Promise<T>): Promise<T> {
  holding += 1;
  try {
    return await work();
  } finally {
    holding -= 1;
    if (holding === 0 && heldSignal !== undefined) {
      const signal = heldSignal;
      heldSignal = undefined;
      process.emit(signal, signal);
    }
  }
}

/** Removes `path` if the run is interrupted before it is renamed into place or deleted. */
export function trackTempFile(path: string): void {
  installSignalCleanup();
  liveTempFiles.add(path);
}

export function untrackTempFile(path: string): void {
  liveTempFiles.delete(path);
}

function installSignalCleanup(): void {
  if (signalCleanupInstalled) return;
  signalCleanupInstalled = true;
  for (const signal of HANDLED_SIGNALS) {
    const onSignal = (): void => {
      if (holding > 0) {
        heldSignal ??= signal;
        return;
      }
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
