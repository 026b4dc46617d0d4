// Where a hand-written JSON file (ship.config.json, a --rules file) first breaks, and why,
// in words its author can act on. JSON.parse says "Expected property name or '}' in JSON
// at position 4", a character offset no editor shows, or "Unexpected token ']', "…" is
// not valid JSON", which quotes the whole file. This reader follows the JSON grammar to
// the first character it cannot take, and names its line and column. It runs only after
// JSON.parse has failed, and keeps its own stack, so a deeply nested file cannot
// overflow the call stack.

import type { Bilingual } from './errors.js';

export type JsonProblem =
  | { kind: 'empty' }
  | { kind: 'comment' }
  | { kind: 'trailing-comma' }
  | { kind: 'name' }
  | { kind: 'colon' }
  | { kind: 'comma'; close: '}' | ']' }
  | { kind: 'value' }
  | { kind: 'quote'; ch: string }
  | { kind: 'full-width'; ch: string; ascii: string }
  | { kind: 'unterminated-string' }
  | { kind: 'control-character' }
  | { kind: 'escape'; ch: string }
  | { kind: 'number' }
  | { kind: 'after-end' }
  | { kind: 'end'; missing: string };

export interface JsonSyntaxError {
  problem: JsonProblem;
  /** 1-based, as editors count them. */
  line: number;
  column: number;
}

const WHITESPACE = new Set([' ', '\t', '\n', '\r']);
const ESCAPES = new Set(['"', '\\', '/', 'b', 'f', 'n', 'r', 't']);
const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
// What a Chinese input method types for the JSON punctuation.
const FULL_WIDTH: Record<string, string> = { '：': ':', '，': ',', '｛': '{', '｝': '}', '［': '[', '］': ']', '＂': '"', '\u3000': ' ' };
const QUOTES = new Set(["'", '“', '”', '‘', '’']);

/** The first syntax error in `text`, or undefined when it is valid JSON. */
export function findJsonSyntaxError(text: string): JsonSyntaxError | undefined {
  const found = scan(text);
  if (found === undefined) return undefined;
  const before = text.slice(0, found.at);
  const lineStart = before.lastIndexOf('\n') + 1;
  return { problem: found.problem, line: before.split('\n').length, column: found.at - lineStart + 1 };
}

function scan(text: string): { at: number; problem: JsonProblem } | undefined {
  let at = 0;
  const open: ('}' | ']')[] = [];
  let state: 'value' | 'name' | 'after' = 'value';
  let comma = -1; // where the last `,` was, when it is the character before this one
  const skip = (): void => {
    while (at < text.length && WHITESPACE.has(text[at]!)) at++;
  };
  const end = (): { at: number; problem: JsonProblem } => ({ at, problem: text.trim() === '' ? { kind: 'empty' } : { kind: 'end', missing: [...open].reverse().join('') } });
  const fail = (problem: JsonProblem) => (at >= text.length ? end() : { at, problem: unexpected(text, at) ?? problem });
  for (;;) {
    skip();
    const ch = text[at];
    if (ch === undefined) {
      return state === 'after' && open.length === 0 ? undefined : end();
    }
    if (state === 'after') {
      const close = open.at(-1);
      if (close === undefined) return fail({ kind: 'after-end' });
      if (ch === ',') {
        comma = at++;
        state = close === '}' ? 'name' : 'value';
      } else if (ch === close) {
        open.pop();
        at++;
      } else return fail({ kind: 'comma', close });
      continue;
    }
    const lastComma = comma;
    comma = -1;
    if (lastComma >= 0 && (ch === '}' || ch === ']')) return { at: lastComma, problem: { kind: 'trailing-comma' } };
    if (state === 'name') {
      if (ch !== '"') return fail({ kind: 'name' });
      const close = string(text, at);
      if (typeof close !== 'number') return close;
      at = close;
      skip();
      if (text[at] !== ':') return fail({ kind: 'colon' });
      at++;
      state = 'value';
      continue;
    }
    if (ch === '{' || ch === '[') {
      open.push(ch === '{' ? '}' : ']');
      at++;
      skip();
      if (text[at] === open.at(-1)) {
        open.pop();
        at++;
        state = 'after';
      } else state = ch === '{' ? 'name' : 'value';
      continue;
    }
    if (ch === '"') {
      const close = string(text, at);
      if (typeof close !== 'number') return close;
      at = close;
    } else if (ch === '-' || (ch >= '0' && ch <= '9')) {
      NUMBER.lastIndex = at;
      const number = NUMBER.exec(text);
      const after = number === null ? at : at + number[0].length;
      if (number === null || /[0-9.eE+-]/.test(text[after] ?? '')) return fail({ kind: 'number' });
      at = after;
    } else {
      const literal = ['true', 'false', 'null'].find((word) => text.startsWith(word, at));
      if (literal === undefined) return fail({ kind: 'value' });
      at += literal.length;
    }
    state = 'after';
  }
}

/** The end of the string starting at `start` (its `"`), or the problem in it. */
function string(text: string, start: number): number | { at: number; problem: JsonProblem } {
  for (let at = start + 1; at < text.length; at++) {
    const ch = text[at]!;
    if (ch === '"') return at + 1;
    if (ch === '\\') {
      const next = text[at + 1] ?? '';
      if (ESCAPES.has(next)) at++;
      else if (next === 'u' && /^[0-9A-Fa-f]{4}$/.test(text.slice(at + 2, at + 6))) at += 5;
      else return { at, problem: { kind: 'escape', ch: next } };
    } else if (ch < ' ') return { at, problem: { kind: 'control-character' } };
  }
  return { at: start, problem: { kind: 'unterminated-string' } };
}

/** A character that says more than "expected …": a comment, a quote JSON has not, a full-width sign. */
function unexpected(text: string, at: number): JsonProblem | undefined {
  if (text.startsWith('//', at) || text.startsWith('/*', at)) return { kind: 'comment' };
  const ch = text[at] ?? '';
  if (QUOTES.has(ch)) return { kind: 'quote', ch };
  const ascii = FULL_WIDTH[ch];
  return ascii === undefined ? undefined : { kind: 'full-width', ch, ascii };
}

/** What is wrong, said after "line 3, column 5:". */
export function describeJsonProblem(problem: JsonProblem): Bilingual {
  switch (problem.kind) {
    case 'empty':
      return { zh: '文件是空的，没有 JSON 内容', en: 'the file is empty' };
    case 'comment':
      return { zh: '这里是注释，JSON 不允许注释（// 或 /* */）；请删去注释', en: 'this is a comment, and JSON allows no comments (// or /* */); remove it' };
    case 'trailing-comma':
      return { zh: '最后一项后面多了逗号，JSON 不允许；请删去这个逗号', en: 'a comma after the last item, which JSON does not allow; remove it' };
    case 'name':
      return { zh: '这里应是用英文双引号括起的字段名（如 "carriers"）', en: 'expected a field name in double quotes (like "carriers")' };
    case 'colon':
      return { zh: '字段名后面应是冒号 :', en: 'expected a colon (:) after the field name' };
    case 'comma':
      return { zh: `这里应是逗号 , 或 ${problem.close}（上一项后面可能漏了逗号）`, en: `expected a comma or ${problem.close} (a comma may be missing after the previous item)` };
    case 'value':
      return {
        zh: '这里应是一个值：用英文双引号括起的文字、数字、true、false、null、{…} 或 […]',
        en: 'expected a value: text in double quotes, a number, true, false, null, {…} or […]',
      };
    case 'quote':
      return { zh: `这里是 ${problem.ch}，JSON 的文字和字段名要用英文双引号 " 括起`, en: `this is ${problem.ch}: JSON text and field names take straight double quotes (")` };
    case 'full-width':
      return { zh: `这里是全角的「${problem.ch}」，JSON 要用半角（英文）的「${problem.ascii}」`, en: `this is a full-width "${problem.ch}": JSON takes the ASCII "${problem.ascii}"` };
    case 'unterminated-string':
      return { zh: '从这里开始的文字没有结尾的双引号', en: 'the text starting here has no closing double quote' };
    case 'control-character':
      return {
        zh: '双引号里的文字不能直接换行或含制表符（也可能是前面少了结尾的双引号）；换行请写成 \\n',
        en: 'text in double quotes cannot hold a line break or a tab (or a closing quote is missing before it); write a line break as \\n',
      };
    case 'escape':
      return {
        zh: `\\${problem.ch} 不是 JSON 认识的转义：JSON 的文字里反斜杠要写两次，写成 \\\\${problem.ch}（正则 ^JSD\\d{12}$ 在 JSON 里写作 "^JSD\\\\d{12}$"）`,
        en: `\\${problem.ch} is no JSON escape: a backslash is written twice in JSON text, as \\\\${problem.ch} (the pattern ^JSD\\d{12}$ is written "^JSD\\\\d{12}$" in JSON)`,
      };
    case 'number':
      return { zh: '数字写法不对（JSON 的数字不能以 0 开头、不能以小数点结尾，也不能是 NaN 或 Infinity）', en: 'a malformed number (no leading zero, no trailing point, no NaN or Infinity in JSON)' };
    case 'after-end':
      return { zh: 'JSON 在前面已经完整结束，这里又有内容（可能多了 } 或 ]，或两段 JSON 接在了一起）', en: 'the JSON has already ended before this (an extra } or ], or two documents run together?)' };
    case 'end': {
      // A file cut off deep inside is no reason to print thousands of brackets.
      const { missing } = problem;
      const what = missing.length <= 8 ? { zh: missing, en: missing } : { zh: `${missing.length} 个 } 或 ]`, en: `${missing.length} closing brackets` };
      return { zh: `文件在这里就结束了，还缺 ${what.zh}（文件可能没存完整）`, en: `the file ends here, still missing ${what.en} (was it saved completely?)` };
    }
  }
}
