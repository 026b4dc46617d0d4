// Outputs that belong together (the import sheet and the report of one input) are
// replaced together. A merchant whose run failed because the report was open in
// Excel must not find a new import sheet next to the old report: they would upload
// one and fix the other, and the two would not describe the same data.

import { copyFile, link, rename, rm, stat, utimes } from 'node:fs/promises';
import { dirname } from 'node:path';
import { renameWithRetry, syncFolder, tempPathFor, trackTempFile, untrackTempFile, withSignalsHeld } from './atomic-write.js';
import { writeError } from './write-errors.js';

interface StagedFile {
  tmp: string;
  target: string;
  /** A copy of the target as it was before the commit; undefined when there was none. */
  previous?: string | undefined;
  renamed: boolean;
}

/**
 * Collects files written with `writeFileAtomic(…, { batch })` and renames them into
 * place together. Always call discard() afterwards (in a finally): it removes whatever
 * was staged but not committed.
 */
export class AtomicBatch {
  private readonly staged: StagedFile[] = [];
  private settled = false;

  /** Called by writeFileAtomic once the temp file is complete and synced. */
  stage(tmp: string, target: string): void {
    if (this.settled) throw new Error('atomic batch: stage() after commit() or discard()');
    this.staged.push({ tmp, target, renamed: false });
  }

  /** The targets staged so far, in order. */
  get targets(): string[] {
    return this.staged.map((file) => file.target);
  }

  /**
   * Renames every staged file over its target. If one rename fails, the targets already
   * replaced get their previous content back (or are removed if they did not exist),
   * and the failure is thrown as an OutputError that says what to do.
   */
  async commit(): Promise<void> {
    if (this.settled) throw new Error('atomic batch: commit() twice');
    this.settled = true;
    // One modification time for the files of a batch: a report saved later than its import
    // sheet was edited by someone (edited-report.ts). Written one after the other, a large
    // report lands seconds after its import sheet and looked edited on every re-run.
    // Best effort: a file system that refuses it leaves the times the writes gave.
    const written = new Date();
    await Promise.all(this.staged.map((file) => utimes(file.tmp, written, written).catch(() => undefined)));
    // All renamed or all rolled back, even when Ctrl+C comes in between.
    await withSignalsHeld(() => this.renameAll());
    for (const dir of new Set(this.staged.map((file) => dirname(file.target)))) await syncFolder(dir);
  }

  private async renameAll(): Promise<void> {
    let current: StagedFile | undefined;
    try {
      for (const file of this.staged) {
        current = file;
        file.previous = await keepPrevious(file.target);
        await renameWithRetry(file.tmp, file.target);
        file.renamed = true;
      }
    } catch (error) {
      await this.rollBack();
      await this.cleanUp();
      const target = current?.target ?? '';
      throw await writeError(error, target, dirname(target));
    }
    await this.cleanUp();
  }

  /** Removes the temp files of a batch that was not committed. Safe to call at any time, and twice. */
  async discard(): Promise<void> {
    this.settled = true;
    await this.cleanUp();
  }

  private async rollBack(): Promise<void> {
    for (const file of [...this.staged].reverse()) {
      if (!file.renamed) continue;
      // Best effort: a restore that fails leaves the new, complete file, never half a file.
      if (file.previous === undefined) await rm(file.target, { force: true }).catch(() => undefined);
      else if (await rename(file.previous, file.target).then(() => true, () => false)) file.previous = undefined;
      file.renamed = false;
    }
  }

  private async cleanUp(): Promise<void> {
    for (const file of this.staged) {
      if (!file.renamed) await rm(file.tmp, { force: true }).catch(() => undefined);
      if (file.previous !== undefined) await rm(file.previous, { force: true }).catch(() => undefined);
      untrackTempFile(file.tmp);
      if (file.previous !== undefined) untrackTempFile(file.previous);
      file.previous = undefined;
    }
  }
}

/** A hidden copy of `target` to restore on rollback: a hard link where the disk allows it, else a copy. */
async function keepPrevious(target: string): Promise<string | undefined> {
  const exists = await stat(target).then((stats) => stats.isFile(), () => false);
  if (!exists) return undefined;
  const previous = tempPathFor(target);
  trackTempFile(previous);
  await link(target, previous).catch(() => copyFile(target, previous));
  return previous;
}
