// The xlsx package as a zip: guarded against bombs before anything is inflated, read
// part by part with random access (no temp files), each part decoded as text with its
// own StringDecoder so a character split between two chunks is never garbled.

import { open as openFile, stat } from 'node:fs/promises';
import { StringDecoder } from 'node:string_decoder';
import type { Readable } from 'node:stream';
import { crc32 } from 'node:zlib';
import yauzl, { type Entry, type Options, type ZipFile } from 'yauzl';
import { InputError, type Bilingual } from '../errors.js';
import { inputOpenError } from '../sniff.js';
import type { ReadLimits } from '../table.js';
import { messages } from './messages.js';
import { openBeforeTrailingBytes } from './zip-end.js';

/** More parts than this is not a workbook (Excel writes tens, a workbook full of images thousands). */
const MAX_ENTRIES = 100_000;
/** Below this size a high ratio is normal (a sheet of blank styled cells) and harmless. */
const RATIO_FLOOR_BYTES = 8 * 1024 * 1024;
const OLE2_MAGIC = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
const ZIP_OPTIONS: Options = { lazyEntries: true, autoClose: false, validateEntrySizes: true };

export interface ZipPackage {
  /** Whether the package holds the part (names compare case-insensitively, as OPC says). */
  has(part: string): boolean;
  /**
   * The text of one part, in chunks. `label` names the part in error messages. Stopping
   * early (break, throw) releases the part's stream.
   */
  text(part: string, label: Bilingual): AsyncGenerator<string, void, undefined>;
  /**
   * The part's size and CRC-32 as the zip directory declares them ('' without the part),
   * to tell whether another opening of the file holds the same part without inflating it.
   */
  stamp(part: string): string;
  /** Stops every open part stream and closes the file. Safe to call twice. */
  close(): Promise<void>;
}

export async function openZip(path: string, limits: ReadLimits): Promise<ZipPackage> {
  const size = await fileSize(path);
  if (size === 0) throw new InputError(messages.empty(), path);
  if (size > limits.maxFileBytes) throw new InputError(messages.fileTooLarge(size, limits.maxFileBytes), path);
  let zip: ZipFile;
  try {
    zip = await openZipFile(path);
  } catch (error) {
    const mapped = inputOpenError(error, path);
    if (mapped instanceof InputError) throw mapped;
    throw new InputError((await isOle2(path)) ? messages.legacyOrEncrypted() : messages.corrupt(), path, { cause: error });
  }
  let closed = false;
  zip.once('close', () => (closed = true));
  zip.on('error', () => undefined); // a failed fd close after the work is done changes nothing
  try {
    if (zip.entryCount > MAX_ENTRIES) throw new InputError(messages.tooManyParts(zip.entryCount, MAX_ENTRIES), path);
    const entries = await readEntries(zip, path);
    return new Package(path, limits, zip, entries, () => closed);
  } catch (error) {
    await closeZip(zip, () => closed);
    throw error;
  }
}

/** yauzl's ZipFile; a file with bytes after the zip's end is read without them (see zip-end.ts). */
async function openZipFile(path: string): Promise<ZipFile> {
  try {
    return await yauzl.openPromise(path, ZIP_OPTIONS);
  } catch (error) {
    // A system error (ENOENT, EACCES…) is no damage to look past.
    if ((error as NodeJS.ErrnoException).code !== undefined) throw error;
    const trimmed = await openBeforeTrailingBytes(path, ZIP_OPTIONS).catch(() => undefined);
    if (trimmed === undefined) throw error;
    return trimmed;
  }
}

async function fileSize(path: string): Promise<number> {
  try {
    const stats = await stat(path);
    if (stats.isDirectory()) throw Object.assign(new Error('is a directory'), { code: 'EISDIR' });
    if (!stats.isFile()) throw new InputError(messages.cannotRead('not a regular file'), path);
    return stats.size;
  } catch (error) {
    if (error instanceof InputError) throw error;
    const mapped = inputOpenError(error, path);
    throw mapped instanceof InputError ? mapped : new InputError(messages.cannotRead(String(error)), path, { cause: error });
  }
}

/** Old .xls and password-protected workbooks are OLE2 containers, not zips. */
async function isOle2(path: string): Promise<boolean> {
  try {
    const file = await openFile(path, 'r');
    try {
      const head = Buffer.alloc(8);
      const { bytesRead } = await file.read(head, 0, 8, 0);
      return bytesRead === 8 && head.equals(OLE2_MAGIC);
    } finally {
      await file.close();
    }
  } catch {
    return false;
  }
}

function readEntries(zip: ZipFile, path: string): Promise<Map<string, Entry>> {
  return new Promise((resolve, reject) => {
    const entries = new Map<string, Entry>();
    zip.on('entry', (entry: Entry) => {
      const key = entry.fileName.toLowerCase();
      if (!key.endsWith('/')) {
        // Two parts with one name: readers would disagree on which is the sheet. Fail closed.
        if (entries.has(key)) return reject(new InputError(messages.corrupt(), path));
        entries.set(key, entry);
      }
      zip.readEntry();
    });
    zip.once('end', () => resolve(entries));
    zip.once('error', (error: Error) => reject(new InputError(messages.corrupt(), path, { cause: error })));
    zip.readEntry();
  });
}

function closeZip(zip: ZipFile, isClosed: () => boolean): Promise<void> {
  return new Promise((resolve) => {
    if (isClosed()) return resolve();
    zip.once('close', () => resolve());
    zip.close();
  });
}

class Package implements ZipPackage {
  private readonly streams = new Set<Readable>();
  private closing: Promise<void> | undefined;

  constructor(
    private readonly path: string,
    private readonly limits: ReadLimits,
    private readonly zip: ZipFile,
    private readonly entries: Map<string, Entry>,
    private readonly isClosed: () => boolean,
  ) {}

  has(part: string): boolean {
    return this.entries.has(part.toLowerCase());
  }

  stamp(part: string): string {
    const entry = this.entries.get(part.toLowerCase());
    return entry === undefined ? '' : `${entry.uncompressedSize}:${entry.crc32}`;
  }

  async *text(part: string, label: Bilingual): AsyncGenerator<string, void, undefined> {
    const entry = this.entries.get(part.toLowerCase());
    if (entry === undefined) throw new InputError(messages.partMissing(label), this.path);
    this.checkDeclared(entry, label);
    const stream = await this.openStream(entry);
    this.streams.add(stream);
    try {
      let decoder: StringDecoder | undefined;
      let inflated = 0;
      let crc = 0;
      for await (const chunk of stream as AsyncIterable<Buffer>) {
        // Declared sizes can lie; yauzl checks them too, this does not depend on it.
        inflated += chunk.length;
        this.checkActual(inflated, entry, label);
        crc = crc32(chunk, crc);
        decoder ??= new StringDecoder(chunk[0] === 0xff && chunk[1] === 0xfe ? 'utf16le' : 'utf8');
        let text = decoder.write(chunk);
        if (inflated === chunk.length && text.charCodeAt(0) === 0xfeff) text = text.slice(1);
        if (text.length > 0) yield text;
      }
      // yauzl checks sizes but not the checksum: a flipped bit in stored data would pass silently.
      if (crc !== entry.crc32) throw new InputError(messages.corrupt(), this.path);
      const rest = decoder?.end() ?? '';
      if (rest.length > 0) yield rest;
    } catch (error) {
      throw this.streamError(error, label);
    } finally {
      stream.destroy();
      this.streams.delete(stream);
    }
  }

  close(): Promise<void> {
    if (this.closing === undefined) {
      for (const stream of this.streams) stream.destroy();
      this.streams.clear();
      this.closing = closeZip(this.zip, this.isClosed);
    }
    return this.closing;
  }

  /** Before inflating: the central directory's sizes against the caps. */
  private checkDeclared(entry: Entry, label: Bilingual): void {
    const { limits, path } = this;
    if (entry.isEncrypted()) throw new InputError(messages.encryptedPart(), path);
    if (entry.compressionMethod !== 0 && entry.compressionMethod !== 8) {
      throw new InputError(messages.unsupportedCompression(entry.compressionMethod), path);
    }
    if (entry.uncompressedSize > limits.maxPartBytes) {
      throw new InputError(messages.partTooLarge(label, entry.uncompressedSize, limits.maxPartBytes), path);
    }
    this.checkRatio(entry.uncompressedSize, entry, label);
  }

  private checkActual(inflated: number, entry: Entry, label: Bilingual): void {
    if (inflated > this.limits.maxPartBytes) {
      throw new InputError(messages.partTooLarge(label, inflated, this.limits.maxPartBytes), this.path);
    }
    this.checkRatio(inflated, entry, label);
  }

  private checkRatio(size: number, entry: Entry, label: Bilingual): void {
    if (size <= RATIO_FLOOR_BYTES) return;
    const ratio = size / Math.max(1, entry.compressedSize);
    if (ratio > this.limits.maxCompressionRatio) {
      throw new InputError(messages.ratioTooHigh(label, ratio, this.limits.maxCompressionRatio), this.path);
    }
  }

  private openStream(entry: Entry): Promise<Readable> {
    return new Promise((resolve, reject) => {
      if (this.closing !== undefined) return reject(new Error('the workbook is closed'));
      this.zip.openReadStream(entry, (error, stream) => {
        if (error) reject(new InputError(messages.corrupt(), this.path, { cause: error }));
        else resolve(stream);
      });
    });
  }

  private streamError(error: unknown, label: Bilingual): unknown {
    if (error instanceof InputError) return error;
    if (this.closing !== undefined) return new Error('xlsx: the workbook was closed while a part was being read', { cause: error });
    const message = error instanceof Error ? error.message : String(error);
    const code = (error as NodeJS.ErrnoException | undefined)?.code ?? '';
    if (message.startsWith('too many bytes')) return new InputError(messages.sizeMismatch(label), this.path, { cause: error });
    // System errors (EIO, EBADF…) are the disk's fault, not the file's; zlib's are Z_….
    if (/^E[A-Z]+$/.test(code)) {
      return new InputError(messages.cannotRead(code), this.path, { cause: error });
    }
    return new InputError(messages.corrupt(), this.path, { cause: error });
  }
}
