// Which file is being checked, for a person watching a batch: one line on stderr,
// redrawn in place, cleared at the end. Never in a pipe, a log file or CI, where a
// redrawn line turns into noise.

import { terminalSafe } from './render/terminal-text.js';

export interface ProgressStream {
  isTTY?: boolean;
  write(text: string): unknown;
}

/** Interactive: a terminal that can redraw a line, and not a CI runner (which fakes a terminal for colour). */
export function isInteractive(stream: ProgressStream, env: NodeJS.ProcessEnv): boolean {
  return stream.isTTY === true && env.TERM !== 'dumb' && env.CI === undefined;
}

export interface Progress {
  file(index: number, total: number, name: string): void;
  /** Rows read so far in the current file: large files take seconds per 100k rows. */
  rows(count: number): void;
  clear(): void;
}

const SILENT: Progress = { file: () => {}, rows: () => {}, clear: () => {} };

/** Rows between redraws of the row count: often enough to see it move, rarely enough to cost nothing. */
export const PROGRESS_EVERY_ROWS = 20_000;

const CLEAR_LINE = '\r\u001b[K';

export function createProgress(write: (text: string) => void, enabled: boolean, lang: 'zh' | 'en'): Progress {
  if (!enabled) return SILENT;
  let drawn = false;
  let current = '';
  return {
    file(index, total, name) {
      drawn = true;
      current = `${lang === 'zh' ? '校验' : 'checking'} ${index + 1}/${total} ${terminalSafe(name)}`;
      write(`${CLEAR_LINE}${current}`);
    },
    rows(count) {
      drawn = true;
      write(`${CLEAR_LINE}${current} · ${count.toLocaleString('en-US')} ${lang === 'zh' ? '行' : 'rows'}`);
    },
    clear() {
      if (drawn) write(CLEAR_LINE);
      drawn = false;
    },
  };
}
