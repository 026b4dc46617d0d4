// The serial and check digit are read at spans taken from the pattern instead of from
// exec() groups; for every number a format matches, the two must be the same characters.
import { describe, expect, it } from 'vitest';
import { checkSpansOf } from '../../src/carriers/check-spans.js';
import { CarrierRegistry } from '../../src/carriers/registry.js';

const registry = CarrierRegistry.builtIn();

describe('checkSpansOf', () => {
  it('places the groups of a pattern whose parts all have a fixed width', () => {
    expect(checkSpansOf('^(?<prefix>1\\d)(?<serial>\\d{8})(?<check>\\d)(?<suffix>\\d{2})$')).toEqual({ serialStart: 2, serialEnd: 10, checkStart: 10, checkEnd: 11 });
    expect(checkSpansOf('^1Z(?<serial>[0-9A-Z]{15})(?<check>\\d)$')).toEqual({ serialStart: 2, serialEnd: 17, checkStart: 17, checkEnd: 18 });
    expect(checkSpansOf('^(?:AB){2}[\\]x](?<serial>\\d{3,3})(?<check>\\d)\\-$')).toEqual({ serialStart: 5, serialEnd: 8, checkStart: 8, checkEnd: 9 });
  });

  it('gives no spans when a group can move or repeat, or the pattern has no such groups', () => {
    for (const pattern of [
      '^(?<serial>\\d{9,10})(?<check>\\d)$',
      '^(?:420\\d{5})?(?<serial>\\d{12})(?<check>\\d)$',
      '^(?:A|BC)(?<serial>\\d{8})(?<check>\\d)$',
      '^(?:(?<serial>\\d)){8}(?<check>\\d)$',
      '^(?=1)(?<serial>\\d{8})(?<check>\\d)$',
      '^\\b(?<serial>\\d{8})(?<check>\\d)$',
      '^(?<serial>\\d{8})\\d+(?<check>\\d)$',
      '^(?<serial>\\d{8})\\d$',
      '(?<serial>\\d{8})(?<check>\\d)',
    ]) {
      expect(checkSpansOf(pattern), pattern).toBeUndefined();
    }
  });
});

const checked = registry.all().flatMap((carrier) => carrier.formats.filter((format) => format.checksum !== undefined));
// The built-in formats whose groups move: these keep exec().
const MOVING = ['dhl-express', 'usps-impb'];

it('places the groups of every built-in checksum format but the ones whose groups move', () => {
  expect(checked.filter((format) => checkSpansOf(format.pattern) === undefined).map((format) => format.id)).toEqual(MOVING);
});
const examples = registry.all().flatMap((carrier) => carrier.formats.flatMap((format) => [...format.test.valid, ...format.test.invalid].map((example) => example.number)));

const placed = checked.filter((format) => !MOVING.includes(format.id));

describe.each(placed.map((format) => [format.id, format] as const))('%s', (_, format) => {
  const spans = checkSpansOf(format.pattern);
  const regex = new RegExp(format.pattern);

  it('reads the same serial and check digit as exec() on every example it matches', () => {
    const matched = examples.filter((number) => regex.test(number));
    expect(matched.length).toBeGreaterThan(0);
    for (const number of matched) {
      const groups = regex.exec(number)!.groups!;
      expect([number.slice(spans!.serialStart, spans!.serialEnd), number.slice(spans!.checkStart, spans!.checkEnd)], number).toEqual([groups['serial'], groups['check']]);
    }
  });
});
