// Every problem the rules loader reports is said in both languages: the schema's own
// messages, zod's (a wrong type, an unknown field), the checks across carriers and the
// checks of each carrier. A Chinese run must not print "pattern does not compile" or
// "alias … is also an alias of …".
import { describe, expect, it } from 'vitest';
import { loadRules, withOverrides } from '../../src/carriers/load.js';
import { CarrierRegistry, RulesError } from '../../src/carriers/registry.js';

type Json = Record<string, unknown>;
const FORMAT = { id: 'acme-15', name: 'JSD', pattern: '^JSD\\d{12}$', status: 'current', confidence: 'inferred', specificity: 'letter-prefix', source: 's' };
const carrier = (fields: Json = {}, format: Json = {}) => ({ id: 'acme', displayName: '极速达', names: ['极速达快递'], formats: [{ ...FORMAT, ...format }], ...fields });
const file = (...carriers: Json[]) => ({ carriers });

function loadError(load: () => unknown): RulesError {
  try {
    load();
  } catch (error) {
    if (error instanceof RulesError) return error;
    throw error;
  }
  throw new Error('the rules were accepted');
}

const override = (data: unknown) => () => withOverrides(CarrierRegistry.builtIn(), data, 'my-rules.json');
const whole = (data: unknown) => () => loadRules(data, 'my-rules.json');

// Three English words in a row: a sentence left untranslated (field names and patterns come alone).
const ENGLISH_PHRASE = /[A-Za-z]{2,} [A-Za-z]{2,} [A-Za-z]{2,}/;

describe.each([
  ['a field it does not know', override(file(carrier({}, { patern: '^X$' })))],
  ['a value of the wrong type', override(file(carrier({ names: '极速达快递' })))],
  ['a value not among the allowed ones', override(file(carrier({}, { status: 'active' })))],
  ['a check-digit algorithm it does not know', override(file(carrier({}, { checksum: { name: 'luhn' } })))],
  ['a pattern that does not compile', override(file(carrier({}, { pattern: '^JSD(\\d{12}$' })))],
  ['a pattern that is not anchored', override(file(carrier({}, { pattern: 'JSD\\d{12}' })))],
  ['an id in capitals', override(file(carrier({ id: 'Acme' })))],
  ['a Chinese name with no Chinese in it', override(file(carrier({}, { nameZh: 'JSD number' })))],
  ['a checksum without its groups', override(file(carrier({}, { checksum: { name: 's10' } })))],
  ['a package barcode without its waybill group', override(file(carrier({ packageBarcode: { pattern: '^JSD\\d{12}-\\d$', source: 's' } })))],
  ['a carrier without formats that does not say why', override(file(carrier({ formats: [] })))],
  ['noKnownFormat beside formats', override(file(carrier({ noKnownFormat: 'x' })))],
  ['widens naming no earlier format', override(file(carrier({}, { widens: 'acme-9' })))],
  ['a carrier that is its own partner', override(file(carrier({ partners: ['acme'] })))],
  ['a partner that is no carrier', override(file(carrier({ partners: ['nope'] })))],
  ['a carrier given twice', override(file(carrier(), carrier()))],
  ['an alias of another carrier', override(file(carrier({ names: ['中通'] })))],
  ['an alias that normalizes to nothing', override(file(carrier({ names: ['（）'] })))],
  ['a format id another carrier uses', override(file(carrier({}, { id: 'zto-14' })))],
  ['a carrier id given twice in a whole rules file', whole({ version: 'x', carriers: [carrier(), carrier({ names: ['别名'] }, { id: 'acme-2' })] })],
  ['a top level that is no object', whole(null)],
  ['a pattern that could backtrack without end', override(file(carrier({}, { pattern: '^(\\d+)+$' })))],
  ['a pattern in lower case', override(file(carrier({}, { pattern: '^jsd\\d{12}$' })))],
  ['a checksum over letters', override(file(carrier({}, { pattern: '^(?<serial>[A-Z]{8})(?<check>\\d)$', checksum: { name: 's10' } })))],
  ['an invalid example the format accepts', override(file(carrier({}, { test: { valid: [], invalid: [{ number: 'JSD123456789012', why: 'x' }] } })))],
])('%s', (_, load) => {
  it('is said in Chinese and in English', () => {
    const error = loadError(load);
    expect(error.problemZh, error.problemZh).toMatch(/[\u4e00-\u9fff]/);
    expect(error.problemZh, error.problemZh).not.toMatch(ENGLISH_PHRASE);
    expect(error.problem, error.problem).toMatch(/[A-Za-z]{2,} [A-Za-z]{2,}/);
    expect(error.problem).not.toBe(error.problemZh);
  });
});

describe('a check-digit algorithm it does not know', () => {
  it('is named with the ones ship knows', () => {
    const error = loadError(override(file(carrier({}, { checksum: { name: 'luhn' } }))));
    expect(error.path).toBe('carriers[0].formats[0].checksum.name');
    expect(error.problemZh).toBe('name 应为 s10、ems13、sf12、mod7、mod10、mod11 之一');
  });

  it('says why a pattern does not compile in Chinese, and keeps V8\'s words in English', () => {
    const error = loadError(override(file(carrier({}, { pattern: '^JSD(\\d{12}$' }))));
    expect(error.problemZh).toBe('pattern 不是有效的正则表达式：括号 ( 没有闭合');
    expect(error.problem).toContain('Unterminated group');
  });
});
