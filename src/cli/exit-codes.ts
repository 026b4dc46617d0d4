// The contract with scripts and CI. 1 means "the data has problems" and nothing
// else; anything that stopped the run itself is 2.
import type { Severity } from '../core/finding.js';

export const EXIT = {
  /** Every order can be imported (warnings allowed unless --strict). */
  OK: 0,
  /** Some rows were rejected (or, with --strict, warned about). */
  INVALID: 1,
  /** The run failed: usage, unreadable file, bad rules or config, unwritable output. */
  FAILURE: 2,
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/** Whether findings of this severity fail the run (exit 1): errors always, warnings with --strict. */
export function failsRun(severity: Severity, strict: boolean): boolean {
  return severity === 'error' || (severity === 'warning' && strict);
}

/** Whether a finding of `severity` is shown: --quiet shows only what fails the run. */
export function shownWith(severity: Severity, options: { quiet?: boolean | undefined; strict?: boolean | undefined }): boolean {
  return options.quiet !== true || failsRun(severity, options.strict === true);
}
