// Turning a user's rules file into rules. It is untrusted: it is validated with the zod
// schema, its patterns must not be able to backtrack without end (backtracking.ts), and
// every failure becomes a RulesError that names the file and the field, so "exit 2: bad
// rules" tells the user what to fix. This module, zod and the pattern check are loaded
// only when there is a rules file (src/cli/load-rules.ts); the built-in carriers.json is
// loaded by built-in.ts.
import type { ZodError } from 'zod';
import { isBoundedPattern } from './backtracking.js';
import { crossCheckCarriers } from './cross-check.js';
import { CarrierRegistry } from './registry.js';
import { RulesError, formatRulesPath } from './rules-error.js';
import { ruleSchemas, type Carrier, type CarrierOverride, type RulesFile } from './schema.js';

function toRulesError(error: ZodError, origin: string, prefix: PropertyKey[] = []): RulesError {
  const issue = error.issues[0];
  if (!issue) return new RulesError(origin, formatRulesPath(prefix), 'invalid rules');
  return new RulesError(origin, formatRulesPath([...prefix, ...issue.path]), issue.message);
}

const UNBOUNDED = {
  en: 'nested or overlapping repetition (like (\\d+)+, (\\d|\\d)+ or \\d*\\d*\\d*) can make matching take forever, so ship does not run it; write fixed counts such as \\d{12} or bounded ranges such as \\d{10,12}, and a repeated choice as a class ([AB]+, not (A|B)+)',
  zh: '嵌套或重叠的重复（如 (\\d+)+、(\\d|\\d)+、\\d*\\d*\\d*）可能让匹配永远算不完，ship 不运行这样的规则；请写成固定位数（如 \\d{12}）或有上限的范围（如 \\d{10,12}），重复的几选一写成字符类（[AB]+，不写 (A|B)+）',
};

/**
 * Refuses a carrier whose patterns could backtrack without end (backtracking.ts), naming the
 * carrier and the format: the patterns run on every number of every sheet.
 */
function checkBacktracking(carrier: Carrier, origin: string, at: readonly PropertyKey[]): void {
  const refuse = (path: PropertyKey[], formatId?: string): never => {
    const what = formatId === undefined ? { en: `carrier "${carrier.id}"`, zh: `快递公司 ${carrier.id}` } : { en: `carrier "${carrier.id}", format "${formatId}"`, zh: `快递公司 ${carrier.id} 的格式 ${formatId}` };
    throw new RulesError(origin, formatRulesPath([...at, ...path]), `${what.en}: ${UNBOUNDED.en}`, `${what.zh}：${UNBOUNDED.zh}`);
  };
  carrier.formats.forEach((format, f) => {
    if (!isBoundedPattern(format.pattern)) refuse(['formats', f, 'pattern'], format.id);
    const prepend = format.checksum?.name === 'mod10' ? format.checksum.prepend : undefined;
    if (prepend !== undefined && !isBoundedPattern(prepend.unlessMatches)) refuse(['formats', f, 'checksum', 'prepend', 'unlessMatches'], format.id);
  });
  if (carrier.packageBarcode !== undefined && !isBoundedPattern(carrier.packageBarcode.pattern)) refuse(['packageBarcode', 'pattern']);
}

export function parseRules(data: unknown, origin: string): RulesFile {
  const result = ruleSchemas().rulesFileSchema.safeParse(data);
  if (!result.success) throw toRulesError(result.error, origin);
  result.data.carriers.forEach((carrier, i) => checkBacktracking(carrier, origin, ['carriers', i]));
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
    checkBacktracking(checked.data, origin, ['carriers', i]);
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

/** A registry of a whole rules file on its own (the shape of carriers.json). */
export function loadRules(data: unknown, origin: string): CarrierRegistry {
  return CarrierRegistry.fromRules(parseRules(data, origin), [origin]);
}

/** `base` with a user's --rules file applied (same schema; known ids are patched). */
export function withOverrides(base: CarrierRegistry, data: unknown, origin: string): CarrierRegistry {
  const rules = applyOverrides({ version: base.version, carriers: [...base.all()] }, data, origin);
  return CarrierRegistry.fromRules(rules, [...base.origins, origin]);
}
