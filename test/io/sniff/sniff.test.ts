import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InputError } from '../../../src/io/errors.js';
import { sniffFile } from '../../../src/io/sniff.js';

let dir: string;
let counter = 0;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ship-sniff-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function fileWith(content: Buffer | string, name = `f${(counter += 1)}.xlsx`): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, content);
  return path;
}

async function failure(path: string): Promise<InputError> {
  const error = await sniffFile(path).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(InputError);
  expect((error as InputError).path).toBe(path);
  return error as InputError;
}

const END_OF_CHAIN = 0xfffffffe;
const FREE = 0xffffffff;
const FAT_SECTOR = 0xfffffffd;

/**
 * A minimal Compound File Binary container: sector 0 holds the FAT, sectors 1..n the
 * directory, chained through the FAT. Each inner array is one directory sector's entry names
 * (the first name of the first sector is the root). Streams have no data; only names matter.
 */
function ole2(directorySectors: string[][], sectorShift = 9): Buffer {
  const size = 1 << sectorShift;
  const perSector = size / 128;
  const header = Buffer.alloc(size);
  Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(header, 0);
  header.writeUInt16LE(0x3e, 0x18);
  header.writeUInt16LE(sectorShift === 9 ? 3 : 4, 0x1a);
  header.writeUInt16LE(0xfffe, 0x1c);
  header.writeUInt16LE(sectorShift, 0x1e);
  header.writeUInt16LE(6, 0x20);
  header.writeUInt32LE(sectorShift === 9 ? 0 : directorySectors.length, 0x28);
  header.writeUInt32LE(1, 0x2c); // one FAT sector
  header.writeUInt32LE(1, 0x30); // directory starts at sector 1
  header.writeUInt32LE(4096, 0x38);
  header.writeUInt32LE(END_OF_CHAIN, 0x3c);
  header.writeUInt32LE(END_OF_CHAIN, 0x44);
  header.writeUInt32LE(0, 0x4c); // DIFAT[0]: the FAT is sector 0
  for (let offset = 0x50; offset < 512; offset += 4) header.writeUInt32LE(FREE, offset);

  const fat = Buffer.alloc(size, 0xff);
  fat.writeUInt32LE(FAT_SECTOR, 0);
  directorySectors.forEach((_, i) => fat.writeUInt32LE(i === directorySectors.length - 1 ? END_OF_CHAIN : i + 2, (i + 1) * 4));

  const sectors = directorySectors.map((names, sectorIndex) => {
    const sector = Buffer.alloc(size);
    names.slice(0, perSector).forEach((name, i) => {
      const entry = i * 128;
      sector.write(name, entry, 'utf16le');
      sector.writeUInt16LE((name.length + 1) * 2, entry + 0x40);
      sector[entry + 0x42] = sectorIndex === 0 && i === 0 ? 5 : 2;
      for (const id of [0x44, 0x48, 0x4c]) sector.writeUInt32LE(FREE, entry + id);
    });
    return sector;
  });
  return Buffer.concat([header, fat, ...sectors]);
}

describe('sniffFile: what the file really is', () => {
  it('sends any zip to the xlsx reader', async () => {
    expect(await sniffFile(await fileWith(Buffer.from('PK\x03\x04rest-of-zip', 'latin1')))).toBe('xlsx');
    expect(await sniffFile(await fileWith(Buffer.from('PK\x05\x06' + '\0'.repeat(18), 'latin1'), 'empty.zip'))).toBe('xlsx');
  });

  it('reads text as CSV under the names a text table has', async () => {
    for (const name of ['a.csv', 'a.tsv', 'a.txt', 'a.TAB', 'noext', 'erp-export.xls', 'UPPER.CSV']) {
      expect(await sniffFile(await fileWith('订单号,快递单号\nP1,SF1\n', name))).toBe('csv');
    }
  });

  it('says a text file named .xlsx is not a real .xlsx, instead of reading it as CSV', async () => {
    for (const name of ['really-a-csv.xlsx', 'macro.XLSM']) {
      const error = await failure(await fileWith('订单号,快递单号\nP1,SF1\n', name));
      expect(error.text.zh).toContain('但内容是纯文本（像是 CSV），不是真正的');
      expect(error.text.zh).toContain('请把扩展名改为 .csv');
      expect(error.text.en).toContain('holds plain text');
    }
  });

  it('refuses text under a name it does not know', async () => {
    const error = await failure(await fileWith('{"orders": []}', 'orders.json'));
    expect(error.text.zh).toBe('不认识的文件类型（.json）：ship 读取 .xlsx 和 .csv 文件。请在 Excel/WPS 中另存为 .xlsx 或 .csv 后重试');
  });

  it('reads GBK and UTF-16 (with BOM) text as CSV', async () => {
    expect(await sniffFile(await fileWith(Buffer.from([0xcb, 0xb3, 0xb7, 0xe1, 0x2c, 0x31, 0x0a]), 'gbk.csv'))).toBe('csv');
    expect(await sniffFile(await fileWith(Buffer.from('\uFEFF订单号\tSF1\n', 'utf16le'), 'u16.csv'))).toBe('csv');
  });
});

describe('sniffFile: files it refuses, with what to do', () => {
  it('unknown bytes named .xlsx: damaged, or another file renamed', async () => {
    const noise = Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919 + 13) % 251));
    for (const content of [Buffer.from('abc\0def', 'latin1'), noise]) {
      const error = await failure(await fileWith(content, `f${(counter += 1)}.xlsx`));
      expect(error.text.zh).toMatch(/^文件名是 \.xlsx，但内容不是 \.xlsx 文件（文件已损坏或不完整，或是别的文件改了扩展名）/);
      expect(error.text.en).toContain('is named .xlsx but its content is not an .xlsx file');
    }
  });

  it('control bytes mean binary, a stray one in a text table does not', async () => {
    const text = `订单号,快递单号\nP1,SF1\u0008\n${'P2,SF2\n'.repeat(200)}`;
    expect(await sniffFile(await fileWith(text, 'stray.csv'))).toBe('csv');
    const binary = Buffer.from(Array.from({ length: 2048 }, (_, i) => (i % 3 === 0 ? 0x01 : 0x41)));
    expect((await failure(await fileWith(binary, 'ctrl.csv'))).text.zh).toContain('二进制文件');
  });

  it('a missing path', async () => {
    const error = await failure(join(dir, 'missing.xlsx'));
    expect(error.text.zh).toContain('找不到文件');
    expect(error.text.zh).toContain('请检查路径');
  });

  it('a directory', async () => {
    const path = join(dir, 'folder.xlsx');
    await mkdir(path);
    expect((await failure(path)).text.zh).toContain('文件夹');
  });

  it('an empty file', async () => {
    expect((await failure(await fileWith(''))).text.zh).toContain('空');
  });

  it('an old .xls (OLE2 with a Workbook stream)', async () => {
    const error = await failure(await fileWith(ole2([['Root Entry', 'Workbook', '\u0005SummaryInformation']]), 'old.xls'));
    expect(error.text.zh).toBe('这是旧版 .xls 文件，请在 Excel/WPS 中另存为 .xlsx 后重试');
  });

  it('an Excel 5 .xls (Book stream) with 4 KiB sectors', async () => {
    const error = await failure(await fileWith(ole2([['Root Entry', 'Book']], 12), 'excel5.xls'));
    expect(error.text.zh).toContain('旧版 .xls');
  });

  it('a password-protected xlsx, its EncryptedPackage found by following the directory chain', async () => {
    const sectors = [['Root Entry', '\u0006DataSpaces', 'Version', 'DataSpaceMap'], ['EncryptionInfo', 'EncryptedPackage']];
    const error = await failure(await fileWith(ole2(sectors), 'locked.xlsx'));
    expect(error.text.zh).toContain('文件设置了打开密码');
    expect(error.text.zh).toContain('取消密码后另存为 .xlsx');
  });

  it('a broken OLE2 container falls back to the .xls message', async () => {
    const truncated = ole2([['Root Entry', 'EncryptedPackage']]).subarray(0, 700);
    expect((await failure(await fileWith(truncated))).text.zh).toContain('旧版 .xls');
    const looping = ole2([['Root Entry', 'x']]);
    looping.writeUInt32LE(1, 512 + 4); // FAT: directory sector 1 points to itself
    expect((await failure(await fileWith(looping))).text.zh).toContain('旧版 .xls');
  });

  it('an OLE2 that is a Word document', async () => {
    const error = await failure(await fileWith(ole2([['Root Entry', 'WordDocument', '1Table']]), 'x.xls'));
    expect(error.text.zh).toContain('不支持的文件类型');
    expect(error.text.en).toContain('.doc');
  });

  it('an HTML page saved as .xls, after a BOM and whitespace', async () => {
    const pages = [
      '<html xmlns:o="urn:schemas-microsoft-com:office:office"><body><table>',
      '\uFEFF\r\n  <!DOCTYPE html><html>',
      '<TABLE border=1><tr><td>订单号</td></tr></TABLE>',
      'MIME-Version: 1.0\r\nContent-Type: multipart/related;',
    ];
    for (const page of pages) {
      const error = await failure(await fileWith(page, `page${(counter += 1)}.xls`));
      expect(error.text.zh).toContain('这是网页（HTML）格式的表格');
      expect(error.text.zh).toContain('另存为 .xlsx');
    }
  });

  it('an Excel 2003 XML spreadsheet', async () => {
    const xml = '<?xml version="1.0"?>\n<?mso-application progid="Excel.Sheet"?>\n<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet">';
    expect((await failure(await fileWith(xml, 'x.xls'))).text.zh).toContain('XML');
  });

  // Merchants who edit in LibreOffice may keep its own format: 'no workbook inside' sent them looking for another file.
  it('an OpenDocument spreadsheet, zipped (.ods) or flat (.fods), says what to save it as', async () => {
    const mimetype = 'application/vnd.oasis.opendocument.spreadsheet';
    // ODF puts an uncompressed 'mimetype' entry first: a local header, the name, the content.
    const ods = Buffer.concat([Buffer.from('PK\x03\x04\x14\x00\x00\x00\x00\x00', 'latin1'), Buffer.alloc(16), Buffer.from([8, 0, 0, 0]), Buffer.from(`mimetype${mimetype}PK\x03\x04`, 'latin1')]);
    const fods = `<?xml version="1.0" encoding="UTF-8"?>\n<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" office:version="1.3" office:mimetype="${mimetype}">`;
    for (const file of [await fileWith(ods, 'orders.ods'), await fileWith(fods, 'orders.fods')]) {
      const { text } = await failure(file);
      expect(text.zh).toContain('OpenDocument 表格（.ods');
      expect(text.en).toContain('Save As "Excel 2007-365 (.xlsx)"');
    }
  });

  it('a PDF, an image, and other binary files', async () => {
    const cases: [Buffer, string][] = [
      [Buffer.from('%PDF-1.7\n%âãÏÓ\n', 'latin1'), 'PDF'],
      [Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]), 'PNG'],
      [Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10]), 'JPEG'],
      [Buffer.from([0x1f, 0x8b, 0x08, 0x00]), 'gzip'],
      [Buffer.from('abc\0def', 'latin1'), 'binary'],
    ];
    for (const [content, kind] of cases) {
      const error = await failure(await fileWith(content, `f${(counter += 1)}.bin`));
      expect(error.text.zh).toMatch(/^不支持的文件类型（.+），请另存为 \.xlsx 或 \.csv/);
      expect(error.text.en).toContain(kind);
    }
  });
});
