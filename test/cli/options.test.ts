import { InvalidArgumentError } from 'commander';
import { describe, expect, it } from 'vitest';
import { isoTime } from '../../src/cli/options.js';

describe('--now', () => {
  it('takes an ISO time with its offset, a leap day included', () => {
    expect(isoTime('2026-11-26T18:00:00+08:00').toISOString()).toBe('2026-11-26T10:00:00.000Z');
    expect(isoTime('2028-02-29T10:00+08:00').toISOString()).toBe('2028-02-29T02:00:00.000Z');
  });

  // Date() would roll these over to the next month and the deadlines would be judged a day or two off.
  it.each(['2026-11-31T10:00+08:00', '2026-02-30T10:00+08:00', '2027-02-29', '2026-13-01', '2026-00-10', 'tomorrow'])('refuses %s', (value) => {
    expect(() => isoTime(value)).toThrow(InvalidArgumentError);
  });
});
