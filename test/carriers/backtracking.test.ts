// A rules pattern that could backtrack without end is refused when the rules file is
// loaded; a number longer than any carrier prints never reaches a pattern at all. Each
// half is tested on its own: either one alone keeps `^(\d+)+$` from hanging a batch.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { backtrackingWays, isBoundedPattern, MOST_WAYS } from '../../src/carriers/backtracking.js';
import { withOverrides } from '../../src/carriers/load.js';
import { CarrierRegistry, LONGEST_TRACKING_NUMBER, RulesError, type Carrier } from '../../src/carriers/registry.js';

const registry = CarrierRegistry.builtIn();

/** A --rules file adding one carrier (or patching a known one) with a format of this pattern. */
function rulesWith(pattern: string, id = 'acme') {
  const format = { id: `${id}-x`, name: 'X', pattern, status: 'current', confidence: 'inferred', specificity: 'length-only', source: 's' };
  return { carriers: [{ id, displayName: '极速达', names: ['极速达快递'], formats: [format] }] };
}

function loadError(data: unknown): RulesError {
  try {
    withOverrides(registry, data, 'my-rules.json');
  } catch (error) {
    if (error instanceof RulesError) return error;
    throw error;
  }
  throw new Error('the rules were accepted');
}

describe('isBoundedPattern', () => {
  it.each([
    ['nested repetition', '^(\\d+)+$'],
    ['nested repetition without a group name', '^(?:[0-9A-Z]+)*$'],
    ['overlapping alternatives repeated', '^(\\d|\\d)+$'],
    ['alternatives of different lengths repeated', '^(\\d|\\d\\d)+$'],
    ['a range repeated', '^(\\d{2,3})+$'],
    ['an optional repeated', '^(\\d?){20}$'],
    ['many overlapping runs in a row', '^\\d*\\d*\\d*\\d*\\d*\\d*\\d*\\d*\\d*\\d*$'],
    ['nested repetition inside a lookahead', '^(?=(\\d+)+$)\\d+$'],
    ['a repeated choice (write a class instead)', '^(A|B)+$'],
    ['rounds whose delimiter the repeat inside can take', '^(?:-.+)*$'],
    ['digits and an optional hyphen, repeated', '^(?:\\d+-?)+$'],
  ])('refuses %s: %s', (_, pattern) => {
    expect(isBoundedPattern(pattern)).toBe(false);
  });

  it.each([
    ['fixed counts', '^SF\\d{13}$'],
    ['a bounded range', '^\\d{8,10}$'],
    ['a fixed-width group repeated', '^(?:\\d{3}){4}$'],
    ['a group of fixed width repeated without end', '^(?:[A-Z]\\d)+$'],
    ['two runs in a row', '^[A-Z]*\\d*$'],
    ['a backreference', '^(\\d)\\1{11}$'],
    ['a literal brace (no quantifier without the u flag)', '^A{,3}\\d{12}$'],
    // Refused by the first version of the bound (a review of the day's diff): safe, and written in real rules files.
    ['open runs in a row, which only split the number among them', '^[A-Z]+\\d+[A-Z]*$'],
    ['three runs of digits', '^\\d+\\d+\\d+$'],
    ['an optional prefix, then rounds that start with a hyphen', '^(?:[A-Z]{2,4})?\\d+(?:-\\d+)*$'],
    ['a waybill, then one to three hyphenated parts', '^(?<waybill>\\d{12,15})(?:-\\d+){1,3}$'],
    ['a package barcode with an open tail', '^(?<waybill>JD[0-9A-Z]{2}\\d{11})-\\d+-\\d+-.*$'],
  ])('accepts %s: %s', (_, pattern) => {
    expect(isBoundedPattern(pattern)).toBe(true);
  });

  it('counts the ways a pattern can try, within the longest number', () => {
    expect(backtrackingWays('^\\d{12}$')).toBe(1);
    expect(backtrackingWays('^\\d{8,10}$')).toBe(3);
    expect(backtrackingWays('^(?:420\\d{5})?\\d{12}$')).toBe(2);
    // One open run: the lengths it can take, counted as splits of the number (an upper bound).
    expect(backtrackingWays('^\\d+$')).toBe(LONGEST_TRACKING_NUMBER + 1);
    expect(backtrackingWays('^(\\d|\\d)+$')).toBe(Number.POSITIVE_INFINITY);
  });

  it('passes every pattern of the built-in carriers.json', () => {
    const data = JSON.parse(readFileSync(join(import.meta.dirname, '../../src/carriers/carriers.json'), 'utf8')) as { carriers: Carrier[] };
    const patterns = data.carriers.flatMap((carrier) => [
      ...carrier.formats.flatMap((format) => [format.pattern, ...(format.checksum?.name === 'mod10' && format.checksum.prepend ? [format.checksum.prepend.unlessMatches] : [])]),
      ...(carrier.packageBarcode ? [carrier.packageBarcode.pattern] : []),
    ]);
    expect(patterns.length).toBeGreaterThan(40);
    for (const pattern of patterns) expect(backtrackingWays(pattern), pattern).toBeLessThanOrEqual(MOST_WAYS);
  });
});

describe('a rules file whose pattern could backtrack without end', () => {
  it('is refused at load, naming the carrier, the format and why, in both languages', () => {
    const error = loadError(rulesWith('^(\\d+)+$'));
    expect(error.path).toBe('carriers[0].formats[0].pattern');
    expect(error.problem).toContain('carrier "acme", format "acme-x"');
    expect(error.problem).toContain('nested or overlapping repetition');
    expect(error.problemZh).toContain('快递公司 acme 的格式 acme-x');
    expect(error.problemZh).toContain('嵌套或重叠的重复');
  });

  it('is refused when it patches a built-in carrier too', () => {
    expect(loadError(rulesWith('^SF(\\d|\\d)+$', 'sf')).problem).toContain('carrier "sf", format "sf-x"');
  });

  it('is refused in a package barcode and a check-digit prefix', () => {
    const barcode = rulesWith('^JSD\\d{12}$');
    Object.assign(barcode.carriers[0]!, { packageBarcode: { pattern: '^(?<waybill>JSD\\d{12})(\\d+-?)+$', source: 's' } });
    expect(loadError(barcode).path).toBe('carriers[0].packageBarcode.pattern');
    const prefix = rulesWith('^(?<serial>\\d{11})(?<check>\\d)$');
    Object.assign(prefix.carriers[0]!.formats[0]!, { checksum: { name: 'mod10', evensMultiplier: 3, oddsMultiplier: 1, prepend: { unlessMatches: '^(9+)+1', content: '91' } } });
    expect(loadError(prefix).path).toBe('carriers[0].formats[0].checksum.prepend.unlessMatches');
  });
});

describe('a number longer than any carrier prints', () => {
  const long = `${'1'.repeat(LONGEST_TRACKING_NUMBER)}X`;

  it('is judged before any pattern runs', () => {
    const patched = withOverrides(registry, rulesWith('^\\d+$'), 'my-rules.json');
    const barcode = `JDVA00024194366-1-5-${'1'.repeat(LONGEST_TRACKING_NUMBER)}`;
    // Every regex test and exec is watched: neither long number may reach one.
    const reached: string[] = [];
    const { test, exec } = RegExp.prototype;
    const spies = [
      vi.spyOn(RegExp.prototype, 'test').mockImplementation(function (this: RegExp, text: string) {
        reached.push(text);
        return test.call(this, text);
      }),
      vi.spyOn(RegExp.prototype, 'exec').mockImplementation(function (this: RegExp, text: string) {
        reached.push(text);
        return exec.call(this, text);
      }),
    ];
    try {
      expect(patched.detect(long)).toEqual([]);
      expect(patched.check('acme', long)).toEqual({ kind: 'mismatch', fits: [] });
      expect(patched.check('jd', barcode).kind).toBe('mismatch');
      expect(patched.packageBarcode(barcode)).toBeUndefined();
    } finally {
      for (const spy of spies) spy.mockRestore();
    }
    expect(reached.filter((text) => text === long || text === barcode)).toEqual([]);
  });

  it('fits no built-in carrier, though DHL e-commerce takes up to 41 characters', () => {
    expect(registry.detect(`GM${'1'.repeat(39)}`).map((d) => d.carrier.id)).toContain('dhl');
    expect(registry.detect(`GM${'1'.repeat(LONGEST_TRACKING_NUMBER)}`)).toEqual([]);
    expect(registry.check('dhl', `GM${'1'.repeat(LONGEST_TRACKING_NUMBER)}`).kind).toBe('mismatch');
  });
});
