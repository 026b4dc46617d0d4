// The README's script and workflow examples must work as written: this test takes
// them out of README.md and runs them against the fixtures. Edit the README and the
// test runs the new text.
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/cli/config.js';
import { runReportSchema } from '../../src/cli/report-schema.js';
import { parseAnnotation } from '../helpers/annotations.js';
import { ROOT, workspace } from '../helpers/cli.js';
import { validateJsonSchema } from '../helpers/json-schema.js';

const README = readFileSync(join(ROOT, 'README.md'), 'utf8');
const REPORT_SCHEMA = JSON.parse(readFileSync(join(ROOT, 'schema', 'ship-report.schema.json'), 'utf8')) as Record<string, unknown>;

/** The fenced block of `language` that follows the first line containing `marker`. */
function block(marker: string, language: string): string {
  const at = README.indexOf(marker);
  if (at < 0) throw new Error(`README has no "${marker}"`);
  const match = new RegExp('```' + language + '\\n([\\s\\S]*?)\\n```').exec(README.slice(at));
  if (!match?.[1]) throw new Error(`no ${language} block after "${marker}"`);
  return match[1];
}

/** A folder with `ship` installed the way the README assumes: on PATH, and in node_modules/.bin for npx. */
function machine(fixtures: Record<string, string[]>): { dir: string; env: Record<string, string> } {
  const dir = workspace();
  for (const [folder, names] of Object.entries(fixtures)) {
    mkdirSync(join(dir, folder), { recursive: true });
    for (const name of names) copyFileSync(join(ROOT, 'fixtures', name), join(dir, folder, name));
  }
  const bin = join(dir, 'node_modules', '.bin');
  mkdirSync(bin, { recursive: true });
  symlinkSync(join(ROOT, 'bin', 'ship.js'), join(bin, 'ship'));
  writeFileSync(join(dir, 'package.json'), '{ "private": true }\n');
  // Offline and quiet: npx must find the local ship, never fetch a package of that name.
  const env = { PATH: `${bin}:${process.env.PATH ?? ''}`, NO_COLOR: '1', HOME: dir, NPM_CONFIG_OFFLINE: 'true', NPM_CONFIG_UPDATE_NOTIFIER: 'false' };
  return { dir, env };
}

function bash(script: string, dir: string, env: Record<string, string>) {
  writeFileSync(join(dir, 'script.sh'), `${script}\n`);
  const result = spawnSync('bash', ['script.sh'], { cwd: dir, env, encoding: 'utf8', timeout: 60_000 });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('the README nightly batch script', () => {
  const script = block('runs this script as written', 'bash');

  it('checks every export, writes the outputs and result.json under checked/<date>/, and exits 1 for rejected orders', () => {
    const { dir, env } = machine({ exports: ['sample-qianfan-export.xlsx', 'all-importable.xlsx'] });
    const run = bash(script, dir, env);
    expect(run.stderr).toContain('有订单未通过校验');
    expect(run.status).toBe(1);
    const [day] = readdirSync(join(dir, 'checked'));
    expect(day).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    const out = join(dir, 'checked', day ?? '');
    const data: unknown = JSON.parse(readFileSync(join(out, 'result.json'), 'utf8'));
    expect(validateJsonSchema(REPORT_SCHEMA, data)).toEqual([]);
    expect(runReportSchema.parse(data).files.map((f) => f.input)).toEqual(['exports/all-importable.xlsx', 'exports/sample-qianfan-export.xlsx']);
    expect(readdirSync(out).sort()).toEqual([
      'all-importable.import.xlsx',
      'all-importable.report.xlsx',
      'result.json',
      'sample-qianfan-export.import.xlsx',
      'sample-qianfan-export.report.xlsx',
    ]);
  });

  it('exits 0 when everything can be imported, and 2 when there is no export at all', () => {
    const good = machine({ exports: ['all-importable.xlsx'] });
    const ok = bash(script, good.dir, good.env);
    expect([ok.status, ok.stderr]).toEqual([0, '']);
    expect(ok.stdout).toContain('全部可以导入');
    const empty = machine({ exports: [] });
    const none = bash(script, empty.dir, empty.env);
    expect(none.status).toBe(2);
    expect(none.stderr).toContain('没有文件匹配「exports/*.xlsx」');
    expect(none.stderr).toContain('校验没有完成');
  });
});

describe('the README GitHub Actions workflow', () => {
  const workflow = block('runs the ship command of this workflow', 'yaml');
  const command = /run: (npx --no ship validate .*)$/m.exec(workflow)?.[1];

  it('runs its ship step as written: annotations on stdout and a step summary', () => {
    expect(command).toBeDefined();
    const { dir, env } = machine({ 'test/fixtures/erp': ['sample-qianfan-export.xlsx', 'all-importable.xlsx'] });
    const summary = join(dir, 'step-summary.md');
    const run = bash(command ?? '', dir, { ...env, GITHUB_STEP_SUMMARY: summary, GITHUB_ACTIONS: 'true', CI: 'true' });
    expect(run.status).toBe(1);
    const lines = run.stdout.trimEnd().split('\n');
    expect(lines.slice(0, -1).every((line) => parseAnnotation(line) !== undefined)).toBe(true);
    expect(parseAnnotation(lines[0] ?? '')?.properties.file).toMatch(/^test\/fixtures\/erp\/.*\.xlsx$/);
    expect(readFileSync(summary, 'utf8')).toContain('| test/fixtures/erp/sample-qianfan-export.xlsx |');
    expect(readdirSync(join(dir, 'ship-out'))).toContain('sample-qianfan-export.report.xlsx');
  });
});

describe('the README config example', () => {
  it('is a valid ship.config.json', () => {
    const text = block('### 配置文件', 'json');
    const settings = parseConfig(JSON.parse(text), '/team/ship.config.json');
    expect(settings.maxRows).toBe(500);
    expect(settings.template.carrierNames).toEqual({ zto: '中通快递' });
  });
});
