import { describe, expect, it } from 'vitest';
import { cellToInstant, isoDateToSerial, serialToInstant, textToInstant } from '../../src/core/excel-date.js';
import type { Cell } from '../../src/core/sheet.js';

const D1900 = { date1904: false };
const D1904 = { date1904: true };
const iso = (date: Date | undefined): string | undefined => date?.toISOString();

describe('Excel date serials, read as China time (UTC+08:00)', () => {
  it('turns a serial with a time of day into the instant it shows', () => {
    // 2026-11-26 18:00 in Beijing is 10:00 UTC. Excel shows serial 46352.75 as 2026-11-26 18:00.
    expect(iso(serialToInstant(46352.75, D1900))).toBe('2026-11-26T10:00:00.000Z');
    expect(iso(serialToInstant(46352, D1900))).toBe('2026-11-25T16:00:00.000Z');
  });

  it('rounds binary fractions to the millisecond, so 10:00 stays 10:00:00.000', () => {
    expect(iso(serialToInstant(46352 + 10 / 24, D1900))).toBe('2026-11-26T02:00:00.000Z');
    expect(iso(serialToInstant(46352.416666666664, D1900))).toBe('2026-11-26T02:00:00.000Z');
  });

  it('keeps Lotus 1-2-3 compatibility: serial 59 is 1900-02-28, 61 is 1900-03-01, 60 does not exist', () => {
    expect(iso(serialToInstant(1, D1900))).toBe('1899-12-31T16:00:00.000Z');
    expect(iso(serialToInstant(59, D1900))).toBe('1900-02-27T16:00:00.000Z');
    expect(serialToInstant(60, D1900)).toBeUndefined();
    expect(serialToInstant(60.5, D1900)).toBeUndefined();
    expect(iso(serialToInstant(61, D1900))).toBe('1900-02-28T16:00:00.000Z');
  });

  it('counts from 1904-01-01 in 1904-system workbooks (old Macs): the same day is 1462 less', () => {
    expect(iso(serialToInstant(0, D1904))).toBe('1903-12-31T16:00:00.000Z');
    expect(iso(serialToInstant(46352.75 - 1462, D1904))).toBe('2026-11-26T10:00:00.000Z');
  });

  it('has no date for a time alone, a negative serial, or a serial past 9999-12-31', () => {
    for (const serial of [0, 0.5, -1, 2958466, Number.NaN, Number.POSITIVE_INFINITY]) expect(serialToInstant(serial, D1900), String(serial)).toBeUndefined();
    expect(serialToInstant(-0.5, D1904)).toBeUndefined();
    expect(iso(serialToInstant(2958465, D1900))).toBe('9999-12-30T16:00:00.000Z');
  });
});

describe('date-time texts', () => {
  it.each([
    ['2026-11-26 18:00:00', '2026-11-26T10:00:00.000Z'],
    ['2026/11/26 18:00', '2026-11-26T10:00:00.000Z'],
    ['2026/1/5 8:05', '2026-01-05T00:05:00.000Z'],
    ['2026-11-26T18:00:00', '2026-11-26T10:00:00.000Z'],
    ['2026-11-26', '2026-11-25T16:00:00.000Z'],
    ['  2026-11-26 18:00:00 ', '2026-11-26T10:00:00.000Z'],
    ['2026年11月26日 18:00', '2026-11-26T10:00:00.000Z'],
    ['２０２６-１１-２６ １８:００:００', '2026-11-26T10:00:00.000Z'],
    ['2026-11-26 18:00:00.5', '2026-11-26T10:00:00.500Z'],
    ['2026-11-26T10:00:00Z', '2026-11-26T10:00:00.000Z'],
    ['2026-11-26T18:00:00+08:00', '2026-11-26T10:00:00.000Z'],
    ['2026-11-26T05:00:00-0500', '2026-11-26T10:00:00.000Z'],
  ])('%s is China time unless it names an offset', (text, expected) => {
    expect(iso(textToInstant(text))).toBe(expected);
  });

  it.each(['', '2026-13-01', '2026-02-29', '2026-04-31', '2026-11-26 24:00', '2026-11-26 18:60', '26-11-2026', '45600', 'tomorrow', '2026-11-26 18'])(
    '%s is no date',
    (text) => {
      expect(textToInstant(text)).toBeUndefined();
    },
  );

  it('knows leap years', () => {
    expect(iso(textToInstant('2028-02-29'))).toBe('2028-02-28T16:00:00.000Z');
  });

  it('reads the export\'s own shape (read digit by digit) exactly as any other spelling of the time', () => {
    // A trailing space sends the same text through the general reading.
    const shaped: string[] = ['2026-11-26 18:00:00', '2028-02-29 12:30:45', '2026-02-29 10:00:00', '2026-11-31 00:00:00', '2026-11-26 24:00:00', '2026-11-26 23:60:00', '2026-11-26 23:59:60', '2026-00-10 10:00:00', '2026-1a-26 18:00:00', '0000-02-29 00:00:00', '0004-02-29 00:00:00', '0099-12-31 23:59:59', '9999-12-31 23:59:59'];
    for (let n = 0; n < 300; n++) {
      const two = (limit: number) => String((n * 7919 + limit * 31) % limit).padStart(2, '0');
      shaped.push(`${1990 + (n % 50)}-${two(14)}-${two(33)} ${two(26)}:${two(62)}:${two(62)}`);
    }
    for (const text of shaped) expect(textToInstant(text)?.getTime(), text).toBe(textToInstant(`${text} `)?.getTime());
    expect(iso(textToInstant('0004-02-29 08:00:00'))).toBe('1904-02-29T00:00:00.000Z');
    expect(textToInstant('0000-02-29 00:00:00')).toBeUndefined();
  });
});

describe('ISO 8601 values of t="d" cells, as serials of the workbook', () => {
  // What Excel shows for the serial: the value read back as China time, in China time.
  const shown = (serial: number | undefined, options = D1900) =>
    serial === undefined ? undefined : iso(new Date(serialToInstant(serial, options)!.getTime() + 8 * 3600_000))?.slice(0, 23);

  it.each([
    ['2026-11-22', '2026-11-22T00:00:00.000'],
    ['2026-11-22T23:00:00', '2026-11-22T23:00:00.000'],
    ['2026-11-22T23:00', '2026-11-22T23:00:00.000'],
    ['2026-11-22T23:00:00.25', '2026-11-22T23:00:00.250'],
    ['2026-11-22T23:00:00.123456', '2026-11-22T23:00:00.123'],
    [' 2028-02-29T08:05:09 ', '2028-02-29T08:05:09.000'],
  ])('%s is the wall-clock time Excel shows', (text, expected) => {
    expect(shown(isoDateToSerial(text, D1900))).toBe(expected);
    expect(shown(isoDateToSerial(text, D1904), D1904)).toBe(expected);
  });

  it('gives the serial a number cell holds, 1462 less in the 1904 system', () => {
    expect(isoDateToSerial('2026-11-26T18:00:00', D1900)).toBe(46352.75);
    expect(isoDateToSerial('2026-11-26T18:00:00', D1904)).toBe(46352.75 - 1462);
    expect(isoDateToSerial('1904-01-01', D1904)).toBe(0);
  });

  it('keeps Lotus 1-2-3 compatibility: 1900-02-28 is serial 59, 1900-03-01 is 61', () => {
    expect(isoDateToSerial('1900-01-01', D1900)).toBe(1);
    expect(isoDateToSerial('1900-02-28T12:00:00', D1900)).toBe(59.5);
    expect(isoDateToSerial('1900-03-01', D1900)).toBe(61);
  });

  it('reads a value with Z or an offset as the instant it names, shown in China time', () => {
    // A 23:00 deadline in China written from a JavaScript Date: 15:00 UTC.
    expect(shown(isoDateToSerial('2026-11-22T15:00:00Z', D1900))).toBe('2026-11-22T23:00:00.000');
    expect(shown(isoDateToSerial('2026-11-22T15:00:00.000z', D1900))).toBe('2026-11-22T23:00:00.000');
    expect(shown(isoDateToSerial('2026-11-22T23:00:00+08:00', D1900))).toBe('2026-11-22T23:00:00.000');
    expect(shown(isoDateToSerial('2026-11-22T10:00:00-0500', D1900))).toBe('2026-11-22T23:00:00.000');
  });

  it.each(['', 'tomorrow', '2026-02-29', '2026-11-22T24:00:00', '2026-11-22T23:59:60', '2026/11/22', '2026-11-22 23:00:00', '20261122', '1899-12-31', '0050-01-01', '10000-01-01'])(
    '%s has no serial',
    (text) => {
      expect(isoDateToSerial(text, D1900)).toBeUndefined();
    },
  );

  it('has no serial before the first day of the date system', () => {
    expect(isoDateToSerial('1903-12-31T23:00:00', D1904)).toBeUndefined();
    expect(isoDateToSerial('1903-12-31T23:00:00', D1900)).toBe(1462 - 1 + 23 / 24);
  });
});

describe('cells', () => {
  const cell = (text: string, type: Cell['type']): Cell => ({ text, type });

  it('reads date-styled and plain number cells as serials, string cells as text', () => {
    expect(iso(cellToInstant(cell('46352.75', 'date'), D1900))).toBe('2026-11-26T10:00:00.000Z');
    expect(iso(cellToInstant(cell('46352.75', 'number'), D1900))).toBe('2026-11-26T10:00:00.000Z');
    expect(iso(cellToInstant(cell('44890.75', 'date'), D1904))).toBe('2026-11-26T10:00:00.000Z');
    expect(iso(cellToInstant(cell('2026-11-26 18:00:00', 'string'), D1900))).toBe('2026-11-26T10:00:00.000Z');
  });

  it('has no instant for an empty, error, boolean or non-date cell', () => {
    expect(cellToInstant(undefined, D1900)).toBeUndefined();
    expect(cellToInstant(cell('', 'date'), D1904)).toBeUndefined();
    expect(cellToInstant(cell('#N/A', 'error'), D1900)).toBeUndefined();
    expect(cellToInstant(cell('TRUE', 'boolean'), D1900)).toBeUndefined();
    expect(cellToInstant(cell('46352.75', 'string'), D1900)).toBeUndefined();
  });
});
