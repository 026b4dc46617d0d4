// stdout and stderr over a run: what ship prints goes through `out`, which drops what a
// reader that went away would not read, waits for a slow one, and turns a failed write
// into the run's failure.

import { writeSync } from 'node:fs';
import type { Lang } from '../core/messages.js';
import { EXIT } from './exit-codes.js';

// A reader that goes away early (`ship validate … | head`) closes the pipe, and Node
// reports EPIPE as an 'error' event: unheard, it ends the run with a stack trace, maybe
// before the import sheet and the report are written. The files are the job, so the run
// goes on and what it would still print is dropped. Any other failure (a full disk under
// `> result.json`, an I/O error) means the output a script reads is cut short: the run
// still writes its files, then says so and exits 2, so the script does not read half a
// document after a clean exit (the files it wrote are complete: they do not go through stdout).
const gone = new Set<NodeJS.WriteStream>();
const writeFailures = new Map<NodeJS.WriteStream, string>();
function dropWhenClosed(stream: NodeJS.WriteStream): void {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    gone.add(stream);
    if (error.code !== 'EPIPE' && !writeFailures.has(stream)) writeFailures.set(stream, error.code ?? error.message);
  });
}
function print(stream: NodeJS.WriteStream, text: string): void {
  if (!gone.has(stream)) stream.write(text);
}

/**
 * Resolves once `stream` can take more: at once unless its buffer is full, else on
 * 'drain', or when it fails or closes (a reader that went away: print drops the rest).
 */
function drained(stream: NodeJS.WriteStream): Promise<void> {
  if (gone.has(stream) || stream.destroyed || !stream.writableNeedDrain) return Promise.resolve();
  return new Promise((resolve) => {
    const done = (): void => {
      for (const event of ['drain', 'error', 'close']) stream.off(event, done);
      resolve();
    };
    for (const event of ['drain', 'error', 'close']) stream.on(event, done);
  });
}

/**
 * At exit: a failed write to stdout or stderr fails the run. A lost stdout is said on
 * stderr; a lost stderr is not said on stdout, where it would corrupt a JSON document.
 */
function failOnLostOutput(lang: Lang): void {
  process.once('exit', () => {
    if (writeFailures.size === 0) return;
    process.exitCode = EXIT.FAILURE;
    const code = writeFailures.get(process.stdout);
    if (code === undefined || writeFailures.has(process.stderr)) return;
    const disk = code === 'ENOSPC';
    const text =
      lang === 'zh'
        ? `ship: 写入标准输出失败（${code}${disk ? '，磁盘已满' : ''}），输出不完整；请处理后重新运行\n`
        : `ship: writing to stdout failed (${code}${disk ? ', disk full' : ''}); the output is incomplete; fix this and run again\n`;
    try {
      // Synchronous: the process is exiting.
      writeSync(2, text);
    } catch {
      // stderr is gone as well: the exit code still says the run failed.
    }
  });
}

export const out = {
  stdout: (text: string) => print(process.stdout, text),
  stdoutDrained: () => drained(process.stdout),
  stdoutGone: () => gone.has(process.stdout),
  stderr: (text: string) => print(process.stderr, text),
};

/** Watches stdout and stderr for the run: call once, before anything is printed. */
export function watchStdStreams(lang: Lang): void {
  dropWhenClosed(process.stdout);
  dropWhenClosed(process.stderr);
  failOnLostOutput(lang);
}
