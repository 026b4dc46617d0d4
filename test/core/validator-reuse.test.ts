// The validator lets go of its order index after finish() to save memory on large
// files; finishing again (or adding rows after finishing) must still give the same
// answers as a validator that never let go of anything.
import { describe, expect, it } from 'vitest';
import { CarrierRegistry } from '../../src/carriers/registry.js';
import type { RowTable } from '../../src/core/row-table.js';
import { createValidator, validateRows } from '../../src/core/validate.js';
import { ALICE, BOB, HEADER, order, sheet } from '../helpers/sheet.js';

const registry = CarrierRegistry.builtIn();
// The result's table compares by length alone (its storage is private): compare its records too.
const recordsOf = (table: RowTable) => Array.from({ length: table.length }, (_, index) => table.recordAt(index));
const { columns, rows } = sheet(HEADER, [
  [order(1), '待配货', '中通快递', '73610555582883', ...ALICE],
  [order(1), '待配货', '', '', ...ALICE],
  [order(2), '待配货', '中通快递', '73610555582883', ...BOB],
  ['', '待配货', '顺丰速运', 'SF1385628716739', ...ALICE],
  [order(3), '已取消', '', '', ...BOB],
  [order(4), '待配货', '圆通速递', 'YT9383342193097', ...BOB],
]);

describe('createValidator', () => {
  it('gives the same result when finished twice', () => {
    const validator = createValidator({ registry, columns });
    for (const row of rows) validator.add(row);
    const first = validator.finish();
    const second = validator.finish();
    const fresh = validateRows(rows, { registry, columns });
    expect(second).toEqual(first);
    expect(first).toEqual(fresh);
    expect(recordsOf(second.records)).toEqual(recordsOf(first.records));
    expect(recordsOf(first.records)).toEqual(recordsOf(fresh.records));
  });

  it('counts rows added after a finish() in the next one', () => {
    const validator = createValidator({ registry, columns });
    for (const row of rows.slice(0, 3)) validator.add(row);
    validator.finish();
    for (const row of rows.slice(3)) validator.add(row);
    const later = validator.finish();
    const fresh = validateRows(rows, { registry, columns });
    expect(later).toEqual(fresh);
    expect(recordsOf(later.records)).toEqual(recordsOf(fresh.records));
  });
});
