// What a failed write means for the merchant: each file-system error becomes an
// OutputError that says what to do (close the file in Excel, choose another folder…).

import { stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { isKnownError, OutputError, type Bilingual } from './errors.js';

export const WRITE_MESSAGES = {
  isInput: {
    zh: '不会覆盖输入文件，请用 --out-dir 指定其他输出文件夹',
    en: 'Refusing to overwrite an input file; choose another output folder with --out-dir',
  },
  busy: {
    zh: '无法写入：文件可能正在 Excel/WPS 中打开，请关闭后重试',
    en: 'Cannot write the file: it may be open in Excel/WPS; close it and try again',
  },
  noPermission: {
    zh: '无法写入：没有该文件或文件夹的写入权限；请检查权限，或用 --out-dir 指定其他输出文件夹',
    en: 'Cannot write the file: no write permission for it or its folder; check the permissions or choose another folder with --out-dir',
  },
  dirMissing: {
    zh: '输出文件夹不存在；请先新建这个文件夹，或用 --out-dir 指定已有的文件夹',
    en: 'The output folder does not exist; create it or choose an existing folder with --out-dir',
  },
  dirIsFile: {
    zh: '输出文件夹其实是一个文件，不是文件夹；请用 --out-dir 指定一个文件夹',
    en: 'The output folder is a file, not a folder; choose a folder with --out-dir',
  },
  targetIsDir: {
    zh: '输出路径已被一个同名文件夹占用，无法写成文件；请改名或删除该文件夹，或用 --out-dir 指定其他输出文件夹',
    en: 'A folder already exists where the output file should go; rename or remove it, or choose another folder with --out-dir',
  },
  diskFull: {
    zh: '磁盘空间不足，无法写入；请清理磁盘，或用 --out-dir 指定其他磁盘上的文件夹',
    en: 'The disk is full; free some space or choose a folder on another disk with --out-dir',
  },
  outDirIsFile: {
    zh: '--out-dir 指定的路径是一个文件，不是文件夹；请换一个文件夹路径',
    en: 'The --out-dir path is a file, not a folder; pass a folder path',
  },
  nameTooLong: {
    zh: '输出文件名太长（输入文件名加上 .import.xlsx / .report.xlsx 超过了系统允许的长度）；请把输入文件改个短一些的名字',
    en: 'The output file name is too long (the input name plus .import.xlsx / .report.xlsx is over the system limit); give the input a shorter name',
  },
  outDirNotCreated: {
    zh: '无法在这里创建 --out-dir 文件夹（上级是断开的快捷方式/链接，或是系统文件夹）；请换一个文件夹路径',
    en: 'The --out-dir folder cannot be created there (a parent is a broken link or a system folder); pass another folder path',
  },
} satisfies Record<string, Bilingual>;

/**
 * What the messages advise: another --out-dir (ship validate, whose output names come from
 * the input), or another file path (ship template, whose file the user named).
 */
export type Advice = 'out-dir' | 'path';

// The messages above, advising another path instead of --out-dir.
const FOR_A_PATH = new Map<Bilingual, Bilingual>([
  [WRITE_MESSAGES.noPermission, { zh: '无法写入：没有该文件或文件夹的写入权限；请检查权限，或换一个文件路径', en: 'Cannot write the file: no write permission for it or its folder; check the permissions or give another file path' }],
  [WRITE_MESSAGES.dirMissing, { zh: '输出文件夹不存在；请先新建这个文件夹，或换一个文件路径', en: 'The output folder does not exist; create it or give another file path' }],
  [WRITE_MESSAGES.dirIsFile, { zh: '输出文件夹其实是一个文件，不是文件夹；请换一个文件路径', en: 'The output folder is a file, not a folder; give another file path' }],
  [WRITE_MESSAGES.targetIsDir, { zh: '输出路径已被一个同名文件夹占用，无法写成文件；请改名或删除该文件夹，或换一个文件路径', en: 'A folder already exists where the output file should go; rename or remove it, or give another file path' }],
  [WRITE_MESSAGES.diskFull, { zh: '磁盘空间不足，无法写入；请清理磁盘，或换一个文件路径', en: 'The disk is full; free some space or give another file path' }],
]);

function advised(text: Bilingual, advice: Advice): Bilingual {
  return advice === 'path' ? (FOR_A_PATH.get(text) ?? text) : text;
}

/** Fails early, before the callback does any work, when the folder or the target cannot take a file. */
export async function checkPlace(targetPath: string, dir: string, advice: Advice = 'out-dir'): Promise<void> {
  let isFolder: boolean;
  try {
    isFolder = (await stat(dir)).isDirectory();
  } catch (error) {
    throw await writeError(error, targetPath, dir, advice);
  }
  if (!isFolder) throw new OutputError(advised(WRITE_MESSAGES.dirIsFile, advice), dir);
  const targetStats = await stat(targetPath).catch(() => undefined);
  if (targetStats?.isDirectory() === true) throw new OutputError(advised(WRITE_MESSAGES.targetIsDir, advice), targetPath);
  if (targetStats !== undefined) await refuseIfOpen(targetPath);
}

/**
 * The lock files office programs keep beside a file they have open: LibreOffice's
 * `.~lock.<name>#`, and the `~$<name>` owner file of Excel and WPS. Only Windows also
 * locks the file itself (the rename fails: WRITE_MESSAGES.busy); elsewhere ship would
 * replace a report someone has open, and their next save would fail or undo the run.
 */
function lockFilesOf(targetPath: string): string[] {
  const dir = dirname(targetPath);
  const name = basename(targetPath);
  return [join(dir, `.~lock.${name}#`), join(dir, `~$${name}`)];
}

async function refuseIfOpen(targetPath: string): Promise<void> {
  for (const lock of lockFilesOf(targetPath)) {
    if (!(await stat(lock).then((stats) => stats.isFile(), () => false))) continue;
    const name = basename(lock);
    // The whole path at the end: the lock sits beside the output (perhaps in --out-dir), not
    // the input, and it is a hidden file a folder window does not show.
    throw new OutputError(
      {
        zh: `无法写入：文件正在 LibreOffice、Excel 或 WPS 中打开（旁边有它们的锁文件 ${name}）；请关闭后重试。如果其实没有打开（程序异常退出时会留下锁文件），删除这个隐藏文件后重试：${lock}`,
        en: `Cannot write the file: it is open in LibreOffice, Excel or WPS (their lock file ${name} is beside it); close it and try again. If it is not open (a crashed program leaves its lock file behind), delete this hidden file and retry: ${lock}`,
      },
      targetPath,
    );
  }
}

export async function writeError(error: unknown, targetPath: string, dir: string, advice: Advice = 'out-dir'): Promise<unknown> {
  if (isKnownError(error)) return error;
  const code = errorCode(error);
  let text: Bilingual | undefined;
  let where = targetPath;
  if (code === 'ENOENT') {
    const dirExists = await stat(dir).then(() => true, () => false);
    if (!dirExists) [text, where] = [WRITE_MESSAGES.dirMissing, dir];
  } else if (code === 'ENOTDIR') {
    [text, where] = [WRITE_MESSAGES.dirIsFile, dir];
  } else if (code === 'EISDIR') {
    text = WRITE_MESSAGES.targetIsDir;
  } else {
    text = byCode(code);
  }
  // Any other error the system gives for this file (a folder such as /proc that takes no
  // files): this file fails with what the system said, and the other inputs go on. Only
  // system errors (EIO, ENOENT…): Node's own ERR_… codes are bugs, and stay internal errors.
  if (text === undefined && code !== undefined && SYSTEM_ERROR.test(code)) text = cannotWrite(code, advice);
  return text ? new OutputError(advised(text, advice), where, { cause: error }) : error;
}

const SYSTEM_ERROR = /^E[A-Z0-9]+$/;

function cannotWrite(code: string, advice: Advice): Bilingual {
  return advice === 'path'
    ? { zh: `无法在这里写入输出文件（系统错误 ${code}）；请换一个文件路径`, en: `The output file cannot be written there (system error ${code}); give another file path` }
    : { zh: `无法在这里写入输出文件（系统错误 ${code}）；请用 --out-dir 指定其他输出文件夹`, en: `The output file cannot be written there (system error ${code}); choose another folder with --out-dir` };
}

export function byCode(code: string | undefined): Bilingual | undefined {
  switch (code) {
    case 'EBUSY':
    case 'EPERM': // Windows reports a file held open by Excel as EPERM on rename
      return WRITE_MESSAGES.busy;
    case 'EACCES':
    case 'EROFS':
      return WRITE_MESSAGES.noPermission;
    case 'ENOSPC':
    case 'EDQUOT':
      return WRITE_MESSAGES.diskFull;
    case 'ENAMETOOLONG':
      return WRITE_MESSAGES.nameTooLong;
    default:
      return undefined;
  }
}

export function errorCode(error: unknown): string | undefined {
  const code: unknown = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}
