import { describe, expect, it } from 'vitest';
import { RowOutcomes } from '../../src/core/row-outcomes.js';

describe('RowOutcomes', () => {
  it('keeps one outcome per row, the last one set, and counts each row once', () => {
    const outcomes = new RowOutcomes();
    outcomes.set(5, 'imported');
    outcomes.set(2, 'skipped');
    outcomes.set(5, 'rejected');
    outcomes.set(3_000_000, 'imported'); // far beyond the first allocation
    expect(outcomes.size).toBe(3);
    expect([outcomes.get(2), outcomes.get(5), outcomes.get(3_000_000)]).toEqual(['skipped', 'rejected', 'imported']);
    expect([outcomes.get(3), outcomes.get(-1), outcomes.get(1.5), outcomes.get(9_000_000)]).toEqual([undefined, undefined, undefined, undefined]);
    expect([...outcomes]).toEqual([[2, 'skipped'], [5, 'rejected'], [3_000_000, 'imported']]);
    expect(outcomes.tally()).toEqual({ imported: 1, rejected: 1, skipped: 1 });
  });

  it('refuses what is not a row number', () => {
    expect(() => new RowOutcomes().set(-1, 'imported')).toThrow(RangeError);
  });
});
