// The built-in rules (carriers.json) as the registry uses them, loaded without zod: the
// test suite checks that this gives exactly what the schema gives
// (test/carriers/built-in.test.ts), so `ship detect` and `ship validate` without --rules
// never pay for zod's start-up, nor load the code that checks a user's rules file (load.ts).
import { CHECKSUMS } from './checksums.js';
import { compilePattern, isAnchored } from './pattern.js';
import { RulesError, formatRulesPath } from './rules-error.js';
import type { Carrier, RulesFile, RulesFileInput } from './schema.js';

/**
 * The built-in rules as the schema would return them (its defaults filled in, keys in
 * its order), without loading zod. The checks that keep a broken edit from passing
 * numbers silently still run: a check-digit algorithm must exist and a pattern must
 * compile and be anchored; anything else the schema checks is left to the tests.
 */
export function builtInRules(data: unknown, origin: string): RulesFile {
  const file = data as RulesFileInput;
  const carriers = file.carriers.map((carrier, i): Carrier => {
    carrier.formats.forEach((format, f) => {
      const at = ['carriers', i, 'formats', f];
      if (format.checksum !== undefined && !Object.hasOwn(CHECKSUMS, format.checksum.name)) {
        throw new RulesError(origin, formatRulesPath([...at, 'checksum', 'name']), {
          en: `unknown check-digit algorithm "${String(format.checksum.name)}"`,
          zh: `不认识的校验位算法「${String(format.checksum.name)}」`,
        });
      }
      if (typeof compilePattern(format.pattern) === 'string' || !isAnchored(format.pattern)) {
        throw new RulesError(origin, formatRulesPath([...at, 'pattern']), { en: 'pattern must compile and be anchored as ^…$', zh: 'pattern 要是有效的正则表达式，并以 ^ 开头、以 $ 结尾' });
      }
    });
    const { id, displayName, names, codes, partners, formats, packageBarcode, noKnownFormat, scope, note } = carrier;
    return {
      id,
      displayName,
      names,
      codes: codes ?? {},
      partners: partners ?? [],
      formats: formats.map((format) => ({ ...format, test: format.test ?? { valid: [], invalid: [] } })),
      ...(packageBarcode === undefined ? {} : { packageBarcode: { ...packageBarcode, test: packageBarcode.test ?? { valid: [], invalid: [] } } }),
      ...(noKnownFormat === undefined ? {} : { noKnownFormat }),
      scope: scope ?? 'domestic',
      ...(note === undefined ? {} : { note }),
    };
  });
  return { version: file.version, carriers };
}
