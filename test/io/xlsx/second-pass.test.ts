// The report's copy reads the input a second time with the first pass's shared-string
// table (one table, parsed once). The copy must still show each cell as the input holds
// it, and a file saved again in between, with other shared strings, must be refused.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validateFile } from '../../../src/cli/commands/validate-file.js';
import { openSourceRows, type SourceSheet } from '../../../src/io/output/source-sheet.js';
import { openInput } from '../../../src/io/read-input.js';
import { DEFAULT_READ_LIMITS, type SheetRow } from '../../../src/io/table.js';
import { defaultFileJob } from '../../helpers/file-job.js';
import { readRowsWithShip } from '../../helpers/read-back.js';
import { bookParts, tempDir, zipParts, type BookSpec } from './package.js';

let temp: Awaited<ReturnType<typeof tempDir>>;
beforeAll(async () => (temp = await tempDir()));
afterAll(() => temp.remove());

const TITLE = '待发货订单（导出于 2026-11-18）';
const HEADER = ['订单号', '订单状态', '快递公司', '快递单号', '收件人姓名', '收件人电话', '收件人地址'];
// The third tracking number is wrong, so the copy has a marked, rejected row too.
const DATA = [
  ['P792840050473100001', '待发货', '顺丰速运', 'SF1385628716739', '张**', '138****1234', '上海市浦东新区***路1号'],
  ['P792840050473100002', '待发货', '中通快递', '73104682937501', '李**', '139****5678', '北京市朝阳区***路2号'],
  ['P792840050473100003', '待发货', '中通快递', '12345', '王**', '', '广州市天河区***路3号'],
];
/** Every text of the export once, as the shared-string table lists them. */
const STRINGS = [...new Set([TITLE, ...HEADER, ...DATA.flat()].filter((text) => text !== ''))];

/**
 * A 千帆-like export whose every text is a shared string (carriers and statuses shared by
 * several cells), stored after the sheet as Excel does: a title row, the header, the orders.
 */
function exportSpec(strings: readonly string[]): BookSpec {
  const index = new Map(strings.map((text, i) => [text, i]));
  const row = (r: number, values: readonly string[]) => {
    const cells = values.map((text, c) => (text === '' ? '' : `<c r="${String.fromCharCode(65 + c)}${r}" t="s"><v>${index.get(text)}</v></c>`));
    return `<row r="${r}">${cells.join('')}</row>`;
  };
  const xml = [row(1, [TITLE]), row(2, HEADER), ...DATA.map((values, i) => row(i + 3, values))].join('');
  return { sheets: [{ name: '包裹详情', xml }], sharedStrings: [...strings], sharedStringsLast: true };
}

async function writeExport(name: string, strings: readonly string[]): Promise<string> {
  return temp.file(name, await zipParts(bookParts(exportSpec(strings))));
}

const texts = (cells: readonly ({ text: string } | string | undefined)[]) =>
  Array.from(cells, (cell) => (typeof cell === 'string' ? cell : (cell?.text ?? '')));

describe('the report copy of a shared-strings workbook', () => {
  it('shows every cell of the input, title and header rows included, on the same rows', async () => {
    const input = await writeExport('orders.xlsx', STRINGS);
    const job = await defaultFileJob(input, temp.dir);
    const { result } = await validateFile(job);
    expect(result.rows.rejected).toBe(1);

    const original = await readRowsWithShip(input, '包裹详情');
    const copy = await readRowsWithShip(join(temp.dir, 'orders.report.xlsx'), '包裹详情');
    expect(copy.map((row) => row.row)).toEqual(original.map((row) => row.row));
    for (const [i, row] of original.entries()) {
      expect(texts(copy[i]!.cells).slice(3), `row ${row.row}`).toEqual(texts(row.cells));
    }
    expect(texts(copy[1]!.cells).slice(0, 3)).toEqual(['校验结果', '问题', '建议']);
    expect(texts(copy[4]!.cells)[0]).toBe('未通过');
  });
});

describe('the second pass', () => {
  it('reads with the first pass table and yields the rows the first pass read', async () => {
    const input = await writeExport('again.xlsx', STRINGS);
    const { source, first } = await firstPass(input);
    const second = await openSourceRows(source);
    try {
      const rows: SheetRow[] = [];
      for await (const batch of second.rows) rows.push(...batch);
      expect(rows).toEqual(first);
    } finally {
      await second.close();
    }
  });

  it('refuses a file saved again with other shared strings, even with the same rows', async () => {
    const input = await writeExport('resaved.xlsx', STRINGS);
    const { source } = await firstPass(input);
    // Same rows, same cells, but the table in another order: the first table would misread it.
    await writeFile(input, await zipParts(bookParts(exportSpec(STRINGS.toReversed()))));
    await expect(openSourceRows(source)).rejects.toMatchObject({ text: { zh: expect.stringContaining('文件在校验过程中被修改了') } });
  });
});

/** Reads the input as `ship validate` does and returns what it hands the report: the source sheet. */
async function firstPass(input: string): Promise<{ source: SourceSheet; first: SheetRow[] }> {
  const opened = await openInput(input, { limits: DEFAULT_READ_LIMITS });
  try {
    const below: SheetRow[] = [];
    for await (const batch of opened.rows) below.push(...batch);
    const all = await readRowsWithShip(input, '包裹详情');
    expect(all.slice(2)).toEqual(below);
    const source: SourceSheet = {
      path: input,
      kind: 'xlsx',
      sheet: opened.sheet,
      headerRow: opened.headerRow,
      date1904: opened.date1904,
      limits: DEFAULT_READ_LIMITS,
      merges: opened.merges(),
      cellTables: opened.cellTables(),
    };
    return { source, first: all };
  } finally {
    await opened.close();
  }
}
