// Whether two paths are one file: through symlinks and `..`, hard links, and a different
// case on a case-insensitive disk. Used to refuse writing over an input, and to check an
// input named twice (a symlinked folder, a hard link) only once.

import { realpath, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

export interface FileIdentity {
  real: string;
  exists: boolean;
  /** dev:ino of an existing file; undefined when the file does not exist or the FS has no inode numbers. */
  inode?: string;
}

/** A path as the file system compares it: Windows and macOS disks usually ignore case. */
export function pathKey(path: string): string {
  return process.platform === 'win32' || process.platform === 'darwin' ? path.toLowerCase() : path;
}

/**
 * Same file by realpath (symlinks, `a/../a.xlsx`), by inode (hard links, a different
 * case on a case-insensitive disk, which stat resolves), and, where the file system
 * reports no inode (FAT, some network drives), by case-insensitive realpath on the
 * platforms whose disks are usually case-insensitive.
 */
export function sameFile(a: FileIdentity, b: FileIdentity): boolean {
  if (a.real === b.real) return true;
  // On a case-insensitive disk a differently-cased spelling of an existing file exists too.
  if (!a.exists || !b.exists) return false;
  if (a.inode !== undefined && b.inode !== undefined) return a.inode === b.inode;
  return pathKey(a.real) === pathKey(b.real);
}

export async function identify(path: string): Promise<FileIdentity> {
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

/**
 * A key equal for two paths of one existing file: its inode where the file system has
 * them; else its real path, lower-cased where disks are usually case-insensitive (FAT and
 * some network drives report inode 0 for every file: the inode would make every file one).
 */
export async function fileKey(path: string): Promise<string> {
  const found = await identify(path);
  if (found.inode !== undefined) return `inode:${found.inode}`;
  return `path:${pathKey(found.real)}`;
}
