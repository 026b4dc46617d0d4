// Typed failures of a run. The CLI maps each to exit code 2 and prints one line
// in the user's language; a stack trace is printed only with --debug.

/** A message in both languages the tool speaks. Chinese is the default. */
export interface Bilingual {
  zh: string;
  en: string;
}

/** Longer than any sheet name (31), header or part name a message needs to show in full. */
const MAX_QUOTED = 60;

/**
 * A piece of the file (a sheet name, a header, a damaged value) as a message quotes it:
 * cut to MAX_QUOTED characters with "…", so that a damaged file cannot put megabytes into
 * one line. Control characters stay: every terminal output makes them visible (see
 * src/cli/render/terminal-text.ts), and JSON keeps the text as the file has it.
 */
export function quoted(text: string): string {
  const chars = Array.from(text);
  return chars.length <= MAX_QUOTED ? text : `${chars.slice(0, MAX_QUOTED - 1).join('')}…`;
}

abstract class ShipError extends Error {
  readonly text: Bilingual;
  constructor(text: Bilingual, options?: { cause?: unknown }) {
    super(text.en, options);
    this.text = text;
  }
}

/** The command line itself is wrong: unknown option, bad value, no file given. */
export class UsageError extends ShipError {
  override readonly name = 'UsageError';
}

/** An input (spreadsheet, rules file, config) cannot be read or is not what it claims to be. */
export class InputError extends ShipError {
  override readonly name = 'InputError';
  /** The file the problem is in, shown before the message. */
  readonly path: string | undefined;
  constructor(text: Bilingual, path?: string, options?: { cause?: unknown }) {
    super(text, options);
    this.path = path;
  }
}

/** An output cannot be written: folder missing, file open in Excel, disk full, would overwrite the input. */
export class OutputError extends ShipError {
  override readonly name = 'OutputError';
  readonly path: string | undefined;
  constructor(text: Bilingual, path?: string, options?: { cause?: unknown }) {
    super(text, options);
    this.path = path;
  }
}

export type KnownError = UsageError | InputError | OutputError;

export function isKnownError(error: unknown): error is KnownError {
  return error instanceof UsageError || error instanceof InputError || error instanceof OutputError;
}
