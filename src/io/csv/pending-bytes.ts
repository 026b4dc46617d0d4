// The bytes a chunk leaves unread (a field or a character it cut), joined with the next chunk in one
// buffer that is reused from chunk to chunk: no allocation per chunk, and the caller may
// reuse the memory of the chunks it passes in. Two buffers take turns, so that the joined
// bytes of one chunk stay as they are until the next chunk is joined: the tokenizer's
// byte ranges point into them.

export class PendingBytes {
  private buffer = Buffer.alloc(0);
  private spare = Buffer.alloc(0);
  private length = 0;

  /** `chunk` after the bytes kept from the previous one. Valid until the next call. */
  joinedWith(chunk: Buffer): Buffer {
    if (this.length === 0) return chunk;
    const total = this.length + chunk.length;
    this.reserve(total, true);
    chunk.copy(this.buffer, this.length);
    this.length = 0;
    return this.buffer.subarray(0, total);
  }

  /** Keeps bytes[start..] for the next chunk; `bytes` may be what joinedWith returned. */
  keep(bytes: Buffer, start: number): void {
    [this.buffer, this.spare] = [this.spare, this.buffer];
    this.reserve(bytes.length - start, false);
    bytes.copy(this.buffer, 0, start);
    this.length = bytes.length - start;
  }

  /** What was kept, once no chunk follows. */
  take(): Buffer {
    const rest = this.buffer.subarray(0, this.length);
    this.length = 0;
    return rest;
  }

  private reserve(size: number, keepContent: boolean): void {
    if (this.buffer.length >= size) return;
    const grown = Buffer.allocUnsafe(Math.max(size, 2 * this.buffer.length, 64 * 1024));
    if (keepContent) this.buffer.copy(grown, 0, 0, this.length);
    this.buffer = grown;
  }
}
