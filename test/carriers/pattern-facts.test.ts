// What a rules pattern can match, read off its text: the lower-case letters no upper-cased
// number holds, and what a checksum's serial and check groups can hold.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CAPITAL, DIGIT, OTHER, UNKNOWN, groupFacts, lowerCaseLetters } from '../../src/carriers/pattern-facts.js';
import type { Carrier } from '../../src/carriers/registry.js';

const builtIn = (JSON.parse(readFileSync(join(import.meta.dirname, '../../src/carriers/carriers.json'), 'utf8')) as { carriers: Carrier[] }).carriers;

describe('lowerCaseLetters', () => {
  it.each([
    ['^jsd\\d{12}$', [1, 2, 3]],
    ['^JSd\\d{12}$', [3]],
    ['^(?:JSD|jt)\\d{13}$', [8, 9]],
    ['^[ABx]\\d{9}$', [4]],
    ['^(?<serial>\\d{8})(?<check>\\d)cn$', [29, 30]],
    ['^ü\\d$', [1]],
  ])('finds the letters of %s', (pattern, at) => {
    expect(lowerCaseLetters(pattern)).toEqual(at);
  });

  it.each([
    ['escapes', '^\\d\\s\\w\\D\\S\\W\\b\\x41\\u00e9\\cJ\\t$'],
    ['a lower-case range, which cannot match but is no typo', '^[a-z0-9]{12}$'],
    ['group names and a named backreference', '^(?<serial>\\d{8})(?<check>\\d)\\k<check>$'],
    ['lookarounds', '^(?=\\d)(?!0)(?<=^)\\d{12}$'],
    ['a negated class', '^[^x]\\d{12}$'],
    ['a property escape', '^\\p{Lu}\\d{12}$'],
    ['a quantifier and an upper-case pattern', '^JSD\\d{10,12}$'],
  ])('leaves %s alone', (_, pattern) => {
    expect(lowerCaseLetters(pattern)).toEqual([]);
  });

  it('finds none in the built-in patterns', () => {
    const patterns = builtIn.flatMap((c) => [...c.formats.map((f) => f.pattern), ...(c.packageBarcode ? [c.packageBarcode.pattern] : [])]);
    for (const pattern of patterns) expect(lowerCaseLetters(pattern), pattern).toEqual([]);
  });
});

describe('groupFacts', () => {
  it.each([
    ['digits', '^(?<serial>\\d{8})\\d$', DIGIT, 8, 8],
    ['digits as a class and literals', '^(?<serial>9[0-5]\\d{6})\\d$', DIGIT, 8, 8],
    ['capitals', '^(?<serial>[A-Z]{3})\\d$', CAPITAL, 3, 3],
    ['digits and capitals', '^1Z(?<serial>[0-9A-Z]{15})\\d$', DIGIT | CAPITAL, 15, 15],
    ['anything', '^(?<serial>.{8})\\d$', OTHER, 8, 8],
    ['a word character', '^(?<serial>\\w{8})\\d$', OTHER, 8, 8],
    ['a range that crosses punctuation', '^(?<serial>[0-Z]{8})\\d$', DIGIT | CAPITAL | OTHER, 8, 8],
    ['a negated class', '^(?<serial>[^A-Z]{8})\\d$', OTHER, 8, 8],
    ['alternatives and optional parts', '^(?<serial>(?:9[1-5])?\\d{12}(?:\\d{11}|\\d{7}))\\d$', DIGIT, 19, 25],
    ['an open repeat', '^(?<serial>\\d+)\\d$', DIGIT, 1, Number.POSITIVE_INFINITY],
    ['a property escape', '^(?<serial>\\p{Nd}{8})\\d$', UNKNOWN, 8, 8],
  ])('reads a serial of %s', (_, pattern, kinds, minWidth, maxWidth) => {
    expect(groupFacts(pattern, 'serial')).toEqual({ kinds, minWidth, maxWidth });
  });

  it('says nothing for a pattern whose lookaround or backreference could narrow the group', () => {
    expect(groupFacts('^(?=\\d+$)(?<serial>\\w{8})\\d$', 'serial')).toBeUndefined();
    expect(groupFacts('^(?<serial>\\w{8})\\1$', 'serial')).toBeUndefined();
    expect(groupFacts('^(?<check>\\d)$', 'serial')).toBeUndefined();
  });

  it('reads every built-in checksum group as digits (capitals too in a mod10 serial)', () => {
    for (const format of builtIn.flatMap((c) => c.formats).filter((f) => f.checksum)) {
      const serial = groupFacts(format.pattern, 'serial')!;
      expect(serial.kinds & ~(format.checksum!.name === 'mod10' ? DIGIT | CAPITAL : DIGIT), format.id).toBe(0);
      expect(groupFacts(format.pattern, 'check'), format.id).toEqual({ kinds: DIGIT, minWidth: 1, maxWidth: 1 });
    }
  });
});
