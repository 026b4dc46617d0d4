// ship.config.json and --rules files as a team leaves them on the machine that runs the
// nightly batch: saved by Notepad or WPS (GBK, a BOM), a pattern that would backtrack
// without end, hours typed with too many zeros, a pipe or a folder where a file should be,
// and a config whose other fields do not concern `ship detect`. Every one ends in exit 0
// or in exit 2 with a message that says what to do, never in a hang or an internal error.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, ship, workspace } from '../helpers/cli.js';

/** A run that must end well within this: a hang fails the test instead of stalling the suite. */
const PROMPT = { timeout: 20_000 };

const JSD_FORMAT = { id: 'acme-1', name: 'JSD', pattern: '^JSD\\d{12}$', status: 'current', confidence: 'inferred', specificity: 'letter-prefix', source: '面单' };
const rulesWith = (pattern: string) => JSON.stringify({ carriers: [{ id: 'acme', displayName: '极速达', names: ['极速达快递'], formats: [{ ...JSD_FORMAT, pattern }] }] });

// A 32-digit cell ending in a letter: `^(\d+)+$` tries about 2^32 ways on it.
const LONG_CELL = `${'1'.repeat(32)}X`;
const ORDERS = ['订单号,订单状态,快递公司,快递单号,支付时间', 'P370851861608708175,待配货,顺丰速运,SF1385628716739,2026-11-24 10:06:01', `P370851861608708176,待配货,极速达,${LONG_CELL},2026-11-24 10:07:01`].join('\r\n');

// {"importTemplate":{"carrierNames":{"zto":"中通快递"}}} as Notepad saves it on a Chinese Windows (GBK).
const GBK_CONFIG = Buffer.concat([Buffer.from('{"importTemplate":{"carrierNames":{"zto":"'), Buffer.from([0xd6, 0xd0, 0xcd, 0xa8, 0xbf, 0xec, 0xb5, 0xdd]), Buffer.from('"}}}')]);

function folder(files: Record<string, string | Buffer> = {}): string {
  const dir = workspace();
  writeFileSync(join(dir, 'orders.csv'), ORDERS);
  for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), content);
  return dir;
}

describe('a rules pattern that could backtrack without end', () => {
  const dir = folder({ 'redos.json': rulesWith('^(\\d+)+$') });

  it('stops detect at load with exit 2, naming the carrier, the format and why', () => {
    const run = ship(['detect', LONG_CELL, '--rules', 'redos.json'], { cwd: dir, ...PROMPT });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('ship: redos.json: 规则文件有错（carriers[0].formats[0].pattern）：快递公司 acme 的格式 acme-1：嵌套或重叠的重复');
    expect(run.stderr).toContain('可能让匹配永远算不完');
    const en = ship(['detect', LONG_CELL, '--rules', 'redos.json', '--lang', 'en'], { cwd: dir, ...PROMPT });
    expect(en.stderr).toContain('carrier "acme", format "acme-1": nested or overlapping repetition');
  });

  it('stops validate before any row is read, the same way', () => {
    const run = ship(['validate', 'orders.csv', '--rules', 'redos.json'], { cwd: dir, ...PROMPT });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('嵌套或重叠的重复');
    expect(existsSync(join(dir, 'orders.import.xlsx'))).toBe(false);
  });

  it('lets a number longer than any carrier prints fit nothing, and says why', () => {
    const run = ship(['detect', '1'.repeat(60)], PROMPT);
    expect(run.status).toBe(1);
    expect(run.stdout).toContain('有 60 个字符，比任何快递单号都长（最多 48 个）');
  });
});

describe('a rules file whose mistakes would only show up as rejected orders', () => {
  /** The JSD format with its own examples, as a script author writes them. */
  const withExamples = (format: Record<string, unknown>) =>
    JSON.stringify({ carriers: [{ id: 'acme', displayName: '极速达', names: ['极速达快递'], formats: [{ ...JSD_FORMAT, test: { valid: [{ number: 'JSD123456789012', source: '面单' }], invalid: [{ number: 'JSD1', why: '太短' }] }, ...format }] }] });
  const dir = folder({
    'invalid-accepted.json': withExamples({ test: { valid: [{ number: 'JSD123456789012', source: '面单' }], invalid: [{ number: 'JSD123456789012', why: '以为是错的' }] } }),
    'lower.json': withExamples({ pattern: '^jsd\\d{12}$' }),
    'letters.json': withExamples({ pattern: '^(?<serial>[A-Z]{8})(?<check>\\d)\\d{6}$', checksum: { name: 's10' }, test: { valid: [], invalid: [] } }),
    'alias.json': JSON.stringify({ carriers: [{ id: 'acme', displayName: '极速达', names: ['中通'], formats: [JSD_FORMAT] }] }),
    'commented.json': '{\n  // 极速达的规则\n  "carriers": []\n}\n',
  });

  it.each([
    ['a number listed as invalid that its pattern accepts', 'invalid-accepted.json', 'carriers[0].formats[0].test.invalid[0].number', '快递公司 acme 的格式 acme-1：test.invalid 里的 JSD123456789012 却被这个格式接受', 'carrier "acme", format "acme-1": test.invalid number JSD123456789012 is accepted by the format'],
    ['a pattern in lower case', 'lower.json', 'carriers[0].formats[0].pattern', '快递公司 acme 的格式 acme-1：^jsd\\d{12}$ 里有小写字母 j、s、d，但单号在比对前都会转成大写', 'numbers are compared in upper case'],
    ['a checksum over letters', 'letters.json', 'carriers[0].formats[0].pattern', '快递公司 acme 的格式 acme-1：校验位算法 s10 只能计算数字，但 pattern 的 (?<serial>…) 组还能匹配字母', 'check-digit algorithm s10 reads only digits'],
    ['an alias of a built-in carrier', 'alias.json', 'carriers[0].names[0]', '别名「中通」也是快递公司 zto 的别名（「中通」）', 'alias "中通" is also an alias of carrier "zto"'],
  ])('stops at load with exit 2 on %s, in Chinese and in English', (_, name, path, zh, en) => {
    const run = ship(['detect', 'JSD123456789012', '--rules', name], { cwd: dir, ...PROMPT });
    expect(run.status).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain(`ship: ${name}: 规则文件有错（${path}）：${zh}`);
    const english = ship(['detect', 'JSD123456789012', '--rules', name, '--lang', 'en'], { cwd: dir, ...PROMPT });
    expect(english.status).toBe(2);
    expect(english.stderr).toContain(`Error in the rules file at ${path}: `);
    expect(english.stderr).toContain(en);
  });

  it('stops validate the same way before any output is written', () => {
    const run = ship(['validate', 'orders.csv', '--rules', 'lower.json'], { cwd: dir, ...PROMPT });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('请改成大写：^JSD\\d{12}$');
    expect(existsSync(join(dir, 'orders.import.xlsx'))).toBe(false);
  });

  it('says where a comment breaks the JSON, by line and column, in both languages', () => {
    const run = ship(['detect', 'JSD123456789012', '--rules', 'commented.json'], { cwd: dir, ...PROMPT });
    expect(run.status).toBe(2);
    expect(run.stderr).toBe('ship: commented.json: 规则文件不是有效的 JSON：第 2 行第 3 列：这里是注释，JSON 不允许注释（// 或 /* */）；请删去注释\n');
    const en = ship(['detect', 'JSD123456789012', '--rules', 'commented.json', '--lang', 'en'], { cwd: dir, ...PROMPT });
    expect(en.stderr).toContain('The rules file is not valid JSON: line 2, column 3: this is a comment, and JSON allows no comments');
  });

  it('says the same of a config file', () => {
    const config = folder({ 'ship.config.json': '{\n  "deadlineHours": 48,\n}\n' });
    const run = ship(['validate', 'orders.csv'], { cwd: config, ...PROMPT });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('ship.config.json: 配置文件不是有效的 JSON：第 2 行第 22 列：最后一项后面多了逗号，JSON 不允许；请删去这个逗号');
  });
});

describe('a config or rules file that is not UTF-8', () => {
  it('stops validate with exit 2 instead of writing mojibake into the import sheet', () => {
    const dir = folder({ 'ship.config.json': GBK_CONFIG });
    const run = ship(['validate', 'orders.csv'], { cwd: dir, ...PROMPT });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('ship.config.json: 配置文件不是 UTF-8 编码');
    expect(run.stderr).toContain('请另存为 UTF-8 后重试');
    expect(existsSync(join(dir, 'orders.import.xlsx'))).toBe(false);
    expect(ship(['template', 'x.xlsx', '--lang', 'en'], { cwd: dir, ...PROMPT }).stderr).toContain('The config file is not UTF-8');
  });

  it('stops a run given GBK rules the same way', () => {
    const dir = folder({ 'gbk.json': Buffer.concat([Buffer.from('{"carriers":[{"id":"zto","displayName":"'), Buffer.from([0xd6, 0xd0, 0xcd, 0xa8]), Buffer.from('"}]}')]) });
    const run = ship(['detect', 'SF1385628716739', '--rules', 'gbk.json'], { cwd: dir, ...PROMPT });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('gbk.json: 规则文件不是 UTF-8 编码');
  });

  it('reads a rules file saved with a BOM, as a config with one', () => {
    const dir = folder({ 'bom.json': `\uFEFF${rulesWith('^JSD\\d{12}$')}` });
    const run = ship(['detect', 'JSD123456789012', '--rules', 'bom.json'], { cwd: dir, ...PROMPT });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('极速达');
  });
});

describe('deadline hours', () => {
  const paidOnly = ['订单号,订单状态,快递公司,快递单号,支付时间', 'P370851861608708175,待配货,顺丰速运,SF1385628716739,2026-11-24 10:06:01'].join('\r\n');

  it('refuses more than a year on the command line, saying the range', () => {
    const dir = folder({ 'paid.csv': paidOnly });
    const run = ship(['validate', 'paid.csv', '--deadline-hours', '3000000000', '--due-soon', '3000000000'], { cwd: dir, ...PROMPT });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('1 到 8760（一年）之间的整数小时');
    expect(run.stderr).not.toContain('内部错误');
    const year = ship(['validate', 'paid.csv', '--deadline-hours', '8760', '--due-soon', '8760'], { cwd: dir, ...PROMPT });
    expect(year.stderr).toBe('');
    expect(year.status).toBe(0);
  });

  it('refuses more than a year, or no hours at all, in the config, and keeps taking part of an hour', () => {
    const dir = folder({ 'ship.config.json': '{"deadlineHours":1e300,"dueSoonHours":0}' });
    const run = ship(['validate', 'orders.csv'], { cwd: dir, ...PROMPT });
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/deadlineHours: .*（应为大于 0、不超过 8760 的小时数，最多一年）; dueSoonHours: /);
    writeFileSync(join(dir, 'ship.config.json'), '{"deadlineHours":0.5,"dueSoonHours":1.5}');
    expect(ship(['validate', 'orders.csv'], { cwd: dir, ...PROMPT }).stderr).not.toContain('deadlineHours');
  });
});

describe('a config or rules path that is no plain file', () => {
  // Scripts pass settings through pipes: `--rules <(cat rules.json)`, `cat rules.json | ship … --rules /dev/stdin`.
  it.skipIf(process.platform === 'win32')('reads a piped rules or config file, and refuses an endless device', () => {
    const dir = folder();
    const piped = spawnSync('sh', ['-c', `echo '{"carriers":[]}' | node ${JSON.stringify(join(ROOT, 'bin', 'ship.js'))} detect SF1385628716739 --rules /dev/stdin`], { cwd: dir, encoding: 'utf8' });
    expect(piped.status).toBe(0);
    expect(piped.stdout).toContain('顺丰速运');
    const config = spawnSync('sh', ['-c', `echo '{"deadlineHours":1e300}' | node ${JSON.stringify(join(ROOT, 'bin', 'ship.js'))} validate orders.csv --config /dev/stdin`], { cwd: dir, encoding: 'utf8' });
    expect(config.status).toBe(2);
    expect(config.stderr).toContain('deadlineHours');
    const endless = ship(['detect', 'SF1385628716739', '--rules', '/dev/zero'], { cwd: dir, ...PROMPT });
    expect(endless.status).toBe(2);
    expect(endless.stderr).toContain('规则文件超过 16 MB，不像是手写的 JSON');
  });

  it('says a folder is a folder, and an empty name is empty, as for inputs', () => {
    const dir = folder();
    mkdirSync(join(dir, 'cfg'));
    expect(ship(['validate', 'orders.csv', '--config', 'cfg'], { cwd: dir, ...PROMPT }).stderr).toContain('这是一个文件夹，不是配置文件；请指定 JSON 文件');
    const empty = ship(['validate', 'orders.csv', '--config', ''], { cwd: dir, ...PROMPT });
    expect(empty.status).toBe(2);
    expect(empty.stderr).toBe("ship: '': 配置文件名是空的（脚本里的变量可能没有值）\n");
    expect(ship(['detect', 'SF1385628716739', '--rules', ''], { cwd: dir, ...PROMPT }).stderr).toContain('规则文件名是空的');
  });
});

describe('config errors', () => {
  it('say how many more there are than they list', () => {
    const dir = folder({ 'ship.config.json': JSON.stringify({ deadlineHours: 'a', dueSoonHours: 'b', importTemplate: { maxRows: 'c', x: 1 }, y: 2 }) });
    const run = ship(['validate', 'orders.csv'], { cwd: dir, ...PROMPT });
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/；还有 2 处）\n$/);
    expect(ship(['validate', 'orders.csv', '--lang', 'en'], { cwd: dir, ...PROMPT }).stderr).toMatch(/; 2 more\)\n$/);
  });
});

describe('ship detect and ship carriers with a config', () => {
  it('are not stopped by config fields they do not use', () => {
    const dir = folder({ 'ship.config.json': '{"deadlineHours":"48"}' });
    expect(ship(['detect', 'SF1385628716739'], { cwd: dir, ...PROMPT }).status).toBe(0);
    expect(ship(['carriers', '--json'], { cwd: dir, ...PROMPT }).status).toBe(0);
    expect(ship(['validate', 'orders.csv'], { cwd: dir, ...PROMPT }).status).toBe(2);
  });

  it('take the rules of --config, and none with --no-config', () => {
    const dir = folder({ 'team.json': '{"rules":"rules/jsd.json","deadlineHours":"48"}' });
    mkdirSync(join(dir, 'rules'));
    writeFileSync(join(dir, 'rules', 'jsd.json'), rulesWith('^JSD\\d{12}$'));
    expect(ship(['detect', 'JSD123456789012', '--config', 'team.json'], { cwd: dir, ...PROMPT }).stdout).toContain('极速达');
    const carriers = JSON.parse(ship(['carriers', '--json', '--config', 'team.json'], { cwd: dir, ...PROMPT }).stdout) as { carriers: { id: string }[] };
    expect(carriers.carriers.map((c) => c.id)).toContain('acme');
    writeFileSync(join(dir, 'ship.config.json'), '{"rules":"rules/jsd.json"}');
    expect(ship(['detect', 'JSD123456789012'], { cwd: dir, ...PROMPT }).status).toBe(0);
    expect(ship(['detect', 'JSD123456789012', '--no-config'], { cwd: dir, ...PROMPT }).status).toBe(1);
  });

  it('say that ship.config.json named a rules file that is missing', () => {
    const dir = folder({ 'ship.config.json': '{"rules":"nope.json"}' });
    const run = ship(['detect', 'SF1385628716739'], { cwd: dir, ...PROMPT });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain(`nope.json: 找不到规则文件；它由 ${join(dir, 'ship.config.json')} 的 rules 指定`);
  });
});

describe('start-up', () => {
  /** The modules `node bin/ship.js …` loads, as test/bench/trace-modules.mjs lists them. */
  function loaded(args: readonly string[], cwd: string): string {
    const trace = join(cwd, 'modules.txt');
    const run = spawnSync(process.execPath, ['--import', join(ROOT, 'test/bench/trace-modules.mjs'), join(ROOT, 'bin/ship.js'), ...args], {
      cwd,
      env: { PATH: process.env.PATH ?? '', NO_COLOR: '1', SHIP_TRACE_MODULES: trace },
      encoding: 'utf8',
      timeout: 20_000,
    });
    expect(run.status, run.stderr).toBe(0);
    return readFileSync(trace, 'utf8');
  }

  it('loads neither zod nor the pattern check for ship detect without a rules file', () => {
    const dir = folder({ 'jsd.json': rulesWith('^JSD\\d{12}$') });
    const plain = loaded(['detect', 'SF1385628716739'], dir);
    for (const name of ['/node_modules/exceljs/', '/node_modules/zod/', '/node_modules/yauzl/', '/carriers/backtracking.js', '/carriers/load.js']) expect(plain).not.toContain(name);
    const withRules = loaded(['detect', 'JSD123456789012', '--rules', 'jsd.json'], dir);
    expect(withRules).toContain('/carriers/backtracking.js');
  });
});
