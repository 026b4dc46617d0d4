// The ship command line: commander wiring and the one place where failures
// become exit codes and one-line messages.

import { Command, CommanderError } from 'commander';
import { createRequire } from 'node:module';
import type { Lang } from '../core/messages.js';
import { isKnownError, UsageError } from '../io/errors.js';
import { wantsColor } from './color.js';
import type { ValidateOptions } from './commands/validate.js';
import { EXIT } from './exit-codes.js';
import { helpLayout } from './help-layout.js';
import { helpText } from './help-text.js';
import { machineFormatFromArgv, langFromArgv, langFromEnv, valueParsers } from './options.js';
import { isInteractive } from './progress.js';
import { terminalSafe } from './render/terminal-text.js';
import { printFailedRun } from './failed-run.js';
import { out, watchStdStreams } from './std-streams.js';
import { usageErrorText, usageHint } from './usage-errors.js';

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

function buildProgram(lang: Lang): Command {
  const help = helpText(lang);
  const value = valueParsers(lang);
  // Set before the commands are added: each command copies them when it is created.
  const program = new Command('ship')
    .description(help.program.description)
    .version(version, '-v, --version', help.program.version)
    .helpOption('-h, --help', help.program.help)
    .helpCommand('help [command]', help.program.helpCommand)
    .configureHelp(helpLayout(lang))
    // Usage errors are printed by main(), in the user's language (see usage-errors.ts).
    .configureOutput({ outputError: () => {} })
    .option('--debug', help.program.debug)
    .exitOverride()
    .addHelpText('after', help.program.after);

  program
    .command('validate')
    .description(help.validate.description)
    .argument('<file...>', help.validate.file)
    .option('-o, --out-dir <dir>', help.validate.outDir)
    .option('-f, --format <format>', help.validate.format, value.outputFormat, 'text')
    .option('--report-format <format>', help.validate.reportFormat, value.reportFormat, 'xlsx')
    .option('--no-report-copy', help.validate.noReportCopy)
    .option('--json', help.validate.json)
    .option('-q, --quiet', help.validate.quiet)
    .option('--max-errors <n>', help.validate.maxErrors, value.nonNegativeInteger)
    .option('--max-rows <n>', help.validate.maxRows, value.positiveInteger)
    .option('--config <file>', help.validate.config)
    .option('--no-config', help.validate.noConfig)
    .option('--strict', help.validate.strict)
    .option('--lang <lang>', help.validate.lang, value.language)
    .option('--now <time>', help.validate.now, value.isoTime)
    .option('--deadline-hours <n>', help.validate.deadlineHours, value.hours)
    .option('--due-soon <n>', help.validate.dueSoon, value.hours)
    .option('--skip-after-sales', help.validate.skipAfterSales)
    .option('--sheet <name>', help.validate.sheet)
    .option('--header-row <n>', help.validate.headerRow, value.positiveInteger)
    .option('--rules <file>', help.validate.rules)
    .option('--max-rows-read <n>', help.validate.maxRowsRead, value.positiveInteger)
    .option('--max-file-mb <n>', help.validate.maxFileMb, value.positiveInteger)
    .option('--max-part-mb <n>', help.validate.maxPartMb, value.positiveInteger)
    .option('--max-compression-ratio <n>', help.validate.maxCompressionRatio, value.positiveInteger)
    .option('--color', help.validate.color)
    .option('--no-color', help.validate.noColor)
    .option('--no-progress', help.validate.noProgress)
    .addHelpText('after', help.validate.after)
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
    .description(help.template.description)
    .argument('[file]', help.template.file, '批量发货模板.xlsx')
    .option('--force', help.template.force)
    .option('--config <file>', help.template.config)
    .option('--no-config', help.template.noConfig)
    .option('--lang <lang>', help.template.lang, value.language, langFromEnv(process.env))
    .addHelpText('after', help.template.after)
    .action(async (file: string, flags: { force?: boolean; config?: string | false; lang: 'zh' | 'en' }) => {
      const { runTemplate } = await import('./commands/template.js');
      process.exitCode = await runTemplate(file, { force: flags.force === true, config: flags.config, lang: flags.lang, cwd: process.cwd() }, out);
    });

  program
    .command('schema')
    .description(help.schema.description)
    .argument('[name]', help.schema.name, 'report')
    .addHelpText('after', help.schema.after)
    .action(async (name: string) => {
      const { SCHEMAS, isSchemaName } = await import('./report-json-schema.js');
      if (!isSchemaName(name)) throw new UsageError({ zh: `没有名为「${name}」的 schema：report 或 config`, en: `No schema named "${name}": report or config` });
      out.stdout(`${JSON.stringify(SCHEMAS[name](), null, 2)}\n`);
    });

  program
    .command('carriers')
    .description(help.carriers.description)
    .option('--json', help.carriers.json)
    .option('--lang <lang>', help.carriers.lang, value.language, langFromEnv(process.env))
    .option('--rules <file>', help.carriers.rules)
    .option('--config <file>', help.carriers.config)
    .option('--no-config', help.carriers.noConfig)
    .action(async (flags: { json?: boolean; lang: 'zh' | 'en'; rules?: string; config?: string | false }) => {
      const { runCarriers } = await import('./commands/carriers.js');
      process.exitCode = await runCarriers({ json: flags.json === true, lang: flags.lang, cwd: process.cwd(), config: flags.config, ...(flags.rules === undefined ? {} : { rules: flags.rules }) }, out);
    });

  program
    .command('detect')
    .description(help.detect.description)
    .argument('<number...>', help.detect.number)
    .option('--json', help.detect.json)
    .option('--lang <lang>', help.detect.lang, value.language, langFromEnv(process.env))
    .option('--rules <file>', help.detect.rules)
    .option('--config <file>', help.detect.config)
    .option('--no-config', help.detect.noConfig)
    .addHelpText('after', help.detect.after)
    .action(async (numbers: string[], flags: { json?: boolean; lang: 'zh' | 'en'; rules?: string; config?: string | false }) => {
      const { runDetect } = await import('./commands/detect.js');
      process.exitCode = await runDetect(numbers, { json: flags.json === true, lang: flags.lang, cwd: process.cwd(), config: flags.config, ...(flags.rules === undefined ? {} : { rules: flags.rules }) }, out);
    });
  return program;
}


export async function main(argv: readonly string[]): Promise<void> {
  const lang = langFromArgv(argv) ?? langFromEnv(process.env);
  const debug = argv.includes('--debug');
  const machine = machineFormatFromArgv(argv);
  watchStdStreams(lang);
  const program = buildProgram(lang);
  try {
    await program.parseAsync([...argv], { from: 'user' });
  } catch (error) {
    if (error instanceof CommanderError) {
      // Help and version are not failures.
      const benign = ['commander.helpDisplayed', 'commander.version', 'commander.help'].includes(error.code);
      process.exitCode = benign ? EXIT.OK : EXIT.FAILURE;
      if (benign) return;
      // What the user typed is part of the message (`--\x1b]0;…`): made visible on the
      // terminal; the JSON document keeps it as typed.
      const text = usageErrorText(error, lang);
      const typed = argv.find((arg) => !arg.startsWith('-'));
      const command = program.commands.some((known) => known.name() === typed) ? typed : undefined;
      out.stderr(`ship: ${terminalSafe(text)}\n${usageHint(command, lang)}\n`);
      if (machine !== undefined) await printFailedRun(machine, text, lang);
      return;
    }
    process.exitCode = EXIT.FAILURE;
    if (isKnownError(error)) {
      const where = 'path' in error && error.path !== undefined ? `${error.path}: ` : '';
      // A file name or a damaged file's content can hold escape sequences; JSON keeps them as they are.
      out.stderr(`ship: ${terminalSafe(`${where}${error.text[lang]}`)}\n`);
      if (machine !== undefined) await printFailedRun(machine, `${where}${error.text[lang]}`, lang);
      if (debug) out.stderr(`${error.stack ?? ''}\n`);
      return;
    }
    const detail = error instanceof Error ? error.message : String(error);
    const internal = lang === 'zh' ? `内部错误：${detail}` : `internal error: ${detail}`;
    out.stderr(
      lang === 'zh'
        ? `ship: ${terminalSafe(internal)}。加 --debug 可查看详情；请把详情和文件情况反馈给开发者。\n`
        : `ship: ${terminalSafe(internal)}. Run with --debug for details and report them.\n`,
    );
    if (machine !== undefined) await printFailedRun(machine, internal, lang);
    if (debug && error instanceof Error) out.stderr(`${error.stack ?? ''}\n`);
  }
}
