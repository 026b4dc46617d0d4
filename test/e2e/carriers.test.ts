import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, ship, workspace } from '../helpers/cli.js';

const REQUIRED = ['顺丰速运', '顺丰快运', '京东快递', '京东快运', '中通快递', '中通快运', '圆通速递', '韵达快递', '申通快递', '极兔速递', 'EMS', '邮政快递包裹', '德邦快递', '跨越速运', '安能物流', '壹米滴答', '优速快递', '宅急送', '菜鸟速递', '众邮快递', '天天快递', 'DHL', 'FedEx', 'UPS', 'USPS'];

describe('ship carriers', () => {
  it('lists every carrier a 小红书 merchant ships with', () => {
    const run = ship(['carriers', '--json']);
    expect(run.status).toBe(0);
    const names = (JSON.parse(run.stdout) as { carriers: { displayName: string; names: string[] }[] }).carriers.flatMap((c) => [c.displayName, ...c.names]);
    for (const name of REQUIRED) expect(names, name).toContain(name);
  });

  it('prints a readable table by default, with format names in the language of the run', () => {
    const run = ship(['carriers']);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('顺丰速运');
    expect(run.stdout).toContain('SF 加 13 位数字');
    expect(run.stdout).not.toContain('SF + 13 digits');
    expect(ship(['carriers', '--lang', 'en']).stdout).toContain('SF + 13 digits');
  });
});

describe('ship detect', () => {
  it('names 顺丰速运 for SF1385628716739', () => {
    const run = ship(['detect', 'SF1385628716739']);
    expect(run.status).toBe(0);
    expect(run.stdout.split('\n')[1]).toContain('顺丰速运');
  });

  it('normalizes what was typed and ranks the strongest evidence first', () => {
    const run = ship(['detect', ' sf 1385 6287 16739', '--json']);
    const { results } = JSON.parse(run.stdout) as { results: { normalized: string; candidates: { carrier: string }[] }[] };
    expect(results[0]?.normalized).toBe('SF1385628716739');
    expect(results[0]?.candidates[0]?.carrier).toBe('sf');
  });

  it('names a 京东 package barcode and its waybill, as validate does, and exits 1: it is no waybill', () => {
    const run = ship(['detect', 'JD0093356842901-2-3-']);
    expect(run.status).toBe(1);
    expect(run.stdout).toContain('这是京东快递的包裹号，不是运单号；运单号是 JD0093356842901');
    const json = JSON.parse(ship(['detect', 'JD0093356842901-2-3-', '--json']).stdout) as { results: { packageBarcode?: { carrier: string; waybill: string } }[] };
    expect(json.results[0]?.packageBarcode).toMatchObject({ carrier: 'jd', waybill: 'JD0093356842901' });
  });

  it('exits 1 when a number fits no carrier', () => {
    const run = ship(['detect', 'SF1385628716739', 'HELLO']);
    expect(run.status).toBe(1);
    expect(run.stdout).toContain('不符合任何已知快递公司的格式');
  });

  it('says why an empty number or one Excel showed in scientific notation fits nothing, and echoes no escape sequence', () => {
    const run = ship(['detect', '', '7.73277E+14', 'SF\u001b[2J1']);
    expect(run.status).toBe(1);
    const lines = run.stdout.split('\n');
    expect(lines.slice(0, 4)).toEqual(["''", '  单号是空的（脚本里的变量可能没有值）', '7.73277E+14', expect.stringContaining('快递单号是科学计数法「7.73277E+14」，真实单号已丢失；把该列设为「文本」格式')]);
    expect(run.stdout).not.toContain('\u001b');
  });

  it('speaks English under an English locale, like validate, unless --lang says otherwise', () => {
    const english = ship(['detect', 'SF1385628716739'], { env: { LANG: 'en_US.UTF-8' } });
    expect(english.stdout).toContain('(letter prefix)');
    const chosen = ship(['detect', 'SF1385628716739', '--lang', 'zh'], { env: { LANG: 'en_US.UTF-8' } });
    expect(chosen.stdout).toContain('(字母前缀)');
    const listed = ship(['carriers'], { env: { LANG: 'en_US.UTF-8' } });
    expect(listed.stdout).not.toBe(ship(['carriers']).stdout);
  });
});

describe('--rules', () => {
  it('applies the rules example in the README: a new carrier, and new aliases for an existing one', () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    const section = readme.slice(readme.indexOf('### 自己补充或修正规则'));
    const example = /```json\n([\s\S]*?)\n```/.exec(section)?.[1];
    expect(example).toBeDefined();
    const dir = workspace('all-importable.xlsx');
    const rules = join(dir, 'my-rules.json');
    writeFileSync(rules, example ?? '');
    const run = ship(['detect', 'JSD123456789012', '--rules', rules]);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('极速达');
    expect(ship(['detect', 'JSD123456789012']).status).toBe(1);
    const carriers = JSON.parse(ship(['carriers', '--json', '--rules', rules]).stdout) as { carriers: { id: string; names: string[]; formats: unknown[] }[] };
    const zto = carriers.carriers.find((c) => c.id === 'zto');
    expect(zto?.names).toContain('中通加盟');
    expect(zto?.formats.length).toBeGreaterThan(0);
    expect(ship(['validate', 'all-importable.xlsx', '--rules', rules], { cwd: dir }).status).toBe(0);
  });

  it('exits 2 naming the bad field of a broken rules file', () => {
    const dir = workspace();
    const rules = join(dir, 'bad.json');
    writeFileSync(rules, JSON.stringify({ carriers: [{ id: 'sf', formats: [{ id: 'sf-x', name: 'x', pattern: '^SF\\d+$', status: 'current', confidence: 'inferred', specificity: 'letter-prefix', checksum: { name: 'crc99' }, source: 's', test: { valid: [], invalid: [] } }] }] }));
    const run = ship(['detect', 'SF1', '--rules', rules]);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('checksum');
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });
});
