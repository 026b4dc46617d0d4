// How commander lays out `ship --help` in the user's language: its section titles, and
// descriptions wrapped by terminal columns, where a Chinese character takes two.
// On the `ship --help` path: nothing heavy may be imported here.

import { stripVTControlCharacters } from 'node:util';
import { Help } from 'commander';
import { displayWidth } from '../core/display-width.js';
import type { Lang } from '../core/messages.js';
import type { Bilingual } from '../io/errors.js';

const TITLES: Record<string, Bilingual> = {
  'Usage:': { zh: '用法：', en: 'Usage:' },
  'Arguments:': { zh: '参数：', en: 'Arguments:' },
  'Options:': { zh: '选项：', en: 'Options:' },
  'Global Options:': { zh: '全局选项：', en: 'Global Options:' },
  'Commands:': { zh: '命令：', en: 'Commands:' },
};

const WIDE = '\\u2e80-\\ua4cf\\uac00-\\ud7a3\\uf900-\\ufaff\\ufe30-\\ufe4f\\uff00-\\uff60\\uffe0-\\uffe6';
// Punctuation that may not begin a line, and that may not end one.
const CLOSING = '，。、；：？！）」』》】”’…';
const OPENING = '（「『《【“‘';
// What a line may break before: a word, a <placeholder> with what sticks to it, or one
// Chinese character, each keeping the punctuation that belongs to it.
const CHUNK = new RegExp(`\\s*[${OPENING}]*(?:<[^\\s>]*>[^\\s${WIDE}]*|[${WIDE}]|[^\\s${WIDE}]+)[${CLOSING}]*`, 'gu');
// Commander's own threshold: narrower than this, wrapping helps less than it hurts.
const MIN_WIDTH_TO_WRAP = 40;

function columns(text: string): number {
  return displayWidth(stripVTControlCharacters(text));
}

/**
 * `text` wrapped to `width` columns. Commander breaks only at spaces and counts characters,
 * so a Chinese description ran past the edge of the terminal in one unbroken line.
 */
function wrap(text: string, width: number): string {
  if (width < MIN_WIDTH_TO_WRAP) return text;
  const wrapLine = (line: string): string => {
    const lines: string[] = [];
    let current = '';
    for (const chunk of line.match(CHUNK) ?? []) {
      if (current !== '' && columns(current + chunk) > width) {
        lines.push(current);
        current = chunk.trimStart();
      } else {
        current += chunk;
      }
    }
    return [...lines, current].join('\n');
  };
  return text.split('\n').map(wrapLine).join('\n');
}

/** Commander's help layout in `lang` (for configureHelp). */
export function helpLayout(lang: Lang): Partial<Help> {
  return {
    styleTitle: (title) => TITLES[title]?.[lang] ?? title,
    // Commander appends "(default: "text")" in English, and for --lang the value this
    // machine's LANG gave; each description says its default in words instead.
    optionDescription: (option) => option.description,
    argumentDescription: (argument) => argument.description,
    displayWidth: columns,
    boxWrap: wrap,
    // Commander puts a space after the title of its usage line; after a full-width colon it is one too many.
    formatHelp(this: Help, command, helper) {
      const text = Help.prototype.formatHelp.call(this, command, helper);
      return lang === 'zh' ? text.replace(/^用法： /, '用法：') : text;
    },
  };
}
