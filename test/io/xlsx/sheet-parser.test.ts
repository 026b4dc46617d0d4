import { StringDecoder } from 'node:string_decoder';
import { describe, expect, it } from 'vitest';
import { SheetParser, type SheetParserOptions } from '../../../src/io/xlsx/sheet-parser.js';
import { XlsxFormatError } from '../../../src/io/xlsx/xml-scan.js';
import type { SheetRow } from '../../../src/io/table.js';
import { worksheet } from './package.js';

const NO_CONTEXT: SheetParserOptions = { sharedStrings: [], dateStyles: [] };
const D1900 = { date1904: false };

/** Feeds `xml` to a fresh parser in chunks of `size` characters. */
function parse(xml: string, size = xml.length, options = NO_CONTEXT, dates = D1900): { rows: SheetRow[]; parser: SheetParser } {
  const parser = new SheetParser(options, dates);
  const rows: SheetRow[] = [];
  for (let i = 0; i < xml.length; i += size) rows.push(...parser.write(xml.slice(i, i + size)));
  rows.push(...parser.end());
  return { rows, parser };
}

function texts(rows: SheetRow[]): (string | undefined)[][] {
  return rows.map((row) => Array.from(row.cells, (cell) => cell?.text));
}

const SAMPLE = worksheet(
  '<row r="1"><c r="A1" t="inlineStr"><is><t>订单号</t></is></c><c r="B1" t="inlineStr"><is><t>快递公司</t></is></c></row>' +
    '<row r="2"><c r="A2" t="inlineStr"><is><t>P792840050473116471</t></is></c>' +
    '<c r="B2" t="inlineStr"><is><r><rPr><b/></rPr><t>顺丰</t></r><r><t xml:space="preserve">速运 &amp;amp; 中通</t></r></is></c>' +
    '<c r="C2"><v>7.73277027280336E+14</v></c><c r="D2" t="str"><f>A2&amp;"x"</f><v>a_x000D_b</v></c></row>',
  '<mergeCells count="1"><mergeCell ref="A1:B2"/></mergeCells>',
);

describe('SheetParser', () => {
  it.each([1, 7, 4096])('gives the same rows when fed in chunks of %i characters', (size) => {
    const { rows, parser } = parse(SAMPLE, size);
    expect(texts(rows)).toEqual([
      ['订单号', '快递公司'],
      ['P792840050473116471', '顺丰速运 &amp; 中通', '7.73277027280336E+14', 'a\rb'],
    ]);
    expect(rows[1]?.cells[3]).toEqual({ text: 'a\rb', type: 'string', formula: true });
    expect(parser.merges).toEqual([{ ref: 'A1:B2', top: 1, left: 0, bottom: 2, right: 1 }]);
  });

  it('keeps CJK text intact when its UTF-8 bytes are split at every offset', () => {
    const xml = worksheet('<row r="1"><c t="inlineStr"><is><t>中通快递 𠮷 顺丰速运</t></is></c></row>');
    const bytes = Buffer.from(xml, 'utf8');
    for (let cut = 1; cut < bytes.length; cut++) {
      const decoder = new StringDecoder('utf8');
      const parser = new SheetParser(NO_CONTEXT, D1900);
      const rows = [...parser.write(decoder.write(bytes.subarray(0, cut))), ...parser.write(decoder.write(bytes.subarray(cut)))];
      rows.push(...parser.write(decoder.end()), ...parser.end());
      expect(rows[0]?.cells[0]?.text).toBe('中通快递 𠮷 顺丰速运');
    }
  });

  it('keeps CJK text intact when fed one byte at a time', () => {
    const xml = worksheet('<row><c t="inlineStr"><is><t>申通快递&lt;韵达&gt;</t></is></c></row>');
    const decoder = new StringDecoder('utf8');
    const parser = new SheetParser(NO_CONTEXT, D1900);
    const rows: SheetRow[] = [];
    for (const byte of Buffer.from(xml, 'utf8')) rows.push(...parser.write(decoder.write(Buffer.of(byte))));
    rows.push(...parser.end());
    expect(rows[0]?.cells[0]?.text).toBe('申通快递<韵达>');
  });

  it('reads namespace-prefixed elements (WPS, OpenXML SDK)', () => {
    const xml =
      '<x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="urn:r"><x:sheetData>' +
      '<x:row r="3"><x:c r="B3" t="inlineStr"><x:is><x:t>圆通速递</x:t></x:is></x:c><x:c r="C3"><x:v>42</x:v></x:c></x:row>' +
      '</x:sheetData><x:mergeCells><x:mergeCell ref="B3:C3"/></x:mergeCells></x:worksheet>';
    for (const size of [1, 7, 4096]) {
      const { rows, parser } = parse(xml, size);
      expect(rows).toEqual([{ row: 3, cells: [undefined, { text: '圆通速递', type: 'string' }, { text: '42', type: 'number' }] }]);
      expect(parser.merges).toHaveLength(1);
    }
  });

  it('ignores a wrong <dimension> and numbers rows and cells without r', () => {
    const xml = worksheet('<row><c t="inlineStr"><is><t>a</t></is></c><c t="inlineStr"><is><t>b</t></is></c></row><row><c><v>1</v></c><c r="D2"><v>2</v></c><c><v>3</v></c></row>');
    const { rows } = parse(xml, 5);
    expect(rows.map((r) => r.row)).toEqual([1, 2]);
    expect(texts(rows)).toEqual([['a', 'b'], ['1', undefined, undefined, '2', '3']]);
  });

  it('takes the row number from the cells when the row has none', () => {
    const { rows } = parse(worksheet('<row><c r="A7"><v>1</v></c></row><row><c><v>2</v></c></row>'));
    expect(rows.map((r) => r.row)).toEqual([7, 8]);
  });

  it('skips empty rows and empty cells, keeps row numbers as Excel shows them', () => {
    const xml = worksheet('<row r="1" ht="20" customHeight="1"/><row r="2"><c r="A2" s="3"/><c r="B2" t="inlineStr"><is><t></t></is></c></row><row r="5"><c r="C5"><v>0</v></c></row>');
    expect(parse(xml).rows).toEqual([{ row: 5, cells: [undefined, undefined, { text: '0', type: 'number' }] }]);
  });

  it('reads every cell type', () => {
    const options: SheetParserOptions = { sharedStrings: ['共享', '富文本'], dateStyles: [false, true] };
    const xml = worksheet(
      '<row r="1"><c t="s"><v>1</v></c><c t="b"><v>1</v></c><c t="b"><v>0</v></c><c t="e"><v>#N/A</v></c>' +
        '<c t="d"><v>2026-11-26T08:00:00</v></c><c s="1"><v>45600.5</v></c><c t="n"><v>-0.5</v></c><c><f>NOW()</f></c>' +
        '<c t="str"><f>A1</f><v></v></c><c t="e"><f>1/0</f><v>#DIV/0!</v></c></row>',
    );
    const [row] = parse(xml, 3, options).rows;
    expect(row?.cells).toEqual([
      { text: '富文本', type: 'string' },
      { text: 'TRUE', type: 'boolean' },
      { text: 'FALSE', type: 'boolean' },
      { text: '#N/A', type: 'error' },
      { text: '46352.333333333336', type: 'date' },
      { text: '45600.5', type: 'date' },
      { text: '-0.5', type: 'number' },
      { text: '', type: 'string', formula: true },
      { text: '', type: 'string', formula: true },
      { text: '#DIV/0!', type: 'error', formula: true },
    ]);
  });

  it('reads t="d" ISO dates as serials of the workbook\'s date system, like a date-styled number', () => {
    const xml = worksheet(
      '<row r="1"><c t="d"><v>2026-11-22T23:00:00</v></c><c t="d"><v>2026-11-22</v></c><c t="d"><v>2026-11-22T23:00:00.500</v></c>' +
        '<c t="d"><v>2026-11-22T15:00:00Z</v></c></row>',
    );
    const serials = (dates: { date1904: boolean }) => parse(xml, 5, NO_CONTEXT, dates).rows[0]?.cells.map((cell) => cell?.type === 'date' && Number(cell.text));
    const deadline = 46348 + 23 / 24;
    const halfSecond = 0.5 / 86400;
    expect(serials(D1900)).toEqual([deadline, 46348, deadline + halfSecond, deadline]);
    expect(serials({ date1904: true })).toEqual([deadline - 1462, 46348 - 1462, deadline - 1462 + halfSecond, deadline - 1462]);
  });

  it('keeps a t="d" value that is no date as text, so it is reported as written', () => {
    const xml = worksheet('<row r="1"><c t="d"><v>2026-02-30T10:00:00</v></c><c t="d"><v>下周一</v></c><c t="d"><v>1899-12-31</v></c><c t="d"><v></v></c></row>');
    expect(parse(xml).rows[0]?.cells).toEqual([
      { text: '2026-02-30T10:00:00', type: 'string' },
      { text: '下周一', type: 'string' },
      { text: '1899-12-31', type: 'string' },
    ]);
  });

  it('decodes entities exactly once and _xHHHH_ escapes, also in t="str"', () => {
    const xml = worksheet(
      '<row><c t="str"><v>&amp;amp; &#x4E2D;&#36890; &quot;x&apos;</v></c><c t="inlineStr"><is><t>_x005F_x0041_ _x0041_ _x00</t></is></c>' +
        '<c t="inlineStr"><is><t><![CDATA[<b>&amp;</b>]]></t></is></c></row>',
    );
    expect(texts(parse(xml, 1).rows)).toEqual([['&amp; 中通 "x\'', '_x0041_ A _x00', '<b>&amp;</b>']]);
  });

  it('normalizes line ends like an XML parser but keeps an escaped CR', () => {
    const xml = worksheet('<row><c t="inlineStr"><is><t>a\r\nb\rc&#13;d_x000D_e</t></is></c></row>');
    for (const size of [1, 2, 4096]) expect(texts(parse(xml, size).rows)).toEqual([['a\nb\nc\rd\re']]);
  });

  it('leaves out phonetic runs of inline strings', () => {
    const xml = worksheet('<row><c t="inlineStr"><is><r><t>東京</t></r><rPh sb="0" eb="2"><t>トウキョウ</t></rPh><phoneticPr fontId="1"/></is></c></row>');
    expect(texts(parse(xml).rows)).toEqual([['東京']]);
  });

  it('skips comments and processing instructions, and > inside attribute values', () => {
    const xml = worksheet('<!-- <row><c><v>9</v></c></row> --><?pi x?><row r="1" x="a>b"><c r="A1"><v>1<!--c-->2</v></c></row>');
    expect(texts(parse(xml, 3).rows)).toEqual([['12']]);
  });

  it('fails on a cut-off sheet, a DTD, a bad shared-string index and a column past XFD', () => {
    const fails = (xml: string, options = NO_CONTEXT): void => {
      expect(() => parse(xml, 64, options)).toThrow(XlsxFormatError);
    };
    fails(worksheet('<row><c><v>1</v></c></row>').slice(0, -30));
    fails('<!DOCTYPE x [<!ENTITY a "b">]>' + worksheet('<row><c><v>1</v></c></row>'));
    fails(worksheet('<row><c t="s"><v>5</v></c></row>'), { sharedStrings: ['a'], dateStyles: [] });
    fails(worksheet('<row><c r="XFE1"><v>1</v></c></row>'));
    fails(worksheet('<row><c r="1A"><v>1</v></c></row>'));
  });

  it('fails on a row past 1048576, the last row Excel has, however its number is given', () => {
    const detail = (xml: string) => {
      try {
        parse(worksheet(xml));
        return undefined;
      } catch (e) {
        return (e as XlsxFormatError).detail;
      }
    };
    const beyond = { zh: '有行超出了 Excel 的最后一行 1048576', en: 'a row is beyond row 1048576, the last row Excel has' };
    expect(detail('<row r="1"><c><v>1</v></c></row><row r="1048577"><c r="A1048577"><v>2</v></c></row>')).toEqual(beyond);
    expect(detail('<row r="2"><c><v>1</v></c></row><row><c r="B99999999999"><v>2</v></c></row>')).toEqual(beyond);
    expect(detail('<row r="1048576"><c><v>1</v></c></row><row><c><v>2</v></c></row>')).toEqual(beyond);
    expect(detail('<row r="1048577"/>')).toEqual(beyond);
    expect(parse(worksheet('<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>')).rows.map((r) => r.row)).toEqual([1048576]);
  });

  it('quotes a damaged value in its message cut short, and with the characters it has', () => {
    const detail = (xml: string, options = NO_CONTEXT) => {
      try {
        parse(worksheet(xml), 64, options);
        return undefined;
      } catch (e) {
        return (e as XlsxFormatError).detail;
      }
    };
    const index = detail(`<row><c t="s"><v>\u001b[2J${'9'.repeat(10_000)}</v></c></row>`, { sharedStrings: ['a'], dateStyles: [] });
    expect(index?.en).toBe(`a cell refers to shared string \u001b[2J${'9'.repeat(55)}…, but the file has 1`);
    expect(index?.zh).toBe(`有单元格引用了第 \u001b[2J${'9'.repeat(55)}… 号共享字符串，但文件中只有 1 个`);
    expect(detail(`<row><c r="A1${'x'.repeat(5000)}"><v>1</v></c></row>`)?.en).toBe(`the cell reference "A1${'x'.repeat(57)}…" is not valid`);
  });

  it('fails on a row number that repeats or goes back, which would merge two rows into one', () => {
    const error = (xml: string): XlsxFormatError | undefined => {
      try {
        parse(worksheet(xml));
        return undefined;
      } catch (e) {
        return e as XlsxFormatError;
      }
    };
    expect(error('<row r="2"><c><v>1</v></c></row><row r="2"><c><v>2</v></c></row>')?.detail.zh).toBe('第 2 行出现了两次，或行的顺序不对');
    expect(error('<row r="5"><c><v>1</v></c></row><row r="3"><c><v>2</v></c></row>')?.detail.en).toBe('row 3 appears twice, or the rows are out of order');
    expect(error('<row r="5"><c><v>1</v></c></row><row><c r="A4"><v>2</v></c></row>')).toBeInstanceOf(XlsxFormatError);
    expect(error('<row r="2"/><row><c><v>1</v></c></row><row r="9"><c><v>2</v></c></row>')).toBeUndefined();
  });
});
