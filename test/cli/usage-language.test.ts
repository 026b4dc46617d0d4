// What a user sees when the command line itself is wrong, and in --help: in Chinese by
// default, in English with --lang en or an English locale, never a mix of the two.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CommanderError } from 'commander';
import { describe, expect, it } from 'vitest';
import { runReportSchema } from '../../src/cli/report-schema.js';
import { usageErrorText } from '../../src/cli/usage-errors.js';
import { displayWidth } from '../../src/core/display-width.js';
import { FIXTURE_NOW, ROOT, ship } from '../helpers/cli.js';

const ENGLISH = { LANG: 'en_US.UTF-8' };
const HAN = /\p{Script=Han}/u;

describe('a usage error, in the user’s language', () => {
  it.each([
    ['a missing file', ['validate'], 'ship: 缺少要校验的文件，例如：ship validate 订单表.xlsx\n（运行 ship validate --help 查看用法）\n', 'ship: missing the file to check, e.g. ship validate orders.xlsx\n(run ship validate --help for usage)\n'],
    ['an unknown option', ['validate', '--bogus', 'x.xlsx'], 'ship: 未知选项「--bogus」\n（运行 ship validate --help 查看用法）\n', "ship: unknown option '--bogus'\n(run ship validate --help for usage)\n"],
    [
      'a mistyped option, with the nearest one',
      ['validate', 'x.xlsx', '--max-row', '3'],
      'ship: 未知选项「--max-row」（是不是要用 --max-rows？）\n（运行 ship validate --help 查看用法）\n',
      "ship: unknown option '--max-row' (did you mean --max-rows?)\n(run ship validate --help for usage)\n",
    ],
    ['an unknown command', ['frob'], 'ship: 未知命令「frob」\n（运行 ship --help 查看用法）\n', "ship: unknown command 'frob'\n(run ship --help for usage)\n"],
    ['a mistyped command', ['valdate', 'x.xlsx'], 'ship: 未知命令「valdate」（是不是要用 validate？）\n（运行 ship --help 查看用法）\n', "ship: unknown command 'valdate' (did you mean validate?)\n(run ship --help for usage)\n"],
    [
      'a value ship’s own parser refuses',
      ['validate', 'a.xlsx', '--max-errors', 'abc'],
      'ship: 选项「--max-errors <n>」的值「abc」无效：应为 0 或正整数\n（运行 ship validate --help 查看用法）\n',
      "ship: option '--max-errors <n>' argument 'abc' is invalid: expected a whole number ≥ 0\n(run ship validate --help for usage)\n",
    ],
    [
      'a time that is not one',
      ['validate', 'a.xlsx', '--now', 'tomorrow'],
      'ship: 选项「--now <time>」的值「tomorrow」无效：应为 ISO 格式的时间，例如 2026-11-26T18:00:00+08:00\n（运行 ship validate --help 查看用法）\n',
      "ship: option '--now <time>' argument 'tomorrow' is invalid: expected an ISO time such as 2026-11-26T18:00:00+08:00\n(run ship validate --help for usage)\n",
    ],
    [
      'an option without its value',
      ['validate', 'a.xlsx', '--now', FIXTURE_NOW, '--format'],
      'ship: 选项「-f, --format <format>」缺少值\n（运行 ship validate --help 查看用法）\n',
      "ship: option '-f, --format <format>' argument missing\n(run ship validate --help for usage)\n",
    ],
    ['too many arguments', ['schema', 'report', 'config'], 'ship: 参数太多：schema 最多接受 1 个参数，收到 2 个\n（运行 ship schema --help 查看用法）\n', "ship: too many arguments for 'schema': expected 1, got 2\n(run ship schema --help for usage)\n"],
  ])('says %s in Chinese by default and in English with an English LANG (exit 2)', (_, args, zh, en) => {
    const chinese = ship(args);
    expect(chinese.stderr).toBe(zh);
    expect(chinese.stdout).toBe('');
    expect(chinese.status).toBe(2);
    const english = ship(args, { env: ENGLISH });
    expect(english.stderr).toBe(en);
    expect(english.status).toBe(2);
  });

  it('takes the language from --lang, which wins over LANG either way', () => {
    expect(ship(['validate', '--bogus', 'x.xlsx', '--lang', 'en']).stderr).toContain("ship: unknown option '--bogus'");
    expect(ship(['validate', '--bogus', 'x.xlsx', '--lang=en']).stderr).toContain("ship: unknown option '--bogus'");
    expect(ship(['validate', '--bogus', 'x.xlsx', '--lang', 'zh'], { env: ENGLISH }).stderr).toContain('ship: 未知选项「--bogus」');
  });

  it('refuses an unknown --lang in the language of the locale', () => {
    const english = ship(['validate', 'a.xlsx', '--lang', 'fr'], { env: ENGLISH });
    expect(english.stderr).toContain("ship: option '--lang <lang>' argument 'fr' is invalid: expected zh or en");
    expect(ship(['detect', '1', '--lang', 'fr']).stderr).toContain('ship: 选项「--lang <lang>」的值「fr」无效：应为 zh 或 en');
  });

  it('still prints a failed-run JSON document with --format json, its error in the same language as stderr', () => {
    const chinese = ship(['validate', 'a.xlsx', '--format', 'json', '--bogus']);
    expect(chinese.status).toBe(2);
    expect(runReportSchema.parse(JSON.parse(chinese.stdout))).toEqual({ schemaVersion: 1, ok: false, files: [], error: '未知选项「--bogus」' });
    const english = ship(['validate', 'a.xlsx', '--json', '--max-rows', '0', '--lang', 'en']);
    expect(english.status).toBe(2);
    expect(JSON.parse(english.stdout)).toEqual({
      schemaVersion: 1,
      ok: false,
      files: [],
      error: "option '--max-rows <n>' argument '0' is invalid: expected a whole number ≥ 1",
    });
    expect(english.stderr).toContain("ship: option '--max-rows <n>' argument '0' is invalid: expected a whole number ≥ 1\n");
  });

  it('shows control characters the user typed as visible stand-ins on the terminal, and keeps them in JSON', () => {
    const typed = '--bo\u001b]0;pwned\u0007gus';
    const run = ship(['validate', typed, 'x.xlsx', '--format', 'json']);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('ship: 未知选项「--bo␛]0;pwned␇gus」\n');
    expect(run.stderr).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f]/);
    expect(JSON.parse(run.stdout)).toMatchObject({ error: `未知选项「${typed}」` });
    const command = ship(['fr\u001b[31mob']);
    expect(command.stderr).toContain('ship: 未知命令「fr␛[31mob」');
    expect(command.stderr).not.toContain('\u001b');
  });

  it('is shown in the README as ship prints it', () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    const at = readme.indexOf('在 stderr 打印一行说明和查看用法的提示');
    const example = /```\n([\s\S]*?)\n```/.exec(readme.slice(at))?.[1] ?? '';
    const sessions = example.split(/^\$ /m).filter(Boolean);
    expect(sessions).toHaveLength(2);
    for (const session of sessions) {
      const [command = '', ...printed] = session.trimEnd().split('\n');
      expect(ship(command.split(' ').slice(1)).stderr).toBe(`${printed.join('\n')}\n`);
    }
  });

  it('falls back to commander’s own words for a sentence it does not know, never to nothing', () => {
    expect(usageErrorText(new CommanderError(1, 'commander.somethingNew', 'error: something new happened'), 'zh')).toBe('something new happened');
    expect(usageErrorText(new CommanderError(1, 'commander.unknownOption', 'error: option --x is unknown now'), 'zh')).toBe('option --x is unknown now');
  });
});

/** The description of each option of a help text ("  -o, --out-dir <dir>   输出目录…"). */
function optionDescriptions(help: string): string[] {
  return [...help.matchAll(/^ {2}-\S.*?\s{2,}(\S.*)$/gmu)].map((match) => match[1] ?? '');
}

const HELPS = ['', 'validate ', 'template ', 'schema ', 'carriers ', 'detect '].map((command) => ({ help: `ship ${command}--help`, args: [...command.split(' ').filter(Boolean), '--help'] }));

describe('--help, in the user’s language', () => {
  it('is Chinese by default: titles, commander’s own lines, descriptions and examples', () => {
    const run = ship(['--help']);
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^用法：ship \[options\] \[command\]\n\n小红书批量发货前的预检/);
    for (const text of ['\n选项：\n', '\n命令：\n', '-v, --version                 显示版本号', '--debug                       出现意外错误时打印堆栈', '-h, --help                    显示帮助', 'help [command]                显示命令的帮助', '\n示例：\n', '\n退出码：0 全部可导入 · 1 有订单未通过 · 2 运行失败\n']) {
      expect(run.stdout).toContain(text);
    }
    expect(run.stdout).not.toMatch(/Usage:|Options:|Commands:|display help|output the version|stack traces|Examples/);
  });

  it('is English with --lang en or an English LANG', () => {
    for (const run of [ship(['--help', '--lang', 'en']), ship(['--help'], { env: ENGLISH }), ship(['help'], { env: ENGLISH })]) {
      expect(run.status).toBe(0);
      expect(run.stdout).toMatch(/^Usage: ship \[options\] \[command\]\n\nPre-flight check for 小红书 batch shipping/);
      for (const text of ['\nOptions:\n', '\nCommands:\n', '-v, --version                 print the version number', '-h, --help                    display help', '\nExamples:\n', '\nExit codes: 0 all importable · 1 rows rejected · 2 run failed\n']) {
        expect(run.stdout).toContain(text);
      }
      expect(run.stdout).not.toMatch(/用法|选项：|命令：|示例|退出码/);
    }
  });

  it.each(HELPS)('describes every option in $help in one language: Chinese, or English with --lang en', ({ args }) => {
    const chinese = ship(args);
    expect(chinese.status).toBe(0);
    const zh = optionDescriptions(chinese.stdout);
    expect(zh.length).toBeGreaterThan(0);
    expect(zh.filter((description) => !HAN.test(description))).toEqual([]);
    expect(chinese.stdout).not.toContain('(default:');
    const english = ship([...args, '--lang', 'en']);
    const en = optionDescriptions(english.stdout);
    expect(en).toHaveLength(zh.length);
    // 包裹详情 is the name of the sheet in the export, as the merchant sees it.
    expect(en.filter((description) => HAN.test(description.replace('包裹详情', '')))).toEqual([]);
  });

  it('shows validate’s own help with its exit codes and examples in both languages', () => {
    const zh = ship(['validate', '--help']).stdout;
    expect(zh).toContain('-f, --format <format>        屏幕输出格式：text（默认）| json | github | junit');
    expect(zh).toContain('\n退出码：0 全部可导入 · 1 有订单未通过 · 2 运行失败\n        多个文件时：');
    expect(zh).toContain("\n示例：\n  ship validate 小红书订单查询.xlsx\n  ship validate a.xlsx b.csv 'exports/*.xlsx' --out-dir out --json > result.json\n");
    const en = ship(['validate', '--help'], { env: ENGLISH }).stdout;
    expect(en).toMatch(/-f, --format <format> {8}stdout format: text \(default\) \| json \| github \|\n {31}junit\n/);
    expect(en).toContain('\nExit codes: 0 all importable · 1 rows rejected · 2 run failed\n            several files: 2 if a file');
    expect(en).toContain('\nExamples:\n  ship validate 小红书订单查询.xlsx\n');
  });

  // A Chinese character takes two columns: commander, counting characters, ran past the edge.
  it.each(HELPS)('keeps $help inside 80 columns in both languages', ({ args }) => {
    for (const lang of ['zh', 'en']) {
      const lines = ship([...args, '--lang', lang]).stdout.split('\n');
      expect(lines.filter((line) => displayWidth(line) > 80)).toEqual([]);
    }
  });
});
