import { describe, expect, it } from 'vitest';
import { makeChalk } from '../../src/cli/color.js';
import { renderText } from '../../src/cli/render/text.js';
import { fileReport, finding, run } from './render-fixtures.js';

const options = { lang: 'en' as const, chalk: makeChalk(false), cwd: '/' };

describe('the text summary', () => {
  const clean = fileReport('clean.xlsx', [finding(2, 'merged-shipment', 'warning')]);
  const listed = [finding(3, 'tracking-format', 'error')];
  const bad = fileReport('bad.xlsx', listed, { counts: { error: 7, warning: 1, info: 0, byCode: { 'merged-shipment': 1, 'tracking-format': 7 } }, truncated: true });

  it('counts problems from the counts, not from the list --max-errors shortened', () => {
    expect(renderText(run([bad]), options)).toMatch(/number does not fit carrier\s*│ error\s*│\s+7 │/);
  });

  it('with --quiet shows only files with errors and only the error rows, and nothing when all passed', () => {
    const quiet = renderText(run([clean, bad]), { ...options, quiet: true });
    expect(quiet).not.toContain('clean.xlsx');
    expect(quiet).toContain('bad.xlsx');
    expect(quiet).not.toContain('merged-shipment');
    expect(renderText(run([clean], true), { ...options, quiet: true })).toBe('');
    expect(renderText(run([clean], true), options)).toContain('All good');
  });

  it('counts one order as one order in English, and lines the messages up after error and warning', () => {
    const one = fileReport('one.xlsx', [finding(3, 'tracking-format', 'error'), finding(4, 'merged-shipment', 'warning')], {
      rows: { total: 2, imported: 1, rejected: 1, skipped: 0 },
      orders: { imported: 1, rejected: 1, skipped: 0 },
    });
    const text = renderText(run([one]), options);
    expect(text).toContain('2 rows: 1 ready to import (1 order), 1 rejected (1 order), 0 skipped');
    expect(text).toContain('✖ 1 order rejected');
    const [error, warning] = ['row 3', 'row 4'].map((row) => text.split('\n').find((line) => line.includes(row))!);
    // The message starts in the same column on both lines.
    expect(error.search(/(?<=error\s+)\S/)).toBe(warning.search(/(?<=warning\s+)\S/));
  });

  it('says so when the sheet has no order rows, in both languages', () => {
    const empty = fileReport('empty.csv', []);
    const counted = fileReport('some.csv', [], { rows: { total: 3, imported: 3, rejected: 0, skipped: 0 } });
    expect(empty.rows.total).toBe(0);
    expect(renderText(run([empty], true), options)).toContain('No order rows, only a header');
    expect(renderText(run([empty], true), { ...options, lang: 'zh' })).toContain('表里只有表头，没有订单行');
    expect(renderText(run([counted], true), options)).not.toContain('No order rows');
  });

  it('says the import sheet is empty when every row was skipped, but not for orders left out on purpose', () => {
    const shipped = fileReport('shipped.csv', [], { rows: { total: 4, imported: 0, rejected: 0, skipped: 4 } });
    const afterSales = fileReport('after-sales.csv', [], { rows: { total: 4, imported: 0, rejected: 0, skipped: 4 }, orders: { imported: 0, rejected: 0, skipped: 2 } });
    expect(renderText(run([shipped], true), options)).toContain('No order to ship (every row was skipped)');
    expect(renderText(run([shipped], true), { ...options, lang: 'zh' })).toContain('没有待发货的订单');
    expect(renderText(run([afterSales], true), options)).not.toContain('No order to ship');
  });

  it('shows control characters from the sheet as visible stand-ins, and cuts long carrier names', () => {
    const hostile = fileReport('hostile.csv', [finding(2, 'unknown-carrier', 'error', { message: '不认识的快递公司「顺丰\u001b[2J\u202e」' })], {
      carriers: [
        { carrier: '顺丰\u001b]0;title\u0007', orders: 1, ok: 0, problems: 1 },
        { carrier: '顺'.repeat(5000), orders: 1, ok: 0, problems: 1 },
      ],
    });
    const printed = renderText(run([hostile]), { ...options, columns: 100 });
    expect(printed).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e]/);
    expect(printed).toContain('顺丰\u241b[2J\ufffd」');
    expect(printed).toContain('顺丰\u241b]0;title\u2407');
    expect(Math.max(...printed.split('\n').map((line) => line.length))).toBeLessThan(100);
    const named = fileReport('a\u001b[31m.csv', [], { sheet: 'S\u001b[2J', outputs: { import: '/out/a\u001b[31m.import.xlsx', importParts: [], report: '/out/a\u001b[31m.report.xlsx' } });
    expect(renderText(run([named], true), options)).not.toContain('\u001b');
  });

  it('with --strict --quiet keeps the warnings, which are what fails the run', () => {
    const warned = fileReport('warned.xlsx', [finding(2, 'merged-shipment', 'warning')]);
    const printed = renderText(run([warned]), { ...options, quiet: true, strict: true });
    expect(printed).toContain('warned.xlsx');
    expect(printed).toContain('merged-shipment message');
    expect(renderText(run([warned]), { ...options, quiet: true })).not.toContain('merged-shipment message');
  });

  it('with --strict says in the last line that warnings failed a run in which every order passed', () => {
    const warned = fileReport('warned.xlsx', [finding(2, 'merged-shipment', 'warning')]);
    const last = (text: string) => text.trimEnd().split('\n').at(-1);
    expect(last(renderText(run([warned]), { ...options, strict: true }))).toBe('✖ 1 warning (--strict makes warnings fail the run)');
    expect(last(renderText(run([warned]), { ...options, lang: 'zh', strict: true }))).toBe('✖ 有 1 条警告（加了 --strict，警告也算未通过）');
  });

  it('counts the files that could not be processed in the last line, beside the rejected orders', () => {
    const bad = fileReport('bad.xlsx', [], { orders: { imported: 0, rejected: 3, skipped: 0 } });
    const unreadable = { ...fileReport('gone.xlsx', []), error: 'not found' };
    expect(renderText(run([bad, unreadable]), options).trimEnd().split('\n').slice(-2)).toEqual([
      '✖ 3 orders rejected, left out of the import sheet; 1 file could not be processed (see above)',
      '  Fix them from the report and run again',
    ]);
    expect(renderText(run([unreadable]), { ...options, lang: 'zh' }).trimEnd().split('\n').at(-1)).toBe('✖ 1 个文件无法处理（原因见上）');
  });

  it('says the orders left out by --skip-after-sales are among the skipped rows', () => {
    const skipped = fileReport('skipped.xlsx', [], { rows: { total: 3, imported: 2, rejected: 0, skipped: 1 }, orders: { imported: 2, rejected: 0, skipped: 1 } });
    expect(renderText(run([skipped], true), { ...options, lang: 'zh' })).toContain('\n  跳过的行里有 1 单是因为有售后申请（--skip-after-sales）\n');
    expect(renderText(run([skipped], true), options)).toContain('\n  skipped: 1 order with an open after-sales request (--skip-after-sales)\n');
  });

  it('says under the verdict that the orders that passed can be uploaded now, and the rejected ones checked again', () => {
    const some = fileReport('some.xlsx', [], { orders: { imported: 20, rejected: 13, skipped: 0 } });
    const none = fileReport('none.xlsx', [], { orders: { imported: 0, rejected: 2, skipped: 0 } });
    const lastTwo = (text: string) => text.trimEnd().split('\n').slice(-2);
    const lastThree = (text: string) => text.trimEnd().split('\n').slice(-3);
    // The report's summary says the same: the re-checked import sheet holds these orders again.
    expect(lastThree(renderText(run([some]), { ...options, lang: 'zh' }))).toEqual([
      '✖ 13 单未通过校验，没有放进导入表',
      '  其余订单可以先上传导入表，问题订单按问题报告改好后重新校验',
      '  （重新校验得到的导入表也含这些订单，已上传的不要重复上传）',
    ]);
    expect(lastTwo(renderText(run([none]), { ...options, lang: 'zh' }))).toEqual(['✖ 2 单未通过校验，没有放进导入表', '  请按问题报告改好后重新校验']);
    expect(lastThree(renderText(run([some]), options))).toEqual([
      '✖ 13 orders rejected, left out of the import sheet',
      '  Upload the import sheet now; fix the rest from the report and run again',
      '  (the new import sheet holds these orders too: do not upload them twice)',
    ]);
  });
});
