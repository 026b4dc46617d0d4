import { describe, expect, it } from 'vitest';
import { columnIndex, columnName, parseRange } from '../../../src/io/xlsx/cell-ref.js';
import { isDateFormat, isDateFormatCode } from '../../../src/io/xlsx/number-format.js';
import { resolveTarget } from '../../../src/io/xlsx/package-parts.js';
import { decodeEscapes, decodeXmlText, detach } from '../../../src/io/xlsx/xml-text.js';

const decode = (raw: string) => decodeXmlText(raw, 0, raw.length);

describe('XML text', () => {
  it('decodes the predefined entities and character references exactly once', () => {
    expect(decode('&amp;amp; &lt;&gt;&quot;&apos; &#20013;&#x901A; &#x1F600;')).toBe('&amp; <>"\' 中通 😀');
  });

  it('leaves a bare ampersand and unknown or invalid references as written', () => {
    expect(decode('A & B &nbsp; &#xZZ; &#0; &')).toBe('A & B &nbsp; &#xZZ; &#0; &');
  });

  it('decodes _xHHHH_ escapes in one pass, _x005F_ being the underscore', () => {
    expect(decodeEscapes('a_x000D__x000A_b')).toBe('a\r\nb');
    expect(decodeEscapes('_x005F_x000D_')).toBe('_x000D_');
    expect(decodeEscapes('_x005f_x0041_ _x4e2d_')).toBe('_x0041_ 中');
    expect(decodeEscapes('snake_x_case _x12_ _x123G_')).toBe('snake_x_case _x12_ _x123G_');
  });

  it('detaches a copy with the same text', () => {
    const long = 'P792840050473116471'.repeat(3);
    expect(detach(long.slice(5, 40))).toBe(long.slice(5, 40));
    expect(detach('short')).toBe('short');
  });
});

describe('date formats', () => {
  it.each([
    ['yyyy"年"m"月"d"日"', true],
    ['yyyy/m/d h:mm', true],
    ['[$-804]aaaa', false],
    ['[h]:mm:ss', true],
    ['[ss]', true],
    ['mm:ss.0', true],
    ['0.00', false],
    ['#,##0 "件"', false],
    ['0.00 "days"', false],
    ['\\d0', false],
    ['General', false],
    ['[Red]0.00;[Blue]-0.00', false],
    ['_-* #,##0_-;\\-* #,##0_-;_-* "-"_-;_-@_-', false],
    ['0.00E+00', false],
    ['@', false],
  ])('%s is a date: %s', (code, expected) => {
    expect(isDateFormatCode(code)).toBe(expected);
  });

  it('knows the built-in date ids and lets custom codes override them', () => {
    const none = new Map<number, string>();
    expect([0, 1, 14, 22, 27, 36, 37, 45, 47, 49, 50, 58, 59].map((id) => isDateFormat(id, none))).toEqual([
      false, false, true, true, true, true, false, true, true, false, true, true, false,
    ]);
    expect(isDateFormat(14, new Map([[14, '0.00']]))).toBe(false);
  });
});

describe('references', () => {
  it('turns column letters into 0-based indexes and parses merged ranges', () => {
    expect(['A', 'Z', 'AA', 'AM', 'XFD'].map(columnIndex)).toEqual([0, 25, 26, 38, 16383]);
    expect(parseRange('$B$3:A1')).toEqual({ ref: '$B$3:A1', top: 1, left: 0, bottom: 3, right: 1 });
    expect(parseRange('C3')).toEqual({ ref: 'C3', top: 3, left: 2, bottom: 3, right: 2 });
    expect(parseRange('nonsense')).toBeUndefined();
  });

  it('leaves out a merged range that reaches past the last row or column Excel has, as the copy would carry it into the report', () => {
    expect(parseRange('A1048575:B1048576')).toEqual({ ref: 'A1048575:B1048576', top: 1048575, left: 0, bottom: 1048576, right: 1 });
    expect(parseRange('A1048576:A1048577')).toBeUndefined();
    expect(parseRange('A2000000')).toBeUndefined();
    expect(parseRange('XFD1:XFE1')).toBeUndefined();
  });

  it('writes back the letters it reads, up to XFD', () => {
    expect([0, 25, 26, 38, 16383].map(columnName)).toEqual(['A', 'Z', 'AA', 'AM', 'XFD']);
    for (let index = 0; index <= 16383; index++) expect(columnIndex(columnName(index))).toBe(index);
  });

  it('resolves relationship targets against the source part', () => {
    expect(resolveTarget('xl/workbook.xml', 'worksheets/sheet1.xml')).toBe('xl/worksheets/sheet1.xml');
    expect(resolveTarget('xl/workbook.xml', '/xl/worksheets/sheet1.xml')).toBe('xl/worksheets/sheet1.xml');
    expect(resolveTarget('xl/workbook.xml', '../xl/./sheets/%E5%8C%85.xml')).toBe('xl/sheets/包.xml');
    expect(resolveTarget('', 'xl/workbook.xml')).toBe('xl/workbook.xml');
  });
});
