// The names ship gives its outputs beside an input `<stem>.<ext>`: `<stem>.import.xlsx`
// (or `<stem>.import.partN.xlsx` when --max-rows splits it), `<stem>.report.xlsx` or
// `.report.csv`, and `<stem>.report.edited-<time>.<ext>` for a report a person edited
// (edited-report.ts). One rule for the code that writes them, removes stale ones, and
// leaves them out of a run's inputs.

const SUFFIX = /^(.+)\.(?:(import(?:\.part[1-9]\d*)?\.xlsx|report\.(?:xlsx|csv))|report\.edited-\d{8}-\d{6}\.(?:xlsx|csv))$/su;

export interface OutputName {
  /** The input's name without its extension (with `-2`… when two inputs shared it). */
  stem: string;
  /** An output a run writes and replaces, not the copy of an edited report it keeps. */
  replaced: boolean;
}

/** What a file name says about it as an output of ship, or undefined when it is none. */
export function outputName(name: string): OutputName | undefined {
  const match = SUFFIX.exec(name);
  return match === null ? undefined : { stem: match[1]!, replaced: match[2] !== undefined };
}
