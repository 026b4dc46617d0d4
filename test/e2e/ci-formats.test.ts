// ship validate as scripts and CI run it: globs, each output format, each exit
// code, byte-identical reruns. Spawns the built bin/ship.js (npm run build first).
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { runReportSchema, type FileReport, type RunReport } from '../../src/cli/report-schema.js';
import { parseAnnotation } from '../helpers/annotations.js';
import { countDataRows, ROOT, ship, workspace } from '../helpers/cli.js';
import { validateJsonSchema } from '../helpers/json-schema.js';
import { parseXml } from '../helpers/xml.js';

const REPORT_SCHEMA = JSON.parse(readFileSync(join(ROOT, 'schema', 'ship-report.schema.json'), 'utf8')) as Record<string, unknown>;

function parseReport(stdout: string): RunReport {
  const data: unknown = JSON.parse(stdout);
  expect(validateJsonSchema(REPORT_SCHEMA, data)).toEqual([]);
  return runReportSchema.parse(data);
}

function byInput(report: RunReport, input: string): FileReport {
  const file = report.files.find((f) => f.input === input);
  if (file === undefined) throw new Error(`no ${input} in the report`);
  return file;
}

function outputs(dir: string): Map<string, Buffer> {
  return new Map(readdirSync(dir).sort().map((name) => [name, readFileSync(join(dir, name))]));
}

describe('a nightly run repeated in the exports folder, without --out-dir', () => {
  const dir = workspace('sample-qianfan-export.xlsx', 'all-importable.xlsx');
  const args = ['validate', '*.xlsx', '--format', 'json'];
  const first = ship(args, { cwd: dir });
  const firstNames = readdirSync(dir).sort();
  const second = ship(args, { cwd: dir });

  it("checks the exports again and replaces their outputs, leaving out the first run's outputs with a note", () => {
    expect(first.status).toBe(1);
    // Before: a.xlsx was refused (its outputs were inputs, not to be overwritten) and the
    // outputs were read as exports, giving *.import.import.xlsx and exit 2.
    expect(second.status).toBe(1);
    expect(parseReport(second.stdout).files.map((f) => f.input)).toEqual(['all-importable.xlsx', 'sample-qianfan-export.xlsx']);
    expect(second.stderr).toContain('跳过 ship 写出的导入表/问题报告：all-importable.import.xlsx, all-importable.report.xlsx, sample-qianfan-export.import.xlsx … (+1)');
    expect(readdirSync(dir).sort()).toEqual(firstNames);
  });
});

describe('several files, JSON, and reruns', () => {
  const dir = workspace('sample-qianfan-export.xlsx', 'all-importable.xlsx', 'english-headers.csv');
  const args = ['validate', '*.xlsx', '*.csv', 'all-importable.xlsx', '--out-dir', 'out', '--format', 'json', '--max-errors', '5'];
  const first = ship(args, { cwd: dir });
  const firstFiles = outputs(join(dir, 'out'));
  const second = ship(args, { cwd: dir });

  it('expands the globs itself, sorted, each file once, and exits 1 for rejected rows', () => {
    expect(first.stderr).toBe('');
    expect(first.status).toBe(1);
    const report = parseReport(first.stdout);
    expect(report.files.map((f) => f.input)).toEqual(['all-importable.xlsx', 'sample-qianfan-export.xlsx', 'english-headers.csv']);
    expect([...firstFiles.keys()].filter((name) => name.endsWith('.xlsx'))).toHaveLength(6);
  });

  it('validates against the shipped JSON Schema, counts every finding and lists at most --max-errors, errors first', () => {
    const sample = byInput(parseReport(first.stdout), 'sample-qianfan-export.xlsx');
    const { error, warning, info, byCode } = sample.counts;
    expect(Object.values(byCode).reduce((a, b) => a + b, 0)).toBe(error + warning + info);
    expect(error).toBeGreaterThan(5);
    expect(sample.truncated).toBe(true);
    expect(sample.findings).toHaveLength(5);
    expect(sample.findings.every((f) => f.severity === 'error')).toBe(true);
    expect(sample.findings.map((f) => f.row)).toEqual([...sample.findings.map((f) => f.row)].sort((a, b) => a - b));
    expect(byInput(parseReport(first.stdout), 'all-importable.xlsx').truncated).toBe(false);
  });

  it('gives byte-identical JSON, import sheets and reports when run again', () => {
    expect(second.status).toBe(1);
    expect(second.stdout).toBe(first.stdout);
    const again = outputs(join(dir, 'out'));
    expect([...again.keys()]).toEqual([...firstFiles.keys()]);
    for (const [name, bytes] of firstFiles) expect(again.get(name)?.equals(bytes), name).toBe(true);
  });
});

describe('--format github', () => {
  it('prints only annotations and a count line, capped per kind, and writes the step summary', async () => {
    const dir = workspace('sample-qianfan-export.xlsx', 'all-importable.xlsx');
    const summary = join(dir, 'summary.md');
    const run = ship(['validate', '*.xlsx', 'missing.xlsx', '--format', 'github', '--out-dir', 'out'], { cwd: dir, env: { GITHUB_STEP_SUMMARY: summary } });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('missing.xlsx');
    const lines = run.stdout.trimEnd().split('\n');
    const annotations = lines.slice(0, -1).map((line) => parseAnnotation(line));
    expect(annotations.every((a) => a !== undefined)).toBe(true);
    expect(lines.at(-1)).toMatch(/^ship: 3 个文件，\d+ 个错误、\d+ 个警告/);
    for (const kind of ['error', 'warning', 'notice']) expect(annotations.filter((a) => a?.kind === kind).length).toBeLessThanOrEqual(10);
    expect(annotations).toContainEqual(expect.objectContaining({ kind: 'error', properties: expect.objectContaining({ file: 'missing.xlsx' }) }));
    const tracking = annotations.find((a) => a?.properties.title?.includes('(tracking-format)'));
    expect(tracking?.properties.file).toBe('sample-qianfan-export.xlsx');
    expect(tracking?.message).toMatch(new RegExp(`^行 ${tracking?.properties.line}（快递单号）：`));
    const markdown = readFileSync(summary, 'utf8');
    expect(markdown).toContain('## ship validate：✖ 未通过');
    const rows = await countDataRows(join(dir, 'sample-qianfan-export.xlsx'));
    expect(markdown).toContain(`| sample-qianfan-export.xlsx | ${rows} |`);
  });
});

describe('--format github, with a step summary that is nearly full', () => {
  it('appends only what keeps the file under 1 MiB: the table of files and a note, not the details', () => {
    const dir = workspace('sample-qianfan-export.xlsx', 'all-importable.xlsx');
    const summary = join(dir, 'summary.md');
    // What earlier commands of the same step wrote (GitHub drops all of it past 1 MiB).
    const earlier = `## 单元测试\n\n${'x'.repeat(995_000)}\n`;
    writeFileSync(summary, earlier);
    const run = ship(['validate', '*.xlsx', '--format', 'github', '--out-dir', 'out'], { cwd: dir, env: { GITHUB_STEP_SUMMARY: summary } });
    expect(run.status).toBe(1);
    expect(run.stderr).toBe('');
    const markdown = readFileSync(summary, 'utf8');
    expect(markdown.startsWith(earlier)).toBe(true);
    expect(Buffer.byteLength(markdown)).toBeLessThan(1_000_000);
    expect(markdown).toContain('| sample-qianfan-export.xlsx |');
    expect(markdown).toContain('| all-importable.xlsx |');
    expect(markdown).not.toContain('### sample-qianfan-export.xlsx');
    expect(markdown.trimEnd().split('\n').at(-1)).toBe('任务摘要不能超过 1 MiB（超过时 GitHub 整个不显示）：1 个文件的问题明细没有列出；完整列表见各文件的问题报告（与导入表在同一文件夹）。');
  });
});

describe('--format junit', () => {
  it('is well-formed XML with a suite per file and a case per order, and a glob that matched nothing exits 2', () => {
    const dir = workspace('sample-qianfan-export.xlsx', 'all-importable.xlsx');
    const run = ship(['validate', '*.xlsx', 'nothing/*.csv', '--format', 'junit', '--out-dir', 'out'], { cwd: dir });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('没有文件匹配「nothing/*.csv」');
    const root = parseXml(run.stdout);
    const suites = root.children.filter((c) => c.name === 'testsuite');
    expect(suites.map((s) => s.attributes.name)).toEqual(['all-importable.xlsx', 'sample-qianfan-export.xlsx', 'nothing/*.csv']);
    expect(suites[0]?.attributes).toMatchObject({ tests: '4', failures: '0' });
    // Every rejected order is a failure: 13 in the sample (as its JSON report says).
    expect(suites[1]?.attributes.failures).toBe('13');
    expect(suites[2]?.attributes.errors).toBe('1');
  });

  it('gives every failing order its reason, whatever --max-errors says', () => {
    const dir = workspace('sample-qianfan-export.xlsx');
    const run = ship(['validate', 'sample-qianfan-export.xlsx', '--format', 'junit', '--max-errors', '2', '--out-dir', 'out'], { cwd: dir });
    const failures = parseXml(run.stdout).children.flatMap((suite) => suite.children).flatMap((testcase) => testcase.children.filter((c) => c.name === 'failure'));
    expect(failures).toHaveLength(13);
    expect(failures.filter((failure) => (failure.attributes.message ?? '') === '')).toEqual([]);
  });
});

describe('text output, colour and exit 0', () => {
  const dir = workspace('all-importable.xlsx');

  it('prints nothing with --quiet when everything passes', () => {
    const run = ship(['validate', 'all-importable.xlsx', '--quiet'], { cwd: dir });
    expect([run.status, run.stdout, run.stderr]).toEqual([0, '', '']);
  });

  it('colours a pipe only when FORCE_COLOR asks, and never with NO_COLOR or --no-color', () => {
    const forced = ship(['validate', 'all-importable.xlsx'], { cwd: dir, env: { NO_COLOR: '', FORCE_COLOR: '1' } });
    expect(forced.stdout).toMatch(/\u001b\[32m✔/);
    const noColor = ship(['validate', 'all-importable.xlsx'], { cwd: dir, env: { NO_COLOR: '1', FORCE_COLOR: '1' } });
    expect(noColor.stdout).not.toMatch(/\u001b\[/);
    const flag = ship(['validate', 'all-importable.xlsx', '--no-color'], { cwd: dir, env: { NO_COLOR: '', FORCE_COLOR: '1' } });
    expect(flag.stdout).not.toMatch(/\u001b\[/);
    // No progress line: stderr is not a terminal.
    expect(forced.stderr + noColor.stderr + flag.stderr).toBe('');
  });
});

describe('ship template, help and version', () => {
  it('writes an empty template with text columns, and overwrites it only with --force', async () => {
    const dir = workspace();
    const made = ship(['template'], { cwd: dir });
    expect(made.status).toBe(0);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(join(dir, '批量发货模板.xlsx'));
    const sheet = workbook.worksheets[0];
    expect(sheet?.getRow(1).values).toEqual([undefined, '订单号', '快递公司', '快递单号']);
    expect(sheet?.rowCount).toBe(1);
    expect([1, 2, 3].map((c) => sheet?.getColumn(c).numFmt)).toEqual(['@', '@', '@']);
    const again = ship(['template'], { cwd: dir });
    expect(again.status).toBe(2);
    expect(again.stderr).toContain('--force');
    expect(ship(['template', '--force'], { cwd: dir }).status).toBe(0);
  });

  it('says what to do about a template path it cannot write, without advising --out-dir (template has none)', () => {
    const dir = workspace();
    const run = ship(['template', 'no/such/folder/t.xlsx'], { cwd: dir });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('输出文件夹不存在');
    expect(run.stderr).not.toContain('--out-dir');
  });

  it('refuses a template name that is not .xlsx instead of writing a workbook under it', () => {
    const dir = workspace();
    const run = ship(['template', 't.csv'], { cwd: dir });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('.xlsx');
    expect(readdirSync(dir)).toEqual([]);
  });

  it('shows examples in the help of the program and of each command', () => {
    const help = ship(['--help']);
    expect(help.status).toBe(0);
    expect(help.stdout).toContain('示例：');
    expect(help.stdout).toContain("ship validate 'exports/*.xlsx'");
    expect(ship(['--help', '--lang', 'en']).stdout).toContain('Examples:');
    const validate = ship(['validate', '--help']);
    expect(validate.stdout).toContain('--format junit');
    expect(validate.stdout).toContain('--max-errors');
    expect(ship(['template', '--help']).stdout).toContain('ship template');
    expect(ship(['--version']).stdout).toMatch(/^\d+\.\d+\.\d+\n$/);
  });
});
