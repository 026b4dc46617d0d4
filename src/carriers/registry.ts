// The one object the rest of ship asks about carriers. It holds validated rules with
// every pattern compiled once. The built-in rules load without zod (see built-in.ts), so
// `ship detect` starts about as fast as node itself; zod and the checks of a user's rules
// file (load.ts) load only for a --rules file.
import { carrierKey } from '../core/normalize.js';
import builtInData from './carriers.json' with { type: 'json' };
import { checkNumber, type CheckContext } from './check.js';
import { carrierAliases } from './cross-check.js';
import { builtInRules } from './built-in.js';
import { compareDetections, compileCarrier, packageWaybill, strongestFit, type CompiledCarrier } from './match.js';
import type { CheckOutcome, Detection } from './outcome.js';
import type { Carrier, Format, RulesFile } from './schema.js';
import { suggestCarriers, type AliasEntry } from './suggest.js';

export type { CheckOutcome, Detection, Rival } from './outcome.js';
export type { Carrier, Checksum, Format, RulesFile, Strength } from './schema.js';

/** A format's name in a language: the rules give English always and Chinese (nameZh) for the built-in formats. */
export function formatName(format: Format, lang: 'zh' | 'en'): string {
  return lang === 'zh' ? (format.nameZh ?? format.name) : format.name;
}
export { RulesError } from './rules-error.js';
export { isRetired } from './match.js';

const BUILT_IN_ORIGIN = 'built-in carriers.json';

/**
 * No carrier prints a longer number: the longest rule (DHL e-commerce) takes 41 characters,
 * and the GS1-128 barcode on a parcel label holds at most 48. A longer value fits no format,
 * decided before any pattern runs, so a user's pattern only ever sees numbers this short,
 * which bounds its backtracking (backtracking.ts refuses the patterns for which even that
 * is not enough).
 */
export const LONGEST_TRACKING_NUMBER = 48;

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
  /** What check() needs besides the declared carrier, made once per carrier. */
  private readonly contextOf = new Map<string, CheckContext>();
  /** resolve() answers by the name as written: a sheet repeats a few carrier names many times. */
  private readonly resolved = new Map<string, Carrier | null>();
  /** suggest() answers the same way for a misspelling repeated on many rows; the edit distances are costly. */
  private readonly suggested = new Map<string, Carrier[]>();
  /** detect() as a function made once: a closure per check() was the one object a valid number cost. */
  private readonly detectNumber = (normalizedNumber: string): Detection[] => this.detect(normalizedNumber);

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
    const withBarcodes = this.compiled.filter((entry) => entry.barcode !== undefined);
    const prefixes = this.compiled.flatMap((entry) =>
      entry.formats.flatMap(({ format, prefix }) => (prefix === undefined ? [] : [{ carrier: entry.carrier, format, prefix }])),
    );
    for (const entry of this.compiled) {
      this.contextOf.set(entry.carrier.id, {
        partners: entry.carrier.partners.flatMap((id) => this.byId.get(id) ?? []),
        // Its own barcode is checked first, in check.ts.
        barcodes: withBarcodes.filter((other) => other !== entry),
        prefixes,
        detect: this.detectNumber,
      });
    }
  }

  /** Rules already validated: by load.ts for a user's rules file, which is where they are checked. */
  static fromRules(rules: RulesFile, origins: readonly string[]): CarrierRegistry {
    return new CarrierRegistry(rules, origins);
  }

  /** The rules shipped in carriers.json (validated by the tests), loaded once per process. */
  static builtIn(): CarrierRegistry {
    CarrierRegistry.builtInRegistry ??= new CarrierRegistry(builtInRules(builtInData, BUILT_IN_ORIGIN), [BUILT_IN_ORIGIN]);
    return CarrierRegistry.builtInRegistry;
  }

  all(): readonly Carrier[] {
    return this.rules.carriers;
  }

  get(id: string): Carrier | undefined {
    return this.byId.get(id)?.carrier;
  }

  /** By id, display name, alias or platform code, compared after carrierKey(). */
  resolve(name: string): Carrier | undefined {
    const known = this.resolved.get(name);
    if (known !== undefined) return known ?? undefined;
    const key = carrierKey(name);
    const carrier = key === '' ? undefined : this.byAlias.get(key);
    // Bounded: a sheet of free-text carrier names must not grow it without end.
    if (this.resolved.size < 10_000) this.resolved.set(name, carrier ?? null);
    return carrier;
  }

  /** Closest carriers for a name resolve() does not know, best first. */
  suggest(name: string, limit = 3): Carrier[] {
    const key = `${limit}\u0000${name}`;
    let found = this.suggested.get(key);
    if (found === undefined) {
      found = suggestCarriers(this.aliases, name, limit);
      if (this.suggested.size < 10_000) this.suggested.set(key, found);
    }
    return [...found];
  }

  /** Does `normalizedNumber` fit `carrierId`? Throws RangeError for an unknown id. */
  check(carrierId: string, normalizedNumber: string): CheckOutcome {
    const declared = this.byId.get(carrierId);
    const context = this.contextOf.get(carrierId);
    if (!declared || !context) throw new RangeError(`unknown carrier id "${carrierId}"`);
    if (normalizedNumber.length > LONGEST_TRACKING_NUMBER) return { kind: 'mismatch', fits: [] };
    return checkNumber(declared, context, normalizedNumber);
  }

  /**
   * The carrier whose package barcode the number is (京东's `JD…-2-3-`: a parcel of a
   * multi-parcel waybill, not the waybill), and the waybill in it; undefined for any other.
   */
  packageBarcode(normalizedNumber: string): { owner: Carrier; waybill: string } | undefined {
    return normalizedNumber.length > LONGEST_TRACKING_NUMBER ? undefined : packageWaybill(this.compiled, normalizedNumber);
  }

  /** Carriers whose formats accept the number, strongest evidence first. */
  detect(normalizedNumber: string): Detection[] {
    const detections: Detection[] = [];
    if (normalizedNumber.length > LONGEST_TRACKING_NUMBER) return detections;
    for (const entry of this.compiled) {
      const fit = strongestFit(entry, normalizedNumber);
      if (fit !== undefined) detections.push(fit);
    }
    return detections.sort(compareDetections);
  }
}
