// The built-in carriers.json is loaded at run time without zod (start-up cost), so the
// schema's guarantees for it are kept here: the file must pass the schema, and the
// zod-free loader must return exactly what the schema returns, defaults and key order
// included. A broken edit to carriers.json fails `npm test`, and the checks that keep
// a number from passing silently (check-digit algorithm, anchored pattern) also run
// at load.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { builtInRules } from '../../src/carriers/built-in.js';
import { parseRules } from '../../src/carriers/load.js';
import { CarrierRegistry, RulesError } from '../../src/carriers/registry.js';

const raw = (): { version: string; carriers: Record<string, unknown>[] } =>
  JSON.parse(readFileSync(join(import.meta.dirname, '../../src/carriers/carriers.json'), 'utf8'));

function firstFormat(data: ReturnType<typeof raw>): Record<string, unknown> {
  const carrier = data.carriers.find((c) => Array.isArray(c['formats']) && (c['formats'] as unknown[]).length > 0);
  return (carrier?.['formats'] as Record<string, unknown>[])[0]!;
}

describe('the built-in carriers.json', () => {
  it('passes the rules schema', () => {
    expect(() => parseRules(raw(), 'carriers.json')).not.toThrow();
  });

  it('loads without zod to exactly what the schema returns', () => {
    expect(JSON.stringify(builtInRules(raw(), 'carriers.json'))).toBe(JSON.stringify(parseRules(raw(), 'carriers.json')));
    expect(CarrierRegistry.builtIn().all()).toEqual(parseRules(raw(), 'carriers.json').carriers);
  });

  it('still refuses an unknown check-digit algorithm at load, naming the field', () => {
    const data = raw();
    firstFormat(data)['checksum'] = { name: 'luhn' };
    expect(() => builtInRules(data, 'carriers.json')).toThrow(RulesError);
    expect(() => builtInRules(data, 'carriers.json')).toThrow(/checksum|check-digit/);
  });

  it('still refuses a pattern that is not anchored', () => {
    const data = raw();
    firstFormat(data)['pattern'] = '\\d{12}';
    expect(() => builtInRules(data, 'carriers.json')).toThrow(RulesError);
  });
});
