// Turning untrusted JSON into validated rules. Every failure becomes a RulesError
// that names the file and the field, so "exit 2: bad config" tells the user what to fix.
import type { z } from 'zod';
import { crossCheckCarriers } from './cross-check.js';
import { RulesError, formatRulesPath } from './rules-error.js';
import { carrierSchema, overrideFileSchema, rulesFileSchema, type Carrier, type CarrierOverride, type RulesFile } from './schema.js';

function toRulesError(error: z.ZodError, origin: string, prefix: PropertyKey[] = []): RulesError {
  const issue = error.issues[0];
  if (!issue) return new RulesError(origin, formatRulesPath(prefix), 'invalid rules');
  return new RulesError(origin, formatRulesPath([...prefix, ...issue.path]), issue.message);
}

export function parseRules(data: unknown, origin: string): RulesFile {
  const result = rulesFileSchema.safeParse(data);
  if (!result.success) throw toRulesError(result.error, origin);
  return result.data;
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
