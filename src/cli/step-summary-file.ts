// Appending the job summary to $GITHUB_STEP_SUMMARY. The file may already hold what
// earlier commands of the step wrote, and GitHub drops all of it past 1 MiB, so ship
// takes only the room that is left. The summary is a courtesy: failing to write it
// must not change what the run says about the data.

import { appendFile, open, stat } from 'node:fs/promises';
import type { Lang } from '../core/messages.js';
import { errorCode } from '../io/write-errors.js';
import { renderStepSummary, SUMMARY_MAX_BYTES } from './render/step-summary.js';
import { terminalSafe } from './render/terminal-text.js';
import type { RunReport } from './report-schema.js';

const NO_ROOM: Record<Lang, (bytes: number) => string> = {
  zh: (bytes) => `文件里已有 ${bytes} 字节，再追加会超过 GitHub 的 1 MiB 上限（超过时整个摘要都不显示），所以没有写入任务摘要`,
  en: (bytes) => `the file already holds ${bytes} bytes; appending would pass GitHub's 1 MiB limit (which hides the whole summary), so no job summary was written`,
};

const NOT_WRITTEN: Record<Lang, (code: string | undefined, message: string) => string> = {
  zh: (code, message) => `没有写入任务摘要：${code === 'ENOENT' ? '文件所在的文件夹不存在' : code === undefined ? message : `系统错误 ${code}`}`,
  en: (code, message) => `no job summary was written: ${code === 'ENOENT' ? 'the folder of the file does not exist' : code === undefined ? message : `system error ${code}`}`,
};

/** Whether the file's last byte ends a line: a heading glued to an earlier command's last line would not be one. */
async function endsLine(path: string, size: number): Promise<boolean> {
  const file = await open(path, 'r');
  try {
    const { buffer } = await file.read(Buffer.alloc(1), 0, 1, size - 1);
    return buffer[0] === 0x0a;
  } finally {
    await file.close();
  }
}

export async function appendStepSummary(path: string, run: RunReport, options: { lang: Lang; cwd: string }, stderr: (text: string) => void): Promise<void> {
  try {
    // No file yet: appendFile creates it.
    const existing = await stat(path).then((stats) => stats.size, () => 0);
    const separator = existing > 0 && !(await endsLine(path, existing)) ? '\n' : '';
    const text = renderStepSummary(run, { ...options, room: SUMMARY_MAX_BYTES - existing - separator.length });
    if (text === '') stderr(`ship: ${terminalSafe(`GITHUB_STEP_SUMMARY (${path}): ${NO_ROOM[options.lang](existing)}`)}\n`);
    else await appendFile(path, separator + text, 'utf8');
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    stderr(`ship: ${terminalSafe(`GITHUB_STEP_SUMMARY (${path}): ${NOT_WRITTEN[options.lang](errorCode(error), message)}`)}\n`);
  }
}
