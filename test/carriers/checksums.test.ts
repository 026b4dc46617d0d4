import { describe, expect, it } from 'vitest';
import { CHECKSUMS, verifyChecksum } from '../../src/carriers/checksums.js';
import { CarrierRegistry, type Format } from '../../src/carriers/registry.js';

const registry = CarrierRegistry.builtIn();

describe('check-digit algorithms', () => {
  it('computes SF-12 as in the worked example of carriers.md §3.3 (304312442400)', () => {
    expect(CHECKSUMS.sf12({ serial: '31244240', check: '0' }, { name: 'sf12' })).toBe(true);
    expect(CHECKSUMS.sf12({ serial: '31244240', check: '1' }, { name: 'sf12' })).toBe(false);
  });

  it('maps the S10 remainders 11 − (Σ mod 11) of 10 to 0 and of 11 to 5', () => {
    expect(CHECKSUMS.s10({ serial: '00000000', check: '5' }, { name: 's10' })).toBe(true); // Σ = 0
    expect(CHECKSUMS.s10({ serial: '00000008', check: '0' }, { name: 's10' })).toBe(true); // Σ = 56 ≡ 1
    expect(CHECKSUMS.s10({ serial: '48908373', check: '3' }, { name: 's10' })).toBe(true); // LW489083733CN
  });

  it('applies S10 arithmetic to digits 3–10 for EMS-13 (1136281381675)', () => {
    expect(CHECKSUMS.ems13({ serial: '36281381', check: '6' }, { name: 'ems13' })).toBe(true);
  });

  it('reads letters in UPS serials as (char code − 3) mod 10', () => {
    const ups = { name: 'mod10', evensMultiplier: 1, oddsMultiplier: 2 } as const;
    expect(CHECKSUMS.mod10({ serial: '5R8939035756712', check: '7' }, ups)).toBe(true);
  });

  it('puts 91 in front of a USPS IMpb serial that lacks it', () => {
    const impb = { name: 'mod10', evensMultiplier: 3, oddsMultiplier: 1, prepend: { unlessMatches: '^9[1-5]', content: '91' } } as const;
    expect(CHECKSUMS.mod10({ serial: '7196901075600307738', check: '5' }, impb)).toBe(true);
    expect(CHECKSUMS.mod10({ serial: '7196901075600307738', check: '5' }, { ...impb, prepend: undefined })).toBe(false);
  });

  it('reads the DHL Express serial as one number mod 7', () => {
    expect(CHECKSUMS.mod7({ serial: '331881002', check: '5' }, { name: 'mod7' })).toBe(true);
  });

  it('fails closed when weights and serial differ in length, or the check is not a digit', () => {
    expect(CHECKSUMS.mod11({ serial: '98657878885', check: '5' }, { name: 'mod11', weights: [3, 1, 7, 3, 1, 7, 3, 1, 7, 3, 1] })).toBe(true);
    expect(CHECKSUMS.mod11({ serial: '98657878885', check: '5' }, { name: 'mod11', weights: [3, 1, 7] })).toBe(false);
    expect(verifyChecksum({ name: 's10' }, { serial: '48908373', check: 'X' })).toBe(false);
  });
});

/** Where the serial and the check digit sit in a number, from the format's named groups. */
function spans(format: Format, number: string) {
  const match = new RegExp(format.pattern, 'd').exec(number);
  const serial = match?.indices?.groups?.['serial'];
  const check = match?.indices?.groups?.['check'];
  if (!serial || !check) throw new Error(`${format.id} does not capture serial and check in ${number}`);
  return { serial, check };
}

function withDigit(number: string, at: number, digit: number): string {
  return number.slice(0, at) + String(digit) + number.slice(at + 1);
}

/** True when check() still accepts the number under this very format. */
function sameFormatAccepts(carrierId: string, format: Format, number: string): boolean {
  const outcome = registry.check(carrierId, number);
  return (outcome.kind === 'valid' || outcome.kind === 'legacy') && outcome.format.id === format.id;
}

const checked = registry
  .all()
  .flatMap((carrier) => carrier.formats.filter((f) => f.checksum).map((format) => ({ carrier, format })));

describe.each(checked.map(({ carrier, format }) => [format.id, carrier, format] as const))('%s check digit', (_, carrier, format) => {
  it.each(format.test.valid.map((v) => [v.number]))('rejects %s with any other check digit', (number) => {
    const [at] = spans(format, number).check;
    for (let digit = 0; digit <= 9; digit++) {
      if (String(digit) === number[at]) continue;
      const changed = withDigit(number, at, digit);
      expect(sameFormatAccepts(carrier.id, format, changed), changed).toBe(false);
    }
  });

  // Not every single-digit change can be caught: S10 maps remainders 0 and 6 to the same
  // digit, mod 7 misses ±7, SF-12 weighs one position by 9 (digit sum always 9). What must
  // hold is that each serial digit takes part: some change at every position is rejected.
  it.each(format.test.valid.map((v) => [v.number]))('reads every serial digit of %s', (number) => {
    const [start, end] = spans(format, number).serial;
    for (let at = start; at < end; at++) {
      if (!/\d/.test(number[at]!)) continue;
      const caught = Array.from({ length: 10 }, (_, d) => d)
        .filter((d) => String(d) !== number[at])
        .some((d) => !sameFormatAccepts(carrier.id, format, withDigit(number, at, d)));
      expect(caught, `position ${at}`).toBe(true);
    }
  });
});
