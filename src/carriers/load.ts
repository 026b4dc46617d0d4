// Turning a user's rules file into rules. It is untrusted: it is validated with the zod
// schema, then each carrier by the checks its shape cannot make (carrier-checks.ts: no
// pattern that backtracks without end, none that cannot match an upper-cased number, no
// checksum its groups defeat, no example its format contradicts), and every failure
// becomes a RulesError that names the file and the field, in Chinese and English, so
// "exit 2: bad rules" tells the user what to fix. This module, zod and the pattern checks
// are loaded only when there is a rules file (src/cli/load-rules.ts); the built-in
// carriers.json is loaded by built-in.ts.
import type * as Zod from 'zod';
import { checkCarrier } from './carrier-checks.js';
import { crossCheckCarriers } from './cross-check.js';
import { CarrierRegistry } from './registry.js';
import { RulesError, formatRulesPath, type RulesProblem } from './rules-error.js';
import { ruleSchemas, type Carrier, type CarrierOverride, type RulesFile } from './schema.js';

/**
 * What `schema` makes of `data`, or a RulesError for its first issue, in both languages: the
 * schema's own messages carry their Chinese in params (schema.ts), zod's are said again by its
 * zh-CN locale in a second parse (only ever of a file that failed).
 */
function parsed<T>(schema: Zod.ZodType<T>, data: unknown, origin: string, prefix: PropertyKey[] = []): T {
  const result = schema.safeParse(data);
  if (result.success) return result.data;
  const [issue] = result.error.issues;
  if (issue === undefined) throw new RulesError(origin, formatRulesPath(prefix), { en: 'invalid rules', zh: '规则无效' });
  const [zhIssue] = schema.safeParse(data, { error: ruleSchemas().zhMessages }).error?.issues ?? [];
  return refuse(origin, [...prefix, ...issue.path], { en: issue.message, zh: chinese(issue, zhIssue) });
}

function chinese(issue: Zod.z.core.$ZodIssue, zhIssue: Zod.z.core.$ZodIssue | undefined): string {
  const zh: unknown = issue.code === 'custom' ? issue.params?.['zh'] : undefined;
  if (typeof zh === 'string') return zh;
  // zh-CN says only "无效输入" for an unknown checksum name: say what it may be.
  if (issue.code === 'invalid_union' && 'discriminator' in issue && 'options' in issue && Array.isArray(issue.options)) {
    return `${String(issue.discriminator)} 应为 ${issue.options.map(String).join('、')} 之一`;
  }
  return zhIssue?.message ?? issue.message;
}

function refuse(origin: string, path: readonly PropertyKey[], problem: RulesProblem): never {
  throw new RulesError(origin, formatRulesPath(path), problem);
}

/** The checks beyond the schema (carrier-checks.ts), with paths into the file. */
function checkCarrierAt(carrier: Carrier, origin: string, at: readonly PropertyKey[]): void {
  checkCarrier(carrier, (path, problem) => refuse(origin, [...at, ...path], problem));
}

export function parseRules(data: unknown, origin: string): RulesFile {
  const rules = parsed(ruleSchemas().rulesFileSchema, data, origin);
  rules.carriers.forEach((carrier, i) => checkCarrierAt(carrier, origin, ['carriers', i]));
  return rules;
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
  const file = parsed(overrideFileSchema, data, origin);

  const carriers = [...base.carriers];
  const overrideIndexOf = new Map<number, number>();
  const seen = new Set<string>();
  file.carriers.forEach((override, i) => {
    if (seen.has(override.id)) {
      refuse(origin, ['carriers', i, 'id'], { en: `carrier "${override.id}" appears twice; merge the two entries`, zh: `快递公司 ${override.id} 在规则文件里出现了两次；请合并成一项` });
    }
    seen.add(override.id);
    const at = carriers.findIndex((c) => c.id === override.id);
    const existing = at >= 0 ? carriers[at] : undefined;
    const checked = parsed(carrierSchema, existing ? mergeCarrier(existing, override) : override, origin, ['carriers', i]);
    checkCarrierAt(checked, origin, ['carriers', i]);
    const index = existing ? at : carriers.length;
    carriers[index] = checked;
    overrideIndexOf.set(index, i);
  });

  const [issue] = crossCheckCarriers(carriers, new Set(overrideIndexOf.keys()));
  if (issue) {
    const i = overrideIndexOf.get(issue.index);
    // A clash inside the built-in data cannot happen (it loaded); name the override entry.
    const path = i === undefined ? ['carriers', issue.index, ...issue.path] : ['carriers', i, ...issue.path];
    refuse(origin, path, issue.message);
  }
  const version = file.version ? `${base.version}+${file.version}` : base.version;
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
