// Tests generated from the rules' own examples (after jkeen/tracking_number_data's
// format_spec): every valid number passes its carrier, every invalid one is rejected,
// and what merchants paste (spaces, full-width, lower case, a leading ') still passes.
import { describe, expect, it } from 'vitest';
import { normalizeTrackingNumber } from '../../src/core/normalize.js';
import { isLoose } from '../../src/carriers/match.js';
import { CarrierRegistry, type Format } from '../../src/carriers/registry.js';

const registry = CarrierRegistry.builtIn();
const REJECTED = ['mismatch', 'check-digit', 'package-barcode', 'other-carrier'];

/** What check() answers for a real number of the format: a legacy or loose fit is accepted with a warning. */
function acceptedAs(format: Format): 'valid' | 'legacy' | 'unspecific' {
  if (format.status === 'legacy') return 'legacy';
  return isLoose(format) ? 'unspecific' : 'valid';
}

function toFullWidth(text: string): string {
  return Array.from(text, (ch) => (ch >= '!' && ch <= '~' ? String.fromCodePoint(ch.codePointAt(0)! + 0xfee0) : ch)).join('');
}

/** What a merchant's sheet may hold for a number: spaced groups, full-width, lower case, Excel's apostrophe. */
function variants(number: string): string[] {
  const spaced = number.replace(/(.{4})(?=.)/g, '$1 ');
  return [spaced, ` ${number} `, toFullWidth(number), number.toLowerCase(), `'${number}`, `'${toFullWidth(spaced).toLowerCase()}`];
}

describe.each(registry.all().map((carrier) => [carrier.displayName, carrier] as const))('%s', (_, carrier) => {
  it('resolves from its display name, every alias and every platform code', () => {
    for (const alias of [carrier.displayName, ...carrier.names, ...Object.values(carrier.codes)]) {
      expect(registry.resolve(alias!)?.id, alias).toBe(carrier.id);
    }
  });

  if (carrier.formats.length === 0) {
    it('says why it has no format, and accepts a plausible number as unverified', () => {
      expect(carrier.noKnownFormat).toBeTruthy();
      expect(registry.check(carrier.id, 'A1B2C3D4E5').kind).toBe('unverified');
    });
  }

  for (const format of carrier.formats) {
    describe(`${format.id} (${format.status}, ${format.confidence})`, () => {
      it('has at least one invalid example', () => {
        expect(format.test.invalid.length).toBeGreaterThan(0);
      });

      if (format.confidence === 'confirmed') {
        it('has real valid examples, since it is confirmed', () => {
          expect(format.test.valid.length).toBeGreaterThan(0);
        });
      }

      it.each(format.test.valid.map((v) => [v.number]))(`accepts %s as ${acceptedAs(format)}`, (number) => {
        const outcome = registry.check(carrier.id, number);
        expect(outcome).toMatchObject({ kind: acceptedAs(format), format: { id: format.id } });
        if (outcome.kind === 'valid') expect(outcome.byChecksum).toBe(format.checksum !== undefined);
      });

      it.each(format.test.valid.map((v) => [v.number]))('still accepts %s as typed with spaces, full-width, lower case or an apostrophe', (number) => {
        for (const typed of variants(number)) {
          const normalized = normalizeTrackingNumber(typed);
          expect(normalized, typed).toBe(number);
          expect(registry.check(carrier.id, normalized), typed).toMatchObject({ format: { id: format.id } });
        }
      });

      it.each(format.test.invalid.map((v) => [v.number, v.why]))('rejects %s (%s)', (number) => {
        expect(REJECTED).toContain(registry.check(carrier.id, number).kind);
      });
    });
  }

  const barcode = carrier.packageBarcode;
  if (barcode) {
    it.each(barcode.test.valid.map((v) => [v.number, v.waybill]))('rejects the package barcode %s and suggests the waybill %s', (number, waybill) => {
      expect(registry.check(carrier.id, number)).toEqual({ kind: 'package-barcode', waybill, owner: carrier });
      expect(registry.check(carrier.id, waybill).kind).toBe('valid');
    });
    it.each(barcode.test.invalid.map((v) => [v.number, v.why]))('does not take %s for a package barcode (%s)', (number) => {
      expect(registry.check(carrier.id, number).kind).not.toBe('package-barcode');
    });
  }
});

describe('the built-in rules as a whole', () => {
  // The carriers merchants ship with most; the lead asked for five real numbers each.
  const MAIN = ['sf', 'jd', 'zto', 'yto', 'yunda', 'sto', 'jt', 'ems', 'chinapost', 'deppon'];

  it.each(MAIN)('holds at least five real valid numbers for %s', (id) => {
    const carrier = registry.get(id)!;
    const numbers = new Set(carrier.formats.flatMap((f) => f.test.valid.map((v) => v.number)));
    expect(numbers.size).toBeGreaterThanOrEqual(5);
  });

  it('adds no rival to a real legacy or loose number of the carrier it belongs to (the note must not fire on real numbers)', () => {
    for (const carrier of registry.all()) {
      for (const format of carrier.formats.filter((f) => acceptedAs(f) !== 'valid')) {
        for (const { number } of format.test.valid) expect(registry.check(carrier.id, number), `${carrier.id} ${number}`).not.toHaveProperty('rival');
      }
    }
  });

  it('lists a widening format after the one it widens, which takes every real number of that one too', () => {
    for (const carrier of registry.all()) {
      for (const format of carrier.formats.filter((f) => f.widens !== undefined)) {
        const narrower = carrier.formats.find((f) => f.id === format.widens)!;
        expect(carrier.formats.indexOf(narrower)).toBeLessThan(carrier.formats.indexOf(format));
        for (const { number } of narrower.test.valid) expect(new RegExp(format.pattern).test(number), number).toBe(true);
      }
    }
  });

  it('cites a source for every valid example', () => {
    for (const carrier of registry.all()) {
      for (const format of carrier.formats) for (const valid of format.test.valid) expect(valid.source, valid.number).toMatch(/\S{4,}/);
    }
  });

  it('lists no number both as valid and as invalid for the same carrier', () => {
    for (const carrier of registry.all()) {
      const valid = new Set(carrier.formats.flatMap((f) => f.test.valid.map((v) => v.number)));
      for (const format of carrier.formats) for (const invalid of format.test.invalid) expect(valid.has(invalid.number), invalid.number).toBe(false);
    }
  });

  it('keeps test numbers in normalized form, so the examples test the rules and not the normalizer', () => {
    for (const carrier of registry.all()) {
      for (const format of carrier.formats) {
        for (const { number } of [...format.test.valid, ...format.test.invalid]) expect(normalizeTrackingNumber(number)).toBe(number);
      }
    }
  });
});
