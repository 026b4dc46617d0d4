import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync, readlinkSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InputError } from '../../../src/io/errors.js';
import { DEFAULT_READ_LIMITS, type ReadLimits } from '../../../src/io/table.js';
import { openWorkbook } from '../../../src/io/xlsx/workbook.js';
import { bookParts, tempDir, worksheet, zipParts } from './package.js';
import { rejection } from '../../helpers/errors.js';

let temp: Awaited<ReturnType<typeof tempDir>>;
let counter = 0;
beforeAll(async () => (temp = await tempDir()));
afterAll(() => temp.remove());

const save = (data: Buffer) => temp.file(`f${++counter}.xlsx`, data);
const ROWS = '<row r="1"><c r="A1" t="inlineStr"><is><t>订单号</t></is></c></row><row r="2"><c r="A2"><v>1</v></c></row>';

/** ROWS `times` over, numbered on (row numbers must ascend: a repeated number is a damaged sheet). */
function manyRows(times: number): string {
  let xml = '';
  for (let i = 0; i < times; i += 1) {
    const [a, b] = [2 * i + 1, 2 * i + 2];
    xml += `<row r="${a}"><c r="A${a}" t="inlineStr"><is><t>订单号</t></is></c></row><row r="${b}"><c r="A${b}"><v>1</v></c></row>`;
  }
  return xml;
}

async function readAll(path: string, limits: ReadLimits = DEFAULT_READ_LIMITS): Promise<number> {
  const book = await openWorkbook(path, limits);
  try {
    let n = 0;
    for await (const batch of book.readRows(0)) n += batch.length;
    return n;
  } finally {
    await book.close();
  }
}

const failure = (promise: Promise<unknown>) => rejection(promise, InputError);

/** Rewrites fields of the central-directory (and local) header of one zip entry. */
function patchEntry(zip: Buffer, name: string, patch: (out: Buffer, central: number, local: number) => void): Buffer {
  const out = Buffer.from(zip);
  for (let at = out.indexOf('PK\x01\x02'); at >= 0; at = out.indexOf('PK\x01\x02', at + 4)) {
    const nameLength = out.readUInt16LE(at + 28);
    if (out.toString('utf8', at + 46, at + 46 + nameLength) === name) {
      patch(out, at, out.readUInt32LE(at + 42));
      return out;
    }
  }
  throw new Error(`no entry ${name}`);
}

/** File descriptors this process holds open on `path` (Linux). */
function openFds(path: string): number {
  return readdirSync('/proc/self/fd').filter((fd) => {
    try {
      return readlinkSync(`/proc/self/fd/${fd}`) === path;
    } catch {
      return false;
    }
  }).length;
}

const SHEET = 'xl/worksheets/sheet1.xml';

describe('zip guards', () => {
  it('rejects a part whose compression ratio is a bomb, before inflating it', async () => {
    const padding = ' '.repeat(16 << 20);
    const path = await save(await zipParts(bookParts({ sheets: [{ name: 'S', xml: worksheet(ROWS + padding) }] })));
    const started = Date.now();
    const error = await failure(readAll(path));
    expect(Date.now() - started).toBeLessThan(1000);
    expect(error.text.zh).toContain('压缩比');
    expect(error.text.en).toContain('--max-compression-ratio');
    // Raised on purpose, the same file reads.
    expect(await readAll(path, { ...DEFAULT_READ_LIMITS, maxCompressionRatio: 100_000 })).toBe(2);
  });

  it('rejects a part that declares more than maxPartBytes', async () => {
    const path = await save(await zipParts(bookParts({ sheets: [{ name: '包裹详情', xml: worksheet(ROWS + ' '.repeat(2 << 20)) }] })));
    const error = await failure(readAll(path, { ...DEFAULT_READ_LIMITS, maxPartBytes: 1 << 20 }));
    expect(error.text.zh).toContain('工作表「包裹详情」解压后有');
    expect(error.text.en).toContain('--max-part-mb <MB>');
  });

  it('stops a part that inflates beyond its declared size, fast and without buffering it', async () => {
    const zip = await zipParts(bookParts({ sheets: [{ name: 'S', xml: worksheet(ROWS + ' '.repeat(16 << 20)) }] }));
    // The central directory claims 4 KiB: every declared-size check passes, the data says otherwise.
    const lying = await save(patchEntry(zip, SHEET, (out, central) => out.writeUInt32LE(4096, central + 24)));
    const heapBefore = process.memoryUsage().heapUsed;
    const started = Date.now();
    const error = await failure(readAll(lying));
    expect(Date.now() - started).toBeLessThan(1000);
    expect(process.memoryUsage().heapUsed - heapBefore).toBeLessThan(64 << 20);
    expect(error.text.en).toContain('larger than the package says');
  });

  it('rejects a truncated file, random bytes and an empty file as damaged', async () => {
    const good = await zipParts(bookParts({ sheets: [{ name: 'S', xml: ROWS }] }));
    for (const data of [good.subarray(0, good.length >> 1), good.subarray(0, good.length - 1), randomBytes(5000), Buffer.concat([Buffer.from('PK\x03\x04'), randomBytes(3000)])]) {
      const error = await failure(openWorkbook(await save(data), DEFAULT_READ_LIMITS));
      expect(error.text.zh).toContain('文件已损坏或不完整');
    }
    expect((await failure(openWorkbook(await save(Buffer.alloc(0)), DEFAULT_READ_LIMITS))).text.en).toContain('empty');
  });

  it('reads a package followed by bytes that are not part of it, as unzip and Excel do', async () => {
    const good = await zipParts(bookParts({ sheets: [{ name: 'S', xml: ROWS }] }));
    // Some download tools and mail gateways pad a file with zeros; a copy may end in stray text.
    for (const tail of [Buffer.alloc(100), Buffer.alloc(1), Buffer.from('\r\n'), Buffer.alloc(60_000, 0x41)]) {
      expect(await readAll(await save(Buffer.concat([good, tail])))).toBe(2);
    }
    // A zip comment stays part of the package, padding after it does not.
    const commented = Buffer.concat([good.subarray(0, -2), Buffer.from([5, 0]), Buffer.from('hello'), Buffer.alloc(100)]);
    expect(await readAll(await save(commented))).toBe(2);
  });

  it('still rejects a padded package that is cut short, or padding longer than any zip reader looks past', async () => {
    const good = await zipParts(bookParts({ sheets: [{ name: 'S', xml: manyRows(50) }] }));
    for (const data of [Buffer.concat([good.subarray(0, good.length >> 1), Buffer.alloc(100)]), Buffer.concat([good, Buffer.alloc(70_000)])]) {
      expect((await failure(readAll(await save(data)))).text.zh).toContain('文件已损坏或不完整');
    }
  });

  it('rejects damaged compressed data of the sheet', async () => {
    const good = await zipParts(bookParts({ sheets: [{ name: 'S', xml: worksheet(manyRows(200)) }] }));
    const damaged = patchEntry(good, SHEET, (out, _central, local) => {
      const dataStart = local + 30 + out.readUInt16LE(local + 26) + out.readUInt16LE(local + 28);
      out.fill(0xff, dataStart + 10, dataStart + 40);
    });
    const error = await failure(readAll(await save(damaged)));
    expect(error.text.zh).toContain('文件已损坏或不完整');
  });

  it('rejects a part whose checksum does not match (a flipped byte in stored data)', async () => {
    const stored = await zipParts(bookParts({ sheets: [{ name: 'S', xml: ROWS }] }), { compress: false });
    const flipped = patchEntry(stored, SHEET, (out, _central, local) => {
      const dataStart = local + 30 + out.readUInt16LE(local + 26) + out.readUInt16LE(local + 28);
      const at = out.indexOf('<v>1</v>', dataStart);
      out.write('7', at + 3);
    });
    expect(await readAll(await save(stored))).toBe(2);
    expect((await failure(readAll(await save(flipped)))).text.zh).toContain('文件已损坏或不完整');
  });

  it('says that an old .xls or a password-protected workbook needs re-saving', async () => {
    const ole2 = Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(4000)]);
    const error = await failure(openWorkbook(await save(ole2), DEFAULT_READ_LIMITS));
    expect(error.text.zh).toContain('设置了打开密码');
  });

  it('rejects an encrypted zip entry', async () => {
    const zip = await zipParts(bookParts({ sheets: [{ name: 'S', xml: ROWS }] }));
    const encrypted = patchEntry(zip, SHEET, (out, central, local) => {
      out.writeUInt16LE(out.readUInt16LE(central + 8) | 1, central + 8);
      out.writeUInt16LE(out.readUInt16LE(local + 6) | 1, local + 6);
    });
    const error = await failure(readAll(await save(encrypted)));
    expect(error.text.zh).toContain('加密');
  });

  it('rejects a file over maxFileBytes, a folder and a missing file', async () => {
    const path = await save(await zipParts(bookParts({ sheets: [{ name: 'S', xml: ROWS }] })));
    expect((await failure(openWorkbook(path, { ...DEFAULT_READ_LIMITS, maxFileBytes: 100 }))).text.en).toContain('--max-file-mb');
    await failure(openWorkbook(temp.dir, DEFAULT_READ_LIMITS));
    await failure(openWorkbook(`${temp.dir}/nope.xlsx`, DEFAULT_READ_LIMITS));
  });
});

describe.skipIf(!existsSync('/proc/self/fd'))('file handle', () => {
  it('is released by close() after an early break out of readRows, and the file opens again', async () => {
    const path = await save(await zipParts(bookParts({ sheets: [{ name: 'S', xml: manyRows(5000) }], sharedStrings: ['x'] })));
    const book = await openWorkbook(path, DEFAULT_READ_LIMITS);
    expect(openFds(path)).toBe(1);
    for await (const batch of book.readRows(0)) {
      expect(batch[0]!.row).toBe(1);
      break;
    }
    // The workbook stays usable after a break: the part's stream was released, not the file.
    let first = 0;
    for await (const batch of book.readRows(0)) {
      first = batch[0]!.row;
      break;
    }
    expect(first).toBe(1);
    await book.close();
    await book.close();
    expect(openFds(path)).toBe(0);
    expect(await readAll(path)).toBe(10_000);
    expect(openFds(path)).toBe(0);
  });

  it('is released by close() while a sheet is still being read', async () => {
    const path = await save(await zipParts(bookParts({ sheets: [{ name: 'S', xml: manyRows(20_000) }] })));
    const book = await openWorkbook(path, DEFAULT_READ_LIMITS);
    const rows = book.readRows(0)[Symbol.asyncIterator]();
    await rows.next();
    await book.close();
    expect(openFds(path)).toBe(0);
  });

  it('is released by close() of a package read without the bytes after it', async () => {
    const good = await zipParts(bookParts({ sheets: [{ name: 'S', xml: manyRows(100) }], sharedStrings: ['x'] }));
    const path = await save(Buffer.concat([good, Buffer.alloc(100)]));
    const book = await openWorkbook(path, DEFAULT_READ_LIMITS);
    expect(openFds(path)).toBe(1);
    let rows = 0;
    for await (const batch of book.readRows(0)) rows += batch.length;
    expect(rows).toBe(200);
    await book.close();
    expect(openFds(path)).toBe(0);
    const damaged = await save(Buffer.concat([good.subarray(0, good.length - 30), Buffer.alloc(100)]));
    await failure(openWorkbook(damaged, DEFAULT_READ_LIMITS));
    expect(openFds(damaged)).toBe(0);
  });

  it('is released when opening fails halfway', async () => {
    const parts = bookParts({ sheets: [{ name: 'S', xml: ROWS }] }).map(([name, content]) =>
      name === 'xl/workbook.xml' ? ([name, '<workbook><sheets><sheet name="S" r:id="rId1"'] as [string, string]) : ([name, content] as [string, string]),
    );
    const path = await save(await zipParts(parts));
    const error = await failure(openWorkbook(path, DEFAULT_READ_LIMITS));
    expect(error.text.en).toContain('xl/workbook.xml');
    expect(openFds(path)).toBe(0);
  });
});
