import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { failedFileReport } from '../../src/cli/commands/validate-file.js';
import { markdownCell, renderStepSummary } from '../../src/cli/render/step-summary.js';
import type { FileReport } from '../../src/cli/report-schema.js';
import { appendStepSummary } from '../../src/cli/step-summary-file.js';
import { fileReport, finding, run } from './render-fixtures.js';

/** GitHub shows nothing of a step summary above this (1 MiB). */
const GITHUB_LIMIT = 1024 * 1024;

/** The rows of the listed findings: the lines of a table whose second cell is a column name. */
function listedRows(text: string): string[] {
  return text.split('\n').filter((line) => /^\| \d+ \| 快递单号 \|/.test(line));
}

/** A file of an ERP export with `count` wrong tracking numbers, as the summary lists them. */
function wrongNumbers(name: string, count: number): FileReport {
  const findings = Array.from({ length: count }, (_, i) =>
    finding(i + 2, 'tracking-format', 'error', {
      value: 'SF1385628716739',
      orderId: `P79284005047310${String(i).padStart(4, '0')}`,
      message: '单号「SF1385628716739」与快递公司「中通快递」不符：中通快递的单号是 14 位数字，以 73–79 开头',
      hint: '请核对快递公司或单号；这个单号符合 顺丰速运 的格式',
    }),
  );
  return fileReport(`/repo/exports/2026-11/ERP 导出 ${name}.csv`, findings);
}

describe('GitHub step summary', () => {
  it('escapes cell text so a value cannot break the table or inject HTML', () => {
    expect(markdownCell('a|b\n<img src=x>*x*')).toBe('a\\|b \\<img src=x\\>\\*x\\*');
  });

  it('has a row per file and the findings by kind, and caps the listed findings', () => {
    const findings = Array.from({ length: 60 }, (_, i) => finding(i + 2, 'tracking-format', 'error'));
    const text = renderStepSummary(run([fileReport('/repo/a.xlsx', findings), failedFileReport('b.xlsx', 'bad | file')]), { lang: 'en', cwd: '/repo' });
    expect(text).toContain('## ship validate: ✖ failed');
    expect(text).toContain('| a.xlsx | 0 |');
    expect(text).toContain('could not be checked: bad \\| file');
    expect(text).toContain('| number does not fit carrier | error | `tracking-format` | 60 |');
    expect(text).toContain('First 50 of 60 findings');
    expect(text.split('\n').filter((line) => line.startsWith('| ') && line.includes('`tracking-format`'))).toHaveLength(51);
  });
});

describe('the findings listed per file', () => {
  // An export where most rows were already shipped: 80 notes before the rows that fail the run.
  const findings = [
    ...Array.from({ length: 80 }, (_, i) => finding(i + 2, 'status-not-pending', 'info')),
    finding(5, 'merged-shipment', 'warning'),
    finding(60, 'merged-shipment', 'warning'),
    finding(90, 'tracking-format', 'error'),
    finding(95, 'missing-tracking', 'error'),
    finding(100, 'tracking-format', 'error'),
  ].sort((a, b) => a.row - b.row);
  const report = run([fileReport('/repo/a.csv', findings)]);

  it('lists the errors first, then the warnings, then the notes, each in row order', () => {
    const rows = listedRows(renderStepSummary(report, { lang: 'zh', cwd: '/repo' }));
    expect(rows).toHaveLength(50);
    expect(rows.slice(0, 5).map((line) => line.split(' | ').slice(0, 3).join(' | '))).toEqual([
      '| 90 | 快递单号 | 错误',
      '| 95 | 快递单号 | 错误',
      '| 100 | 快递单号 | 错误',
      '| 5 | 快递单号 | 警告',
      '| 60 | 快递单号 | 警告',
    ]);
    expect(rows.slice(5).map((line) => Number(line.split(' | ')[0]?.slice(2)))).toEqual(Array.from({ length: 45 }, (_, i) => i + 2));
  });

  it('says how many errors, warnings and notes there are', () => {
    expect(renderStepSummary(report, { lang: 'zh', cwd: '/repo' })).toContain('<summary>前 50 条问题（共 85 条：3 个错误、2 个警告、80 条提示；错误在前，完整列表见问题报告）</summary>');
    expect(renderStepSummary(report, { lang: 'en', cwd: '/repo' })).toContain('<summary>First 50 of 85 findings (3 errors, 2 warnings, 80 info; errors first, the report lists them all)</summary>');
    const few = run([fileReport('/repo/b.csv', [finding(2, 'tracking-format', 'error'), finding(3, 'status-not-pending', 'info')])]);
    expect(renderStepSummary(few, { lang: 'zh', cwd: '/repo' })).toContain('<summary>全部 2 条问题（1 个错误、0 个警告、1 条提示）</summary>');
    expect(renderStepSummary(few, { lang: 'en', cwd: '/repo' })).toContain('<summary>All 2 findings (1 error, 0 warnings, 1 info)</summary>');
  });
});

describe('the 1 MiB GitHub allows a step summary', () => {
  // The probe's run: 120 files with 50 and more findings each made 1.34 MB, and GitHub showed none of it.
  const files = Array.from({ length: 120 }, (_, i) => wrongNumbers(String(i + 1).padStart(3, '0'), 60));

  for (const lang of ['zh', 'en'] as const) {
    it(`keeps every file in the table and leaves out the details that do not fit, saying so (${lang})`, () => {
      const text = renderStepSummary(run(files), { lang, cwd: '/repo' });
      expect(Buffer.byteLength(text, 'utf8')).toBeLessThan(1_000_000);
      for (const report of files) expect(text).toContain(`| ${markdownCell(report.input.slice('/repo/'.length))} | 0 |`);
      const sections = text.split('\n').filter((line) => line.startsWith('### ')).length;
      expect(sections).toBeGreaterThan(10);
      expect(sections).toBeLessThan(120);
      const note = text.trimEnd().split('\n').at(-1);
      expect(note).toBe(
        lang === 'zh'
          ? `任务摘要不能超过 1 MiB（超过时 GitHub 整个不显示）：${120 - sections} 个文件的问题明细没有列出；完整列表见各文件的问题报告（与导入表在同一文件夹）。`
          : `GitHub shows none of a job summary over 1 MiB, so the details of ${120 - sections} files are left out; each file's report (next to its import sheet) lists every finding.`,
      );
    });
  }

  it('keeps the details of the files with errors before those with only warnings or notes', () => {
    // Each of these sections is smaller than the failing file's: they would fill the room first.
    const notes = (name: string) => fileReport(`/repo/${name}.csv`, Array.from({ length: 60 }, (_, i) => finding(i + 2, 'status-not-pending', 'info', { message: '订单状态为「已发货未签收」，已跳过' })));
    const text = renderStepSummary(run([...Array.from({ length: 200 }, (_, i) => notes(`skipped-${i}`)), wrongNumbers('failing', 60)]), { lang: 'zh', cwd: '/repo' });
    expect(Buffer.byteLength(text, 'utf8')).toBeLessThan(1_000_000);
    expect(text).toContain('### exports/2026-11/ERP 导出 failing.csv');
    expect(text).toContain('个文件的问题明细没有列出');
  });

  it('cuts the table too when even the rows of all files do not fit', () => {
    const many = Array.from({ length: 6000 }, (_, i) => fileReport(`/repo/exports/一个很长的文件夹名称/第 ${i} 个导出表.xlsx`, []));
    const text = renderStepSummary(run(many, true), { lang: 'en', cwd: '/repo' });
    expect(Buffer.byteLength(text, 'utf8')).toBeLessThan(1_000_000);
    const rows = text.split('\n').filter((line) => line.startsWith('| exports/')).length;
    expect(rows).toBeGreaterThan(1000);
    expect(text.trimEnd().split('\n').at(-1)).toBe(`GitHub shows none of a job summary over 1 MiB, so ${6000 - rows} files are not in the table; each file's report (next to its import sheet) lists every finding.`);
  });
});

describe('appending to $GITHUB_STEP_SUMMARY', () => {
  const files = Array.from({ length: 120 }, (_, i) => wrongNumbers(String(i + 1).padStart(3, '0'), 60));

  it('counts what earlier commands of the step wrote: the whole file stays under 1 MiB', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'ship-summary-')), 'step_summary');
    const earlier = `## 单元测试\n\n${'测试通过 ✔\n'.repeat(40_000)}\n`;
    writeFileSync(path, earlier);
    const said: string[] = [];
    await appendStepSummary(path, run(files), { lang: 'zh', cwd: '/repo' }, (text) => said.push(text));
    expect(said).toEqual([]);
    const text = readFileSync(path, 'utf8');
    expect(text.startsWith(earlier)).toBe(true);
    expect(statSync(path).size).toBeLessThan(1_000_000);
    expect(text).toContain('## ship validate：✖ 未通过');
    expect(text).toContain('个文件的问题明细没有列出');
  });

  it('adds nothing to a summary that is already full, and says why on stderr', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'ship-summary-')), 'step_summary');
    writeFileSync(path, 'x'.repeat(999_900));
    const said: string[] = [];
    await appendStepSummary(path, run(files), { lang: 'en', cwd: '/repo' }, (text) => said.push(text));
    expect(statSync(path).size).toBe(999_900);
    expect(said).toEqual([`ship: GITHUB_STEP_SUMMARY (${path}): the file already holds 999900 bytes; appending would pass GitHub's 1 MiB limit (which hides the whole summary), so no job summary was written\n`]);
  });

  it('starts on a line of its own when an earlier command left its last line open', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'ship-summary-')), 'step_summary');
    writeFileSync(path, 'coverage 93%');
    await appendStepSummary(path, run(files.slice(0, 1)), { lang: 'zh', cwd: '/repo' }, () => undefined);
    // Glued to "coverage 93%", the heading would be plain text.
    expect(readFileSync(path, 'utf8').split('\n').slice(0, 2)).toEqual(['coverage 93%', '## ship validate：✖ 未通过']);
  });

  it('says in the user\'s language why the summary could not be written', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'ship-summary-')), 'no-such-folder', 'step_summary');
    const said: string[] = [];
    await appendStepSummary(path, run(files.slice(0, 1)), { lang: 'zh', cwd: '/repo' }, (text) => said.push(text));
    expect(said).toEqual([`ship: GITHUB_STEP_SUMMARY (${path}): 没有写入任务摘要：文件所在的文件夹不存在\n`]);
  });

  it('creates the file when the step has not written one yet', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'ship-summary-')), 'step_summary');
    await appendStepSummary(path, run(files.slice(0, 2)), { lang: 'zh', cwd: '/repo' }, () => undefined);
    const text = readFileSync(path, 'utf8');
    expect(text.split('\n').filter((line) => line.startsWith('### '))).toHaveLength(2);
    expect(text).not.toContain('没有列出');
    expect(statSync(path).size).toBeLessThan(GITHUB_LIMIT);
  });
});
