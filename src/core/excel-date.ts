// Date-time cells (支付时间, 承诺发货时间) as instants. The 千帆 export writes them as
// text "YYYY-MM-DD HH:MM:SS" in China time; a file that went through Excel or WPS may
// hold them as date serials instead, or as "2026/11/26 18:00" text. Pure: no clock.

import type { Cell } from './sheet.js';

export interface ExcelDateOptions {
  /** The workbook counts serials from 1904-01-01 (old Mac workbooks) instead of 1900. */
  date1904: boolean;
}

/** China Standard Time has no daylight saving: always UTC+08:00. */
const CHINA_OFFSET_MS = 8 * 60 * 60 * 1000;
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
  if (!Number.isFinite(serial)) return undefined;
  let epoch: number;
  if (options.date1904) {
    if (serial < 0 || serial >= LAST_SERIAL_1904 + 1) return undefined;
    epoch = EPOCH_1904;
  } else {
    // Below 1 is a time of day with no date; 60 is a day that never was.
    if (serial < 1 || serial >= LAST_SERIAL_1900 + 1 || Math.floor(serial) === LOTUS_LEAP_DAY) return undefined;
    epoch = serial < LOTUS_LEAP_DAY ? EPOCH_1900_EARLY : EPOCH_1900;
  }
  // Serials carry binary fractions of a day: round to the millisecond so 10:00 stays 10:00:00.000.
  return new Date(epoch + Math.round(serial * DAY_MS) - CHINA_OFFSET_MS);
}

// 2026-11-26 18:00:00, 2026/11/26 18:00, 2026-11-26T18:00:00.123+08:00, 2026年11月26日 18:00, 2026-11-26
const DATE_TEXT =
  /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?:(?:\s+|T)(\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3})\d*)?)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/i;

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
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
  const match = DATE_TEXT.exec(text.normalize('NFKC').trim());
  if (match === null) return undefined;
  const [, y, mo, d, h, mi, s, ms, zone] = match;
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  const hour = Number(h ?? 0);
  const minute = Number(mi ?? 0);
  const second = Number(s ?? 0);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
  if (hour > 23 || minute > 59 || second > 59) return undefined;
  const millis = Number((ms ?? '').padEnd(3, '0'));
  return new Date(Date.UTC(year, month - 1, day, hour, minute, second, millis) - offsetMs(zone));
}

/**
 * The instant a date-time cell stands for, or undefined when the cell is empty or
 * holds no date. Number cells count as serials whether or not their style shows a
 * date: a serial under the General format is still a date in a date column.
 */
export function cellToInstant(cell: Cell | undefined, options: ExcelDateOptions): Date | undefined {
  if (cell === undefined || cell.text.trim() === '') return undefined;
  switch (cell.type) {
    case 'date':
    case 'number':
      return serialToInstant(Number(cell.text), options);
    case 'string':
      return textToInstant(cell.text);
    default:
      return undefined;
  }
}
