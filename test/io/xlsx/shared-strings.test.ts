import { describe, expect, it } from 'vitest';
import { CompactStringTable, SharedStringsParser } from '../../../src/io/xlsx/shared-strings.js';

function tableOf(strings: readonly string[]): CompactStringTable {
  const table = new CompactStringTable();
  for (const text of strings) table.push(text);
  table.finish();
  return table;
}

describe('CompactStringTable', () => {
  it('gives back every string by index, ASCII and CJK interleaved, empty strings included', () => {
    const strings = ['订单号', 'SF1385628716739', '', '顺丰速运', 'P861770000000000001', 'ä', '😀 emoji', 'x'];
    const table = tableOf(strings);
    expect(table.length).toBe(strings.length);
    expect(strings.map((_, i) => table.at(i))).toEqual(strings);
  });

  it('has no string outside 0..length-1', () => {
    const table = tableOf(['a', 'b']);
    expect([table.at(-1), table.at(2), table.at(0.5), table.at(Number.NaN)]).toEqual([undefined, undefined, undefined, undefined]);
  });

  it('holds more strings than one page and more text than one block', () => {
    const count = 70_000; // pages hold 65,536 entries
    const strings = Array.from({ length: count }, (_, i) => (i % 3 === 0 ? `收件地址${i}号` : `SF${String(i).padStart(13, '0')}`));
    const long = 'y'.repeat(1_100_000); // more than a block's 1 MiB characters: a block of its own
    const table = tableOf([...strings, long, 'after']);
    expect(table.length).toBe(count + 2);
    for (const i of [0, 1, 2, 65_535, 65_536, 65_537, count - 1]) expect(table.at(i)).toBe(strings[i]);
    expect(table.at(count)).toBe(long);
    expect(table.at(count + 1)).toBe('after');
  });
});

describe('SharedStringsParser', () => {
  it('joins rich-text runs, leaves out phonetic runs and decodes _xHHHH_ escapes, across chunk boundaries', () => {
    const xml =
      '<sst><si><t>订单号</t></si><si><r><t>SF12345</t></r><r><t>67890123</t></r></si>' +
      '<si><t>東京</t><rPh sb="0" eb="2"><t>トウキョウ</t></rPh></si><si><t>a_x000D_b</t></si><si><t/></si></sst>';
    for (const size of [1, 7, xml.length]) {
      const parser = new SharedStringsParser();
      for (let at = 0; at < xml.length; at += size) parser.write(xml.slice(at, at + size));
      parser.end();
      const { strings } = parser;
      expect(Array.from({ length: strings.length }, (_, i) => strings.at(i))).toEqual(['订单号', 'SF1234567890123', '東京', 'a\rb', '']);
    }
  });
});
