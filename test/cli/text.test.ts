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

  it('says so when the sheet has no order rows, in both languages', () => {
    const empty = fileReport('empty.csv', []);
    const counted = fileReport('some.csv', [], { rows: { total: 3, imported: 3, rejected: 0, skipped: 0 } });
    expect(empty.rows.total).toBe(0);
    expect(renderText(run([empty], true), options)).toContain('No order rows, only a header');
    expect(renderText(run([empty], true), { ...options, lang: 'zh' })).toContain('表里只有表头，没有订单行');
    expect(renderText(run([counted], true), options)).not.toContain('No order rows');
  });
});
