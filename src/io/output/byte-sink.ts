// Sheet XML gathered as bytes and handed to the zip entry in large pieces. Row XML built as
// a string is encoded straight into place, one row at a time: appending rows to one long
// string and encoding that makes V8 flatten a rope of thousands of pieces first, about
// four times slower. Rows built as bytes (the report's copy of a UTF-8 CSV) are written
// into place directly, after reserve(). The buffers are used again once the compressor
// is done with them: a fresh buffer for every 256 KiB (400 for the copy of a 100k-row
// file) costs more in page faults and garbage collection than filling it does.

import type { EntryWriter } from './zip-writer.js';

/** Bytes of row XML collected before they are handed to the compressor. */
const FLUSH_AT = 1 << 18;
/** Buffers kept for use again; the zip entry holds a few more while it compresses them. */
const SPARE = 8;

/** A full buffer and how much of it holds XML. */
interface Piece {
  buffer: Buffer;
  length: number;
}

export class ByteSink {
  /** Where bytes go: `buffer[length..]` holds at least what reserve() asked for. */
  buffer: Buffer = Buffer.allocUnsafe(FLUSH_AT);
  /** `buffer` as a DataView: bytes built in JS go in four at a time. */
  view = viewOf(this.buffer);
  length = 0;
  private readonly full: Piece[] = [];
  /** Buffers of FLUSH_AT bytes the compressor is done with. */
  private readonly spare: Buffer[] = [];

  constructor(private readonly entry: EntryWriter) {}

  /** Adds text; see `ready` for when to flush(). */
  add(text: string): void {
    // UTF-8 takes at most 3 bytes per UTF-16 unit (a surrogate pair: 4 bytes for 2 units).
    this.reserve(text.length * 3);
    this.length += this.buffer.write(text, this.length, 'utf8');
  }

  /** Makes room for `size` more bytes in `buffer` from `length`. */
  reserve(size: number): void {
    if (this.length + size <= this.buffer.length) return;
    if (this.length > 0) this.full.push({ buffer: this.buffer, length: this.length });
    else this.release(this.buffer);
    this.buffer = (size <= FLUSH_AT ? this.spare.pop() : undefined) ?? Buffer.allocUnsafe(Math.max(FLUSH_AT, size));
    this.view = viewOf(this.buffer);
    this.length = 0;
  }

  /** True when enough has gathered that the caller should flush(). */
  get ready(): boolean {
    return this.full.length > 0;
  }

  async flush(): Promise<void> {
    for (const { buffer, length } of this.full.splice(0)) await this.entry.write(buffer.subarray(0, length), () => this.release(buffer));
    // Let the event loop run: the compressor's thread waits for its last job's callback
    // before it takes the next chunk, and the rows are built without a pause otherwise.
    await new Promise<void>((resolve) => setImmediate(resolve));
  }

  async end(): Promise<void> {
    await this.flush();
    if (this.length > 0) await this.entry.write(this.buffer.subarray(0, this.length));
    this.length = 0;
    await this.entry.end();
  }

  private release(buffer: Buffer): void {
    if (buffer.length === FLUSH_AT && this.spare.length < SPARE) this.spare.push(buffer);
  }
}

export function viewOf(bytes: Buffer): DataView {
  return new DataView(bytes.buffer, bytes.byteOffset, bytes.length);
}
