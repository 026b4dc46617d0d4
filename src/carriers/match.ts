// Applying one compiled format to a normalized number, and ranking the results.
import { checkSpansOf, type CheckSpans } from './check-spans.js';
import { verifyChecksum, verifyChecksumAt } from './checksums.js';
import type { CheckOutcome, Detection } from './outcome.js';
import type { Carrier, Format, Strength } from './schema.js';

export interface CompiledFormat {
  format: Format;
  regex: RegExp;
  /**
   * What check() answers when this format is the declared carrier's best fit, made once:
   * nearly every number fits, and the answer then costs no object. Frozen, as it is shared.
   */
  fits: { valid: CheckOutcome; validByChecksum: CheckOutcome; legacy: CheckOutcome; unspecific: Unspecific; accepted: CheckOutcome };
  /** Where the serial and the check digit sit, when the pattern fixes it (check-spans.ts); else exec() finds them. */
  spans: CheckSpans | undefined;
  /**
   * The best rank this format can reach in ownFit() (check.ts): its status, then its
   * strength if its check digit passes. A format that cannot beat the best so far is not tried.
   */
  bestOwnRank: number;
  /** The letters every number of a distinctive format starts with (SF, JD, YT, JT, DPK, 1Z), if its pattern spells them out. */
  prefix: string | undefined;
}

export interface CompiledCarrier {
  carrier: Carrier;
  formats: CompiledFormat[];
  barcode?: RegExp;
}

export interface FormatMatch {
  format: Format;
  /** 'none' when the format has no check digit. */
  checksum: 'passed' | 'failed' | 'none';
  /** Position in the carrier's format list, the last tie-break. */
  order: number;
}

type Unspecific = Extract<CheckOutcome, { kind: 'unspecific' }>;

function compileFormat(format: Format, siblings: readonly Format[]): CompiledFormat {
  const narrower = format.widens === undefined ? undefined : siblings.find((other) => other.id === format.widens);
  const valid = Object.freeze({ kind: 'valid', format, byChecksum: false } as const);
  const unspecific = Object.freeze(narrower === undefined ? ({ kind: 'unspecific', format } as const) : ({ kind: 'unspecific', format, widens: narrower } as const));
  const fits = {
    valid,
    validByChecksum: Object.freeze({ kind: 'valid', format, byChecksum: true } as const),
    legacy: Object.freeze({ kind: 'legacy', format } as const),
    unspecific,
    // What a current fit without a passed check digit answers, decided once per format.
    accepted: isLoose(format) ? unspecific : valid,
  };
  const spans = format.checksum === undefined ? undefined : checkSpansOf(format.pattern);
  const bestOwnRank = ownRank(format, format.checksum === undefined ? format.specificity : 'checksum');
  const prefix = isDistinctive(format) ? literalPrefix(format.pattern) : undefined;
  return { format, regex: new RegExp(format.pattern), fits, spans, bestOwnRank, prefix };
}

/** The first of `carriers` whose package barcode the number is, and the waybill in it. */
export function packageWaybill(carriers: readonly CompiledCarrier[], normalized: string): { owner: Carrier; waybill: string } | undefined {
  for (const entry of carriers) {
    const waybill = entry.barcode?.exec(normalized)?.groups?.['waybill'];
    if (waybill !== undefined) return { owner: entry.carrier, waybill };
  }
  return undefined;
}

/**
 * A format only one carrier issues: a letter prefix confirmed by several sources (SF, JD,
 * YT, JT, DPK, the S10 and 1Z forms). The collision test keeps two carriers' letter-prefix
 * formats from accepting the same number, so a fit names its carrier.
 */
export function isDistinctive(format: Format): boolean {
  return format.specificity === 'letter-prefix' && format.confidence === 'confirmed';
}

/**
 * Whether a current format's pass, without a check digit, says little (carriers.md §4:
 * "format accepted but unspecific"): a rule that fixes only the length (any 12 digits fit
 * 中通快运, 安能, 壹米滴答 and 优速 alike), or one wider than the prefixes real numbers show.
 */
export function isLoose(format: Format): boolean {
  return format.widens !== undefined || (format.specificity === 'length-only' && format.checksum === undefined);
}

/** A carrier every format of which is legacy (百世快递, whose numbers are 极兔's JT… now): no carrier to switch to. */
export function isRetired(carrier: Carrier): boolean {
  return carrier.formats.length > 0 && carrier.formats.every((format) => format.status === 'legacy');
}

/** The literal characters after ^ up to the first class, group or escape, when they hold a letter and are 2 or more. */
function literalPrefix(pattern: string): string | undefined {
  const run = /^\^([0-9A-Z]*)(.?)/.exec(pattern);
  if (run === null) return undefined;
  // A quantifier makes the last literal optional or repeated: it is not part of every number.
  const prefix = '?*+{'.includes(run[2] || '.') ? run[1]!.slice(0, -1) : run[1]!;
  return prefix.length >= 2 && /[A-Z]/.test(prefix) ? prefix : undefined;
}

export function compileCarrier(carrier: Carrier): CompiledCarrier {
  return {
    carrier,
    formats: carrier.formats.map((format) => compileFormat(format, carrier.formats)),
    ...(carrier.packageBarcode ? { barcode: new RegExp(carrier.packageBarcode.pattern) } : {}),
  };
}

/**
 * The format's verdict on a number: undefined when its pattern does not match. test()
 * builds nothing and decides where it can: without a check digit, or with one the pattern
 * fixes in place. Only a format whose groups can move (e.g. DHL's 9 or 10 digits) runs
 * exec(), once, for the match and its groups together.
 */
export function formatVerdict({ format, regex, spans }: CompiledFormat, normalized: string): FormatMatch['checksum'] | undefined {
  if (!format.checksum) return regex.test(normalized) ? 'none' : undefined;
  if (spans !== undefined) {
    if (!regex.test(normalized)) return undefined;
    return verifyChecksumAt(format.checksum, normalized, spans) ? 'passed' : 'failed';
  }
  const match = regex.exec(normalized);
  if (match === null) return undefined;
  const groups = match.groups;
  const serial = groups?.['serial'];
  const check = groups?.['check'];
  // An optional group that did not take part leaves nothing to verify: fail closed.
  const passed = serial !== undefined && check !== undefined && verifyChecksum(format.checksum, { serial, check });
  return passed ? 'passed' : 'failed';
}

/** Every format of the carrier whose pattern matches, with its check-digit verdict. */
export function matchFormats(compiled: CompiledCarrier, normalized: string): FormatMatch[] {
  const matches: FormatMatch[] = [];
  compiled.formats.forEach((entry, order) => {
    const checksum = formatVerdict(entry, normalized);
    if (checksum !== undefined) matches.push({ format: entry.format, checksum, order });
  });
  return matches;
}

/**
 * A fit's rank for the declared carrier, lowest best, as byStatus orders fits: status
 * outranks strength (4 strengths, ranked 0–3); among equal ranks the earlier format wins.
 */
export function ownRank(format: Format, strength: Strength): number {
  return STATUS_RANK[format.status] * 4 + STRENGTH_RANK[strength];
}

/** A fit's rank as byEvidence orders fits, lowest best: strength outranks status (2 statuses, ranked 0–1). */
function evidenceRank(format: Format, strength: Strength): number {
  return STRENGTH_RANK[strength] * 2 + STATUS_RANK[format.status];
}

const STRENGTH_RANK: Record<Strength, number> = { checksum: 0, 'letter-prefix': 1, 'digit-prefix': 2, 'length-only': 3 };
const STATUS_RANK: Record<Format['status'], number> = { current: 0, legacy: 1 };

/** Whether evidence of strength `a` is stronger than `b` (a passed check digit beats a letter prefix, and so on). */
export function isStronger(a: Strength, b: Strength): boolean {
  return STRENGTH_RANK[a] < STRENGTH_RANK[b];
}

export function strengthOf(match: FormatMatch): Strength {
  return match.checksum === 'passed' ? 'checksum' : match.format.specificity;
}

/** For detection: the strongest evidence first, then current before legacy. */
export function byEvidence(a: FormatMatch, b: FormatMatch): number {
  return evidenceRank(a.format, strengthOf(a)) - evidenceRank(b.format, strengthOf(b)) || a.order - b.order;
}

/** For the declared carrier: a current format first, so the answer is 'valid' whenever it can be. */
export function byStatus(a: FormatMatch, b: FormatMatch): number {
  return ownRank(a.format, strengthOf(a)) - ownRank(b.format, strengthOf(b)) || a.order - b.order;
}

const SCOPE_RANK = { domestic: 0, international: 1 } as const;

/** Domestic carriers first (a 小红书 merchant ships with them), then by strength of evidence. */
export function compareDetections(a: Detection, b: Detection): number {
  return (
    SCOPE_RANK[a.carrier.scope] - SCOPE_RANK[b.carrier.scope] ||
    evidenceRank(a.format, a.strength) - evidenceRank(b.format, b.strength) ||
    (a.carrier.id < b.carrier.id ? -1 : a.carrier.id > b.carrier.id ? 1 : 0)
  );
}

/**
 * What detect() says of one carrier: the format bestAccepting(matchFormats(…), byEvidence)
 * picks, found without the lists (a sheet asks this of every carrier for each number
 * that fits its own carrier no format).
 */
export function strongestFit(compiled: CompiledCarrier, normalized: string): Detection | undefined {
  let best: Format | undefined;
  let bestStrength: Strength = 'length-only';
  let bestRank = Number.POSITIVE_INFINITY;
  for (const entry of compiled.formats) {
    const verdict = formatVerdict(entry, normalized);
    if (verdict === undefined || verdict === 'failed') continue;
    const strength: Strength = verdict === 'passed' ? 'checksum' : entry.format.specificity;
    // A tie keeps the earlier format, as byEvidence's order does.
    const rank = evidenceRank(entry.format, strength);
    if (rank < bestRank) {
      best = entry.format;
      bestStrength = strength;
      bestRank = rank;
    }
  }
  return best === undefined ? undefined : { carrier: compiled.carrier, format: best, strength: bestStrength };
}

/** The best accepting format of one carrier, or undefined when none accepts the number. */
export function bestAccepting(matches: FormatMatch[], order: (a: FormatMatch, b: FormatMatch) => number) {
  return matches.filter((m) => m.checksum !== 'failed').sort(order)[0];
}
