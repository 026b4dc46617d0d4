// The one object the rest of ship asks about carriers. It holds validated rules with
// every pattern compiled once; it imports nothing heavier than zod, so `ship detect`
// starts fast.
import { carrierKey } from '../core/normalize.js';
import builtInRules from './carriers.json' with { type: 'json' };
import { checkNumber } from './check.js';
import { carrierAliases } from './cross-check.js';
import { applyOverrides, parseRules } from './load.js';
import { bestAccepting, byEvidence, compareDetections, compileCarrier, matchFormats, strengthOf, type CompiledCarrier } from './match.js';
import type { CheckOutcome, Detection } from './outcome.js';
import type { Carrier, RulesFile } from './schema.js';
import { suggestCarriers, type AliasEntry } from './suggest.js';

export type { CheckOutcome, Detection } from './outcome.js';
export type { Carrier, Checksum, Format, RulesFile, Strength } from './schema.js';
export { RulesError } from './rules-error.js';

const BUILT_IN_ORIGIN = 'built-in carriers.json';

export class CarrierRegistry {
  private static builtInRegistry: CarrierRegistry | undefined;

  /** The rules version, e.g. "2026-11-26", with "+<version>" for an override that gives one. */
  readonly version: string;
  /** Where the rules came from, built-in first, then each override file. */
  readonly origins: readonly string[];

  private readonly rules: RulesFile;
  private readonly compiled: CompiledCarrier[];
  private readonly byId = new Map<string, CompiledCarrier>();
  private readonly byAlias = new Map<string, Carrier>();
  private readonly aliases: AliasEntry[] = [];

  private constructor(rules: RulesFile, origins: readonly string[]) {
    this.rules = rules;
    this.version = rules.version;
    this.origins = origins;
    this.compiled = rules.carriers.map(compileCarrier);
    for (const entry of this.compiled) {
      this.byId.set(entry.carrier.id, entry);
      for (const { alias } of carrierAliases(entry.carrier)) {
        const key = carrierKey(alias);
        this.byAlias.set(key, entry.carrier);
        this.aliases.push({ key, carrier: entry.carrier });
      }
    }
  }

  /** Validates `data` as a rules file; throws RulesError naming `origin` and the bad field. */
  static load(data: unknown, origin: string): CarrierRegistry {
    return new CarrierRegistry(parseRules(data, origin), [origin]);
  }

  /** The rules shipped in carriers.json, validated once per process. */
  static builtIn(): CarrierRegistry {
    CarrierRegistry.builtInRegistry ??= CarrierRegistry.load(builtInRules, BUILT_IN_ORIGIN);
    return CarrierRegistry.builtInRegistry;
  }

  /** A new registry with a user's --rules file applied (same schema; known ids are patched). */
  withOverrides(data: unknown, origin: string): CarrierRegistry {
    return new CarrierRegistry(applyOverrides(this.rules, data, origin), [...this.origins, origin]);
  }

  all(): readonly Carrier[] {
    return this.rules.carriers;
  }

  get(id: string): Carrier | undefined {
    return this.byId.get(id)?.carrier;
  }

  /** By id, display name, alias or platform code, compared after carrierKey(). */
  resolve(name: string): Carrier | undefined {
    const key = carrierKey(name);
    return key === '' ? undefined : this.byAlias.get(key);
  }

  /** Closest carriers for a name resolve() does not know, best first. */
  suggest(name: string, limit = 3): Carrier[] {
    return suggestCarriers(this.aliases, name, limit);
  }

  /** Does `normalizedNumber` fit `carrierId`? Throws RangeError for an unknown id. */
  check(carrierId: string, normalizedNumber: string): CheckOutcome {
    const declared = this.byId.get(carrierId);
    if (!declared) throw new RangeError(`unknown carrier id "${carrierId}"`);
    const partners = declared.carrier.partners.flatMap((id) => this.byId.get(id) ?? []);
    return checkNumber(declared, partners, normalizedNumber, () => this.detect(normalizedNumber));
  }

  /** Carriers whose formats accept the number, strongest evidence first. */
  detect(normalizedNumber: string): Detection[] {
    const detections: Detection[] = [];
    for (const entry of this.compiled) {
      const best = bestAccepting(matchFormats(entry, normalizedNumber), byEvidence);
      if (best) detections.push({ carrier: entry.carrier, format: best.format, strength: strengthOf(best) });
    }
    return detections.sort(compareDetections);
  }
}
