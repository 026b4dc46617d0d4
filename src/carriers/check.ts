// The verdict for a declared (carrier, number) pair. Order matters: a JD package
// barcode is recognized before formats (its hyphens match none), a fit with the
// declared carrier beats a partner's, and a failed check digit is only reported when
// nothing in the carrier group accepts the number.
import { bestAccepting, byStatus, matchFormats, type CompiledCarrier } from './match.js';
import type { CheckOutcome, Detection } from './outcome.js';

// For a carrier without a known format: what any tracking number looks like at least.
const PLAUSIBLE = /^[0-9A-Z-]{8,30}$/;

export function checkNumber(
  declared: CompiledCarrier,
  partners: readonly CompiledCarrier[],
  normalized: string,
  detect: () => Detection[],
): CheckOutcome {
  const { carrier } = declared;
  const barcode = declared.barcode?.exec(normalized);
  const waybill = barcode?.groups?.['waybill'];
  if (waybill !== undefined) return { kind: 'package-barcode', waybill };

  const own = matchFormats(declared, normalized);
  const fit = bestAccepting(own, byStatus);
  if (fit) {
    return fit.format.status === 'current'
      ? { kind: 'valid', format: fit.format, byChecksum: fit.checksum === 'passed' }
      : { kind: 'legacy', format: fit.format };
  }

  const partnerMatches = partners.map((partner) => ({ partner, matches: matchFormats(partner, normalized) }));
  for (const { partner, matches } of partnerMatches) {
    const partnerFit = bestAccepting(matches, byStatus);
    if (partnerFit) return { kind: 'partner', partner: partner.carrier, format: partnerFit.format };
  }

  const failed = [...own, ...partnerMatches.flatMap((p) => p.matches)].find((m) => m.checksum === 'failed');
  if (failed) return { kind: 'check-digit', format: failed.format };

  if (carrier.noKnownFormat !== undefined && PLAUSIBLE.test(normalized)) {
    return { kind: 'unverified', reason: carrier.noKnownFormat };
  }
  return { kind: 'mismatch', fits: detect().filter((d) => d.carrier.id !== carrier.id) };
}
