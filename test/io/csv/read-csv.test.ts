import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanValue, detectEncoding, readCsv, sniffDelimiter, type ReadCsvOptions } from '../../../src/io/csv/read-csv.js';
import { InputError } from '../../../src/io/errors.js';
import { DEFAULT_READ_LIMITS, type ReadLimits, type SheetRow } from '../../../src/io/table.js';
import { rejection } from '../../helpers/errors.js';

// GBK bytes, checked against TextDecoder('gb18030') in the first test.
const GBK = {
  顺丰: [0xcb, 0xb3, 0xb7, 0xe1],
  中通: [0xd6, 0xd0, 0xcd, 0xa8],
  订单号: [0xb6, 0xa9, 0xb5, 0xa5, 0xba, 0xc5],
  快递公司: [0xbf, 0xec, 0xb5, 0xdd, 0xb9, 0xab, 0xcb, 0xbe],
};
const BOM = [0xef, 0xbb, 0xbf];

let dir: string;
let counter = 0;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ship-csv-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Bytes from strings (as UTF-8) and byte arrays, in order. */
function bytes(...parts: (string | number[])[]): Buffer {
  return Buffer.concat(parts.map((part) => (typeof part === 'string' ? Buffer.from(part, 'utf8') : Buffer.from(part))));
}

async function fileWith(content: Buffer | string, name = `f${(counter += 1)}.csv`): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, content);
  return path;
}

async function read(path: string, limits: Partial<ReadLimits> = {}, options: ReadCsvOptions = {}): Promise<SheetRow[]> {
  const rows: SheetRow[] = [];
  for await (const batch of readCsv(path, { ...DEFAULT_READ_LIMITS, ...limits }, options)) rows.push(...batch);
  return rows;
}

/** Rows as plain text arrays ('' for an empty cell), keyed by row number. */
async function texts(path: string, options: ReadCsvOptions = {}): Promise<Record<number, string[]>> {
  const out: Record<number, string[]> = {};
  for (const row of await read(path, {}, options)) out[row.row] = row.cells.map((cell) => cell?.text ?? '');
  return out;
}

const failure = (promise: Promise<unknown>) => rejection(promise, InputError);

describe('encoding', () => {
  it('has the right GBK test bytes', () => {
    const decoder = new TextDecoder('gb18030');
    for (const [word, code] of Object.entries(GBK)) expect(decoder.decode(Buffer.from(code))).toBe(word);
  });

  it('detects BOMs, strict UTF-8 and falls back to gb18030', () => {
    expect(detectEncoding(bytes(BOM, 'a,b'))).toBe('utf-8');
    expect(detectEncoding(Buffer.from([0xff, 0xfe, 0x61, 0x00]))).toBe('utf-16le');
    expect(detectEncoding(Buffer.from([0xfe, 0xff, 0x00, 0x61]))).toBe('utf-16be');
    expect(detectEncoding(bytes('快递公司,顺丰'))).toBe('utf-8');
    expect(detectEncoding(bytes('a,', GBK.顺丰))).toBe('gb18030');
    expect(detectEncoding(bytes('plain ascii'))).toBe('utf-8');
  });

  it('does not call UTF-8 cut at the end of the 64 KiB sample invalid', () => {
    const sample = bytes('x'.repeat(64 * 1024 - 1), '顺'); // 顺 = 3 bytes, only the first is in the sample
    expect(detectEncoding(sample)).toBe('utf-8');
  });

  it('reads UTF-8 with a BOM, header on row 1', async () => {
    const path = await fileWith(bytes(BOM, '订单号,快递公司,快递单号\r\nP1,顺丰,SF1234567890123\r\n'));
    const rows = await read(path);
    expect(rows).toEqual([
      { row: 1, cells: [{ text: '订单号', type: 'string' }, { text: '快递公司', type: 'string' }, { text: '快递单号', type: 'string' }] },
      { row: 2, cells: [{ text: 'P1', type: 'string' }, { text: '顺丰', type: 'string' }, { text: 'SF1234567890123', type: 'string' }] },
    ]);
  });

  it('reads UTF-8 without a BOM', async () => {
    const path = await fileWith('订单号,快递公司\nP1,中通快递\n');
    expect(await texts(path)).toEqual({ 1: ['订单号', '快递公司'], 2: ['P1', '中通快递'] });
  });

  it('reads GBK, as zh-CN Excel saves "CSV (逗号分隔)"', async () => {
    const path = await fileWith(bytes(GBK.订单号, ',', GBK.快递公司, '\r\nP1,', GBK.顺丰, '\r\nP2,', GBK.中通, '\r\n'));
    expect(await texts(path)).toEqual({ 1: ['订单号', '快递公司'], 2: ['P1', '顺丰'], 3: ['P2', '中通'] });
  });

  it('reads UTF-16LE and UTF-16BE with a BOM', async () => {
    const text = '\uFEFF订单号\t快递单号\r\nP1\t00123\r\n';
    const le = Buffer.from(text, 'utf16le');
    const be = Buffer.from(le).swap16();
    expect(await texts(await fileWith(le))).toEqual({ 1: ['订单号', '快递单号'], 2: ['P1', '00123'] });
    expect(await texts(await fileWith(be))).toEqual({ 1: ['订单号', '快递单号'], 2: ['P1', '00123'] });
  });

  it('keeps a CJK character split across read chunks intact (UTF-8, GBK, UTF-16)', async () => {
    const utf8 = await fileWith('快递公司,单号\n顺丰速运,SF1\n中通快递,7312\n');
    const gbk = await fileWith(bytes(GBK.快递公司, ',x\n', GBK.顺丰, ',SF1\n', GBK.中通, ',7312\n'));
    const utf16 = await fileWith(Buffer.from('\uFEFF快递公司,x\n顺丰,SF1\n', 'utf16le'));
    for (const highWaterMark of [1, 2, 5, 7]) {
      expect(await texts(utf8, { highWaterMark })).toEqual({ 1: ['快递公司', '单号'], 2: ['顺丰速运', 'SF1'], 3: ['中通快递', '7312'] });
      expect(await texts(gbk, { highWaterMark })).toEqual({ 1: ['快递公司', 'x'], 2: ['顺丰', 'SF1'], 3: ['中通', '7312'] });
      expect(await texts(utf16, { highWaterMark })).toEqual({ 1: ['快递公司', 'x'], 2: ['顺丰', 'SF1'] });
    }
  });

  it('keeps a BOM and a four-byte character intact when read one byte at a time', async () => {
    const path = await fileWith(bytes(BOM, '备注,单号\n😀顺丰,SF1\n'));
    for (const highWaterMark of [1, 2, 3, 4]) {
      expect(await texts(path, { highWaterMark })).toEqual({ 1: ['备注', '单号'], 2: ['😀顺丰', 'SF1'] });
    }
  });

  it('reads a UTF-8 file cut in the middle of its last character as U+FFFD, not as GBK', async () => {
    const cut = Buffer.from('单号,备注\nSF1,顺丰', 'utf8').subarray(0, -1);
    expect(await texts(await fileWith(cut), { highWaterMark: 4 })).toEqual({ 1: ['单号', '备注'], 2: ['SF1', '顺\uFFFD'] });
  });

  it('switches to gb18030 when GBK appears only after a long ASCII start', async () => {
    const ascii = 'id,carrier\n' + Array.from({ length: 12_000 }, (_, i) => `${i},SF\n`).join('');
    expect(ascii.length).toBeGreaterThan(64 * 1024); // the sniffed sample is pure ASCII
    const content = bytes(ascii, 'last,', GBK.顺丰, '\n');
    expect(detectEncoding(content)).toBe('utf-8');
    const rows = await read(await fileWith(content));
    expect(rows.at(-1)).toEqual({ row: 12_002, cells: [{ text: 'last', type: 'string' }, { text: '顺丰', type: 'string' }] });
  });

  it('rejects UTF-8 followed by GBK even when both arrive in one read', async () => {
    const path = await fileWith(bytes('x'.repeat(70_000), '\n快递公司,x\n', GBK.顺丰, ',c\n'));
    const error = await failure(read(path, {}, { highWaterMark: 1024 * 1024 }));
    expect(error.text.zh).toContain('CSV UTF-8');
  });

  it('rejects a file that is UTF-8 at first and GBK later', async () => {
    const start = '快递公司,x\n' + 'a,b\n'.repeat(20_000);
    const path = await fileWith(bytes(start, GBK.顺丰, ',c\n'));
    const error = await failure(read(path));
    expect(error.text.zh).toContain('CSV UTF-8');
    expect(error.path).toBe(path);
  });
});

describe('values', () => {
  it('keeps every value a string: leading zeros and 22-digit numbers stay exact', async () => {
    const path = await fileWith('单号,金额\n"00123",1e3\n9400111202555842332669,0x1A\n');
    expect(await texts(path)).toEqual({ 1: ['单号', '金额'], 2: ['00123', '1e3'], 3: ['9400111202555842332669', '0x1A'] });
    const rows = await read(path);
    expect(rows.flatMap((r) => r.cells).every((cell) => cell?.type === 'string')).toBe(true);
  });

  it('strips the Douyin leading tab and the Pinduoduo trailing tab', async () => {
    const path = await fileWith('主订单编号,快递单号\n"\t6917926768823643751","\t773277027280336"\n6917926768823643752\t,SF1234567890123\t\n');
    expect(await texts(path)).toEqual({
      1: ['主订单编号', '快递单号'],
      2: ['6917926768823643751', '773277027280336'],
      3: ['6917926768823643752', 'SF1234567890123'],
    });
  });

  it('unwraps the ="…" text-forcing formula, quoted or not', async () => {
    const path = await fileWith('单号,b,c\n="00123","=""773277027280336""",="a""b"\n');
    expect(await texts(path)).toEqual({ 1: ['单号', 'b', 'c'], 2: ['00123', '773277027280336', 'a"b'] });
    expect(cleanValue('=SUM(A1)')).toBe('=SUM(A1)');
    expect(cleanValue('="')).toBe('="');
  });

  it('turns empty values into undefined cells and skips empty rows without renumbering', async () => {
    const path = await fileWith('a,b,c\n\n,,\nx,,z\n');
    const rows = await read(path);
    expect(rows.map((r) => r.row)).toEqual([1, 4]);
    expect(rows[1]?.cells).toEqual([{ text: 'x', type: 'string' }, undefined, { text: 'z', type: 'string' }]);
  });

  it('numbers a record with a quoted line break as one row, as Excel does', async () => {
    const path = await fileWith('地址,单号\n"上海市\n浦东新区",SF1\nb,SF2\n');
    expect(await texts(path)).toEqual({ 1: ['地址', '单号'], 2: ['上海市\n浦东新区', 'SF1'], 3: ['b', 'SF2'] });
  });

  it('reads records cut across reads, quoted line breaks and doubled quotes included', async () => {
    const path = await fileWith('地址,单号\r\n"上海市\r\n浦东新区 ""A座""",SF1\r\nb,"SF2"\r\n');
    for (const highWaterMark of [1, 3, 7, 64]) {
      expect(await texts(path, { highWaterMark })).toEqual({ 1: ['地址', '单号'], 2: ['上海市\r\n浦东新区 "A座"', 'SF1'], 3: ['b', 'SF2'] });
    }
  });

  it('reads a file whose lines end in CR alone (classic Mac), as csv-parse did', async () => {
    const path = await fileWith('单号,快递公司\rSF1,顺丰\r\rSF2,中通\r');
    const rows = await read(path);
    expect(rows.map((r) => [r.row, r.cells.map((cell) => cell?.text)])).toEqual([
      [1, ['单号', '快递公司']],
      [2, ['SF1', '顺丰']],
      [4, ['SF2', '中通']],
    ]);
  });

  it('reads rows appended with LF to a CRLF export as rows, as Excel does, across reads too', async () => {
    const path = await fileWith(bytes(BOM, '订单号,快递单号,备注\r\nP1,SF1,加急\nP2,SF2,门卫代收\n\r\nP3,SF3,\rP4,SF4,"二楼\r\n左转"\n'));
    const expected = { 1: ['订单号', '快递单号', '备注'], 2: ['P1', 'SF1', '加急'], 3: ['P2', 'SF2', '门卫代收'], 5: ['P3', 'SF3', ''], 6: ['P4', 'SF4', '二楼\r\n左转'] };
    for (const highWaterMark of [1, 2, 3, 5, 64, undefined]) expect(await texts(path, { highWaterMark })).toEqual(expected);
  });

  it('tolerates ragged rows and quotes inside unquoted fields', async () => {
    const path = await fileWith('a,b,c\n1\n1,2,3,4,5\n5"屏,x\n');
    expect(await texts(path)).toEqual({ 1: ['a', 'b', 'c'], 2: ['1'], 3: ['1', '2', '3', '4', '5'], 4: ['5"屏', 'x'] });
  });
});

describe('delimiter', () => {
  it('reads tab-delimited text', async () => {
    const path = await fileWith('订单号\t快递公司\t快递单号\nP1\t顺丰, 速运\tSF1\n');
    expect(await texts(path, {})).toEqual({ 1: ['订单号', '快递公司', '快递单号'], 2: ['P1', '顺丰, 速运', 'SF1'] });
  });

  it('reads semicolon-delimited text', async () => {
    const path = await fileWith('a;b;c\n1;2,5;3\n');
    expect(await texts(path)).toEqual({ 1: ['a', 'b', 'c'], 2: ['1', '2,5', '3'] });
  });

  it('honours Excel\'s sep= line and keeps the header on row 1', async () => {
    const path = await fileWith('sep=;\na;b\n1;2\n');
    expect(await texts(path)).toEqual({ 1: ['a', 'b'], 2: ['1', '2'] });
  });

  it('honours a sep= line that ends in CR alone or CRLF, like any other line', async () => {
    expect(await texts(await fileWith('sep=;\ra;b\r1;2\r'))).toEqual({ 1: ['a', 'b'], 2: ['1', '2'] });
    expect(await texts(await fileWith('sep=;\r\na;b\n1;2\n'))).toEqual({ 1: ['a', 'b'], 2: ['1', '2'] });
  });

  it('reads a sep= line that names a quote or CR as data, not as a directive', async () => {
    expect(await texts(await fileWith('sep="\na,b\n1,2\n'))).toEqual({ 1: ['sep="'], 2: ['a', 'b'], 3: ['1', '2'] });
    expect(await texts(await fileWith('sep=\r\na,b\r\n'))).toEqual({ 1: ['sep='], 2: ['a', 'b'] });
  });

  it('ignores delimiters inside quotes and tabs that are value prefixes', () => {
    expect(sniffDelimiter('a,b,c\n"x\ty\tz",2,3\n')).toBe(',');
    expect(sniffDelimiter('a,b\n"\t1","\t2"\n\t3,\t4\n')).toBe(',');
    expect(sniffDelimiter('a\t,b\t,c\t\n1\t,2\t,3\t\n')).toBe(',');
    expect(sniffDelimiter('a\tb\tc\n"1,5"\t2\t3\n')).toBe('\t');
    expect(sniffDelimiter('only one column\nvalue\n')).toBe(',');
  });

  it('leaves out the record a truncated sample cuts, whatever its lines end with', () => {
    // The sample ends in a cut record `1,`: counted, it would make the comma the more regular.
    expect(sniffDelimiter('a;b;c,d\r1;2;3,4\r1;2;3,4\r1,', true)).toBe(';');
    expect(sniffDelimiter('a;b;c,d\r\n1;2;3,4\n1;2;3,4\r\n1,', true)).toBe(';');
  });
});

describe('malformed input and limits', () => {
  it('names the line where an unclosed quote starts', async () => {
    const path = await fileWith('a,b\n1,2\n"3,4\n5,6\n');
    const error = await failure(read(path));
    expect(error.text.zh).toContain('第 3 行');
    expect(error.text.en).toContain('line 3');
    expect(error.path).toBe(path);
  });

  it('counts physical lines, not records, when it names the line of an unclosed quote', async () => {
    const path = await fileWith('a,b\n"上海市\n浦东新区",1\n2,3\n"4,5\n6,7\n');
    const error = await failure(read(path));
    expect(error.text.en).toContain('line 5');
  });

  it('counts lines as an editor does when line endings are mixed: CRLF is one line, inside quotes too', async () => {
    const path = await fileWith('a,b\r\n"上海市\r\n浦东新区",1\n2,3\r"4,5\n6,7\n');
    const error = await failure(read(path, {}, { highWaterMark: 3 }));
    expect(error.text.en).toContain('line 5');
    expect(error.text.zh).toContain('第 5 行');
  });

  it('yields every row before a malformed record, then fails', async () => {
    const path = await fileWith('a,b\n' + '1,2\n'.repeat(1000) + '"3,4\n5,6\n');
    const rows: SheetRow[] = [];
    const error = await failure((async () => {
      for await (const batch of readCsv(path, DEFAULT_READ_LIMITS, { highWaterMark: 1024 })) rows.push(...batch);
    })());
    expect(rows).toHaveLength(1001);
    expect(error.text.en).toContain('line 1002');
  });

  it('names the line where a record over 1 MiB starts', async () => {
    const path = await fileWith(`a,b\n1,2\n"${'x'.repeat(1100 * 1024)}`);
    const error = await failure(read(path));
    expect(error.text.en).toContain('the record starting on line 3 exceeds 1048576 characters');
  });

  it('stops at limits.maxRows and names --max-rows-read', async () => {
    const path = await fileWith('h\n1\n2\n3\n4\n');
    expect(await read(path, { maxRows: 5 })).toHaveLength(5);
    const error = await failure(read(path, { maxRows: 4 }));
    expect(error.text.zh).toContain('--max-rows-read <行数>');
    expect(error.text.en).toContain('--max-rows-read <n>');
  });

  it('hands up the rows under limits.maxRows before failing, even from the batch that goes over', async () => {
    const path = await fileWith('h\n' + '1\n'.repeat(10));
    const rows: SheetRow[] = [];
    const error = await failure((async () => {
      for await (const batch of readCsv(path, { ...DEFAULT_READ_LIMITS, maxRows: 6 })) rows.push(...batch);
    })());
    expect(rows.map((row) => row.row)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(error.text.en).toContain('more than 6 rows');
  });

  it('hands up rows a batch per chunk read, not one at a time', async () => {
    const path = await fileWith('h\n' + '1\n'.repeat(5000));
    const sizes: number[] = [];
    for await (const batch of readCsv(path, DEFAULT_READ_LIMITS, { highWaterMark: 1024 })) sizes.push(batch.length);
    expect(sizes.reduce((sum, size) => sum + size, 0)).toBe(5001);
    expect(sizes.length).toBeGreaterThan(1);
    expect(sizes.length).toBeLessThan(100);
  });

  it('refuses a file over limits.maxFileBytes before reading it', async () => {
    const path = await fileWith('a,b\n1,2\n');
    const error = await failure(read(path, { maxFileBytes: 4 }));
    expect(error.text.en).toContain('--max-file-mb');
  });

  it('says a missing file is missing', async () => {
    const error = await failure(read(join(dir, 'nope.csv')));
    expect(error.text.zh).toContain('找不到文件');
  });

  it('can be abandoned half-way without error', async () => {
    const path = await fileWith('h\n' + '1\n'.repeat(100_000));
    let seen = 0;
    let batches = 0;
    for await (const batch of readCsv(path, DEFAULT_READ_LIMITS, { highWaterMark: 1024 })) {
      seen = batch.at(-1)!.row;
      if (++batches === 3) break;
    }
    expect(seen).toBeGreaterThan(10);
    expect(seen).toBeLessThan(100_000);
  });
});
