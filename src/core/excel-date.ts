// Date-time cells (支付时间, 承诺发货时间) as instants. The 千帆 export writes them as
// text "YYYY-MM-DD HH:MM:SS" in China time; a file that went through Excel or WPS may
// hold them as date serials instead, or as "2026/11/26 18:00" text. Pure: no clock.

import type { Cell } from './sheet.js';

export interface ExcelDateOptions {
  /** The workbook counts serials from 1904-01-01 (old Mac workbooks) instead of 1900. */
  date1904: boolean;
}

/** China Standard Time has no daylight saving: always UTC+08:00. */
export const CHINA_OFFSET_MS = 8 * 60 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;

// Serial 1 is 1900-01-01. Excel keeps Lotus 1-2-3's fictitious 1900-02-29 as serial 60,
// so from serial 61 on the days count from 1899-12-30, before it from 1899-12-31.
const EPOCH_1900_EARLY = Date.UTC(1899, 11, 31);
const EPOCH_1900 = Date.UTC(1899, 11, 30);
const EPOCH_1904 = Date.UTC(1904, 0, 1);
const LOTUS_LEAP_DAY = 60;

/** Beyond 9999-12-31 Excel shows ##### instead of a date. */
const LAST_SERIAL_1900 = 2_958_465;
const LAST_SERIAL_1904 = LAST_SERIAL_1900 - 1462;

/**
 * The instant a date serial stands for, read as China time; undefined for serials
 * that are no calendar date (negative, 0 in the 1900 system, the fictitious
 * 1900-02-29, a time of day alone, past 9999).
 */
export function serialToInstant(serial: number, options: ExcelDateOptions): Date | undefined {
  return asDate(serialToTime(serial, options));
}

/** serialToInstant() in ms since the epoch, NaN for no date: the row reader keeps numbers, not Dates. */
function serialToTime(serial: number, options: ExcelDateOptions): number {
  if (!Number.isFinite(serial)) return Number.NaN;
  let epoch: number;
  if (options.date1904) {
    if (serial < 0 || serial >= LAST_SERIAL_1904 + 1) return Number.NaN;
    epoch = EPOCH_1904;
  } else {
    // Below 1 is a time of day with no date; 60 is a day that never was.
    if (serial < 1 || serial >= LAST_SERIAL_1900 + 1 || Math.floor(serial) === LOTUS_LEAP_DAY) return Number.NaN;
    epoch = serial < LOTUS_LEAP_DAY ? EPOCH_1900_EARLY : EPOCH_1900;
  }
  // Serials carry binary fractions of a day: round to the millisecond so 10:00 stays 10:00:00.000.
  return epoch + Math.round(serial * DAY_MS) - CHINA_OFFSET_MS;
}

const asDate = (time: number): Date | undefined => (Number.isNaN(time) ? undefined : new Date(time));

/** The serial that shows a wall-clock time (given as if it were UTC) in the workbook's date system; undefined if none does. */
function wallClockToSerial(wallClock: number, options: ExcelDateOptions): number | undefined {
  let serial = (wallClock - (options.date1904 ? EPOCH_1904 : EPOCH_1900)) / DAY_MS;
  // Before the fictitious 1900-02-29 the 1900 system counts one day less (see serialToTime).
  if (!options.date1904 && serial < LOTUS_LEAP_DAY + 1) serial -= 1;
  return Number.isNaN(serialToTime(serial, options)) ? undefined : serial;
}

// 2026-11-22, 2026-11-22T23:00, 2026-11-22T23:00:00.123, 2026-11-22T15:00:00Z, …+08:00
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?)?(Z|[+-]\d{2}:?\d{2})?$/i;

/**
 * The serial of an xlsx `t="d"` cell's ISO 8601 value in the workbook's date system, or
 * undefined when it is no such date or Excel has no serial for it (before 1900-01-01 or
 * 1904-01-01, after 9999-12-31). Excel writes these values as wall-clock time without an
 * offset: they become the serial of that time, as a number cell would hold it. A value with
 * Z or an offset names an instant instead (a tool writing a JavaScript Date gives UTC, e.g.
 * 15:00Z for a 23:00 deadline): it becomes the China time of that instant, because serials
 * are read as China time and the merchant's deadline is the instant, not the UTC clock.
 */
export function isoDateToSerial(text: string, options: ExcelDateOptions): number | undefined {
  const match = ISO_DATE.exec(text.trim());
  if (match === null) return undefined;
  const [, y, mo, d, h, mi, s, fraction, zone] = match;
  const year = Number(y);
  // No serial is that early, and Date.UTC would read the years 0 to 99 as 1900 to 1999.
  if (year < 1900) return undefined;
  const millis = Math.round(Number(`0.${fraction ?? '0'}`) * 1000);
  // Without a zone the text is China wall-clock time already: − 8 h, then + 8 h, exactly.
  const time = utcTime(year, Number(mo), Number(d), Number(h ?? 0), Number(mi ?? 0), Number(s ?? 0), millis, offsetMs(zone));
  if (Number.isNaN(time)) return undefined;
  return wallClockToSerial(time + CHINA_OFFSET_MS, options);
}

// 2026-11-26 18:00:00, 2026/11/26 18:00, 2026-11-26T18:00:00.123+08:00, 2026年11月26日 18:00, 2026-11-26
const DATE_TEXT =
  /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?:(?:\s+|T)(\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3})\d*)?)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/i;

function daysInMonth(year: number, month: number): number {
  if (month !== 2) return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
  // Date.UTC reads the years 0 to 99 as 1900 to 1999: so does the check.
  const counted = year >= 0 && year <= 99 ? 1900 + year : year;
  return (counted % 4 === 0 && counted % 100 !== 0) || counted % 400 === 0 ? 29 : 28;
}

/** Minutes east of UTC for "Z", "+08:00" or "-0530"; China time when the text names no offset. */
function offsetMs(zone: string | undefined): number {
  if (zone === undefined) return CHINA_OFFSET_MS;
  if (zone.toUpperCase() === 'Z') return 0;
  const sign = zone.startsWith('-') ? -1 : 1;
  const digits = zone.slice(1).replace(':', '');
  return sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2))) * 60 * 1000;
}

/** The instant a date-time text stands for (China time unless it names an offset); undefined if it is not one. */
export function textToInstant(text: string): Date | undefined {
  return asDate(textToTime(text));
}

function textToTime(text: string): number {
  const exported = exportedTextToTime(text);
  if (exported !== undefined) return exported;
  const match = DATE_TEXT.exec(text.normalize('NFKC').trim());
  if (match === null) return Number.NaN;
  const [, y, mo, d, h, mi, s, ms, zone] = match;
  const millis = Number((ms ?? '').padEnd(3, '0'));
  return utcTime(Number(y), Number(mo), Number(d), Number(h ?? 0), Number(mi ?? 0), Number(s ?? 0), millis, offsetMs(zone));
}

/** The instant of calendar fields at a UTC offset; NaN for a day or time that does not exist. */
/** The instant of a wall-clock time at `offset` ms east of UTC; NaN for a day or time that does not exist. */
export function utcTime(year: number, month: number, day: number, hour: number, minute: number, second: number, millis: number, offset: number): number {
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return Number.NaN;
  if (hour > 23 || minute > 59 || second > 59) return Number.NaN;
  return Date.UTC(year, month - 1, day, hour, minute, second, millis) - offset;
}

// The 千帆 export writes every time as "2026-11-26 18:00:00", and a sheet has up to four of
// them a row: that one shape is read digit by digit, without normalizing, a regex or a Date.
const DASH = 0x2d;
const SPACE = 0x20;
const COLON = 0x3a;

/** The number written by `count` ASCII digits from `start`, or -1 when one is no digit. */
function digitsAt(text: string, start: number, count: number): number {
  let value = 0;
  for (let i = start; i < start + count; i++) {
    const digit = text.charCodeAt(i) - 0x30;
    if (digit < 0 || digit > 9) return -1;
    value = value * 10 + digit;
  }
  return value;
}

/** The instant of a text of exactly the export's shape, else undefined (the general reading decides). */
function exportedTextToTime(text: string): number | undefined {
  if (text.length !== 19 || text.charCodeAt(4) !== DASH || text.charCodeAt(7) !== DASH || text.charCodeAt(10) !== SPACE) return undefined;
  if (text.charCodeAt(13) !== COLON || text.charCodeAt(16) !== COLON) return undefined;
  const year = digitsAt(text, 0, 4);
  const month = digitsAt(text, 5, 2);
  const day = digitsAt(text, 8, 2);
  const hour = digitsAt(text, 11, 2);
  const minute = digitsAt(text, 14, 2);
  const second = digitsAt(text, 17, 2);
  if (year < 0 || month < 0 || day < 0 || hour < 0 || minute < 0 || second < 0) return undefined;
  return utcTime(year, month, day, hour, minute, second, 0, CHINA_OFFSET_MS);
}

/**
 * The instant a date-time cell stands for, or undefined when the cell is empty or
 * holds no date. Number cells count as serials whether or not their style shows a
 * date: a serial under the General format is still a date in a date column.
 */
export function cellToInstant(cell: Cell | undefined, options: ExcelDateOptions): Date | undefined {
  return asDate(cellToTime(cell, options));
}

/** cellToInstant() in ms since the epoch, NaN when the cell holds no date. */
export function cellToTime(cell: Cell | undefined, options: ExcelDateOptions): number {
  if (cell === undefined || cell.text.trim() === '') return Number.NaN;
  switch (cell.type) {
    case 'date':
    case 'number':
      return serialToTime(Number(cell.text), options);
    case 'string':
      return textToTime(cell.text);
    default:
      return Number.NaN;
  }
}
