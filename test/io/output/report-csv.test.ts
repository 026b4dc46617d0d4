import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadRegistry } from '../../../src/cli/load-rules.js';
import { matchHeader } from '../../../src/core/columns.js';
import { validateRows } from '../../../src/core/validate.js';
import { csvField, csvLine, writeReportCsv } from '../../../src/io/output/report-csv.js';
import { HEADER, order, sheet, text } from '../../helpers/sheet.js';

const dir = await mkdtemp(join(tmpdir(), 'ship-report-csv-'));
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('RFC 4180 fields', () => {
  it('quotes a field with a quote, comma or line break, doubling the quotes', () => {
    expect(csvField('SF1')).toBe('SF1');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('line\nbreak')).toBe('"line\nbreak"');
    expect(csvField('cr\rhere')).toBe('"cr\rhere"');
    expect(csvField(' padded ')).toBe('" padded "');
    expect(csvField('')).toBe('');
    expect(csvLine(['1', 'a,b', ''])).toBe('1,"a,b",\r\n');
  });
});

describe('writeReportCsv', () => {
  it('writes a BOM, the report header, CRLF lines, and neutralizes formula-like values', async () => {
    const registry = await loadRegistry(undefined);
    const { columns } = matchHeader(HEADER.map((h) => text(h)));
    const { rows } = sheet(HEADER, [
      [order(1), '待配货', '中通快递', '=HYPERLINK("http://x.cn","SF1")', '张**', '', ''],
      [order(2), '待配货', '＠中通', '73104682937501', '-李, "四"', '', ''],
      [order(3), '待配货', '中通快递', '\t+73104682937518', '王**', '', ''],
    ]);
    const result = validateRows(rows, { registry, columns });
    const path = join(dir, 'orders.report.csv');
    await writeReportCsv(path, { result, columns, lang: 'zh' });
    const bytes = await readFile(path);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = bytes.toString('utf8').slice(1).split('\r\n');
    expect(lines[0]).toBe('行号,订单号,列,原值,级别,代码,说明,建议,校验结果,快递公司,快递单号,收件人姓名');
    expect(lines.at(-1)).toBe('');
    expect(lines).toHaveLength(result.findings.length + 2);
    const body = lines.slice(1).join('\n');
    expect(body).toContain(`,"'=HYPERLINK(""http://x.cn"",""SF1"")",`);
    expect(body).toContain(",'＠中通,");
    expect(body).toContain(`,"'-李, ""四"""`);
    expect(body).toContain(`,'\t+73104682937518,`);
    // No field of any line starts with a formula trigger.
    for (const line of lines) expect(line).not.toMatch(/(^|,)"?[=+\-@＝＋－＠\t]/);
  });

  it('writes the English header with --lang en, and just the header when nothing was found', async () => {
    const registry = await loadRegistry(undefined);
    const { columns } = matchHeader(HEADER.map((h) => text(h)));
    const result = validateRows([], { registry, columns });
    const path = join(dir, 'empty.report.csv');
    await writeReportCsv(path, { result, columns, lang: 'en' });
    expect(await readFile(path, 'utf8')).toBe('\uFEFFRow,Order ID,Column,Value,Level,Code,Message,Hint,Check result,Carrier,Tracking No.,Recipient\r\n');
  });
});
