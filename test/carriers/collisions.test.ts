// The collision table (jkeen's collision_spec, made strict): for every valid test
// number, which OTHER carriers' formats accept it. Each collision is expected and
// explained in known-collisions.json; a new one, or one that no longer happens,
// fails until the list is updated, so a rule change cannot widen overlaps unseen.
import { describe, expect, it } from 'vitest';
import { CarrierRegistry } from '../../src/carriers/registry.js';
import known from './known-collisions.json' with { type: 'json' };

const registry = CarrierRegistry.builtIn();

interface Collision {
  number: string;
  carrier: string;
  alsoAcceptedBy: string[];
}

function computeCollisions(): Map<string, Collision> {
  const table = new Map<string, Collision>();
  for (const carrier of registry.all()) {
    for (const format of carrier.formats) {
      for (const { number } of format.test.valid) {
        const others = registry
          .detect(number)
          .map((d) => d.carrier.id)
          .filter((id) => id !== carrier.id)
          .sort();
        if (others.length > 0) table.set(`${carrier.id} ${number}`, { number, carrier: carrier.id, alsoAcceptedBy: others });
      }
    }
  }
  return table;
}

const computed = computeCollisions();
const documented = new Map(known.collisions.map((c) => [`${c.carrier} ${c.number}`, c]));

describe('collisions between carriers', () => {
  it('gives every documented collision a reason', () => {
    for (const entry of known.collisions) expect(entry.reason.length, entry.number).toBeGreaterThan(10);
  });

  it('finds no collision that known-collisions.json does not explain', () => {
    const undocumented = [...computed.values()].filter((c) => !documented.has(`${c.carrier} ${c.number}`));
    expect(undocumented).toEqual([]);
  });

  it('still finds every documented collision, with the same carriers', () => {
    const drifted = known.collisions
      .map(({ number, carrier, alsoAcceptedBy }) => ({ number, carrier, alsoAcceptedBy: [...alsoAcceptedBy].sort() }))
      .filter((c) => JSON.stringify(computed.get(`${c.carrier} ${c.number}`)) !== JSON.stringify(c));
    expect(drifted).toEqual([]);
  });

  it('never lets two carriers with a letter prefix claim the same number', () => {
    for (const { number, carrier } of computed.values()) {
      const letterFits = registry.detect(number).filter((d) => d.strength === 'letter-prefix' && d.carrier.id !== carrier);
      expect(letterFits.map((d) => d.carrier.id), number).toEqual([]);
    }
  });
});
