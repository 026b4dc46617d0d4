import { describe, expect, it } from 'vitest';
import { failedFileReport } from '../../src/cli/commands/validate-file.js';
import { escapeData, escapeProperty, renderGithub } from '../../src/cli/render/github.js';
import { parseAnnotation } from '../helpers/annotations.js';
import { fileReport, finding, run } from './render-fixtures.js';

const options = { lang: 'zh' as const, cwd: '/repo', quiet: false, withSummary: true };

function annotations(text: string) {
  const lines = text.trimEnd().split('\n');
  return { parsed: lines.flatMap((line) => parseAnnotation(line) ?? []), last: lines.at(-1) ?? '' };
}

describe('GitHub annotations', () => {
  it('escapes data (% CR LF) and properties (also : and ,)', () => {
    expect(escapeData('50% a\r\nb: c, d')).toBe('50%25 a%0D%0Ab: c, d');
    expect(escapeProperty('50% a\r\nb: c, d')).toBe('50%25 a%0D%0Ab%3A c%2C d');
  });

  it('with --strict --quiet annotates and counts the warnings, which are what fails the run', () => {
    const warned = run([fileReport('a.xlsx', [finding(2, 'merged-shipment', 'warning')])]);
    expect(annotations(renderGithub(warned, { ...options, quiet: true, strict: true })).parsed.map((a) => a.kind)).toEqual(['warning']);
    expect(annotations(renderGithub(warned, { ...options, quiet: true })).parsed).toEqual([]);
  });

  it('shows escape sequences from a cell as visible stand-ins: the log would run them as colours and cursor moves', () => {
    expect(escapeData('顺丰\u001b[31mRED\u001b[0m\u202e')).toBe('顺丰\u241b[31mRED\u241b[0m\ufffd');
  });

  it('puts the Excel row in line= and in the message, and survives hostile cell text', () => {
    const hostile = finding(20, 'tracking-format', 'error', { message: '单号「SF1,2:3%\n::error::x」不符合', column: '快递单号' });
    const { parsed } = annotations(renderGithub(run([fileReport('/repo/exports/a, b.xlsx', [hostile])]), options));
    expect(parsed[0]).toEqual({
      kind: 'error',
      properties: { file: 'exports/a, b.xlsx', line: '20', title: 'ship: 单号与快递公司不符 (tracking-format)' },
      message: '行 20（快递单号）：单号「SF1,2:3%\n::error::x」不符合。tracking-format hint',
    });
  });

  it('shows at most 10 per kind: 9, then one that says how many more, and a count line', () => {
    const findings = Array.from({ length: 25 }, (_, i) => finding(i + 2, 'tracking-format', 'error'));
    findings.push(finding(40, 'merged-shipment', 'warning'), finding(41, 'status-not-pending', 'info'));
    const { parsed, last } = annotations(renderGithub(run([fileReport('a.xlsx', findings)]), options));
    const errors = parsed.filter((a) => a.kind === 'error');
    expect(errors).toHaveLength(10);
    expect(errors[9]?.properties.title).toBe('ship: 另有 16 个错误未显示为注释');
    expect(errors[9]?.message).toContain('任务摘要');
    expect(parsed.filter((a) => a.kind === 'warning')).toHaveLength(1);
    expect(parsed.some((a) => a.kind === 'notice')).toBe(false);
    expect(last).toBe('ship: 1 个文件，25 个错误、1 个警告；显示为注释的：9 个错误、1 个警告');
  });

  it('counts the findings --max-errors left out of the list', () => {
    const listed = [finding(2, 'tracking-format', 'error')];
    const report = fileReport('a.xlsx', listed, { counts: { error: 4, warning: 0, info: 0, byCode: { 'tracking-format': 4 } }, truncated: true });
    const { parsed } = annotations(renderGithub(run([report]), options));
    expect(parsed.map((a) => a.properties.title)).toEqual(['ship: 单号与快递公司不符 (tracking-format)', 'ship: 另有 3 个错误未显示为注释']);
  });

  it('annotates a file that could not be read, and leaves warnings out with --quiet', () => {
    const files = [failedFileReport('exports/bad.xlsx', '文件损坏'), fileReport('b.xlsx', [finding(3, 'merged-shipment', 'warning')])];
    const { parsed, last } = annotations(renderGithub(run(files), { ...options, quiet: true, lang: 'en' }));
    expect(parsed).toEqual([{ kind: 'error', properties: { file: 'exports/bad.xlsx', title: 'ship: file could not be checked' }, message: '文件损坏' }]);
    expect(last).toBe('ship: 2 files, 1 error, 0 warnings; shown as annotations: 1 error, 0 warnings');
  });
});

describe('GitHub annotations for failed files', () => {
  it('keeps a file that could not be read even when rows fill the cap', () => {
    const findings = Array.from({ length: 12 }, (_, i) => finding(i + 2, 'tracking-format', 'error'));
    const text = renderGithub(run([fileReport('a.xlsx', findings), failedFileReport('z.xlsx', 'gone')]), options);
    const parsed = text.split('\n').flatMap((line) => parseAnnotation(line) ?? []);
    expect(parsed[0]?.properties.file).toBe('z.xlsx');
    expect(parsed.filter((a) => a.kind === 'error')).toHaveLength(10);
  });
});
