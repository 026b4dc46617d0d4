// Decide what an input really is from its first bytes, whatever its extension says.
// Merchants rename files freely: a ".xls" from an ERP is often an HTML page, a ".xlsx"
// may be a CSV, and old BIFF or password-protected files need a precise instruction.

import { open, stat, type FileHandle } from 'node:fs/promises';
import { InputError, type Bilingual } from './errors.js';
import { namedAsWorkbook, notAZipMessage, textUnderWrongName } from './extension.js';

export type InputKind = 'xlsx' | 'csv';

const HEAD_BYTES = 4096;
const ODS_MIMETYPE = 'application/vnd.oasis.opendocument.spreadsheet';
const OLE2_MAGIC = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

const MESSAGES = {
  directory: {
    zh: '这是一个文件夹，不是表格文件；请指定其中的 .xlsx 或 .csv 文件',
    en: 'This is a folder, not a spreadsheet; pass the .xlsx or .csv file inside it',
  },
  notAFile: {
    zh: '这不是普通文件（可能是设备或管道）；请指定 .xlsx 或 .csv 文件',
    en: 'This is not a regular file (a device or pipe?); pass an .xlsx or .csv file',
  },
  empty: {
    zh: '文件是空的（0 字节）；请重新导出订单表后重试',
    en: 'The file is empty (0 bytes); export the orders again and retry',
  },
  xls: {
    zh: '这是旧版 .xls 文件，请在 Excel/WPS 中另存为 .xlsx 后重试',
    en: 'This is an old-style .xls file; open it in Excel/WPS, save it as .xlsx and try again',
  },
  encrypted: {
    zh: '文件设置了打开密码（已加密），无法读取；请在 Excel/WPS 中取消密码后另存为 .xlsx，然后重试',
    en: 'The file is password-protected (encrypted); remove the password in Excel/WPS, save it as .xlsx and try again',
  },
  html: {
    zh: '这是网页（HTML）格式的表格，不是真正的 Excel 文件；请在 Excel/WPS 中打开并另存为 .xlsx 后重试',
    en: 'This is an HTML (web page) table, not a real Excel file; open it in Excel/WPS, save it as .xlsx and try again',
  },
  ods: {
    zh: '这是 OpenDocument 表格（.ods，LibreOffice 的格式），不是 .xlsx；请在 LibreOffice 里「另存为」Excel 2007-365 (.xlsx)，或在 Excel/WPS 中另存为 .xlsx 后重试',
    en: 'This is an OpenDocument spreadsheet (.ods, LibreOffice\'s format), not .xlsx; in LibreOffice use Save As "Excel 2007-365 (.xlsx)", or save it as .xlsx in Excel/WPS, and try again',
  },
  xmlSpreadsheet: {
    zh: '这是 Excel 2003 XML 格式的表格，不是 .xlsx；请在 Excel/WPS 中打开并另存为 .xlsx 后重试',
    en: 'This is an Excel 2003 XML spreadsheet, not .xlsx; open it in Excel/WPS, save it as .xlsx and try again',
  },
} satisfies Record<string, Bilingual>;

function unsupported(kind: Bilingual): Bilingual {
  return {
    zh: `不支持的文件类型（${kind.zh}），请另存为 .xlsx 或 .csv 后重试`,
    en: `Unsupported file type (${kind.en}); save it as .xlsx or .csv and try again`,
  };
}

/** Maps a failure to open or stat an input to a one-line InputError; anything else is returned unchanged. */
export function inputOpenError(error: unknown, path: string): unknown {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  const text: Bilingual | undefined =
    code === 'ENOENT' ? { zh: '找不到文件，请检查路径和文件名', en: 'File not found; check the path and the file name' }
    : code === 'ENOTDIR' ? { zh: '找不到文件：路径中有一段不是文件夹，请检查路径', en: 'File not found: part of the path is not a folder; check the path' }
    : code === 'EISDIR' ? MESSAGES.directory
    : code === 'EACCES' || code === 'EPERM' ? { zh: '没有读取该文件的权限；请检查文件权限，或把文件复制到其他位置后重试', en: 'No permission to read the file; check its permissions or copy it elsewhere and retry' }
    : code === 'EBUSY' ? { zh: '文件被占用（可能正在 Excel/WPS 中打开）；请关闭后重试', en: 'The file is locked (open in Excel/WPS?); close it and try again' }
    : undefined;
  return text ? new InputError(text, path, { cause: error }) : error;
}

/** Reads the first bytes of `path` and tells which reader can handle it, or throws an InputError that says what to do. */
export async function sniffFile(path: string): Promise<InputKind> {
  let file: FileHandle;
  try {
    const stats = await stat(path);
    if (stats.isDirectory()) throw new InputError(MESSAGES.directory, path);
    if (!stats.isFile()) throw new InputError(MESSAGES.notAFile, path);
    if (stats.size === 0) throw new InputError(MESSAGES.empty, path);
    file = await open(path, 'r');
  } catch (error) {
    throw inputOpenError(error, path);
  }
  try {
    const { size } = await file.stat();
    const head = await readAt(file, 0, Math.min(size, HEAD_BYTES));
    return await classify(file, head, size, path);
  } finally {
    await file.close().catch(() => undefined);
  }
}

async function classify(file: FileHandle, head: Buffer, size: number, path: string): Promise<InputKind> {
  // Any zip goes to the xlsx reader, which knows what a workbook package must contain; an
  // OpenDocument file says what it is in its first entry, which the format requires to be
  // an uncompressed 'mimetype' (an .ods read as a workbook would be 'no workbook inside').
  if (startsWith(head, [0x50, 0x4b, 0x03, 0x04]) || startsWith(head, [0x50, 0x4b, 0x05, 0x06])) {
    if (head.subarray(0, 128).includes(ODS_MIMETYPE)) throw new InputError(MESSAGES.ods, path);
    return 'xlsx';
  }
  if (startsWith(head, OLE2_MAGIC)) {
    const content = await inspectOle2(file, size);
    if (content === 'encrypted') throw new InputError(MESSAGES.encrypted, path);
    if (content === 'xls') throw new InputError(MESSAGES.xls, path);
    throw new InputError(unsupported(content), path);
  }
  const text = decodeHead(head);
  if (text === undefined) {
    const kind = binaryKind(head);
    // Unknown bytes under a workbook's name: a damaged download more likely than a format we do not know.
    if (kind === undefined && namedAsWorkbook(path)) throw new InputError(notAZipMessage(path), path);
    throw new InputError(unsupported(kind ?? { zh: '二进制文件', en: 'binary file' }), path);
  }
  const markup = markupKind(text);
  if (markup) throw new InputError(MESSAGES[markup], path);
  const wrongName = textUnderWrongName(path);
  if (wrongName) throw new InputError(wrongName, path);
  return 'csv';
}

/** The head as text, or undefined when it is binary. A UTF-16 BOM makes NUL bytes legitimate. */
function decodeHead(head: Buffer): string | undefined {
  if (startsWith(head, [0xff, 0xfe])) return new TextDecoder('utf-16le').decode(head);
  if (startsWith(head, [0xfe, 0xff])) return new TextDecoder('utf-16be').decode(head);
  if (binaryKind(head)) return undefined;
  if (head.subarray(0, 1024).includes(0) || controlBytes(head) > Math.max(4, head.length / 100)) return undefined;
  // Only the ASCII start matters for the markup check, so GBK text decoding as U+FFFD is fine.
  return new TextDecoder('utf-8').decode(head);
}

/** Control bytes no text table has (tab, line breaks, form feed, DOS end-of-file and ESC excepted). */
function controlBytes(head: Buffer): number {
  let count = 0;
  for (const byte of head) if (byte < 0x20 && (byte < 0x09 || (byte > 0x0d && byte < 0x1a) || byte > 0x1b)) count += 1;
  return count;
}

// Formats people mistake for a spreadsheet export. A number is a byte, a string its ASCII
// bytes, null any byte. Anything else binary is caught by the NUL-byte check.
const MAGIC: { bytes: (number | null)[]; kind: Bilingual }[] = [
  { bytes: bytes('%PDF'), kind: { zh: 'PDF 文档', en: 'PDF document' } },
  { bytes: bytes(0x89, 'PNG'), kind: { zh: 'PNG 图片', en: 'PNG image' } },
  { bytes: bytes(0xff, 0xd8, 0xff), kind: { zh: 'JPEG 图片', en: 'JPEG image' } },
  { bytes: bytes('GIF8'), kind: { zh: 'GIF 图片', en: 'GIF image' } },
  { bytes: bytes('RIFF', null, null, null, null, 'WEBP'), kind: { zh: 'WebP 图片', en: 'WebP image' } },
  { bytes: bytes('II', 0x2a, 0x00), kind: { zh: 'TIFF 图片', en: 'TIFF image' } },
  { bytes: bytes('MM', 0x00, 0x2a), kind: { zh: 'TIFF 图片', en: 'TIFF image' } },
  { bytes: bytes(null, null, null, null, 'ftyp'), kind: { zh: 'HEIC 图片或视频', en: 'HEIC image or video' } },
  { bytes: bytes(0x1f, 0x8b), kind: { zh: 'gzip 压缩包', en: 'gzip archive' } },
  { bytes: bytes('7z', 0xbc, 0xaf, 0x27, 0x1c), kind: { zh: '7z 压缩包', en: '7z archive' } },
  { bytes: bytes('Rar!', 0x1a, 0x07), kind: { zh: 'RAR 压缩包', en: 'RAR archive' } },
  { bytes: bytes(0x7f, 'ELF'), kind: { zh: '程序文件', en: 'executable' } },
];

function binaryKind(head: Buffer): Bilingual | undefined {
  return MAGIC.find((magic) => startsWith(head, magic.bytes))?.kind;
}

/** Spreadsheet-looking markup that Excel opens but that is not xlsx: ERP ".xls" exports are often HTML or MHTML. */
function markupKind(text: string): 'html' | 'xmlSpreadsheet' | 'ods' | undefined {
  const start = text.replace(/^[\s\uFEFF]+/, '').slice(0, HEAD_BYTES).toLowerCase();
  // A flat OpenDocument file (.fods): the same spreadsheet as an .ods, as one XML document.
  if (start.includes('<office:document') && start.includes(ODS_MIMETYPE)) return 'ods';
  if (start.startsWith('<?xml')) {
    if (/mso-application|urn:schemas-microsoft-com:office:spreadsheet|<(ss:)?workbook/.test(start)) return 'xmlSpreadsheet';
    return 'html';
  }
  const htmlStarts = ['<html', '<!doctype', '<table', '<head', '<body', '<meta', '<style', '<!--', 'mime-version:'];
  return htmlStarts.some((prefix) => start.startsWith(prefix)) ? 'html' : undefined;
}

// ---- OLE2 (Compound File Binary) ---------------------------------------------------------
// Old .xls and encrypted .xlsx share the OLE2 container; only the stream names differ:
// BIFF has `Workbook` (or `Book` for Excel 5), an encrypted OOXML has `EncryptedPackage`
// and `EncryptionInfo`. Reading the directory needs the header, the FAT and the chain.

type OleContent = 'xls' | 'encrypted' | Bilingual;

const END_OF_CHAIN = 0xfffffffe;
const MAX_REGULAR_SECTOR = 0xfffffffa;

class BrokenOle2 extends Error {}

async function inspectOle2(file: FileHandle, size: number): Promise<OleContent> {
  let names: string[];
  try {
    names = (await readDirectoryNames(file, size)).map((name) => name.toLowerCase());
  } catch {
    return 'xls'; // a damaged container is most likely an old workbook; re-saving is the fix either way
  }
  if (names.includes('encryptedpackage') || names.includes('encryptioninfo')) return 'encrypted';
  if (names.includes('workbook') || names.includes('book')) return 'xls';
  if (names.includes('worddocument')) return { zh: 'Word 97-2003 文档（.doc）', en: 'Word 97-2003 document (.doc)' };
  if (names.includes('powerpoint document')) return { zh: 'PowerPoint 97-2003 文档（.ppt）', en: 'PowerPoint 97-2003 document (.ppt)' };
  return { zh: 'Office 旧格式（OLE2）文件，但不是表格', en: 'legacy Office (OLE2) file that is not a workbook' };
}

async function readDirectoryNames(file: FileHandle, size: number): Promise<string[]> {
  const header = await readExactly(file, 0, 512);
  const sectorShift = header.readUInt16LE(0x1e);
  if (sectorShift !== 9 && sectorShift !== 12) throw new BrokenOle2('sector size');
  const sectorSize = 1 << sectorShift;
  const sectorCount = Math.ceil(size / sectorSize) - 1;
  const readSector = async (sector: number): Promise<Buffer> => {
    if (sector > MAX_REGULAR_SECTOR || sector >= sectorCount) throw new BrokenOle2(`sector ${sector}`);
    return readExactly(file, (sector + 1) * sectorSize, sectorSize);
  };
  const fatSectors = await readFatSectorList(header, sectorSize, readSector, sectorCount);
  const fatCache = new Map<number, Buffer>();
  const entriesPerSector = sectorSize / 4;
  const nextSector = async (sector: number): Promise<number> => {
    const index = Math.floor(sector / entriesPerSector);
    const fatSector = fatSectors[index];
    if (fatSector === undefined) throw new BrokenOle2('FAT');
    let fat = fatCache.get(index);
    if (!fat) fatCache.set(index, (fat = await readSector(fatSector)));
    return fat.readUInt32LE((sector % entriesPerSector) * 4);
  };

  const names: string[] = [];
  const visited = new Set<number>();
  for (let sector = header.readUInt32LE(0x30); sector !== END_OF_CHAIN; sector = await nextSector(sector)) {
    if (visited.has(sector)) throw new BrokenOle2('directory loop');
    visited.add(sector);
    const data = await readSector(sector);
    for (let offset = 0; offset + 128 <= sectorSize; offset += 128) {
      const nameBytes = data.readUInt16LE(offset + 0x40);
      const type = data[offset + 0x42];
      if ((type === 1 || type === 2 || type === 5) && nameBytes >= 2 && nameBytes <= 64) {
        names.push(data.toString('utf16le', offset, offset + nameBytes - 2));
      }
    }
  }
  return names;
}

/** The FAT sector numbers: 109 in the header (the DIFAT), the rest in a chain of DIFAT sectors. */
async function readFatSectorList(
  header: Buffer,
  sectorSize: number,
  readSector: (sector: number) => Promise<Buffer>,
  sectorCount: number,
): Promise<number[]> {
  const list: number[] = [];
  const push = (sector: number): void => {
    if (sector <= MAX_REGULAR_SECTOR) list.push(sector);
  };
  for (let offset = 0x4c; offset < 512; offset += 4) push(header.readUInt32LE(offset));
  let difat = header.readUInt32LE(0x44);
  for (let hops = 0; difat <= MAX_REGULAR_SECTOR; hops += 1) {
    if (hops > sectorCount) throw new BrokenOle2('DIFAT loop');
    const data = await readSector(difat);
    for (let offset = 0; offset < sectorSize - 4; offset += 4) push(data.readUInt32LE(offset));
    difat = data.readUInt32LE(sectorSize - 4);
  }
  return list;
}

// ---- bytes -----------------------------------------------------------------------------------

function bytes(...parts: (string | number | null)[]): (number | null)[] {
  return parts.flatMap((part) => (typeof part === 'string' ? [...part].map((char) => char.charCodeAt(0)) : [part]));
}

function startsWith(buffer: Uint8Array, prefix: readonly (number | null)[]): boolean {
  if (buffer.length < prefix.length) return false;
  return prefix.every((byte, index) => byte === null || buffer[index] === byte);
}

async function readAt(file: FileHandle, position: number, length: number): Promise<Buffer> {
  const buffer = Buffer.alloc(length);
  const { bytesRead } = await file.read(buffer, 0, length, position);
  return buffer.subarray(0, bytesRead);
}

async function readExactly(file: FileHandle, position: number, length: number): Promise<Buffer> {
  const buffer = await readAt(file, position, length);
  if (buffer.length < length) throw new BrokenOle2('truncated');
  return buffer;
}
