// Commander's own usage errors (unknown option, missing argument, bad value…) in the
// user's language. Commander words them in English and hands over only its sentence and
// a code, so each code's sentences are matched here and said again in zh or en. A
// sentence not recognised (a commander upgrade that rewords one, a code ship does not
// expect) is shown as commander wrote it: a usage error is never left without its message.

import type { CommanderError } from 'commander';
import type { Lang } from '../core/messages.js';

type Say = Record<Lang, (...parts: string[]) => string>;

interface Sentence {
  /** Commander 14's wording, without its "error: " prefix and "Did you mean" line. */
  match: RegExp;
  say: Say;
}

// The required arguments (main.ts), said as what is missing and how it is given.
const MISSING: Record<string, Record<Lang, string>> = {
  file: { zh: '缺少要校验的文件，例如：ship validate 订单表.xlsx', en: 'missing the file to check, e.g. ship validate orders.xlsx' },
  number: { zh: '缺少要识别的单号，例如：ship detect SF1385628716739', en: 'missing the tracking number to look up, e.g. ship detect SF1385628716739' },
};

// `s` flag: what the user typed can hold a line break, and must still match.
const SENTENCES: Record<string, Sentence[]> = {
  'commander.missingArgument': [
    { match: /^missing required argument '(.*)'$/s, say: { zh: (name) => MISSING[name]?.zh ?? `缺少必需的参数「${name}」`, en: (name) => MISSING[name]?.en ?? `missing required argument '${name}'` } },
  ],
  'commander.optionMissingArgument': [
    { match: /^option '(.*)' argument missing$/s, say: { zh: (flags) => `选项「${flags}」缺少值`, en: (flags) => `option '${flags}' argument missing` } },
  ],
  'commander.unknownOption': [
    { match: /^unknown option '(.*)'$/s, say: { zh: (flag) => `未知选项「${flag}」`, en: (flag) => `unknown option '${flag}'` } },
  ],
  'commander.unknownCommand': [
    { match: /^unknown command '(.*)'$/s, say: { zh: (name) => `未知命令「${name}」`, en: (name) => `unknown command '${name}'` } },
  ],
  'commander.excessArguments': [
    {
      match: /^too many arguments(?: for '(.*)')?\. Expected (\d+) arguments? but got (\d+)\.$/s,
      say: {
        zh: (command, expected, got) => `参数太多：${command ? `${command} ` : ''}最多接受 ${expected} 个参数，收到 ${got} 个`,
        en: (command, expected, got) => `too many arguments${command ? ` for '${command}'` : ''}: expected ${expected}, got ${got}`,
      },
    },
  ],
  // The tail is what ship's value parser said, already in the user's language (see valueParsers).
  'commander.invalidArgument': [
    {
      match: /^option '(.*?)' argument '(.*)' is invalid\. (.*)$/s,
      say: { zh: (flags, value, why) => `选项「${flags}」的值「${value}」无效：${why}`, en: (flags, value, why) => `option '${flags}' argument '${value}' is invalid: ${why}` },
    },
    {
      match: /^command-argument value '(.*)' is invalid for argument '(.*?)'\. (.*)$/s,
      say: { zh: (value, name, why) => `参数「${name}」的值「${value}」无效：${why}`, en: (value, name, why) => `argument '${name}' value '${value}' is invalid: ${why}` },
    },
  ],
};

// Commander adds the nearest known names on a line of their own; the message keeps them on
// its one line, as the JSON document's `error` does.
const SUGGESTION = /\n\(Did you mean (one of )?(.+)\?\)$/s;
const SUGGEST: Say = {
  zh: (several, names) => (several ? `（是不是要用 ${names.split(', ').join('、')} 之一？）` : `（是不是要用 ${names}？）`),
  en: (several, names) => ` (did you mean ${several ? 'one of ' : ''}${names}?)`,
};

/** Commander's message for a usage error, in `lang`: one line, with what the user typed as typed. */
export function usageErrorText(error: CommanderError, lang: Lang): string {
  const original = error.message.replace(/^error: /, '');
  const suggestion = SUGGESTION.exec(original);
  const sentence = suggestion === null ? original : original.slice(0, suggestion.index);
  for (const { match, say } of SENTENCES[error.code] ?? []) {
    const parts = match.exec(sentence);
    if (parts === null) continue;
    const said = say[lang](...parts.slice(1).map((part) => part ?? ''));
    return suggestion === null ? said : `${said}${SUGGEST[lang](suggestion[1] ?? '', suggestion[2] ?? '')}`;
  }
  return original;
}

/** The line after a usage error: where to read how the command the user typed is used. */
export function usageHint(command: string | undefined, lang: Lang): string {
  const help = command === undefined ? 'ship --help' : `ship ${command} --help`;
  return lang === 'zh' ? `（运行 ${help} 查看用法）` : `(run ${help} for usage)`;
}
