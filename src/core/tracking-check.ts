// Checking one (carrier, tracking number) pair against the carrier rules and
// turning the registry's verdict into findings a merchant can act on.

import { formatName, isRetired, type Carrier, type CarrierRegistry, type Detection, type Format, type Rival } from '../carriers/registry.js';
import { isOtherNetwork } from '../carriers/check.js';
import { EXCEL_SIGNIFICANT_DIGITS } from './cell-value.js';
import { finding, type Finding, type FindingCode } from './finding.js';

export interface PairContext {
  registry: CarrierRegistry;
  orderId?: string;
  /** Rows the carrier and the number were read from (they differ only on multi-SKU orders). */
  carrierRow: number;
  numberRow: number;
}

const SEPARATOR = '、';

/**
 * Display names of the carriers a number fits, strongest first, without repeats: the carriers
 * a hint may tell the merchant to switch to. A retired carrier is left out (百世快递: its
 * numbers are 极兔's JT… now, and 小红书 does not list it); `ship detect` still shows its match.
 */
export function fitNames(detections: readonly Detection[], limit = 3): string {
  const names: string[] = [];
  for (const { carrier } of detections) {
    if (!isRetired(carrier) && !names.includes(carrier.displayName)) names.push(carrier.displayName);
  }
  return names.slice(0, limit).join(SEPARATOR);
}

/** When only retired carriers fit: the strongest, said as an old number of it, not as a carrier to choose. */
function retiredArgs(detections: readonly Detection[]): Record<string, string> {
  const old = detections.find((d) => isRetired(d.carrier));
  return old === undefined ? {} : { retired: old.carrier.displayName, ...formatArgs('retiredFormat', old.format) };
}

// Whatever a carrier prints, it is letters, digits and at most hyphens.
const FOREIGN_CHARACTERS = /[^0-9A-Z-]/g;
const HAS_FOREIGN_CHARACTER = /[^0-9A-Z-]/;

// Findings are written out key by key (no `{ ...owner, more }`): this runs
// once per order, and a spread plus keys gives every object a hidden class of its own.

/** A number without a carrier: say which carriers it fits, never fill one in. */
export function checkNumberAlone(number: string, context: PairContext): Finding {
  const fits = fitNames(context.registry.detect(number));
  return finding('missing-carrier', context.numberRow, { orderId: context.orderId, field: 'carrier', value: '', args: { number, fits } });
}

type NumberCode = Extract<FindingCode, `tracking-${string}`>;

/**
 * Checks a declared pair, appends what is wrong to `findings` and returns the resolved
 * carrier's id (undefined when the name is unknown). No verdict object: this runs once
 * per order, and nearly every pair is fine.
 */
export function checkPair(carrierText: string, number: string, context: PairContext, findings: Finding[]): string | undefined {
  const { registry, orderId } = context;
  const carrier = registry.resolve(carrierText);
  if (carrier === undefined) {
    const suggestions = registry.suggest(carrierText, 3).map((c) => c.displayName).join(SEPARATOR);
    const fits = fitNames(registry.detect(number));
    const args = { carrier: carrierText, suggestions, fits };
    findings.push(finding('unknown-carrier', context.carrierRow, { orderId, field: 'carrier', value: carrierText, args }));
    return undefined;
  }
  const problem = numberProblem(registry, carrier, number);
  if (problem !== undefined) findings.push(finding(problem.code, context.numberRow, { orderId, field: 'trackingNumber', value: number, args: problem.args }));
  return carrier.id;
}

/** What is wrong with a number for the carrier it is declared with; undefined when it fits. */
function numberProblem(registry: CarrierRegistry, carrier: Carrier, number: string): { code: NumberCode; args: Record<string, string> } | undefined {
  const name = carrier.displayName;
  if (HAS_FOREIGN_CHARACTER.test(number)) {
    const characters = [...new Set(number.match(FOREIGN_CHARACTERS))].join(' ');
    return { code: 'tracking-invalid-characters', args: { carrier: name, characters } };
  }
  const outcome = registry.check(carrier.id, number);
  switch (outcome.kind) {
    case 'valid':
      return undefined;
    case 'legacy': {
      const args: Record<string, string> = { carrier: name, ...formatArgs('format', outcome.format), ...rivalArgs(outcome.rival) };
      if (looksZeroedByExcel(number)) args.zeroedDigits = String(number.length - EXCEL_SIGNIFICANT_DIGITS);
      return { code: 'tracking-legacy-format', args };
    }
    case 'unspecific': {
      const args: Record<string, string> = { carrier: name, ...formatArgs('format', outcome.format), ...rivalArgs(outcome.rival) };
      if (outcome.widens !== undefined) Object.assign(args, formatArgs('narrowFormat', outcome.widens));
      return { code: 'tracking-unspecific-format', args };
    }
    case 'partner':
      return { code: 'tracking-partner-format', args: { carrier: name, partner: outcome.partner.displayName } };
    case 'unverified': {
      const args: Record<string, string> = { carrier: name, fits: fitNames(outcome.fits) };
      const failed = outcome.failedCheck;
      if (failed !== undefined) Object.assign(args, { checkOwner: failed.carrier.displayName, ...formatArgs('checkFormat', failed.format) });
      return { code: 'tracking-unverified-format', args: { ...args, ...rivalArgs(outcome.rival) } };
    }
    case 'other-carrier':
      return { code: 'tracking-other-carrier', args: { carrier: name, fit: outcome.fit.carrier.displayName, ...formatArgs('format', outcome.fit.format) } };
    case 'check-digit':
      return { code: 'tracking-check-digit', args: { carrier: name, owner: outcome.owner.displayName, ...formatArgs('format', outcome.format) } };
    case 'package-barcode': {
      const { owner } = outcome;
      // A barcode of another network: the waybill alone would still not fit the carrier.
      const elsewhere = isOtherNetwork(carrier, owner);
      return { code: 'tracking-package-barcode', args: { carrier: name, owner: owner.displayName, waybill: outcome.waybill, ...(elsewhere ? { switchTo: owner.displayName } : {}) } };
    }
    case 'mismatch': {
      const fits = fitNames(outcome.fits);
      return { code: 'tracking-format', args: { carrier: name, fits, ...(fits === '' ? retiredArgs(outcome.fits) : {}) } };
    }
  }
}

// Excel keeps 15 significant digits (cell-value.ts): a longer number that went through a number cell comes
// back with zeros after the 15th. Only a legacy format takes such numbers (圆通's 18 digits);
// a real one ends in those zeros 1 time in 1000, so it is said, not rejected.
const ZEROED_BY_EXCEL = new RegExp(`^\\d{${EXCEL_SIGNIFICANT_DIGITS}}0{2,}$`);

function looksZeroedByExcel(number: string): boolean {
  return ZEROED_BY_EXCEL.test(number);
}

/** A format's name for each language under `key` (English) and `${key}Zh` (Chinese, the English one when the rules give none). */
function formatArgs(key: string, format: Format): Record<string, string> {
  return { [key]: formatName(format, 'en'), [`${key}Zh`]: formatName(format, 'zh') };
}

function rivalArgs(rival: Rival | undefined): Record<string, string> {
  if (rival === undefined) return {};
  const args = { rival: rival.carrier.displayName, ...formatArgs('rivalFormat', rival.format) };
  return rival.how === 'prefix' ? { ...args, rivalPrefix: rival.prefix } : args;
}
