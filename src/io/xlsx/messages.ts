// Every failure of the xlsx reader, in both languages: what is wrong with the file and
// what the user can do about it. The file path is carried by InputError, not repeated here.

import { quoted, type Bilingual } from '../errors.js';

/**
 * The flags that raise each ReadLimits cap. The CLI owns the option names (src/cli/main.ts);
 * they are named here only so that messages can point at them.
 */
export const LIMIT_FLAGS = {
  maxFileBytes: '--max-file-mb',
  maxPartBytes: '--max-part-mb',
  maxCompressionRatio: '--max-compression-ratio',
  maxRows: '--max-rows-read',
} as const;

const RESAVE: Bilingual = {
  zh: '请重新从千帆导出，或在 Excel/WPS 中打开后另存为 .xlsx，然后重试。',
  en: 'Export it again from 千帆, or open it in Excel/WPS, save it as .xlsx and try again.',
};

function mb(bytes: number): string {
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

function withResave(zh: string, en: string): Bilingual {
  return { zh: zh + RESAVE.zh, en: `${en} ${RESAVE.en}` };
}

/** How a message names a part: a sheet by its name, anything else by its path in the package. */
export function partLabel(part: string, sheetName?: string): Bilingual {
  return sheetName === undefined
    ? { zh: `文件内的 ${quoted(part)} `, en: `Its part ${quoted(part)}` }
    : { zh: `工作表「${quoted(sheetName)}」`, en: `Sheet "${quoted(sheetName)}"` };
}

export const messages = {
  cannotRead: (detail: string): Bilingual => ({
    zh: `无法读取文件（${detail}）。请确认有读取权限、文件没有被其他程序锁定，然后重试。`,
    en: `Cannot read the file (${detail}). Check that you may read it and that no other program locks it, then try again.`,
  }),
  empty: (): Bilingual => withResave('文件是空的（0 字节）。', 'The file is empty (0 bytes).'),
  fileTooLarge: (size: number, cap: number): Bilingual => ({
    zh: `文件有 ${mb(size)}，超过读取上限 ${mb(cap)}。如确认文件可信，可用 ${LIMIT_FLAGS.maxFileBytes} <MB> 提高上限。`,
    en: `The file is ${mb(size)}, more than the ${mb(cap)} limit. If you trust it, raise the limit with ${LIMIT_FLAGS.maxFileBytes} <MB>.`,
  }),
  legacyOrEncrypted: (): Bilingual => ({
    zh: '这是旧版 .xls 文件，或是设置了打开密码的工作簿，无法读取。请在 Excel/WPS 中打开（如有密码请先取消），另存为 .xlsx 后重试。',
    en: 'This is an old .xls file or a password-protected workbook, which cannot be read. Open it in Excel/WPS (remove the password, if any), save it as .xlsx and try again.',
  }),
  corrupt: (): Bilingual =>
    withResave('文件已损坏或不完整（不是有效的 .xlsx 压缩包）。', 'The file is damaged or incomplete (not a valid .xlsx package).'),
  encryptedPart: (): Bilingual => ({
    zh: '文件内容经过压缩包加密，无法读取。请在 Excel/WPS 中打开，另存为未加密的 .xlsx 后重试。',
    en: 'The package is encrypted and cannot be read. Open it in Excel/WPS, save it as an unencrypted .xlsx and try again.',
  }),
  unsupportedCompression: (method: number): Bilingual =>
    withResave(`文件使用了 Excel 不使用的压缩方式（${method}）。`, `The package uses a compression method Excel does not use (${method}).`),
  tooManyParts: (count: number, cap: number): Bilingual =>
    withResave(`压缩包里有 ${count} 个文件，超过了 ${cap} 个的上限，不像是正常的 .xlsx。`, `The package holds ${count} files, more than the ${cap} an .xlsx plausibly has.`),
  partTooLarge: (label: Bilingual, size: number, cap: number): Bilingual => ({
    zh: `${label.zh}解压后有 ${mb(size)}，超过上限 ${mb(cap)}（可能是恶意构造的「压缩炸弹」）。如确认文件可信，可用 ${LIMIT_FLAGS.maxPartBytes} <MB> 提高上限。`,
    en: `${label.en} inflates to ${mb(size)}, more than the ${mb(cap)} limit (possibly a zip bomb). If you trust the file, raise the limit with ${LIMIT_FLAGS.maxPartBytes} <MB>.`,
  }),
  ratioTooHigh: (label: Bilingual, ratio: number, cap: number): Bilingual => ({
    zh: `${label.zh}的压缩比达到 ${Math.round(ratio)}:1，超过上限 ${cap}:1（可能是恶意构造的「压缩炸弹」）。如确认文件可信，可用 ${LIMIT_FLAGS.maxCompressionRatio} <比值> 提高上限。`,
    en: `${label.en} has a compression ratio of ${Math.round(ratio)}:1, more than the ${cap}:1 limit (possibly a zip bomb). If you trust the file, raise the limit with ${LIMIT_FLAGS.maxCompressionRatio} <ratio>.`,
  }),
  sizeMismatch: (label: Bilingual): Bilingual =>
    withResave(`${label.zh}的实际大小与压缩包记录的不符，文件已损坏或被篡改。`, `${label.en} is larger than the package says: the file is damaged or was tampered with.`),
  notAWorkbook: (): Bilingual => ({
    zh: '这个压缩包里没有 Excel 工作簿，不是 .xlsx 文件。请确认选对了文件，或在 Excel/WPS 中另存为 .xlsx 后重试。',
    en: 'This package holds no Excel workbook; it is not an .xlsx file. Check that you chose the right file, or save it as .xlsx in Excel/WPS and try again.',
  }),
  binaryWorkbook: (): Bilingual => ({
    zh: '这是 .xlsb（二进制工作簿），无法读取。请在 Excel/WPS 中另存为 .xlsx 后重试。',
    en: 'This is an .xlsb (binary) workbook, which cannot be read. Save it as .xlsx in Excel/WPS and try again.',
  }),
  noSheets: (): Bilingual => withResave('工作簿里没有任何工作表。', 'The workbook has no sheets.'),
  partMissing: (label: Bilingual): Bilingual =>
    withResave(`文件不完整：找不到${label.zh}的内容。`, `The file is incomplete: ${label.en} is missing.`),
  malformed: (label: Bilingual, detail: Bilingual): Bilingual =>
    withResave(`${label.zh}的内容无效（${detail.zh}）。`, `${label.en} is not valid (${detail.en}).`),
  tooManyRows: (sheetName: string, cap: number): Bilingual => ({
    zh: `工作表「${quoted(sheetName)}」超过 ${cap} 行（含表头）的读取上限，这个文件没有校验。请确认选对了文件；确实需要时用 ${LIMIT_FLAGS.maxRows} <行数> 提高上限。`,
    en: `Sheet "${quoted(sheetName)}" has more than ${cap} rows (header included), the read limit: the file was not checked. Check that this is the right file; if it is, raise the limit with ${LIMIT_FLAGS.maxRows} <n>.`,
  }),
};
