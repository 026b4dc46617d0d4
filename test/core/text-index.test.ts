// The lookups the row store is built on: texts by row index (TextIndex) and texts by
// code (TextTable). Both keep working past the sizes a small test would reach.
import { describe, expect, it } from 'vitest';
import { TextIndex } from '../../src/core/text-index.js';
import { OVERFLOW, TextTable } from '../../src/core/text-table.js';

describe('TextIndex', () => {
  const keys = Array.from({ length: 20_000 }, (_, i) => `P7928400504731${String(i * 7).padStart(5, '0')}`);

  it('keeps the first row of a text with addIfNew, and the latest with replace', () => {
    const index = new TextIndex((row) => keys[row]!);
    expect(index.addIfNew(keys[3]!, 3)).toBe(-1);
    expect(index.addIfNew(keys[3]!, 3)).toBe(3);
    expect(index.get(keys[3]!)).toBe(3);
    expect(index.replace(keys[4]!, 4)).toBe(-1);
    expect(index.replace(keys[4]!, 4)).toBe(4);
    expect(index.get(keys[5]!)).toBe(-1);
  });

  it('finds every text again after growing many times, and none it was not given', () => {
    const index = new TextIndex((row) => keys[row]!);
    const added = keys.filter((_, row) => row % 2 === 0).map((key, half) => index.addIfNew(key, half * 2));
    expect(added.every((stored) => stored === -1)).toBe(true);
    expect(keys.map((key) => index.get(key))).toEqual(keys.map((_, row) => (row % 2 === 0 ? row : -1)));
  });

  it('tells apart texts that are equal only in part, and finds row 0', () => {
    const texts = ['', 'a', 'ab', 'ba', 'ａ'];
    const index = new TextIndex((row) => texts[row]!);
    texts.forEach((text, row) => expect(index.addIfNew(text, row)).toBe(-1));
    texts.forEach((text, row) => expect(index.get(text)).toBe(row));
  });
});

describe('TextTable', () => {
  it('gives each distinct text one code, with 0 for the empty text', () => {
    const table = new TextTable();
    const codes = ['', '待配货', '已发货', '待配货', ''].map((text, row) => table.codeOf(text, row));
    expect(codes).toEqual([0, 1, 2, 1, 0]);
    expect(codes.map((code, row) => table.textOf(code, row))).toEqual(['', '待配货', '已发货', '待配货', '']);
  });

  it('keeps texts past the last code row by row (a column of unique free text)', () => {
    const table = new TextTable();
    const count = OVERFLOW + 10;
    const codes = Array.from({ length: count }, (_, row) => table.codeOf(`name ${row}`, row));
    expect(codes.at(-1)).toBe(OVERFLOW);
    expect(table.codeOf('name 5', count)).toBe(codes[5]);
    for (const row of [0, OVERFLOW - 2, OVERFLOW - 1, OVERFLOW, count - 1]) expect(table.textOf(codes[row]!, row)).toBe(`name ${row}`);
  });
});
