// Turning JSON into rules. A user's --rules file is untrusted: it is validated with
// the zod schema, and every failure becomes a RulesError that names the file and the
// field, so "exit 2: bad config" tells the user what to fix. The built-in carriers.json
// is validated by the test suite (test/carriers/built-in.test.ts checks that loading it
// here gives exactly what the schema gives) and loaded without zod, which keeps
// `ship detect` and `ship validate` from paying zod's start-up on every run.
import type { ZodError } from 'zod';
import { CHECKSUMS } from './checksums.js';
import { crossCheckCarriers } from './cross-check.js';
import { compilePattern, isAnchored } from './pattern.js';
import { RulesError, formatRulesPath } from './rules-error.js';
import { ruleSchemas, type Carrier, type CarrierOverride, type RulesFile, type RulesFileInput } from './schema.js';

function toRulesError(error: ZodError, origin: string, prefix: PropertyKey[] = []): RulesError {
  const issue = error.issues[0];
  if (!issue) return new RulesError(origin, formatRulesPath(prefix), 'invalid rules');
  return new RulesError(origin, formatRulesPath([...prefix, ...issue.path]), issue.message);
}

export function parseRules(data: unknown, origin: string): RulesFile {
  const result = ruleSchemas().rulesFileSchema.safeParse(data);
  if (!result.success) throw toRulesError(result.error, origin);
  return result.data;
}

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
        throw new RulesError(origin, formatRulesPath([...at, 'checksum', 'name']), `unknown check-digit algorithm "${String(format.checksum.name)}"`);
      }
      if (typeof compilePattern(format.pattern) === 'string' || !isAnchored(format.pattern)) {
        throw new RulesError(origin, formatRulesPath([...at, 'pattern']), 'pattern must compile and be anchored as ^…$');
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

function mergeCarrier(base: Carrier, override: CarrierOverride): unknown {
  const merged: Record<string, unknown> = { ...base, ...override };
  // Giving formats to a carrier that had none retires its "no known format" note.
  if (override.formats && override.formats.length > 0 && override.noKnownFormat === undefined) {
    delete merged['noKnownFormat'];
  }
  return merged;
}

/**
 * Applies a --rules file: a carrier with a new id is added whole; one with a known id
 * keeps its other fields and takes the ones the file gives.
 */
export function applyOverrides(base: RulesFile, data: unknown, origin: string): RulesFile {
  const { overrideFileSchema, carrierSchema } = ruleSchemas();
  const parsed = overrideFileSchema.safeParse(data);
  if (!parsed.success) throw toRulesError(parsed.error, origin);

  const carriers = [...base.carriers];
  const overrideIndexOf = new Map<number, number>();
  const seen = new Set<string>();
  parsed.data.carriers.forEach((override, i) => {
    if (seen.has(override.id)) {
      throw new RulesError(origin, formatRulesPath(['carriers', i, 'id']), `carrier "${override.id}" appears twice`);
    }
    seen.add(override.id);
    const at = carriers.findIndex((c) => c.id === override.id);
    const existing = at >= 0 ? carriers[at] : undefined;
    const checked = carrierSchema.safeParse(existing ? mergeCarrier(existing, override) : override);
    if (!checked.success) throw toRulesError(checked.error, origin, ['carriers', i]);
    const index = existing ? at : carriers.length;
    carriers[index] = checked.data;
    overrideIndexOf.set(index, i);
  });

  const [issue] = crossCheckCarriers(carriers, new Set(overrideIndexOf.keys()));
  if (issue) {
    const i = overrideIndexOf.get(issue.index);
    // A clash inside the built-in data cannot happen (it loaded); name the override entry.
    const path = i === undefined ? ['carriers', issue.index, ...issue.path] : ['carriers', i, ...issue.path];
    throw new RulesError(origin, formatRulesPath(path), issue.message);
  }
  const version = parsed.data.version ? `${base.version}+${parsed.data.version}` : base.version;
  return { version, carriers };
}
