import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CarrierRegistry } from '../../src/carriers/registry.js';
import { checkCarrierNames, loadSettings, NO_SETTINGS, parseConfig, rulesFromConfig } from '../../src/cli/config.js';
import { InputError } from '../../src/io/errors.js';
import { rejection } from '../helpers/errors.js';

function folder(config?: unknown): string {
  const dir = mkdtempSync(join(tmpdir(), 'ship-config-'));
  if (config !== undefined) writeFileSync(join(dir, 'ship.config.json'), typeof config === 'string' ? config : JSON.stringify(config));
  return dir;
}

function problem(data: unknown): InputError {
  try {
    parseConfig(data, '/team/ship.config.json');
  } catch (error) {
    if (error instanceof InputError) return error;
    throw error;
  }
  throw new Error('the config was accepted');
}

describe('ship.config.json', () => {
  it('reads every setting and resolves the rules file next to the config', () => {
    const settings = parseConfig(
      {
        $schema: './node_modules/xhs-ship/schema/ship-config.schema.json',
        headerAliases: { trackingNumber: ['物流单号(回填)'], carrier: ['配送公司'] },
        importTemplate: { columns: { orderId: '订单编号' }, carrierNames: { zto: '中通快递' }, maxRows: 500 },
        deadlineHours: 48,
        dueSoonHours: 12,
        rules: 'rules/extra.json',
      },
      '/team/ship.config.json',
    );
    expect(settings.headerAliases).toEqual({ trackingNumber: ['物流单号(回填)'], carrier: ['配送公司'] });
    expect(settings.template).toEqual({ header: ['订单编号', '快递公司', '快递单号'], carrierNames: { zto: '中通快递' } });
    expect(settings.maxRows).toBe(500);
    expect([settings.deadlineHours, settings.dueSoonHours]).toEqual([48, 12]);
    expect(settings.rules).toEqual({ path: join('/team', 'rules', 'extra.json'), namedBy: '/team/ship.config.json' });
  });

  it('names the field of a wrong value, in both languages', () => {
    const error = problem({ importTemplate: { maxRows: '500' } });
    expect(error.text.zh).toContain('importTemplate.maxRows');
    expect(error.text.en).toContain('importTemplate.maxRows');
    expect(error.text.en).toMatch(/expected number/);
    expect(problem({ dueSoonHours: -1 }).text.en).toContain('dueSoonHours');
    expect(problem({ headerAliases: { carrier: ['ok', ''] } }).text.en).toContain('headerAliases.carrier[1]');
  });

  it('names a misspelt field by its own path', () => {
    expect(problem({ importTemplate: { colums: {} } }).text.en).toContain('importTemplate.colums: unknown field');
    expect(problem({ headerAliases: { tracking: ['x'] } }).text.zh).toContain('headerAliases.tracking');
  });

  it('rejects import columns that repeat a name', () => {
    expect(problem({ importTemplate: { columns: { carrier: '快递单号' } } }).text.en).toContain('importTemplate.columns');
  });

  it('rejects a carrier name for a carrier id the rules do not have', () => {
    const settings = parseConfig({ importTemplate: { carrierNames: { zto: '中通快递', zzz: 'X' } } }, '/team/ship.config.json');
    expect(() => checkCarrierNames(settings, CarrierRegistry.builtIn())).toThrow(/importTemplate\.carrierNames\.zzz/);
  });

  it('is optional in the working folder, but must exist when named with --config', async () => {
    expect(await loadSettings({ cwd: folder(), explicit: undefined })).toBe(NO_SETTINGS);
    await rejection(loadSettings({ cwd: folder(), explicit: 'team.json' }), InputError);
  });

  it('is ignored with --no-config, and reports broken JSON', async () => {
    const broken = folder('{ "importTemplate": ');
    expect(await loadSettings({ cwd: broken, explicit: undefined, ignoreDefault: true })).toBe(NO_SETTINGS);
    const error = await rejection(loadSettings({ cwd: broken, explicit: undefined }), InputError);
    expect(error.text.en).toMatch(/not valid JSON/);
  });

  it('reads a config saved with a BOM by Windows Notepad', async () => {
    const dir = folder();
    mkdirSync(join(dir, 'cfg'));
    writeFileSync(join(dir, 'cfg', 'team.json'), '\uFEFF{"importTemplate":{"maxRows":3}}');
    expect((await loadSettings({ cwd: dir, explicit: 'cfg/team.json' })).maxRows).toBe(3);
  });

  // Fractions were always accepted in the config (a team's 1.5 hours must keep working); only a year is the limit.
  it('takes hours above 0 and up to a year for deadlineHours and dueSoonHours', () => {
    for (const hours of [1e300, 8761, 0, -1]) {
      const error = problem({ deadlineHours: hours });
      expect(error.text.zh, String(hours)).toContain('deadlineHours');
      expect(error.text.zh, String(hours)).toContain('应为大于 0、不超过 8760 的小时数，最多一年');
      expect(error.text.en, String(hours)).toContain('hours above 0 and at most 8760, a year');
    }
    expect(parseConfig({ deadlineHours: 0.5, dueSoonHours: 1.5 }, '/team/ship.config.json').dueSoonHours).toBe(1.5);
    expect(problem({ dueSoonHours: 1e300 }).text.en).not.toContain('9007199254740991');
    expect(parseConfig({ deadlineHours: 8760, dueSoonHours: 1 }, '/team/ship.config.json').deadlineHours).toBe(8760);
  });

  it('says how many more problems there are than it lists', () => {
    const error = problem({ deadlineHours: 'a', dueSoonHours: 'b', rules: 3, importTemplate: { maxRows: 'c' }, typo: 1 });
    expect(error.text.zh).toMatch(/；还有 2 处）$/);
    expect(error.text.en).toMatch(/; 2 more\)$/);
    expect(problem({ deadlineHours: 'a', dueSoonHours: 'b', rules: 3 }).text.zh).not.toContain('还有');
  });

  it('gives detect and carriers its rules file without checking the fields they do not use', async () => {
    const dir = folder({ deadlineHours: '48', rules: 'rules/extra.json' });
    expect(await rulesFromConfig({ cwd: dir, explicit: undefined })).toEqual({ path: join(dir, 'rules', 'extra.json'), namedBy: join(dir, 'ship.config.json') });
    expect(await rulesFromConfig({ cwd: dir, explicit: undefined, ignoreDefault: true })).toBeUndefined();
    expect(await rulesFromConfig({ cwd: folder({ deadlineHours: '48' }), explicit: undefined })).toBeUndefined();
    const error = await rejection(rulesFromConfig({ cwd: folder({ rules: 3 }), explicit: undefined }), InputError);
    expect(error.text.en).toContain('rules: expected the path of a rules file');
  });
});
