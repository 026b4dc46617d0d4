// A streaming zip writer for the packages ship writes (xlsx). Entries are deflated as
// they are written, so a sheet of a million rows never sits in memory; compression
// runs in zlib's thread pool while the caller builds the next rows. Every entry has
// the same fixed time, so the same content always gives the same bytes.
//
// The format (APPNOTE 6.3.x §4.3): per entry a local header with general-purpose bit 3
// set (sizes unknown until the data is written), the deflated data, a data descriptor
// with the CRC-32 and sizes; then the central directory. No Zip64: an entry or archive
// over 4 GiB is refused (ship's largest sheet is far below that).

import { once } from 'node:events';
import { createWriteStream, type WriteStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { crc32, createDeflateRaw, type DeflateRaw, type ZlibOptions } from 'node:zlib';

/** 1980-01-01 00:00, the earliest time a zip entry can hold, in DOS date/time form. */
const DOS_TIME = 0;
const DOS_DATE = (0 << 9) | (1 << 5) | 1;
const FLAG_DATA_DESCRIPTOR = 0x0008;
const FLAG_UTF8_NAME = 0x0800;
const METHOD_DEFLATE = 8;
const VERSION = 20;
const MAX_32 = 0xffffffff;
// zlib's default level: deflating runs in the thread pool alongside the JS that builds
// the rows, so a faster level buys little wall time and costs size.
const LEVEL = 6;
// For an entry as large as the input (the report's copy of it): at 200 MB of sheet XML,
// level 6 deflates slower than the rows are built, and level 1 takes 40% of its time
// for a file 20% larger.
const FAST_LEVEL = 1;

export interface EntryOptions {
  /** Deflate fast (level 1) instead of small (level 6). */
  fast?: boolean;
}
// Bytes the compressor and the file may hold before write() waits: enough that the caller
// keeps building rows while the previous ones are compressed (the 16 KiB default makes
// every chunk wait for the one before it).
const BUFFERED = 1 << 20;
/** Pieces write() hands on before it waits for the oldest to be compressed. */
const IN_FLIGHT = 4;

/**
 * The fields the local header and the central directory repeat in the same order:
 * version needed, flags, method, time, date (10 bytes from `at`).
 */
function writeEntryFields(header: Buffer, at: number): void {
  header.writeUInt16LE(VERSION, at);
  header.writeUInt16LE(FLAG_DATA_DESCRIPTOR | FLAG_UTF8_NAME, at + 2);
  header.writeUInt16LE(METHOD_DEFLATE, at + 4);
  header.writeUInt16LE(DOS_TIME, at + 6);
  header.writeUInt16LE(DOS_DATE, at + 8);
}

interface CentralEntry {
  name: Buffer;
  crc: number;
  compressed: number;
  size: number;
  offset: number;
}

export class ZipWriter {
  private readonly out: WriteStream;
  private offset = 0;
  private readonly entries: CentralEntry[] = [];
  private failure: Error | undefined;
  private open: EntryWriter | undefined;

  private constructor(out: WriteStream) {
    this.out = out;
    out.on('error', (error) => (this.failure ??= error));
  }

  /** Creates (or truncates) the file at `path`. Fails like fs.open does (ENOENT, EACCES…). */
  static async create(path: string): Promise<ZipWriter> {
    const handle = await open(path, 'w');
    return new ZipWriter(createWriteStream('', { fd: handle, highWaterMark: BUFFERED }));
  }

  /** Starts an entry; write its content through the returned writer and end() it before the next. */
  entry(name: string, options: EntryOptions = {}): EntryWriter {
    if (this.open !== undefined) throw new Error(`zip entry ${name} started before the previous one ended`);
    const nameBytes = Buffer.from(name, 'utf8');
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    writeEntryFields(local, 4);
    // CRC and sizes (14–25) stay zero: they follow the data in the descriptor.
    local.writeUInt16LE(nameBytes.length, 26);
    const offset = this.offset;
    this.push(local);
    this.push(nameBytes);
    const writer = new EntryWriter(this, nameBytes, offset, options.fast === true ? FAST_LEVEL : LEVEL);
    this.open = writer;
    return writer;
  }

  /** A whole entry at once, for the small parts of a package. */
  async add(name: string, content: string): Promise<void> {
    const writer = this.entry(name);
    await writer.write(content);
    await writer.end();
  }

  /** Writes the central directory and closes the file. */
  async close(): Promise<void> {
    if (this.open !== undefined) throw new Error('zip closed while an entry is still open');
    const start = this.offset;
    for (const entry of this.entries) {
      const header = Buffer.alloc(46);
      header.writeUInt32LE(0x02014b50, 0);
      header.writeUInt16LE(VERSION, 4); // made by: MS-DOS, 2.0
      writeEntryFields(header, 6);
      header.writeUInt32LE(entry.crc, 16);
      header.writeUInt32LE(entry.compressed, 20);
      header.writeUInt32LE(entry.size, 24);
      header.writeUInt16LE(entry.name.length, 28);
      header.writeUInt32LE(entry.offset, 42);
      this.push(header);
      this.push(entry.name);
    }
    const size = this.offset - start;
    const end = Buffer.alloc(22);
    end.writeUInt32LE(0x06054b50, 0);
    end.writeUInt16LE(this.entries.length, 8);
    end.writeUInt16LE(this.entries.length, 10);
    end.writeUInt32LE(size, 12);
    end.writeUInt32LE(start, 16);
    this.push(end);
    if (this.offset > MAX_32 || this.entries.length > 0xffff) throw new Error('the zip archive is larger than 4 GiB');
    this.out.end();
    await once(this.out, 'close');
    if (this.failure !== undefined) throw this.failure;
  }

  /** Stops writing and closes the file after a failure; the caller removes it. */
  async abort(): Promise<void> {
    this.open?.destroy();
    this.open = undefined;
    if (!this.out.destroyed) {
      this.out.destroy();
      await once(this.out, 'close').catch(() => undefined);
    }
  }

  /** @internal Appends raw bytes; false means the file stream wants a pause. */
  push(chunk: Buffer): boolean {
    if (this.failure !== undefined) throw this.failure;
    this.offset += chunk.length;
    return this.out.write(chunk);
  }

  /** @internal Waits for the file stream to drain; rejects when it failed (a failed stream closes instead). */
  async drain(): Promise<void> {
    await eventOf(this.out, 'drain', 'close');
    if (this.failure !== undefined) throw this.failure;
  }

  /** @internal */
  finishEntry(entry: CentralEntry): void {
    if (entry.size > MAX_32 || entry.compressed > MAX_32) throw new Error('a zip entry is larger than 4 GiB');
    const descriptor = Buffer.alloc(16);
    descriptor.writeUInt32LE(0x08074b50, 0);
    descriptor.writeUInt32LE(entry.crc, 4);
    descriptor.writeUInt32LE(entry.compressed, 8);
    descriptor.writeUInt32LE(entry.size, 12);
    this.push(descriptor);
    this.entries.push(entry);
    this.open = undefined;
  }
}

/** Resolves on the first of two events and removes both listeners (events.once would leave one per call). */
function eventOf(emitter: NodeJS.EventEmitter, first: string, second: string): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      emitter.off(first, done);
      emitter.off(second, done);
      resolve();
    };
    emitter.on(first, done);
    emitter.on(second, done);
  });
}

/** The content of one entry, written in pieces. */
export class EntryWriter {
  private readonly deflate: DeflateRaw;
  private crc = 0;
  private size = 0;
  private compressed = 0;
  private readonly done: Promise<void>;
  /** The pieces handed to the compressor and not yet compressed, oldest first. */
  private readonly waiting: Promise<void>[] = [];

  constructor(
    private readonly zip: ZipWriter,
    private readonly name: Buffer,
    private readonly offset: number,
    level: number,
  ) {
    // zlib passes stream options on to its Transform; @types/node does not list them.
    const options: ZlibOptions & { highWaterMark: number } = { level, chunkSize: 64 * 1024, highWaterMark: BUFFERED };
    this.deflate = createDeflateRaw(options);
    this.deflate.on('data', (chunk: Buffer) => {
      this.compressed += chunk.length;
      try {
        if (this.zip.push(chunk)) return;
      } catch (error) {
        this.deflate.destroy(error as Error);
        return;
      }
      this.deflate.pause();
      this.zip.drain().then(
        () => this.deflate.resume(),
        (error: unknown) => this.deflate.destroy(error as Error),
      );
    });
    this.done = new Promise<void>((resolve, reject) => {
      this.deflate.once('end', resolve);
      this.deflate.once('error', reject);
      // After 'end' this changes nothing; before it, the compressor was stopped.
      this.deflate.once('close', () => reject(new Error('the zip entry was not finished')));
    });
    this.done.catch(() => undefined);
  }

  /**
   * Adds text (as UTF-8) or bytes; resolves when the writer may take more: once no more
   * than IN_FLIGHT pieces wait to be compressed. Waiting for one piece rather than for the
   * stream to drain keeps the compressor busy while the caller builds the next ones;
   * waiting for 'drain' would leave it idle each time until the caller caught up.
   * `consumed` is called once the compressor has read all of `content`: its memory may be
   * used again.
   */
  async write(content: string | Buffer, consumed?: () => void): Promise<void> {
    const bytes = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
    if (bytes.length === 0) return;
    this.crc = crc32(bytes, this.crc);
    this.size += bytes.length;
    const compressed = new Promise<void>((resolve) =>
      this.deflate.write(bytes, (error) => {
        if (error == null) consumed?.();
        resolve();
      }),
    );
    this.waiting.push(compressed);
    // A compressor that fails or is stopped may never call back: `done` rejects then.
    if (this.waiting.length > IN_FLIGHT) await Promise.race([this.waiting.shift(), this.done]);
    if (this.deflate.destroyed) await this.done; // rejects with the compressor's error
  }

  /** Finishes the entry: flushes the compressor and writes the data descriptor. */
  async end(): Promise<void> {
    this.deflate.end();
    await this.done;
    this.zip.finishEntry({ name: this.name, crc: this.crc, compressed: this.compressed, size: this.size, offset: this.offset });
  }

  /** @internal */
  destroy(): void {
    this.deflate.destroy();
  }
}
