// The row writer's fast path for plain cell text must write exactly what the escaping
// path writes: it only skips work, never changes a byte. Seeded random texts mix the
// characters that matter (& < >, control characters, lone and paired surrogates, spaces
// of every kind at the edges, "_x0041_"-like runs) with ordinary CJK and ASCII text.
import { describe, expect, it } from 'vitest';
import { rng } from '../../../fixtures/seeded.mjs';
import { escapedStringCell, isPlainCellText, stringCell } from '../../../src/io/output/sheet-rows.js';
import { STYLE_COUNT, styleIndex, type CellStyle } from '../../../src/io/output/sheet-styles.js';

const SEED = 20261119;
const PIECES = [
  '中通快递', '张三', '北京市朝阳区', '73610555582883', 'SF1385628716739', 'abc', ' ', '  ', '\t', '\n', '\r', '\u0000', '\u0001', '\u001f',
  '&', '<', '>', '"', "'", '_', '_x0041_', '_x00', '_X1234_', 'x0041_', '\ud83d\ude00', '\ud800', '\udc00', '\ufffe', '\uffff', '\ufeff',
  '\u00a0', '\u1680', '\u2003', '\u2028', '\u2029', '\u202f', '\u205f', '\u3000', '\u000b', '\u000c', '\u0085', '\u200b', '\ufffd',
];

function randomText(random: () => number): string {
  const count = Math.floor(random() * 6);
  let text = '';
  for (let i = 0; i < count; i++) text += PIECES[Math.floor(random() * PIECES.length)];
  return text;
}

describe('stringCell', () => {
  it('writes plain text the same way as the escaping path, random texts included', () => {
    const random = rng(SEED);
    let plain = 0;
    for (let i = 0; i < 20000; i++) {
      const text = randomText(random);
      if (isPlainCellText(text)) plain += 1;
      expect(stringCell('<c r="D5', 3, text), JSON.stringify(text)).toBe(escapedStringCell('<c r="D5', 3, text));
    }
    // Both paths are exercised.
    expect(plain).toBeGreaterThan(100);
    expect(plain).toBeLessThan(20000);
  });

  it('takes the fast path for ordinary cells and the escaping path for anything unusual', () => {
    expect(isPlainCellText('中通快递 73610555582883')).toBe(true);
    expect(isPlainCellText('北京市朝阳区建国路 88 号')).toBe(true);
    for (const text of ['a&b', '<', ' 前导空格', '尾随空格\u3000', '\u00a0x', 'x\u2028', '_x0041_', 'tab\there', 'x\ud83d\ude00', '\ufeffBOM']) {
      expect(isPlainCellText(text), JSON.stringify(text)).toBe(false);
    }
  });

  it('clips text Excel would refuse, as before, on either path', () => {
    const long = '单'.repeat(40000);
    const cell = stringCell('<c r="A1', 1, long);
    expect(cell).toBe(escapedStringCell('<c r="A1', 1, long));
    expect(cell).toContain(`<t>${'单'.repeat(32767)}</t>`);
  });
});

describe('cell styles', () => {
  it('has every style index inside the table the row writer precomputes its cell starts from', () => {
    const looks: CellStyle[] = ['text', 'header', 'errorRow', 'warningRow', 'errorCell', 'warningCell'];
    for (const look of looks) {
      expect(styleIndex(look)).toBeLessThan(STYLE_COUNT);
      expect(styleIndex(look, true)).toBeLessThan(STYLE_COUNT);
    }
  });
});
