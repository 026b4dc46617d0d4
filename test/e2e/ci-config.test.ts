// ship.config.json end to end: an ERP export with its own column names, a team
// import template, split import files, flags that win over the config, and a bad
// config that stops the run naming the field.
import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runReportSchema } from '../../src/cli/report-schema.js';
import { readWorkbook, ship, workspace } from '../helpers/cli.js';

// Real-format numbers (the ones english-headers.csv uses), under an ERP's column names.
const ERP_CSV = [
  '平台单号,配送公司,回填运单号',
  'P184624889213963666,顺丰,SF1349462778348',
  'P104888483747010372,韵达,433371300324101',
  'P583515204484379193,顺丰,SF1385628716739',
].join('\r\n');

const CONFIG = {
  headerAliases: { orderId: ['平台单号'], carrier: ['配送公司'], trackingNumber: ['回填运单号'] },
  importTemplate: { columns: { orderId: '订单编号', trackingNumber: '运单号' }, carrierNames: { sf: '顺丰' }, maxRows: 2 },
  deadlineHours: 48,
  dueSoonHours: 12,
};

describe('ship.config.json', () => {
  const dir = workspace();
  writeFileSync(join(dir, 'erp.csv'), ERP_CSV);
  writeFileSync(join(dir, 'ship.config.json'), JSON.stringify(CONFIG));

  it('reads the ERP columns by their configured names and writes the team template, split by maxRows', async () => {
    const run = ship(['validate', 'erp.csv', '--format', 'json'], { cwd: dir });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const [file] = runReportSchema.parse(JSON.parse(run.stdout)).files;
    expect(file?.outputs.importParts.map((p) => p.slice(dir.length + 1))).toEqual(['erp.import.part1.xlsx', 'erp.import.part2.xlsx']);
    expect(file?.outputs.import).toBe(file?.outputs.importParts[0]);
    const [part1] = await readWorkbook(join(dir, 'erp.import.part1.xlsx'));
    const [part2] = await readWorkbook(join(dir, 'erp.import.part2.xlsx'));
    expect(part1?.rows).toEqual([
      ['订单编号', '快递公司', '运单号'],
      ['P184624889213963666', '顺丰', 'SF1349462778348'],
      ['P104888483747010372', '韵达速递', '433371300324101'],
    ]);
    expect(part2?.rows.slice(1)).toEqual([['P583515204484379193', '顺丰', 'SF1385628716739']]);
  });

  it('names every part of a split import sheet in the text summary: each one must be uploaded', () => {
    const run = ship(['validate', 'erp.csv'], { cwd: dir });
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('导入表（分成 2 个文件，每个都要上传）：\n    erp.import.part1.xlsx\n    erp.import.part2.xlsx\n');
  });

  it('lets --max-rows win over the config, and removes the parts the earlier run left', () => {
    const run = ship(['validate', 'erp.csv', '--max-rows', '10'], { cwd: dir });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(readdirSync(dir).filter((name) => name.includes('.import')).sort()).toEqual(['erp.import.xlsx']);
  });

  it('is ignored with --no-config: the ERP columns are then unknown (exit 2)', () => {
    const run = ship(['validate', 'erp.csv', '--no-config'], { cwd: dir });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('快递单号');
  });

  it('stops the run with exit 2 naming the field of a bad config', () => {
    writeFileSync(join(dir, 'bad.json'), JSON.stringify({ importTemplate: { maxRows: 0 } }));
    const run = ship(['validate', 'erp.csv', '--config', 'bad.json', '--lang', 'en'], { cwd: dir });
    expect(run.status).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/bad\.json: Error in the config file \(importTemplate\.maxRows: /);
  });

  // A nightly script parses stdout: a run that stops early must still give it a document.
  it.each([
    ['a bad config', ['--config', 'bad.json'], /bad\.json: Error in the config file/],
    ['a missing --rules file', ['--rules', 'nope.json'], /nope\.json/],
    ['a bad option value', ['--max-rows', 'abc'], /--max-rows/],
  ])('with --format json prints a JSON document naming the error for %s (exit 2)', (_, args, message) => {
    const run = ship(['validate', 'erp.csv', '--format', 'json', '--lang', 'en', ...args], { cwd: dir });
    expect(run.status).toBe(2);
    const report = runReportSchema.parse(JSON.parse(run.stdout));
    expect(report).toMatchObject({ ok: false, files: [] });
    expect(report.error).toMatch(message);
    expect(run.stderr).toMatch(message);
  });

  // An empty JUnit file may read as "no tests" (a pass), and a GitHub step with no annotation has nothing to click.
  it.each([
    ['a bad config', ['--config', 'bad.json'], /bad\.json: Error in the config file/],
    ['a bad option value', ['--max-rows', 'abc'], /--max-rows/],
  ])('with --format junit or github prints a failed run naming the error for %s (exit 2)', (_, args, message) => {
    const junit = ship(['validate', 'erp.csv', '--format', 'junit', '--lang', 'en', ...args], { cwd: dir });
    expect(junit.status).toBe(2);
    expect(junit.stdout).toMatch(/^<\?xml[^]*<testsuites name="ship validate" tests="1" failures="0" errors="1"/);
    expect(/<error message="([^"]*)" type="run-failed"\/>/.exec(junit.stdout)?.[1]).toMatch(message);
    const github = ship(['validate', 'erp.csv', '--format', 'github', '--lang', 'en', ...args], { cwd: dir });
    expect(github.status).toBe(2);
    expect(github.stdout).toMatch(/^::error title=ship::/);
    expect(github.stdout).toMatch(message);
  });
});
