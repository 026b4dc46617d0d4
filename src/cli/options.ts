// Parsers for option values: a bad value is a usage error (exit 2) that says
// what was expected.

import { InvalidArgumentError } from 'commander';
import { CHINA_OFFSET_MS, utcTime } from '../core/excel-date.js';
import type { Lang } from '../core/messages.js';
import type { Bilingual } from '../io/errors.js';

/**
 * A value an option does not take, with what was expected in both languages. Commander
 * quotes the value itself ("argument 'abc' is invalid"), so the text does not repeat it.
 */
export class InvalidValueError extends InvalidArgumentError {
  readonly text: Bilingual;
  constructor(text: Bilingual) {
    super(text.en);
    this.text = text;
  }
}

// Digits only: Number() also takes 0x10, 1e3 and 0b11, which nobody means by a row count.
const DIGITS = /^\d+$/;

export function positiveInteger(value: string): number {
  const number = Number(value);
  if (!DIGITS.test(value) || !Number.isSafeInteger(number) || number < 1) throw new InvalidValueError({ zh: '应为正整数（1、2、3……）', en: 'expected a whole number ≥ 1' });
  return number;
}

/** deadlineHours, dueSoonHours and their flags: whole hours up to a year. */
export const MOST_HOURS = 8760;

/**
 * --deadline-hours and --due-soon: whole hours up to a year (the config takes the same).
 * A larger number is a typo, and 3000000000 hours is past the last date a Date can hold.
 */
export function hours(value: string): number {
  const number = Number(value);
  if (!DIGITS.test(value) || number < 1 || number > MOST_HOURS) {
    throw new InvalidValueError({ zh: `应为 1 到 ${MOST_HOURS}（一年）之间的整数小时`, en: `expected whole hours from 1 to ${MOST_HOURS} (one year)` });
  }
  return number;
}

export function nonNegativeInteger(value: string): number {
  const number = Number(value);
  if (!DIGITS.test(value) || !Number.isSafeInteger(number)) throw new InvalidValueError({ zh: '应为 0 或正整数', en: 'expected a whole number ≥ 0' });
  return number;
}

// 2026-11-26, 2026-11-26T18:00, 2026-11-26 18:00:05.5; a time with or without Z / +08:00.
// `date '+%F %T %z'` puts a space before the offset.
// An offset only after a time: `2026-11-23-10:00` (a dash typed for T) must not read as
// midnight at UTC−10.
const ISO_TIME = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3})\d*)?)?(?: ?(Z|[+-]\d{2}(?::?\d{2})?))?)?$/iu;

/**
 * --now as an instant. A time without an offset is China time (UTC+8), as the export's
 * times are and every time ship prints: read in the machine's zone, the same command
 * judged deadlines 8 hours apart on a UTC build box and on a merchant's laptop.
 */
export function isoTime(value: string): Date {
  const parts = ISO_TIME.exec(value.trim());
  const offset = parts === null ? undefined : offsetMs(parts[8]);
  const [year, month, day, hours, minutes, seconds] = (parts ?? []).slice(1, 7).map((part) => Number(part ?? 0));
  const milliseconds = Number((parts?.[7] ?? '0').padEnd(3, '0'));
  const time = offset === undefined ? Number.NaN : utcTime(year!, month!, day!, hours!, minutes!, seconds!, milliseconds, offset);
  if (Number.isNaN(time)) throw new InvalidValueError({ zh: '应为 ISO 格式的时间，例如 2026-11-26T18:00:00+08:00', en: 'expected an ISO time such as 2026-11-26T18:00:00+08:00' });
  return new Date(time);
}

/**
 * The offset a time was given in ('Z', '+08:00', '-0530', '+08'); China time when none was;
 * undefined for one no place has (+25:00, +08:75), which would move the time in silence.
 */
function offsetMs(offset: string | undefined): number | undefined {
  if (offset === undefined) return CHINA_OFFSET_MS;
  if (offset.toUpperCase() === 'Z') return 0;
  const digits = offset.slice(1).replace(':', '');
  const [hours, minutes] = [Number(digits.slice(0, 2)), Number(digits.slice(2) || 0)];
  if (hours > 14 || minutes > 59) return undefined;
  const ms = (hours * 60 + minutes) * 60_000;
  return offset.startsWith('-') ? -ms : ms;
}

export function language(value: string): Lang {
  if (value === 'zh' || value === 'en') return value;
  throw new InvalidValueError({ zh: '应为 zh 或 en', en: 'expected zh or en' });
}

/** The stdout formats read by programs, not people: a run that stops early still prints one (failed-run.ts). */
const MACHINE_FORMATS = ['json', 'junit', 'github'] as const;
export type MachineFormat = (typeof MACHINE_FORMATS)[number];
const OUTPUT_FORMATS: readonly string[] = ['text', ...MACHINE_FORMATS];
export type OutputFormat = 'text' | MachineFormat;

export function outputFormat(value: string): OutputFormat {
  if (OUTPUT_FORMATS.includes(value)) return value as OutputFormat;
  throw new InvalidValueError({ zh: '应为 text、json、github 或 junit', en: 'expected text, json, github or junit' });
}

export function reportFormat(value: string): 'xlsx' | 'csv' {
  if (value === 'xlsx' || value === 'csv') return value;
  throw new InvalidValueError({ zh: '应为 xlsx 或 csv', en: 'expected xlsx or csv' });
}

/**
 * The parsers above, saying what they expected in `lang`: commander prints the message of
 * the error a parser throws as it is, and the error it builds around it keeps only that text.
 */
export function valueParsers(lang: Lang) {
  const inLang =
    <T>(parse: (value: string) => T) =>
    (value: string): T => {
      try {
        return parse(value);
      } catch (error) {
        throw error instanceof InvalidValueError ? new InvalidArgumentError(error.text[lang]) : error;
      }
    };
  return {
    positiveInteger: inLang(positiveInteger),
    hours: inLang(hours),
    nonNegativeInteger: inLang(nonNegativeInteger),
    isoTime: inLang(isoTime),
    language: inLang(language),
    outputFormat: inLang(outputFormat),
    reportFormat: inLang(reportFormat),
  };
}

/** The language asked for on the command line, for messages printed before options are parsed. */
export function langFromArgv(argv: readonly string[]): Lang | undefined {
  const at = argv.findIndex((arg) => arg === '--lang' || arg.startsWith('--lang='));
  if (at < 0) return undefined;
  const value = argv[at]?.includes('=') === true ? argv[at]?.split('=')[1] : argv[at + 1];
  // A value ship does not know (--lang fr) is itself a usage error, told in the locale's language.
  return value === 'en' || value === 'zh' ? value : undefined;
}

/** Chinese unless the user's locale is English (LC_ALL, LC_MESSAGES, LANG as POSIX orders them). */
export function langFromEnv(env: NodeJS.ProcessEnv): Lang {
  const locale = env.LC_ALL || env.LC_MESSAGES || env.LANG || '';
  return /^en([_.-]|$)/i.test(locale) ? 'en' : 'zh';
}

/**
 * The machine-read format `ship validate` was asked for (json, junit, github), else
 * undefined: a run that stops before checking any file still prints a document in it, since
 * a script or CI step that reads stdout must not get nothing (the message is on stderr too).
 */
export function machineFormatFromArgv(argv: readonly string[]): MachineFormat | undefined {
  if (argv.find((arg) => !arg.startsWith('-')) !== 'validate') return undefined;
  // The last of --json / --format wins, as when commander parses them.
  let format = 'text';
  argv.forEach((arg, i) => {
    if (arg === '--json') format = 'json';
    else if (arg === '--format' || arg === '-f') format = argv[i + 1] ?? format;
    else if (arg.startsWith('--format=')) format = arg.slice('--format='.length);
    else if (arg.startsWith('-f') && arg.length > 2 && !arg.startsWith('--')) format = arg.slice(2);
  });
  return (MACHINE_FORMATS as readonly string[]).includes(format) ? (format as MachineFormat) : undefined;
}


