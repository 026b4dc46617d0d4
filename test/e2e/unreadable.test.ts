// Files ship cannot read: each one exits 2 with one line that says what the file is
// and what to do (Chinese by default, English with --lang en), no stack trace, and no
// output file. The fixtures come from fixtures/make-broken-fixtures.mjs.
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runReportSchema } from '../../src/cli/report-schema.js';
import { ship, workspace } from '../helpers/cli.js';
import { bookParts, zipParts } from '../io/xlsx/package.js';

interface Case {
  file: string;
  zh: string;
  en: string;
}

/** Each unreadable input with a phrase its Chinese and its English message must contain. */
const CASES: Case[] = [
  { file: 'old-excel-97-2003.xls', zh: '这是旧版 .xls 文件，请在 Excel/WPS 中另存为 .xlsx 后重试', en: 'old-style .xls file; open it in Excel/WPS, save it as .xlsx' },
  { file: 'html-table-saved-as.xls', zh: '这是网页（HTML）格式的表格，不是真正的 Excel 文件', en: 'HTML (web page) table, not a real Excel file' },
  { file: 'password-protected.xlsx', zh: '文件设置了打开密码（已加密）', en: 'password-protected (encrypted)' },
  { file: 'truncated-download.xlsx', zh: '文件已损坏或不完整', en: 'damaged or incomplete' },
  { file: 'sheet-xml-cut-off.xlsx', zh: '工作表「包裹详情」的内容无效', en: 'Sheet "包裹详情" is not valid' },
  { file: 'random-bytes.xlsx', zh: '文件名是 .xlsx，但内容不是 .xlsx 文件', en: 'named .xlsx but its content is not an .xlsx file' },
  { file: 'empty-file.xlsx', zh: '文件是空的（0 字节）', en: 'The file is empty (0 bytes)' },
  { file: 'no-recognizable-header.xlsx', zh: '找不到必需的列：订单号、快递公司、快递单号。找到的表头：商品、数量、金额', en: 'Required columns not found in sheet "Sheet1"' },
  { file: 'csv-text-renamed.xlsx', zh: '文件名是 .xlsx，但内容是纯文本（像是 CSV），不是真正的 .xlsx 文件', en: 'named .xlsx but holds plain text' },
  { file: 'word-document-renamed.xlsx', zh: '这个压缩包里没有 Excel 工作簿，不是 .xlsx 文件', en: 'holds no Excel workbook' },
  { file: 'scanned-page.pdf', zh: '不支持的文件类型（PDF 文档）', en: 'Unsupported file type (PDF document)' },
  { file: 'orders-notes.json', zh: '不认识的文件类型（.json）', en: 'Unknown file type (.json)' },
  { file: 'zip-bomb-small-on-disk.xlsx', zh: '可能是恶意构造的「压缩炸弹」', en: 'possibly a zip bomb' },
  { file: 'zip-bomb-lying-sizes.xlsx', zh: '实际大小与压缩包记录的不符', en: 'larger than the package says' },
  { file: 'no-such-orders.xlsx', zh: '找不到文件，请检查路径和文件名', en: 'File not found; check the path' },
  { file: 'a-folder.xlsx', zh: '这是一个文件夹，不是表格文件', en: 'This is a folder, not a spreadsheet' },
];

const FIXTURES = CASES.map((c) => c.file).filter((file) => !['no-such-orders.xlsx', 'a-folder.xlsx'].includes(file));

function setUp(): string {
  const dir = workspace(...FIXTURES.map((file) => `broken/${file}`));
  mkdirSync(join(dir, 'a-folder.xlsx'));
  return dir;
}

const STACK_TRACE = /\n\s+at .+:\d+:\d+/;

describe.each(['zh', 'en'] as const)('unreadable files (--lang %s), all in one run', (lang) => {
  const dir = setUp();
  const before = readdirSync(dir).sort();
  const run = ship(['validate', ...CASES.map((c) => c.file), '--format', 'json', '--lang', lang], { cwd: dir });
  const report = runReportSchema.parse(JSON.parse(run.stdout));

  it('exits 2 and writes no output file, not even a temporary one', () => {
    expect(run.status).toBe(2);
    expect(report.ok).toBe(false);
    expect(readdirSync(dir).sort()).toEqual(before);
  });

  it.each(CASES)('$file: one line saying what the file is and what to do', ({ file, zh, en }) => {
    const entry = report.files.find((f) => f.input === file);
    expect(entry?.error).toContain(lang === 'zh' ? zh : en);
    expect(entry?.outputs).toEqual({ import: null, importParts: [], report: null });
    const lines = run.stderr.split('\n').filter((line) => line.startsWith(`ship: ${file}: `));
    expect(lines).toEqual([`ship: ${file}: ${entry?.error ?? ''}`]);
  });

  it('prints no stack trace and no internal error', () => {
    expect(run.stderr).not.toMatch(STACK_TRACE);
    expect(run.stderr).not.toMatch(/内部错误|internal error/);
    expect(run.stderr.trim().split('\n')).toHaveLength(CASES.length);
  });
});

describe('one unreadable file on its own', () => {
  it.each([
    ['old-excel-97-2003.xls', '这是旧版 .xls 文件，请在 Excel/WPS 中另存为 .xlsx 后重试'],
    ['csv-text-renamed.xlsx', '不是真正的 .xlsx 文件'],
    ['zip-bomb-small-on-disk.xlsx', '--max-compression-ratio'],
  ])('%s exits 2 with the message in the text summary too', (file, phrase) => {
    const dir = workspace(`broken/${file}`);
    const run = ship(['validate', file], { cwd: dir });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain(`ship: ${file}: `);
    expect(run.stderr).toContain(phrase);
    expect(run.stderr).not.toMatch(STACK_TRACE);
    expect(readdirSync(dir)).toEqual([file]);
  });

  it('reads past the zip-bomb guard only when told to, and then fails on the content, not on memory', () => {
    const dir = workspace('broken/zip-bomb-small-on-disk.xlsx');
    const run = ship(['validate', 'zip-bomb-small-on-disk.xlsx', '--max-compression-ratio', '5000'], { cwd: dir });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('找不到必需的列');
  });
});

describe('an empty file name', () => {
  it('is said to be empty, instead of the current folder being called a folder (exit 2)', () => {
    const run = ship(['validate', '', '--lang', 'en']);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('The file name is empty');
  });
});

describe('control characters from a damaged file or in a file name', () => {
  // Printed as they are, these would clear the screen and retitle the terminal window.
  const ESCAPES = '\u001b[2J\u001b]0;PWNED\u0007';
  const DAMAGED = 'damaged\u001b[31m.xlsx';
  const MISSING = 'gone\u001b[2J.xlsx';
  const CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/;

  async function setUp(): Promise<string> {
    const dir = workspace();
    // A shared-string index that is no number: the reader quotes it in its message.
    const sheet = '<row r="1"><c r="A1" t="s"><v>&#x1b;[2J&#x1b;]0;PWNED&#x07;9</v></c></row>';
    writeFileSync(join(dir, DAMAGED), await zipParts(bookParts({ sheets: [{ name: '包裹详情', xml: sheet }], sharedStrings: ['订单号'] })));
    return dir;
  }

  it('reach the terminal as visible stand-ins, in the stderr lines and the summary', async () => {
    const dir = await setUp();
    const run = ship(['validate', DAMAGED, MISSING], { cwd: dir });
    expect(run.status).toBe(2);
    expect(run.stderr).not.toMatch(CONTROL);
    expect(run.stdout).not.toMatch(CONTROL);
    const lines = run.stderr.trim().split('\n');
    expect(lines[0]).toMatch(/^ship: damaged␛\[31m\.xlsx: 工作表「包裹详情」的内容无效（有单元格引用了第 ␛\[2J␛\]0;PWNED␇9 号共享字符串/);
    expect(lines[1]).toBe('ship: gone␛[2J.xlsx: 找不到文件，请检查路径和文件名');
  });

  it('stay as they are in JSON, which escapes them itself', async () => {
    const dir = await setUp();
    const run = ship(['validate', DAMAGED, '--format', 'json', '--lang', 'en'], { cwd: dir });
    expect(run.stderr).not.toMatch(CONTROL);
    const [file] = runReportSchema.parse(JSON.parse(run.stdout)).files;
    expect(file?.input).toBe(DAMAGED);
    expect(file?.error).toContain(`a cell refers to shared string ${ESCAPES}9, but the file has 1`);
  });

  it('in a path that fails the whole run are made visible on stderr, and kept in JSON', () => {
    const dir = workspace();
    writeFileSync(join(dir, 'orders.csv'), '订单号,快递公司,快递单号\r\n');
    const rules = `no\u001b[2Jrules.json`;
    const run = ship(['validate', 'orders.csv', '--rules', rules], { cwd: dir });
    expect(run.status).toBe(2);
    expect(run.stderr).not.toMatch(CONTROL);
    expect(run.stderr).toContain('ship: no␛[2Jrules.json: ');
    const json = ship(['validate', 'orders.csv', '--rules', rules, '--format', 'json'], { cwd: dir });
    expect(runReportSchema.parse(JSON.parse(json.stdout)).error).toContain(rules);
  });
});

describe('a row below row 1048576, the last row Excel has', () => {
  it('is refused like a cell past column XFD, instead of being copied into a report Excel cannot open (exit 2)', async () => {
    const dir = workspace();
    const text = (ref: string, value: string) => `<c r="${ref}" t="inlineStr"><is><t>${value}</t></is></c>`;
    const sheet =
      `<row r="1">${text('A1', '订单号')}${text('B1', '快递公司')}${text('C1', '快递单号')}</row>` +
      `<row r="1048577">${text('A1048577', 'P792840050473100001')}${text('B1048577', '顺丰速运')}${text('C1048577', 'SF1385628716739')}</row>`;
    writeFileSync(join(dir, 'far.xlsx'), await zipParts(bookParts({ sheets: [{ name: '包裹详情', xml: sheet }] })));
    const zh = ship(['validate', 'far.xlsx'], { cwd: dir });
    expect(zh.status).toBe(2);
    expect(zh.stderr).toContain('ship: far.xlsx: 工作表「包裹详情」的内容无效（有行超出了 Excel 的最后一行 1048576）');
    expect(ship(['validate', 'far.xlsx', '--lang', 'en'], { cwd: dir }).stderr).toContain('(a row is beyond row 1048576, the last row Excel has)');
    expect(readdirSync(dir)).toEqual(['far.xlsx']);
  });
});
