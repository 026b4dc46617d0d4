// Checking one (carrier, tracking number) pair against the carrier rules and
// turning the registry's verdict into findings a merchant can act on.

import type { CarrierRegistry, Detection } from '../carriers/registry.js';
import { finding, type Finding } from './finding.js';

export interface PairContext {
  registry: CarrierRegistry;
  orderId?: string;
  /** Rows the carrier and the number were read from (they differ only on multi-SKU orders). */
  carrierRow: number;
  numberRow: number;
}

export interface PairVerdict {
  /** The resolved carrier, when the name is known. */
  carrierId?: string;
  findings: Finding[];
}

const SEPARATOR = '、';

/** Display names of the carriers a number fits, strongest first, without repeats. */
export function fitNames(detections: readonly Detection[], limit = 3): string {
  const names: string[] = [];
  for (const { carrier } of detections) {
    if (!names.includes(carrier.displayName)) names.push(carrier.displayName);
  }
  return names.slice(0, limit).join(SEPARATOR);
}

// Whatever a carrier prints, it is letters, digits and at most hyphens.
const FOREIGN_CHARACTERS = /[^0-9A-Z-]/g;

function owner(context: PairContext): { orderId?: string } {
  return context.orderId === undefined ? {} : { orderId: context.orderId };
}

/** A number without a carrier: say which carriers it fits, never fill one in. */
export function checkNumberAlone(number: string, context: PairContext): Finding {
  const fits = fitNames(context.registry.detect(number));
  return finding('missing-carrier', context.numberRow, { ...owner(context), field: 'carrier', value: '', args: { number, fits } });
}

export function checkPair(carrierText: string, number: string, context: PairContext): PairVerdict {
  const { registry } = context;
  const at = { ...owner(context), field: 'trackingNumber' as const, value: number };
  const carrier = registry.resolve(carrierText);
  if (carrier === undefined) {
    const suggestions = registry.suggest(carrierText, 3).map((c) => c.displayName).join(SEPARATOR);
    const fits = fitNames(registry.detect(number));
    const args = { carrier: carrierText, suggestions, fits };
    return { findings: [finding('unknown-carrier', context.carrierRow, { ...owner(context), field: 'carrier', value: carrierText, args })] };
  }
  const verdict = (findings: Finding[]): PairVerdict => ({ carrierId: carrier.id, findings });
  const name = carrier.displayName;

  const foreign = number.match(FOREIGN_CHARACTERS);
  if (foreign !== null) {
    const characters = [...new Set(foreign)].join(' ');
    return verdict([finding('tracking-invalid-characters', context.numberRow, { ...at, args: { carrier: name, characters } })]);
  }
  const outcome = registry.check(carrier.id, number);
  switch (outcome.kind) {
    case 'valid':
      return verdict([]);
    case 'legacy':
      return verdict([finding('tracking-legacy-format', context.numberRow, { ...at, args: { carrier: name, format: outcome.format.name } })]);
    case 'partner':
      return verdict([finding('tracking-partner-format', context.numberRow, { ...at, args: { carrier: name, partner: outcome.partner.displayName } })]);
    case 'unverified':
      return verdict([finding('tracking-unverified-format', context.numberRow, { ...at, args: { carrier: name } })]);
    case 'check-digit':
      return verdict([finding('tracking-check-digit', context.numberRow, { ...at, args: { carrier: name, format: outcome.format.name } })]);
    case 'package-barcode':
      return verdict([finding('tracking-package-barcode', context.numberRow, { ...at, args: { carrier: name, waybill: outcome.waybill } })]);
    case 'mismatch':
      return verdict([finding('tracking-format', context.numberRow, { ...at, args: { carrier: name, fits: fitNames(outcome.fits) } })]);
  }
}
