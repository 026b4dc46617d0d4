// A zip with bytes after its end: some download tools and mail gateways append padding
// (often zeros) to a file. unzip, Python's zipfile and exceljs read such a file; yauzl finds
// the end-of-central-directory record but refuses it, because its comment length does not
// reach the end of the file. Here the record is found and checked, and yauzl is handed the
// file as if it ended where the record (and its comment) ends.

import type { FileHandle } from 'node:fs/promises';
import { open } from 'node:fs/promises';
import { Readable } from 'node:stream';
import yauzl, { type Options, type ZipFile } from 'yauzl';

const EOCD_SIGNATURE = 0x06054b50;
const EOCD_SIZE = 22;
const ZIP64_LOCATOR_SIGNATURE = 0x07064b50;
const ZIP64_LOCATOR_SIZE = 20;
/**
 * How far from the end the record is looked for: a longest comment, the padding in it, as
 * yauzl and Python's zipfile look. Beyond that they (and unzip) give up too, and so does ship.
 */
const SEARCHED_BYTES = EOCD_SIZE + 0xffff;

/**
 * Where the zip in `file` ends: just after the comment of the last end-of-central-directory
 * record that describes a central directory right in front of it. Undefined if there is none.
 */
async function zipEnd(file: FileHandle, size: number): Promise<number | undefined> {
  const length = Math.min(size, SEARCHED_BYTES);
  const start = size - length;
  const tail = Buffer.alloc(length);
  const { bytesRead } = await file.read(tail, 0, length, start);
  if (bytesRead < length) return undefined;
  for (let i = length - EOCD_SIZE; i >= 0; i -= 1) {
    if (tail.readUInt32LE(i) !== EOCD_SIGNATURE) continue;
    const end = start + i + EOCD_SIZE + tail.readUInt16LE(i + 20);
    if (end > size) continue;
    // A zip64 record is checked by yauzl; a plain one must end its central directory exactly
    // here, or the four bytes were only data that looked like a signature.
    const zip64 = i >= ZIP64_LOCATOR_SIZE && tail.readUInt32LE(i - ZIP64_LOCATOR_SIZE) === ZIP64_LOCATOR_SIGNATURE;
    if (zip64 || tail.readUInt32LE(i + 16) + tail.readUInt32LE(i + 12) === start + i) return end;
  }
  return undefined;
}

/** The file as yauzl reads it, up to the size yauzl is given: it reads no further. */
class FileRange extends yauzl.RandomAccessReader {
  constructor(private readonly file: FileHandle) {
    super();
  }

  // Not file.createReadStream(): yauzl destroys the streams it is done with, and destroying
  // one of those closes the file, whatever autoClose says.
  override _readStreamForRange(start: number, end: number): Readable {
    const file = this.file;
    let position = start;
    return new Readable({
      read(size) {
        const length = Math.min(size, end - position);
        if (length <= 0) return void this.push(null);
        file.read(Buffer.alloc(length), 0, length, position).then(
          ({ bytesRead, buffer }) => {
            position += bytesRead;
            // A file cut short ends the stream early; yauzl counts the bytes and says so.
            this.push(bytesRead === 0 ? null : buffer.subarray(0, bytesRead));
          },
          (error: Error) => this.destroy(error),
        );
      },
    });
  }

  override close(callback: (error: Error | null) => void): void {
    this.file.close().then(() => callback(null), callback);
  }
}

/**
 * The zip at `path` read without the bytes after its end, or undefined when it has none
 * (or no end that holds up): the caller's own error stands then. Closing the ZipFile closes the file.
 */
export async function openBeforeTrailingBytes(path: string, options: Options): Promise<ZipFile | undefined> {
  const file = await open(path, 'r');
  try {
    const { size } = await file.stat();
    const end = await zipEnd(file, size);
    if (end !== undefined && end < size) return await yauzl.fromRandomAccessReaderPromise(new FileRange(file), end, options);
  } catch {
    // Not a zip after all: the caller says so.
  }
  await file.close();
  return undefined;
}
