// check() answers a fitting number without building anything (ownFit) and everything
// else through the full comparison. The shortcut must never change an answer: every
// carrier's example numbers, with every check digit changed, are checked against every
// declared carrier both ways; detect() likewise against listing every match.
import { describe, expect, it } from 'vitest';
import { checkNumberFully, type CheckContext } from '../../src/carriers/check.js';
import { bestAccepting, byEvidence, compareDetections, compileCarrier, matchFormats, strengthOf } from '../../src/carriers/match.js';
import type { Detection } from '../../src/carriers/outcome.js';
import { CarrierRegistry } from '../../src/carriers/registry.js';

const registry = CarrierRegistry.builtIn();
const compiled = new Map(registry.all().map((carrier) => [carrier.id, compileCarrier(carrier)]));

/** detect() as it was written before strongestFit: every carrier's matches listed, filtered and sorted. */
function listedDetections(number: string): Detection[] {
  return [...compiled.values()]
    .flatMap((entry) => {
      const best = bestAccepting(matchFormats(entry, number), byEvidence);
      return best ? [{ carrier: entry.carrier, format: best.format, strength: strengthOf(best) }] : [];
    })
    .sort(compareDetections);
}

/** check() as it was written before ownFit, with detect() as it was. */
function fullAnswer(carrierId: string, number: string) {
  const declared = compiled.get(carrierId)!;
  const context: CheckContext = {
    partners: declared.carrier.partners.flatMap((id) => compiled.get(id) ?? []),
    barcodes: [...compiled.values()].filter((entry) => entry.barcode !== undefined && entry !== declared),
    prefixes: [...compiled.values()].flatMap((entry) => entry.formats.flatMap(({ format, prefix }) => (prefix ? [{ carrier: entry.carrier, format, prefix }] : []))),
    detect: listedDetections,
  };
  return checkNumberFully(declared, context, number);
}

/** Every example number of the rules, each with its last digit run through 0–9, and a few odd shapes. */
function numbers(): string[] {
  const examples = registry.all().flatMap((carrier) => [
    ...carrier.formats.flatMap((format) => [...format.test.valid, ...format.test.invalid]),
    ...(carrier.packageBarcode ? [...carrier.packageBarcode.test.valid, ...carrier.packageBarcode.test.invalid] : []),
  ]).map((example) => example.number);
  const changed = examples.flatMap((number) => Array.from({ length: 10 }, (_, digit) => number.slice(0, -1) + String(digit)));
  // Plus the shapes only the rarer answers take: another carrier's number, a rival prefix, a barcode.
  // A 韵达 number on the wider rule only, and a Best-shaped one: the loose and retired answers.
  const rare = ['SF1385628716739', 'SF1234567890', 'SF12345678', 'YT9383342193097', '1100000000029', '304312442401', 'JDVA00024194366-1-5-', '442345678901234', '70123456789012'];
  return [...new Set([...examples, ...changed, ...rare, '', 'A1B2C3D4E5', 'JD0093356842901-2-3-', '1136281381675', '304312442386'])];
}

describe('check(): the fitting-number shortcut', () => {
  const all = numbers();

  it.each(registry.all().map((carrier) => [carrier.id]))('answers exactly as the full comparison for every number declared as %s', (carrierId) => {
    for (const number of all) expect(registry.check(carrierId, number), number).toEqual(fullAnswer(carrierId, number));
  });

  it('detects the same carriers, in the same order, as listing every match', () => {
    for (const number of all) expect(registry.detect(number), number).toEqual(listedDetections(number));
  });

  it('hands out one shared answer per format for a fitting number, so a sheet of them builds nothing', () => {
    const first = registry.check('zto', '73610555582883');
    expect(first).toEqual({ kind: 'valid', format: expect.objectContaining({ id: 'zto-14' }), byChecksum: false });
    expect(registry.check('zto', '78610555582884')).toBe(first);
    expect(Object.isFrozen(first)).toBe(true);
    expect(registry.check('ems', '1136281381675')).toBe(registry.check('ems', '1136281381675'));
    expect(registry.check('sf', '304312442386')).toMatchObject({ kind: 'legacy', format: { id: 'sf-12' } });
    // A loose fit without a rival is shared the same way.
    expect(registry.check('zto-freight', '202197601431')).toBe(registry.check('zto-freight', '202197601433'));
  });
});
