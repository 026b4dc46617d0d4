// A broken config or rules file is reported by line and column, with why, in words its
// author can act on; JSON.parse gives a character offset, or quotes the whole file.
import { describe, expect, it } from 'vitest';
import { describeJsonProblem, findJsonSyntaxError } from '../../src/io/json-syntax.js';

describe('findJsonSyntaxError', () => {
  it.each([
    ['a // comment', '{\n  // 极速达\n  "carriers": []\n}', 2, 3, 'comment'],
    ['a /* comment */ after the document', '{"carriers": []}\n/* end */', 2, 1, 'comment'],
    ['a comment after a value', '{\n  "version": "1", // ours\n  "carriers": []\n}', 2, 19, 'comment'],
    ['a field name without quotes', '{ carriers: [] }', 1, 3, 'name'],
    ['a comma after the last item', '{\n  "names": ["极速达",],\n  "x": 1\n}', 2, 18, 'trailing-comma'],
    ['a comma before }', '{"a": 1,\n}', 1, 8, 'trailing-comma'],
    ['a missing comma', '{"a": 1\n "b": 2}', 2, 2, 'comma'],
    ['a missing colon', '{"a" 1}', 1, 6, 'colon'],
    ['single quotes', "{'a': 1}", 1, 2, 'quote'],
    ['Chinese quotes', '{“a”: 1}', 1, 2, 'quote'],
    ['a full-width colon', '{"a"：1}', 1, 5, 'full-width'],
    ['a full-width comma', '{"a": 1，"b": 2}', 1, 8, 'full-width'],
    ['a pattern with one backslash', '{"pattern": "^JSD\\d{12}$"}', 1, 18, 'escape'],
    ['a line break inside text', '{"a": "x\ny"}', 1, 9, 'control-character'],
    ['text without its closing quote', '{"a": "x', 1, 7, 'unterminated-string'],
    ['a number with a leading zero', '{"a": 012}', 1, 7, 'number'],
    ['undefined', '{"a": undefined}', 1, 7, 'value'],
    ['a second document', '{}\n{}', 2, 1, 'after-end'],
    ['a file cut short', '{"carriers": [{"id": "acme"', 1, 28, 'end'],
    ['an empty file', '  \n', 2, 1, 'empty'],
    ['a character offset past a Windows line end', '{\r\n  "a": 1,\r\n  b\r\n}', 3, 3, 'name'],
  ])('finds %s', (_, text, line, column, kind) => {
    expect(() => JSON.parse(text)).toThrow();
    expect(findJsonSyntaxError(text)).toMatchObject({ line, column, problem: { kind } });
  });

  it('finds nothing in valid JSON, a // inside a string included', () => {
    expect(findJsonSyntaxError('{"source": "https://example.com/a/*b", "n": [1, -2.5e3, true, null]}')).toBeUndefined();
  });

  it('says what is missing at the end, without printing thousands of brackets', () => {
    expect(findJsonSyntaxError('{"a": [1, {"b": [')?.problem).toEqual({ kind: 'end', missing: ']}]}' });
    const deep = findJsonSyntaxError('['.repeat(100_000))!;
    expect(describeJsonProblem(deep.problem).zh).toBe('文件在这里就结束了，还缺 100000 个 } 或 ]（文件可能没存完整）');
  });
});

describe('describeJsonProblem', () => {
  it('says JSON allows no comments, in both languages', () => {
    expect(describeJsonProblem({ kind: 'comment' })).toEqual({
      zh: '这里是注释，JSON 不允许注释（// 或 /* */）；请删去注释',
      en: 'this is a comment, and JSON allows no comments (// or /* */); remove it',
    });
  });

  it('tells a rules author to double the backslash of \\d', () => {
    expect(describeJsonProblem({ kind: 'escape', ch: 'd' }).zh).toContain('正则 ^JSD\\d{12}$ 在 JSON 里写作 "^JSD\\\\d{12}$"');
  });
});
