// The names ship gives its outputs beside an input `<stem>.<ext>`: `<stem>.import.xlsx`
// (or `<stem>.import.partN.xlsx` when --max-rows splits it), `<stem>.report.xlsx` or
// `.report.csv`, and `<stem>.report.edited-<time>.<ext>` for a report a person edited
// (edited-report.ts). One rule for the code that writes them, removes stale ones, and
// leaves them out of a run's inputs.

import { basename, dirname, extname, resolve } from 'node:path';

const SUFFIX = /^(.+)\.(?:(import(?:\.part[1-9]\d*)?\.xlsx|report\.(?:xlsx|csv))|report\.edited-\d{8}-\d{6}\.(?:xlsx|csv))$/su;

export interface OutputName {
  /** The input's name without its extension (with `-2`… when two inputs shared it). */
  stem: string;
  /** An output a run writes and replaces, not the copy of an edited report it keeps. */
  replaced: boolean;
}

/** The import sheet of `stem` (a path or a name without extension), or its `part`-th part when --max-rows splits it. */
export function importSheetName(stem: string, part?: number): string {
  return part === undefined ? `${stem}.import.xlsx` : `${stem}.import.part${part}.xlsx`;
}

/** The report of `stem` in the format asked for. */
export function reportName(stem: string, format: 'xlsx' | 'csv'): string {
  return `${stem}.report.${format}`;
}

/** What a file name says about it as an output of ship, or undefined when it is none. */
export function outputName(name: string): OutputName | undefined {
  const match = SUFFIX.exec(name);
  return match === null ? undefined : { stem: match[1]!, replaced: match[2] !== undefined };
}

/**
 * The output stem (folder and name, without `.import.xlsx`…) of `input`: its name without
 * the extension, in --out-dir or beside it, with `-2`, `-3`… when an earlier input of the
 * run took the stem (a.xlsx and a.csv). `used` holds the stems given so far.
 */
export function allocateStem(input: string, outDir: string | undefined, used: Set<string>): string {
  const folder = outDir ?? dirname(input);
  const stem = basename(input, extname(input));
  let candidate = resolve(folder, stem);
  for (let n = 2; used.has(candidate); n += 1) candidate = resolve(folder, `${stem}-${n}`);
  used.add(candidate);
  return candidate;
}
