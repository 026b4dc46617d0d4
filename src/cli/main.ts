// The ship command line: commander wiring and the one place where failures
// become exit codes and one-line messages.

import { Command, CommanderError } from 'commander';
import { createRequire } from 'node:module';
import type { Lang } from '../core/messages.js';
import { isKnownError, UsageError } from '../io/errors.js';
import { wantsColor } from './color.js';
import type { ValidateOptions } from './commands/validate.js';
import { EXIT } from './exit-codes.js';
import type { RunReport } from './report-schema.js';
import { isoTime, jsonReportFromArgv, langFromArgv, langFromEnv, language, nonNegativeInteger, outputFormat, positiveInteger, reportFormat } from './options.js';
import { isInteractive } from './progress.js';
import { terminalSafe } from './render/terminal-text.js';
import { out, watchStdStreams } from './std-streams.js';

const { version } = createRequire(import.meta.url)('../../package.json') as { version: string };


/** What commander hands the validate action: the command's options before defaults are settled. */
type ValidateFlags = Omit<ValidateOptions, 'strict' | 'quiet' | 'color' | 'progress' | 'cwd' | 'env' | 'now' | 'skipAfterSales' | 'lang' | 'reportCopy'> & {
  reportCopy?: boolean;
  now?: Date;
  skipAfterSales?: boolean;
  lang?: Lang;
  json?: boolean;
  strict?: boolean;
  quiet?: boolean;
  color?: boolean;
  progress: boolean;
};

const PROGRAM_EXAMPLES = `
Examples / 示例:
  ship validate 小红书订单查询.xlsx                      校验一个导出表，输出写在它旁边
  ship validate 'exports/*.xlsx' --out-dir checked --format json > result.json
  ship validate 'fixtures/**/*.xlsx' --format github   在 GitHub Actions 里：注释 + 任务摘要
  ship template                                        写出空的批量发货模板（批量发货模板.xlsx）
  ship detect SF1385628716739                          单号符合哪些快递公司
  ship carriers                                        列出快递公司和别名

Exit codes: 0 全部可导入 / all importable · 1 有订单未通过 / rows rejected · 2 运行失败 / run failed
Config: ./ship.config.json (or --config <file>); see README「在脚本和 CI 中使用」`;

const VALIDATE_EXAMPLES = `
Exit codes: 0 全部可导入 / all importable · 1 有订单未通过 / rows rejected · 2 运行失败 / run failed
            (several files: 2 if any could not be read or a pattern matched nothing, else 1 if any row was rejected, else 0)

Examples:
  ship validate 小红书订单查询.xlsx
  ship validate a.xlsx b.csv 'exports/*.xlsx' --out-dir out --format json > result.json
  ship validate 'erp/**/*.xlsx' --format github --max-errors 50
  ship validate 'erp/*.xlsx' --format junit > ship-junit.xml
  ship validate orders.xlsx --max-rows 500        导入表每 500 单一个文件：orders.import.part1.xlsx …
  ship validate orders.xlsx --quiet --strict --lang en`;

function buildProgram(): Command {
  const program = new Command('ship')
    .description('小红书批量发货前的预检：核对快递公司与快递单号，生成可导入的发货表和问题报告')
    .version(version, '-v, --version')
    .option('--debug', 'print stack traces of unexpected errors')
    .exitOverride()
    .showHelpAfterError('(ship --help 查看用法 / for usage)')
    .addHelpText('after', PROGRAM_EXAMPLES);

  program
    .command('validate')
    .description('校验千帆导出的订单表（.xlsx 或 .csv），写出 <名称>.import.xlsx 和 <名称>.report.xlsx')
    .argument('<file...>', '订单表文件或通配符 / order export files or globs (.xlsx, .csv; *, ?, **)')
    .option('-o, --out-dir <dir>', '输出目录（默认与输入文件相同）')
    .option('-f, --format <format>', 'stdout 格式: text | json | github | junit', outputFormat, 'text')
    .option('--report-format <format>', '问题报告格式: xlsx（汇总、问题、标注后的原表副本）| csv（只有问题表，UTF-8 BOM）', reportFormat, 'xlsx')
    .option('--no-report-copy', '问题报告里不附原表副本（大文件更快）/ no marked copy of the input in the report')
    .option('--json', 'same as --format json')
    .option('-q, --quiet', '只输出错误 / errors only (text, github)')
    .option('--max-errors <n>', '每个文件最多列出 N 条问题，但全部计数 / list at most N findings per file', nonNegativeInteger)
    .option('--max-rows <n>', '每个导入表最多 N 单，超出时拆分为 <名称>.import.part1.xlsx … / orders per import file', positiveInteger)
    .option('--config <file>', '配置文件（默认：当前目录的 ship.config.json）')
    .option('--no-config', '不读取 ship.config.json / ignore ship.config.json')
    .option('--strict', '有警告也以退出码 1 结束 / warnings also fail the run')
    .option('--lang <lang>', '提示语言 zh | en（默认 zh；LANG 为英文时 en）', language)
    .option('--now <time>', '当前时间（ISO，默认为系统时间；不带时区按北京时间），用于时效判断 / the time to judge deadlines against (China time unless an offset is given)', isoTime)
    .option('--deadline-hours <n>', '没有承诺发货时间时，按支付时间 + N 小时估算（默认 48）', positiveInteger)
    .option('--due-soon <n>', '距发货时限不到 N 小时的订单给出提示（默认 12）', positiveInteger)
    .option('--skip-after-sales', '有售后申请的订单不放进导入表 / leave orders with open after-sales requests out')
    .option('--sheet <name>', '读取指定工作表（默认：包裹详情，或第一个含必需列的表）')
    .option('--header-row <n>', '表头所在行（默认自动查找）', positiveInteger)
    .option('--rules <file>', '补充或修改快递规则的 JSON 文件 / extra carrier rules')
    .option('--max-rows-read <n>', '最多读取的行数，含表头和表头上方的行（防止异常文件）', positiveInteger)
    .option('--max-file-mb <n>', '最大输入文件大小（MB）', positiveInteger)
    .option('--max-part-mb <n>', 'xlsx 内单个部件解压后的最大大小（MB），防压缩炸弹', positiveInteger)
    .option('--max-compression-ratio <n>', 'xlsx 部件的最大压缩比，防压缩炸弹', positiveInteger)
    .option('--color', 'force colour')
    .option('--no-color', 'no colour')
    .option('--no-progress', '不显示进度（只在终端里显示）/ no progress line')
    .addHelpText('after', VALIDATE_EXAMPLES)
    .action(async (files: string[], flags: ValidateFlags) => {
      // Loaded on demand: exceljs is heavy, and `ship detect` / `ship --help` should start fast.
      const { runValidate } = await import('./commands/validate.js');
      const { json, strict, quiet, color, progress, now, skipAfterSales, lang, reportCopy, ...rest } = flags;
      const env = process.env;
      process.exitCode = await runValidate(
        files,
        {
          ...rest,
          format: json === true ? 'json' : rest.format,
          strict: strict === true,
          quiet: quiet === true,
          lang: lang ?? langFromEnv(env),
          // The one place the clock is read: the core judges deadlines against this.
          now: now ?? new Date(),
          skipAfterSales: skipAfterSales === true,
          reportCopy: reportCopy !== false,
          color: wantsColor({ flag: color, env, isTTY: process.stdout.isTTY === true }),
          progress: progress && quiet !== true && isInteractive(process.stderr, env),
          cwd: process.cwd(),
          env,
        },
        out,
      );
    });

  program
    .command('template')
    .description('写出空的批量发货导入模板：三列表头（来自配置或默认），列格式为文本 / write an empty import template')
    .argument('[file]', '输出文件 / output file', '批量发货模板.xlsx')
    .option('--force', '覆盖已有文件 / overwrite an existing file')
    .option('--config <file>', '配置文件（默认：当前目录的 ship.config.json）')
    .option('--no-config', '不读取 ship.config.json / ignore ship.config.json')
    .option('--lang <lang>', '语言 zh | en（默认 zh；LANG 为英文时 en）', language, langFromEnv(process.env))
    .addHelpText('after', '\nExamples:\n  ship template\n  ship template 发货/模板.xlsx --force')
    .action(async (file: string, flags: { force?: boolean; config?: string | false; lang: 'zh' | 'en' }) => {
      const { runTemplate } = await import('./commands/template.js');
      process.exitCode = await runTemplate(file, { force: flags.force === true, config: flags.config, lang: flags.lang, cwd: process.cwd() }, out);
    });

  program
    .command('schema')
    .description('打印 JSON Schema：report 为 --format json 的文档，config 为 ship.config.json / print a JSON Schema')
    .argument('[name]', 'report | config', 'report')
    .addHelpText('after', '\nExamples:\n  ship schema > ship-report.schema.json\n  ship schema config > ship-config.schema.json')
    .action(async (name: string) => {
      const { SCHEMAS, isSchemaName } = await import('./report-json-schema.js');
      if (!isSchemaName(name)) throw new UsageError({ zh: `没有名为「${name}」的 schema：report 或 config`, en: `No schema named "${name}": report or config` });
      out.stdout(`${JSON.stringify(SCHEMAS[name](), null, 2)}\n`);
    });

  program
    .command('carriers')
    .description('列出认识的快递公司、别名和单号格式 / list carriers, aliases and number formats')
    .option('--json', 'print the rules as JSON')
    .option('--lang <lang>', '语言 zh | en（默认 zh；LANG 为英文时 en）', language, langFromEnv(process.env))
    .option('--rules <file>', '补充或修改快递规则的 JSON 文件 / extra carrier rules')
    .action(async (flags: { json?: boolean; lang: 'zh' | 'en'; rules?: string }) => {
      const { runCarriers } = await import('./commands/carriers.js');
      process.exitCode = await runCarriers({ json: flags.json === true, lang: flags.lang, cwd: process.cwd(), ...(flags.rules === undefined ? {} : { rules: flags.rules }) }, out);
    });

  program
    .command('detect')
    .description('单号符合哪些快递公司的格式 / which carriers a tracking number fits')
    .argument('<number...>', '快递单号 / tracking numbers')
    .option('--json', 'print JSON')
    .option('--lang <lang>', '语言 zh | en（默认 zh；LANG 为英文时 en）', language, langFromEnv(process.env))
    .option('--rules <file>', '补充或修改快递规则的 JSON 文件 / extra carrier rules')
    .addHelpText('after', '\nExit codes: 0 每个单号都有匹配 / every number fits a carrier · 1 有单号无匹配 / some fit none · 2 failure\n\nExample:\n  ship detect SF1385628716739 73610555582883')
    .action(async (numbers: string[], flags: { json?: boolean; lang: 'zh' | 'en'; rules?: string }) => {
      const { runDetect } = await import('./commands/detect.js');
      process.exitCode = await runDetect(numbers, { json: flags.json === true, lang: flags.lang, cwd: process.cwd(), ...(flags.rules === undefined ? {} : { rules: flags.rules }) }, out);
    });
  return program;
}


function printFailedRun(message: string): void {
  const run: RunReport = { schemaVersion: 1, ok: false, files: [], error: message };
  out.stdout(`${JSON.stringify(run, null, 2)}\n`);
}

export async function main(argv: readonly string[]): Promise<void> {
  const lang = langFromArgv(argv) ?? langFromEnv(process.env);
  const debug = argv.includes('--debug');
  const json = jsonReportFromArgv(argv);
  watchStdStreams(lang);
  try {
    await buildProgram().parseAsync([...argv], { from: 'user' });
  } catch (error) {
    if (error instanceof CommanderError) {
      // Commander has already printed its message; help and version are not failures.
      const benign = ['commander.helpDisplayed', 'commander.version', 'commander.help'].includes(error.code);
      process.exitCode = benign ? EXIT.OK : EXIT.FAILURE;
      if (!benign && json) printFailedRun(error.message.replace(/^error: /, ''));
      return;
    }
    process.exitCode = EXIT.FAILURE;
    if (isKnownError(error)) {
      const where = 'path' in error && error.path !== undefined ? `${error.path}: ` : '';
      // A file name or a damaged file's content can hold escape sequences; JSON keeps them as they are.
      out.stderr(`ship: ${terminalSafe(`${where}${error.text[lang]}`)}\n`);
      if (json) printFailedRun(`${where}${error.text[lang]}`);
      if (debug) out.stderr(`${error.stack ?? ''}\n`);
      return;
    }
    const detail = terminalSafe(error instanceof Error ? error.message : String(error));
    out.stderr(
      lang === 'zh'
        ? `ship: 内部错误：${detail}。加 --debug 可查看详情；请把详情和文件情况反馈给开发者。\n`
        : `ship: internal error: ${detail}. Run with --debug for details and report them.\n`,
    );
    if (debug && error instanceof Error) out.stderr(`${error.stack ?? ''}\n`);
  }
}
