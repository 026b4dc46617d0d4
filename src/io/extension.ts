// What a file's name promises, checked against what its bytes turned out to be.
// The bytes decide which reader runs; the name only decides what to tell the merchant
// when the two disagree, e.g. a CSV renamed to .xlsx, which Excel itself refuses to open.

import { extname } from 'node:path';
import type { Bilingual } from './errors.js';

/** Names of Office Open XML workbooks: their bytes must be a zip. */
const WORKBOOK_EXTENSIONS = new Set(['.xlsx', '.xlsm', '.xltx', '.xltm']);

/**
 * Names under which a text table reaches ship: CSV and TSV, Excel's "Unicode text" (.txt),
 * ERP "Excel" exports that are tab-separated text named .xls, and files without an extension.
 */
const TEXT_TABLE_EXTENSIONS = new Set(['', '.csv', '.tsv', '.txt', '.tab', '.xls']);

export function extensionOf(path: string): string {
  return extname(path).toLowerCase();
}

export function namedAsWorkbook(path: string): boolean {
  return WORKBOOK_EXTENSIONS.has(extensionOf(path));
}

/** Binary content that is no zip, in a file named like a workbook: damaged, or another file renamed. */
export function notAZipMessage(path: string): Bilingual {
  const ext = extensionOf(path);
  return {
    zh: `文件名是 ${ext}，但内容不是 ${ext} 文件（文件已损坏或不完整，或是别的文件改了扩展名）。请重新从千帆导出，或在 Excel/WPS 中打开后另存为 .xlsx，然后重试`,
    en: `The file is named ${ext} but its content is not an ${ext} file (damaged or incomplete, or another file renamed). Export it again from 千帆, or open it in Excel/WPS, save it as .xlsx and try again`,
  };
}

/**
 * Text content is read as CSV only under a name that a text table has; otherwise the
 * message that says what to do, or undefined when the name is fine.
 */
export function textUnderWrongName(path: string): Bilingual | undefined {
  const ext = extensionOf(path);
  if (TEXT_TABLE_EXTENSIONS.has(ext)) return undefined;
  if (WORKBOOK_EXTENSIONS.has(ext)) {
    return {
      zh: `文件名是 ${ext}，但内容是纯文本（像是 CSV），不是真正的 ${ext} 文件。如果它本来就是 CSV，请把扩展名改为 .csv 后重试；否则请在 Excel/WPS 中打开后另存为 .xlsx，然后重试`,
      en: `The file is named ${ext} but holds plain text (it looks like a CSV), not a real ${ext} file. If it is a CSV, rename it to .csv and try again; otherwise open it in Excel/WPS, save it as .xlsx and try again`,
    };
  }
  return {
    zh: `不认识的文件类型（${ext}）：ship 读取 .xlsx 和 .csv 文件。请在 Excel/WPS 中另存为 .xlsx 或 .csv 后重试`,
    en: `Unknown file type (${ext}): ship reads .xlsx and .csv files. Save the file as .xlsx or .csv in Excel/WPS and try again`,
  };
}
