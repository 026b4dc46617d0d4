// What `ship --help` and `ship <command> --help` say, in Chinese (default) and English:
// every description, commander's own lines (section titles, --help, --version) and the
// examples. Each entry holds both languages side by side, so neither can be forgotten.
// How commander lays the help out is in help-layout.ts.

import type { Lang } from '../core/messages.js';
import type { Bilingual } from '../io/errors.js';

// Each description says its default in words: commander's "(default: …)" is left out (help-layout.ts).
const CONFIG: Bilingual = { zh: '配置文件（默认：当前文件夹的 ship.config.json）', en: 'config file (default: ship.config.json in the current folder)' };
const NO_CONFIG: Bilingual = { zh: '不读取 ship.config.json', en: 'do not read ship.config.json' };
const RULES_CONFIG: Bilingual = { zh: '配置文件，只用其中的 rules（默认：当前文件夹的 ship.config.json）', en: 'config file; only its rules are used (default: ship.config.json in the current folder)' };
const LANGUAGE: Bilingual = { zh: '语言 zh | en（默认 zh；LANG 为英文时 en）', en: 'language zh | en (default: zh; en when LANG is English)' };
const RULES: Bilingual = { zh: '补充或修改快递规则的 JSON 文件', en: 'JSON file with extra or changed carrier rules' };

const EXIT_CODES: Bilingual = { zh: '退出码：0 全部可导入 · 1 有订单未通过 · 2 运行失败', en: 'Exit codes: 0 all importable · 1 rows rejected · 2 run failed' };

const HELP = {
  program: {
    description: { zh: '小红书批量发货前的预检：核对快递公司与快递单号，生成导入表和问题报告', en: 'Pre-flight check for 小红书 batch shipping: checks carriers and tracking numbers, writes an import-ready sheet and a problem report' },
    version: { zh: '显示版本号', en: 'print the version number' },
    help: { zh: '显示帮助', en: 'display help' },
    helpCommand: { zh: '显示命令的帮助', en: 'display help for command' },
    debug: { zh: '出现意外错误时打印堆栈', en: 'print stack traces of unexpected errors' },
    after: {
      zh: `
示例：
  # 校验一个订单表，输出写在它旁边
  ship validate 小红书订单查询.xlsx
  # 校验一批文件，输出写到 checked/，结果以 JSON 给脚本读
  ship validate 'exports/*.xlsx' --out-dir checked --format json > result.json
  # 在 GitHub Actions 里：注释 + 任务摘要
  ship validate 'fixtures/**/*.xlsx' --format github
  # 写出空的批量发货模板（批量发货模板.xlsx）
  ship template
  # 单号符合哪些快递公司
  ship detect SF1385628716739
  # 列出快递公司和别名
  ship carriers

${EXIT_CODES.zh}
配置：./ship.config.json（或 --config <file>）；见 README「在脚本和 CI 中使用」
English: ship --help --lang en (or an English LANG)`,
      en: `
Examples:
  # check one export; the outputs go next to it
  ship validate 小红书订单查询.xlsx
  # check a batch, outputs in checked/, the result as JSON for a script
  ship validate 'exports/*.xlsx' --out-dir checked --format json > result.json
  # in GitHub Actions: annotations + job summary
  ship validate 'fixtures/**/*.xlsx' --format github
  # write the empty import template (批量发货模板.xlsx)
  ship template
  # which carriers a tracking number fits
  ship detect SF1385628716739
  # list carriers and their aliases
  ship carriers

${EXIT_CODES.en}
Config: ./ship.config.json (or --config <file>); see README "Scripts and CI"
中文：ship --help --lang zh`,
    },
  },
  validate: {
    description: { zh: '校验千帆导出的订单表（.xlsx 或 .csv），写出 <名称>.import.xlsx 和 <名称>.report.xlsx', en: 'check order exports from 千帆 (.xlsx or .csv); writes <name>.import.xlsx and <name>.report.xlsx' },
    file: { zh: '订单表文件或通配符（.xlsx、.csv；*、?、**）', en: 'order export files or globs (.xlsx, .csv; *, ?, **)' },
    outDir: { zh: '输出文件夹（默认与输入文件相同）', en: 'output folder (default: the input file’s folder)' },
    format: { zh: '屏幕输出格式：text（默认）| json | github | junit', en: 'stdout format: text (default) | json | github | junit' },
    reportFormat: { zh: '问题报告格式：xlsx（汇总、问题、标注后的原表副本，默认）| csv（只有问题表，UTF-8 BOM）', en: 'report format: xlsx (summary, problems, a marked copy of the input; the default) | csv (problems only, UTF-8 BOM)' },
    noReportCopy: { zh: '问题报告里不附原表副本（大文件更快）', en: 'no marked copy of the input in the report (faster for big files)' },
    json: { zh: '等同于 --format json', en: 'same as --format json' },
    quiet: { zh: '只输出错误（text、github 格式）', en: 'print errors only (text, github)' },
    maxErrors: { zh: '每个文件最多列出 N 条问题，但全部计数', en: 'list at most N findings per file (all are counted)' },
    maxRows: { zh: '每个导入表最多 N 单，超出时拆分为 <名称>.import.part1.xlsx …', en: 'at most N orders per import sheet; more are split into <name>.import.part1.xlsx …' },
    config: CONFIG,
    noConfig: NO_CONFIG,
    strict: { zh: '有警告也以退出码 1 结束', en: 'warnings also fail the run (exit 1)' },
    lang: { zh: '提示语言 zh | en（默认 zh；LANG 为英文时 en）', en: 'message language zh | en (default: zh; en when LANG is English)' },
    now: { zh: '判断发货时效用的当前时间（如 2026-11-26T18:00，默认为系统时间；不带时区按北京时间）', en: 'the time to judge deadlines against (e.g. 2026-11-26T18:00; default: the system clock; China time unless an offset is given)' },
    deadlineHours: { zh: '没有承诺发货时间时，按支付时间 + N 小时估算（默认 48）', en: 'without a promised ship-by time, take payment time + N hours (default: 48)' },
    dueSoon: { zh: '距发货时限不到 N 小时的订单给出提示（默认 12）', en: 'note orders due within N hours (default: 12)' },
    skipAfterSales: { zh: '有售后申请的订单不放进导入表', en: 'leave orders with open after-sales requests out of the import sheet' },
    sheet: { zh: '读取指定工作表（默认：包裹详情，或第一个含必需列的表）', en: 'worksheet to read (default: 包裹详情, or the first with the required columns)' },
    headerRow: { zh: '表头所在行（默认自动查找）', en: 'row of the header (default: found automatically)' },
    rules: RULES,
    maxRowsRead: { zh: '最多读取的行数，含表头和表头上方的行（防止异常文件）', en: 'read at most N rows, the header and rows above it included (against broken files)' },
    maxFileMb: { zh: '最大输入文件大小（MB）', en: 'largest input file (MB)' },
    maxPartMb: { zh: 'xlsx 内单个部件解压后的最大大小（MB），防压缩炸弹', en: 'largest unzipped part of an xlsx (MB), against zip bombs' },
    maxCompressionRatio: { zh: 'xlsx 部件的最大压缩比，防压缩炸弹', en: 'highest compression ratio of an xlsx part, against zip bombs' },
    color: { zh: '强制使用颜色', en: 'force colour' },
    noColor: { zh: '不使用颜色', en: 'no colour' },
    noProgress: { zh: '不显示进度（进度只在终端里显示）', en: 'no progress line (shown only on a terminal)' },
    after: {
      zh: `
${EXIT_CODES.zh}
        多个文件时：有文件读不了或通配符没有匹配到文件为 2，
        否则有订单未通过为 1，否则 0

示例：
  ship validate 小红书订单查询.xlsx
  ship validate a.xlsx b.csv 'exports/*.xlsx' --out-dir out --json > result.json
  ship validate 'erp/**/*.xlsx' --format github --max-errors 50
  ship validate 'erp/*.xlsx' --format junit > ship-junit.xml
  # 每 500 单一个导入表：orders.import.part1.xlsx、part2……
  ship validate orders.xlsx --max-rows 500
  ship validate orders.xlsx --quiet --strict --lang en`,
      en: `
${EXIT_CODES.en}
            several files: 2 if a file could not be read or a pattern matched
            nothing, else 1 if any row was rejected, else 0

Examples:
  ship validate 小红书订单查询.xlsx
  ship validate a.xlsx b.csv 'exports/*.xlsx' --out-dir out --json > result.json
  ship validate 'erp/**/*.xlsx' --format github --max-errors 50
  ship validate 'erp/*.xlsx' --format junit > ship-junit.xml
  # 500 orders per import sheet: orders.import.part1.xlsx, part2…
  ship validate orders.xlsx --max-rows 500
  ship validate orders.xlsx --quiet --strict --lang zh`,
    },
  },
  template: {
    description: { zh: '写出空的批量发货模板：三列表头（来自配置或默认），列格式为文本', en: 'write an empty import template: three headers (from the config or the default), text-formatted columns' },
    file: { zh: '输出文件（默认 批量发货模板.xlsx）', en: 'output file (default: 批量发货模板.xlsx)' },
    force: { zh: '覆盖已有文件', en: 'overwrite an existing file' },
    config: CONFIG,
    noConfig: NO_CONFIG,
    lang: LANGUAGE,
    after: { zh: '\n示例：\n  ship template\n  ship template 发货/模板.xlsx --force', en: '\nExamples:\n  ship template\n  ship template 发货/模板.xlsx --force' },
  },
  schema: {
    description: { zh: '打印 JSON Schema：report 为 --format json 的文档，config 为 ship.config.json', en: 'print a JSON Schema: report for the --format json document, config for ship.config.json' },
    name: { zh: 'report | config（默认 report）', en: 'report | config (default: report)' },
    after: {
      zh: '\n示例：\n  ship schema > ship-report.schema.json\n  ship schema config > ship-config.schema.json',
      en: '\nExamples:\n  ship schema > ship-report.schema.json\n  ship schema config > ship-config.schema.json',
    },
  },
  carriers: {
    description: { zh: '列出认识的快递公司、别名和单号格式', en: 'list the carriers ship knows, their aliases and number formats' },
    json: { zh: '以 JSON 打印规则', en: 'print the rules as JSON' },
    lang: LANGUAGE,
    rules: RULES,
    config: RULES_CONFIG,
    noConfig: NO_CONFIG,
  },
  detect: {
    description: { zh: '单号符合哪些快递公司的格式', en: 'which carriers a tracking number fits' },
    number: { zh: '快递单号', en: 'tracking numbers' },
    json: { zh: '以 JSON 打印', en: 'print JSON' },
    lang: LANGUAGE,
    rules: RULES,
    config: RULES_CONFIG,
    noConfig: NO_CONFIG,
    after: {
      zh: '\n退出码：0 每个单号都有匹配 · 1 有单号无匹配 · 2 运行失败\n\n示例：\n  ship detect SF1385628716739 73610555582883',
      en: '\nExit codes: 0 every number fits a carrier · 1 some fit none · 2 run failed\n\nExample:\n  ship detect SF1385628716739 73610555582883',
    },
  },
} satisfies Record<string, Record<string, Bilingual>>;

export type HelpText = { [C in keyof typeof HELP]: { [K in keyof (typeof HELP)[C]]: string } };

/** Every help text in `lang`. */
export function helpText(lang: Lang): HelpText {
  const inLang = (texts: Record<string, Bilingual>) => Object.fromEntries(Object.entries(texts).map(([key, text]) => [key, text[lang]]));
  return Object.fromEntries(Object.entries(HELP).map(([command, texts]) => [command, inLang(texts)])) as HelpText;
}
