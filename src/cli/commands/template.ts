// `ship template [file]`: an empty 批量发货 import sheet, the three header cells
// written as text and every column formatted as text, so numbers pasted into it
// stay text. The headers come from the config's import template when there is one.
// An existing file is only replaced with --force.

import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { extensionOf } from '../../io/extension.js';
import { importTableOf } from '../../core/import-table.js';
import type { Lang } from '../../core/messages.js';
import { writeFileAtomic } from '../../io/atomic-write.js';
import { OutputError, UsageError } from '../../io/errors.js';
import { writeImportSheet } from '../../io/output/import-sheet.js';
import { configSource, loadSettings } from '../config.js';
import { EXIT, type ExitCode } from '../exit-codes.js';
import type { Output } from './validate.js';

export interface TemplateOptions {
  force: boolean;
  /** --config <file>; `false` for --no-config. */
  config: string | false | undefined;
  lang: Lang;
  cwd: string;
}

export async function runTemplate(file: string, options: TemplateOptions, out: Output): Promise<ExitCode> {
  const settings = await loadSettings(configSource(options));
  const target = resolve(options.cwd, file);
  // The template is a workbook: under another name Excel would refuse it, or ship would read it as CSV.
  if (extensionOf(target) !== '.xlsx') {
    throw new UsageError({ zh: '模板是 .xlsx 工作簿；请给一个以 .xlsx 结尾的文件名', en: 'The template is an .xlsx workbook; give a file name ending in .xlsx' });
  }
  const existing = await stat(target).catch(() => undefined);
  if (existing !== undefined && !options.force) {
    throw new OutputError({ zh: '文件已存在；要覆盖请加 --force，或换一个文件名', en: 'The file exists; add --force to replace it, or choose another name' }, file);
  }
  // The user named the file: failures advise another path, not --out-dir (an option of validate).
  await writeFileAtomic(target, (tmp) => writeImportSheet(tmp, importTableOf([]), settings.template), { inputs: [], advice: 'path' });
  const header = settings.template.header.join(' | ');
  out.stdout(options.lang === 'zh' ? `已写出 ${file}（表头：${header}）\n` : `Wrote ${file} (header: ${header})\n`);
  return EXIT.OK;
}
