import { InvalidArgumentError } from 'commander';
import { describe, expect, it } from 'vitest';
import { hours, isoTime, nonNegativeInteger, positiveInteger, valueParsers } from '../../src/cli/options.js';

describe('--now', () => {
  it('takes an ISO time with its offset, a leap day included', () => {
    expect(isoTime('2026-11-26T18:00:00+08:00').toISOString()).toBe('2026-11-26T10:00:00.000Z');
    expect(isoTime('2028-02-29T10:00+08:00').toISOString()).toBe('2028-02-29T02:00:00.000Z');
  });

  it('reads a time without an offset as China time, as the export is, whatever zone the machine is in', () => {
    expect(isoTime('2026-11-23T09:00').toISOString()).toBe('2026-11-23T01:00:00.000Z');
    expect(isoTime('2026-11-23 09:00:30.5').toISOString()).toBe('2026-11-23T01:00:30.500Z');
    expect(isoTime('2026-11-23').toISOString()).toBe('2026-11-22T16:00:00.000Z');
    expect(isoTime('2026-11-23T01:00Z').toISOString()).toBe('2026-11-23T01:00:00.000Z');
    expect(isoTime('2026-11-22T20:00-0500').toISOString()).toBe('2026-11-23T01:00:00.000Z');
    // What `date '+%F %T %z'` prints: a space before the offset.
    expect(isoTime('2026-11-23 09:00:00 +0800').toISOString()).toBe('2026-11-23T01:00:00.000Z');
  });

  // Date() would roll these over to the next month and the deadlines would be judged a day or two off.
  it.each(['2026-11-31T10:00+08:00', '2026-02-30T10:00+08:00', '2027-02-29', '2026-13-01', '2026-00-10', 'tomorrow', '2026-11-23T24:00', '11/23/2026', '2026-11-23T10:00+25:00', '2026-11-23T10:00+08:75', '2026-11-23-10:00', '2026-11-23 -08'])('refuses %s', (value) => {
    expect(() => isoTime(value)).toThrow(InvalidArgumentError);
  });
});

describe('whole-number options (--max-rows, --max-errors…)', () => {
  it('take plain digits', () => {
    expect(positiveInteger('500')).toBe(500);
    expect(nonNegativeInteger('0')).toBe(0);
  });

  it.each(['0x10', '1e3', '0b11', ' 5', '5.0', '-1', ''])('refuse %j', (value) => {
    expect(() => positiveInteger(value)).toThrow(InvalidArgumentError);
    expect(() => nonNegativeInteger(value)).toThrow(InvalidArgumentError);
  });
});

describe('--deadline-hours and --due-soon', () => {
  it('take whole hours up to a year', () => {
    expect(hours('1')).toBe(1);
    expect(hours('8760')).toBe(8760);
  });

  // 3000000000 hours ended in "内部错误：Invalid time value": past the last date a Date can hold.
  it.each(['3000000000', '8761', '0', '0.5', '1e3', ''])('refuse %j, saying the range', (value) => {
    expect(() => hours(value)).toThrow('expected whole hours from 1 to 8760 (one year)');
    expect(() => valueParsers('zh').hours(value)).toThrow('应为 1 到 8760（一年）之间的整数小时');
  });
});
