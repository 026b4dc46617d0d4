import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ColumnMap } from '../../src/core/columns.js';
import { openInput } from '../../src/io/read-input.js';
import { DEFAULT_READ_LIMITS, type SheetRow } from '../../src/io/table.js';

let dir: string;
beforeAll(async () => (dir = await mkdtemp(join(tmpdir(), 'ship-input-'))));
afterAll(() => rm(dir, { recursive: true, force: true }));

/** Every row below the header, in the order openInput hands them up. */
async function rowsBelow(content: string, headerRow?: number): Promise<{ headerRow: number; rows: SheetRow[]; columns: ColumnMap }> {
  const path = join(dir, `in-${Math.random().toString(36).slice(2)}.csv`);
  await writeFile(path, content);
  const opened = await openInput(path, { limits: DEFAULT_READ_LIMITS, headerRow });
  try {
    const rows: SheetRow[] = [];
    for await (const batch of opened.rows) rows.push(...batch);
    return { headerRow: opened.headerRow, rows, columns: opened.columns };
  } finally {
    await opened.close();
  }
}

const HEADER = '订单号,快递公司,快递单号\n';
const data = (count: number) => Array.from({ length: count }, (_, i) => `P${i},中通快递,7${String(i).padStart(13, '0')}\n`).join('');

describe('openInput', () => {
  // The header search reads the first rows of a batch; the rest of that batch must follow, once.
  it('hands up every row below a header found inside the first batch, once and in order', async () => {
    const { headerRow, rows } = await rowsBelow('导出时间 2026-11-19\n\n' + HEADER + data(3000));
    expect(headerRow).toBe(3);
    expect(rows).toHaveLength(3000);
    expect(rows.map((row) => row.row)).toEqual(Array.from({ length: 3000 }, (_, i) => i + 4));
  });

  it('hands up every row below a forced header row', async () => {
    const { headerRow, rows } = await rowsBelow('x\n' + HEADER + data(50), 2);
    expect(headerRow).toBe(2);
    expect(rows[0]?.row).toBe(3);
    expect(rows).toHaveLength(50);
  });
});

describe('openInput: a field with two columns', () => {
  // The 千帆 export's own 快递公司 / 快递单号 left empty, the filled pair pasted at the end.
  it('reads the pasted pair when the export\'s own columns are empty, under the same names', async () => {
    const { columns } = await rowsBelow('订单号,快递公司,快递单号,收件人姓名,快递公司,快递单号\nP1,,,甲,顺丰速运,SF1\nP2,,,乙,中通快递,731\n');
    expect(columns.index).toMatchObject({ orderId: 0, carrier: 4, trackingNumber: 5 });
  });

  it('reads the pasted pair under an ERP\'s names (物流公司, 运单号) when the better-named columns are empty', async () => {
    const { columns } = await rowsBelow('订单号,快递公司,快递单号,物流公司,运单号\nP1,,,顺丰速运,SF1\n');
    expect(columns.index).toMatchObject({ carrier: 3, trackingNumber: 4 });
    expect(columns.header).toMatchObject({ carrier: '物流公司', trackingNumber: '运单号' });
  });

  it('keeps the best-named, leftmost column when both are filled, or both empty', async () => {
    expect((await rowsBelow('订单号,快递公司,快递单号,物流公司,运单号\nP1,顺丰速运,SF1,中通快递,731\n')).columns.index).toMatchObject({ carrier: 1, trackingNumber: 2 });
    expect((await rowsBelow('订单号,快递单号,快递公司,快递单号,快递公司\nP1,,,,\n')).columns.index).toMatchObject({ carrier: 2, trackingNumber: 1 });
  });

  it('does not count dashes, nor shipped rows, as values', async () => {
    const dashes = await rowsBelow('订单号,快递公司,快递单号,物流公司,运单号\nP1,-,-,顺丰速运,SF1\nP2,—,—,中通快递,731\n');
    expect(dashes.columns.index).toMatchObject({ carrier: 3, trackingNumber: 4 });
    const shipped = Array.from({ length: 8 }, (_, i) => `P${i},已签收,顺丰速运,SF${i},,\n`).join('');
    const mixed = await rowsBelow(`订单号,订单状态,快递公司,快递单号,物流公司,运单号\n${shipped}P9,待配货,,,中通快递,731\nP10,待配货,,,中通快递,732\n`);
    expect(mixed.columns.index).toMatchObject({ carrier: 4, trackingNumber: 5 });
  });

  it('takes the carrier from the same pair as the number when the carrier columns are equally full', async () => {
    // Both carrier columns filled (the export pre-fills one); only the pasted pair has numbers.
    const { columns } = await rowsBelow('订单号,快递公司,快递单号,收件人姓名,快递公司,快递单号\nP1,顺丰速运,,甲,中通快递,731\n');
    expect(columns.index).toMatchObject({ carrier: 4, trackingNumber: 5 });
  });
});

describe('openInput messages', () => {
  it('lists the first 30 headers found and says how many there are in all', async () => {
    const path = join(dir, 'wide-header.csv');
    await writeFile(path, `${Array.from({ length: 35 }, (_, i) => `列${i + 1}`).join(',')}\nx\n`);
    const error = await openInput(path, { limits: DEFAULT_READ_LIMITS }).then(
      () => undefined,
      (e: { text: { zh: string; en: string } }) => e,
    );
    expect(error?.text.zh).toContain('、列29、列30…等共 35 列。');
    expect(error?.text.en).toContain(', 列29, 列30… (35 in all).');
  });

  // A CSV report of the previous version named the 校验结果 column 处理 (Outcome in English).
  it.each([
    ['行号,订单号,列,原值,级别,代码,说明,建议,处理,快递公司,快递单号,收件人姓名'],
    ['Row,Order ID,Column,Value,Level,Code,Message,Hint,Outcome,Carrier,Tracking No.,Recipient'],
    ['行号,订单号,列,原值,级别,代码,说明,建议,校验结果,快递公司,快递单号,收件人姓名'],
  ])('refuses the findings list of a report, as this or the previous version wrote it: %s', async (header) => {
    const path = join(dir, `findings-${Math.random().toString(36).slice(2)}.csv`);
    await writeFile(path, `${header}\n23,P1,快递单号,SF1,错误,tracking-format,x,y,未导入,中通快递,SF1,张三\n`);
    const error = await openInput(path, { limits: DEFAULT_READ_LIMITS }).then(
      () => undefined,
      (e: { text: { zh: string; en: string } }) => e,
    );
    expect(error?.text.zh).toContain('这是 ship 问题报告里的「问题」清单，不是订单表');
  });

  it('quote the headers found cut short, so a damaged file cannot put a whole cell into one line', async () => {
    const path = join(dir, 'long-header.csv');
    const long = `备注\u001b[2J${'很长'.repeat(3000)}`;
    await writeFile(path, `订单号,${long}\nP1,x\n`);
    const error = await openInput(path, { limits: DEFAULT_READ_LIMITS }).then(
      () => undefined,
      (e: { text: { zh: string; en: string } }) => e,
    );
    const shown = `${long.slice(0, 59)}…`;
    expect(error?.text.zh).toContain(`找到的表头：订单号、${shown}。`);
    expect(error?.text.en).toContain(`Headers found: 订单号, ${shown}.`);
    expect(error?.text.zh.length).toBeLessThan(300);
  });
});
