// Documents too big to build as one string (--format json or junit with millions of
// findings) go to stdout a chunk at a time. When the reader is slower than ship (a pipe
// into jq, a CI log), ship waits for it: a pipe's buffer would otherwise grow until it
// held the whole document in memory.

export interface Stdout {
  stdout: (text: string) => void;
  /** Resolves once stdout can take more: at once unless its buffer is full, or when it has closed. */
  stdoutDrained: () => Promise<void>;
  /** The reader went away or stdout failed: whatever is still printed is dropped. */
  stdoutGone: () => boolean;
}

/** Characters gathered per write: one write per finding would be millions of writes. */
const CHUNK = 1 << 16;

/**
 * Writes the pieces in chunks, waiting for the reader after each. Stops taking pieces
 * once stdout is gone (`… | head`): building the rest of a document of millions of
 * findings only to drop it took tens of seconds.
 */
export async function writeStreamed(pieces: Iterable<string>, out: Stdout): Promise<void> {
  let pending = '';
  for (const piece of pieces) {
    if (out.stdoutGone()) return;
    pending += piece;
    if (pending.length < CHUNK) continue;
    out.stdout(pending);
    pending = '';
    await out.stdoutDrained();
  }
  if (pending !== '') out.stdout(pending);
}
