// A rules file is refused at load for the mistakes that would otherwise only show up later
// as rejected (or wrongly accepted) orders: examples its own format contradicts, a pattern
// with lower-case letters, a checksum whose groups hold what its algorithm cannot read.
// Each refusal names the carrier, the format and what to change, in Chinese and English.
import { describe, expect, it } from 'vitest';
import { withOverrides } from '../../src/carriers/load.js';
import { CarrierRegistry, RulesError } from '../../src/carriers/registry.js';

const registry = CarrierRegistry.builtIn();

type Json = Record<string, unknown>;

/** A --rules file adding 极速达 with one format; `format` replaces or adds fields of it. */
function rulesWith(format: Json = {}, carrier: Json = {}) {
  const base = { id: 'acme-15', name: 'JSD + 12 digits', pattern: '^JSD\\d{12}$', status: 'current', confidence: 'inferred', specificity: 'letter-prefix', source: '面单' };
  return { carriers: [{ id: 'acme', displayName: '极速达', names: ['极速达快递'], formats: [{ ...base, ...format }], ...carrier }] };
}

const valid = (...numbers: string[]) => numbers.map((number) => ({ number, source: '面单照片' }));
const invalid = (...numbers: string[]) => numbers.map((number) => ({ number, why: '错' }));

function load(data: unknown): CarrierRegistry {
  return withOverrides(registry, data, 'my-rules.json');
}

function loadError(data: unknown): RulesError {
  try {
    load(data);
  } catch (error) {
    if (error instanceof RulesError) return error;
    throw error;
  }
  throw new Error('the rules were accepted');
}

/** Both languages name the carrier and the format. */
function expectNamed(error: RulesError, format = 'acme-15'): void {
  expect(error.problem).toContain(`carrier "acme", format "${format}"`);
  expect(error.problemZh).toContain(`快递公司 acme 的格式 ${format}`);
}

describe('a format whose own examples contradict it', () => {
  it('is refused when its pattern accepts a number listed as invalid (the probe: JSD123456789012)', () => {
    const error = loadError(rulesWith({ test: { valid: valid('JSD123456789012'), invalid: invalid('JSD1', 'JSD123456789012') } }));
    expect(error.path).toBe('carriers[0].formats[0].test.invalid[1].number');
    expectNamed(error);
    expect(error.problemZh).toContain('test.invalid 里的 JSD123456789012 却被这个格式接受');
    expect(error.problemZh).toContain('请收紧 pattern 使它不再匹配，或把这个单号移出 test.invalid');
    expect(error.problem).toContain('tighten the pattern, or take the number out of test.invalid');
  });

  it('is refused when a valid number does not match its pattern', () => {
    const error = loadError(rulesWith({ test: { valid: valid('JSD12345678901'), invalid: [] } }));
    expect(error.path).toBe('carriers[0].formats[0].test.valid[0].number');
    expectNamed(error);
    expect(error.problemZh).toContain('test.valid 里的 JSD12345678901 不符合这个格式的 pattern ^JSD\\d{12}$');
    expect(error.problem).toContain('fix the pattern or the number');
  });

  it('reads each example as a cell is read: lower case, full width, spaces and an apostrophe are fine', () => {
    const file = rulesWith({ test: { valid: valid('jsd123456789012', 'ＪＳＤ１２３４５６７８９０１２', "'JSD 1234 5678 9012"), invalid: invalid('JSD1') } });
    expect(load(file).check('acme', 'JSD123456789012').kind).toBe('valid');
  });

  it('says how a number was read when normalization changed it', () => {
    const error = loadError(rulesWith({ test: { valid: [], invalid: invalid('jsd 123456789012') } }));
    expect(error.problemZh).toContain('jsd 123456789012（按单元格的方式整理后是 JSD123456789012）');
    expect(error.problem).toContain('jsd 123456789012 (read as JSD123456789012)');
  });

  it('is refused when a valid number fails its check digit', () => {
    const s10 = { pattern: '^JS(?<serial>\\d{8})(?<check>\\d)CN$', checksum: { name: 's10' }, test: { valid: valid('JS123456780CN'), invalid: [] } };
    const error = loadError(rulesWith(s10));
    expect(error.path).toBe('carriers[0].formats[0].test.valid[0].number');
    expect(error.problemZh).toContain('test.valid 里的 JS123456780CN 符合 pattern，但校验位不对（s10）');
    expect(error.problem).toContain('fails its check digit (s10)');
  });

  it('takes an invalid number that only fails the check digit, since the format refuses it', () => {
    const s10 = { pattern: '^JS(?<serial>\\d{8})(?<check>\\d)CN$', checksum: { name: 's10' }, test: { valid: valid('JS123456785CN'), invalid: invalid('JS123456780CN') } };
    expect(load(rulesWith(s10)).check('acme', 'JS123456785CN')).toMatchObject({ kind: 'valid', byChecksum: true });
    const passing = { ...s10, test: { valid: [], invalid: invalid('JS123456785CN') } };
    expect(loadError(rulesWith(passing)).problemZh).toContain('（符合 pattern ^JS(?<serial>\\d{8})(?<check>\\d)CN$，校验位也对）');
  });

  it('is refused when a valid number is longer than any number ship takes', () => {
    const long = { pattern: '^JSD\\d{10,50}$', test: { valid: valid(`JSD${'1'.repeat(46)}`), invalid: [] } };
    expect(loadError(rulesWith(long)).problemZh).toContain('有 49 个字符，比 ship 接受的最长单号（48 个）还长');
  });

  it('holds package barcode examples to the barcode pattern and its waybill group', () => {
    const barcode = (test: Json) => rulesWith({}, { packageBarcode: { pattern: '^(?<waybill>JSD\\d{12})-\\d{1,3}$', source: 's', test } });
    expect(() => load(barcode({ valid: [{ number: 'JSD123456789012-1', waybill: 'JSD123456789012', source: 's' }], invalid: invalid('JSD123456789012') }))).not.toThrow();
    const wrongWaybill = loadError(barcode({ valid: [{ number: 'JSD123456789012-1', waybill: 'JSD123456789013', source: 's' }], invalid: [] }));
    expect(wrongWaybill.path).toBe('carriers[0].packageBarcode.test.valid[0].waybill');
    expect(wrongWaybill.problemZh).toContain('从包裹号 JSD123456789012-1 取出的运单号是 JSD123456789012，不是 test.valid 写的 JSD123456789013');
    const accepted = loadError(barcode({ valid: [], invalid: invalid('JSD123456789012-12') }));
    expect(accepted.path).toBe('carriers[0].packageBarcode.test.invalid[0].number');
    expect(accepted.problemZh).toContain('快递公司 acme：packageBarcode 的 test.invalid 里的 JSD123456789012-12 却符合 packageBarcode.pattern');
  });

  it('is checked for a built-in carrier a file patches too', () => {
    const patch = { carriers: [{ id: 'zto', formats: [{ id: 'zto-x', name: 'X', pattern: '^7\\d{13}$', status: 'current', confidence: 'inferred', specificity: 'digit-prefix', source: 's', test: { valid: [], invalid: invalid('73123456789012') } }] }] };
    const error = loadError(patch);
    expect(error.path).toBe('carriers[0].formats[0].test.invalid[0].number');
    expect(error.problemZh).toContain('快递公司 zto 的格式 zto-x');
  });
});

describe('a pattern with lower-case letters', () => {
  it('is refused, saying numbers are compared in upper case and giving the pattern in upper case', () => {
    const error = loadError(rulesWith({ pattern: '^jsd\\d{12}$' }));
    expect(error.path).toBe('carriers[0].formats[0].pattern');
    expectNamed(error);
    expect(error.problemZh).toContain('单号在比对前都会转成大写');
    expect(error.problemZh).toContain('请改成大写：^JSD\\d{12}$');
    expect(error.problem).toContain('numbers are compared in upper case');
    expect(error.problem).toContain('write them in upper case: ^JSD\\d{12}$');
  });

  it('is refused when every branch needs a lower-case letter', () => {
    expect(loadError(rulesWith({ pattern: '^(?:jsd|xyz)\\d{12}$' })).problemZh).toContain('小写字母永远匹配不上');
  });

  it('is refused before its examples are run, since it is why they fail', () => {
    expect(loadError(rulesWith({ pattern: '^jsd\\d{12}$', test: { valid: valid('JSD123456789012'), invalid: [] } })).path).toBe('carriers[0].formats[0].pattern');
  });

  it('is refused in a package barcode and a check-digit prefix', () => {
    const barcode = loadError(rulesWith({}, { packageBarcode: { pattern: '^(?<waybill>JSD\\d{12})-p\\d$', source: 's' } }));
    expect(barcode.path).toBe('carriers[0].packageBarcode.pattern');
    expect(barcode.problemZh).toContain('快递公司 acme：');
    const prefix = { pattern: '^(?<serial>\\d{11})(?<check>\\d)$', checksum: { name: 'mod10', evensMultiplier: 3, oddsMultiplier: 1, prepend: { unlessMatches: '^x', content: '91' } } };
    expect(loadError(rulesWith(prefix)).path).toBe('carriers[0].formats[0].checksum.prepend.unlessMatches');
  });

  it.each([
    ['\\d, \\s and \\w', '^JSD\\d{12}\\s?\\w?$'],
    ['a lower-case range', '^[A-Za-z]{3}\\d{12}$'],
    ['group names', '^JS(?<serial>\\d{8})(?<check>\\d)CN$'],
    // Written for mixed-case input, these always matched an upper-cased number: they loaded before the check and must still.
    ['a lower-case spelling beside the upper-case one', '^(?:JSD|jsd)\\d{12}$'],
    ['both cases in a class', '^[Jj][Ss][Dd]\\d{12}$'],
    ['an optional lower-case letter', '^JSD[x]?\\d{12}$'],
  ])('loads with %s', (_, pattern) => {
    expect(() => load(rulesWith({ pattern, ...(pattern.includes('serial') ? { checksum: { name: 's10' } } : {}) }))).not.toThrow();
  });
});

describe('a checksum its pattern groups cannot feed', () => {
  it('is refused when the serial group holds letters (the probe: every number "failed the check digit")', () => {
    const error = loadError(rulesWith({ pattern: '^(?<serial>[A-Z]{8})(?<check>\\d)CN$', checksum: { name: 's10' } }));
    expect(error.path).toBe('carriers[0].formats[0].pattern');
    expectNamed(error);
    expect(error.problemZh).toContain('校验位算法 s10 只能计算数字，但 pattern 的 (?<serial>…) 组还能匹配字母');
    expect(error.problemZh).toContain('请让 (?<serial>…) 只框住数字');
    expect(error.problem).toContain('check-digit algorithm s10 reads only digits');
  });

  it('is refused when the check group is a letter or more than one digit', () => {
    expect(loadError(rulesWith({ pattern: '^JS(?<serial>\\d{8})(?<check>[A-Z])CN$', checksum: { name: 's10' } })).problem).toContain('(?<check>…) group can also hold letters');
    expect(loadError(rulesWith({ pattern: '^JS(?<serial>\\d{8})(?<check>\\d{2})CN$', checksum: { name: 's10' } })).problemZh).toContain('校验位是 1 位数字，但 pattern 的 (?<check>…) 组是 2 位');
  });

  it('is refused when the serial is not the length the algorithm reads', () => {
    expect(loadError(rulesWith({ pattern: '^JS(?<serial>\\d{9})(?<check>\\d)$', checksum: { name: 's10' } })).problemZh).toContain('s10 算的是 8 位序号，但 pattern 的 (?<serial>…) 组是 9 位');
    const mod11 = { pattern: '^(?<serial>\\d{10,12})(?<check>\\d)$', checksum: { name: 'mod11', weights: [3, 1, 7] } };
    expect(loadError(rulesWith(mod11)).problemZh).toContain('mod11 有 3 个 weights，序号就是 3 位，但 pattern 的 (?<serial>…) 组是 10–12 位');
  });

  it('takes capitals in a mod10 serial, as UPS 1Z numbers carry them', () => {
    expect(() => load(rulesWith({ pattern: '^1Z(?<serial>[0-9A-Z]{15})(?<check>\\d)$', checksum: { name: 'mod10', evensMultiplier: 1, oddsMultiplier: 2 } }))).not.toThrow();
    expect(loadError(rulesWith({ pattern: '^(?<serial>.{15})(?<check>\\d)$', checksum: { name: 'mod10', evensMultiplier: 1, oddsMultiplier: 2 } })).problem).toContain('other characters');
  });

  it('is left to the examples when a lookahead decides what the group holds', () => {
    const ahead = { pattern: '^(?=[A-Z])(?<serial>\\w{8})(?<check>\\d)$', checksum: { name: 'mod7' } };
    expect(() => load(rulesWith(ahead))).not.toThrow();
    const error = loadError(rulesWith({ ...ahead, test: { valid: valid('ABCDEFGH1'), invalid: [] } }));
    expect(error.problemZh).toContain('符合 pattern，但校验位不对（mod7）');
  });
});
