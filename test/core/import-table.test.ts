// The import plan as a table over the row store: it must read exactly as the line
// objects it replaced, and the import sheet written from it must not change.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CarrierRegistry } from '../../src/carriers/registry.js';
import { importTableOf, type ImportLine } from '../../src/core/import-table.js';
import { createValidator, validateRows } from '../../src/core/validate.js';
import { writeImportFiles } from '../../src/io/output/import-sheet.js';
import { readWorkbook } from '../helpers/cli.js';
import { ALICE, BOB, HEADER, order, sheet } from '../helpers/sheet.js';

const registry = CarrierRegistry.builtIn();

// Order 1: three SKU rows, number on the first; order 2: number and carrier on its second
// row; order 3 is rejected (an SF number under 中通); order 4's rows are split by order 5's.
const { columns, rows } = sheet(HEADER, [
  [order(1), '待配货', '圆通速递', 'YT9383342193097', ...ALICE],
  [order(1), '待配货', '', '', ...ALICE],
  [order(1), '待配货', '', '', ...ALICE],
  [order(2), '待配货', '', '', ...BOB],
  [order(2), '待配货', '顺丰速运', 'SF1385628716739', ...BOB],
  [order(3), '待配货', '中通快递', 'SF1342998876543', ...ALICE],
  [order(4), '待配货', '中通快递', '73610555582883', ...BOB],
  [order(5), '待配货', '申通快递', '773104682937518', ...ALICE],
  [order(4), '待配货', '', '', ...BOB],
]);
const result = validateRows(rows, { registry, columns });

const EXPECTED: ImportLine[] = [
  { orderId: order(1), carrierId: 'yto', carrierName: '圆通速递', trackingNumber: 'YT9383342193097', firstRow: 2 },
  { orderId: order(2), carrierId: 'sf', carrierName: '顺丰速运', trackingNumber: 'SF1385628716739', firstRow: 5 },
  { orderId: order(4), carrierId: 'zto', carrierName: '中通速递', trackingNumber: '73610555582883', firstRow: 8 },
  { orderId: order(5), carrierId: 'sto', carrierName: '申通快递', trackingNumber: '773104682937518', firstRow: 9 },
];

describe('the import table of a validation', () => {
  it('has one line per imported order, in the order their first rows appear', () => {
    expect(result.imports).toHaveLength(4);
    expect([...result.imports]).toEqual(EXPECTED);
  });

  it('reads the same through the accessors as through the line objects', () => {
    const { imports } = result;
    const read = Array.from({ length: imports.length }, (_, i) => ({
      orderId: imports.orderIdAt(i),
      carrierId: imports.carrierIdAt(i),
      carrierName: imports.carrierNameAt(i),
      trackingNumber: imports.trackingNumberAt(i),
      firstRow: imports.firstRowAt(i),
    }));
    expect(read).toEqual(EXPECTED);
  });

  it('slices without copying, clamped like an array, and refuses an index outside the table', () => {
    const tail = result.imports.slice(1, 3);
    expect([...tail]).toEqual(EXPECTED.slice(1, 3));
    expect(tail.slice(1).orderIdAt(0)).toBe(order(4));
    expect(result.imports.slice(3, 99)).toHaveLength(1);
    expect(result.imports.slice(5)).toHaveLength(0);
    expect(() => tail.orderIdAt(2)).toThrow(RangeError);
    expect(() => result.imports.lineAt(-1)).toThrow(RangeError);
  });

  it('keeps its lines when the validator takes more rows after finish()', () => {
    const validator = createValidator({ registry, columns });
    for (const row of rows.slice(0, 3)) validator.add(row);
    const first = validator.finish();
    for (const row of rows.slice(3)) validator.add(row);
    const second = validator.finish();
    expect([...first.imports]).toEqual(EXPECTED.slice(0, 1));
    expect([...second.imports]).toEqual(EXPECTED);
  });

  it('reads the same from plain line objects', () => {
    expect([...importTableOf(EXPECTED)]).toEqual(EXPECTED);
    expect(importTableOf(EXPECTED).slice(2).carrierNameAt(1)).toBe('申通快递');
  });
});

describe('the import sheet written from the table', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ship-import-table-'));
  const header = ['订单号', '快递公司', '快递单号'];
  const sheetRows = EXPECTED.map((line) => [line.orderId, line.carrierName, line.trackingNumber]);

  it('has one row per order of the multi-SKU sample', async () => {
    const [path] = await writeImportFiles(join(dir, 'one'), result.imports, {}, { inputs: [] });
    const [sheetContent] = await readWorkbook(path!);
    expect(sheetContent?.rows).toEqual([header, ...sheetRows]);
  });

  it('splits into the same parts as before', async () => {
    const paths = await writeImportFiles(join(dir, 'split'), result.imports, { maxRows: 3 }, { inputs: [] });
    expect(paths.map((path) => path.slice(dir.length + 1))).toEqual(['split.import.part1.xlsx', 'split.import.part2.xlsx']);
    const parts = await Promise.all(paths.map(async (path) => (await readWorkbook(path))[0]?.rows));
    expect(parts).toEqual([
      [header, ...sheetRows.slice(0, 3)],
      [header, ...sheetRows.slice(3)],
    ]);
  });
});
