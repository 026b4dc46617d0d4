// Applying one compiled format to a normalized number, and ranking the results.
import { verifyChecksum } from './checksums.js';
import type { Detection } from './outcome.js';
import type { Carrier, Format, Strength } from './schema.js';

export interface CompiledFormat {
  format: Format;
  regex: RegExp;
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

export function compileCarrier(carrier: Carrier): CompiledCarrier {
  return {
    carrier,
    formats: carrier.formats.map((format) => ({ format, regex: new RegExp(format.pattern) })),
    ...(carrier.packageBarcode ? { barcode: new RegExp(carrier.packageBarcode.pattern) } : {}),
  };
}

/** Every format of the carrier whose pattern matches, with its check-digit verdict. */
export function matchFormats(compiled: CompiledCarrier, normalized: string): FormatMatch[] {
  const matches: FormatMatch[] = [];
  compiled.formats.forEach(({ format, regex }, order) => {
    const found = regex.exec(normalized);
    if (!found) return;
    if (!format.checksum) {
      matches.push({ format, checksum: 'none', order });
      return;
    }
    const serial = found.groups?.['serial'];
    const check = found.groups?.['check'];
    // An optional group that did not take part leaves nothing to verify: fail closed.
    const passed = serial !== undefined && check !== undefined && verifyChecksum(format.checksum, { serial, check });
    matches.push({ format, checksum: passed ? 'passed' : 'failed', order });
  });
  return matches;
}

const STRENGTH_RANK: Record<Strength, number> = { checksum: 0, 'letter-prefix': 1, 'digit-prefix': 2, 'length-only': 3 };
const STATUS_RANK: Record<Format['status'], number> = { current: 0, legacy: 1 };

export function strengthOf(match: FormatMatch): Strength {
  return match.checksum === 'passed' ? 'checksum' : match.format.specificity;
}

/** For detection: the strongest evidence first, then current before legacy. */
export function byEvidence(a: FormatMatch, b: FormatMatch): number {
  return (
    STRENGTH_RANK[strengthOf(a)] - STRENGTH_RANK[strengthOf(b)] ||
    STATUS_RANK[a.format.status] - STATUS_RANK[b.format.status] ||
    a.order - b.order
  );
}

/** For the declared carrier: a current format first, so the answer is 'valid' whenever it can be. */
export function byStatus(a: FormatMatch, b: FormatMatch): number {
  return STATUS_RANK[a.format.status] - STATUS_RANK[b.format.status] || byEvidence(a, b);
}

const SCOPE_RANK = { domestic: 0, international: 1 } as const;

/** Domestic carriers first (a 小红书 merchant ships with them), then by strength of evidence. */
export function compareDetections(a: Detection, b: Detection): number {
  return (
    SCOPE_RANK[a.carrier.scope] - SCOPE_RANK[b.carrier.scope] ||
    STRENGTH_RANK[a.strength] - STRENGTH_RANK[b.strength] ||
    STATUS_RANK[a.format.status] - STATUS_RANK[b.format.status] ||
    (a.carrier.id < b.carrier.id ? -1 : a.carrier.id > b.carrier.id ? 1 : 0)
  );
}

/** The best accepting format of one carrier, or undefined when none accepts the number. */
export function bestAccepting(matches: FormatMatch[], order: (a: FormatMatch, b: FormatMatch) => number) {
  return matches.filter((m) => m.checksum !== 'failed').sort(order)[0];
}
