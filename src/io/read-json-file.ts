// The JSON files a team writes by hand: ship.config.json and a --rules file. Both are read
// the same strict way. A folder is refused before it is read; a pipe is read (a script's
// `--rules <(…)` or /dev/stdin), with a size cap. The bytes must be UTF-8: Notepad and WPS on a
// Chinese Windows save GBK, which read as UTF-8 puts mojibake into the import sheet, so it
// stops the run instead. The BOM Notepad writes is dropped, as the decoder does by default.
// Broken JSON is reported by line and column, with why (json-syntax.ts).

import { createReadStream } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { InputError, quoted, type Bilingual } from './errors.js';
import { errorCode } from './write-errors.js';

export type JsonFileKind = 'config' | 'rules';

const NAME: Record<JsonFileKind, Bilingual> = {
  config: { zh: '配置文件', en: 'config file' },
  rules: { zh: '规则文件', en: 'rules file' },
};

export interface JsonFileOptions {
  /** A missing file is no error: undefined is returned (the default ./ship.config.json). */
  optional?: boolean;
  /** The config file whose `rules` names this file, said when it cannot be found. */
  namedBy?: string;
}

function problem(kind: JsonFileKind, code: string | undefined, namedBy: string | undefined): Bilingual {
  const name = NAME[kind];
  const En = `${name.en[0]?.toUpperCase()}${name.en.slice(1)}`;
  switch (code) {
    case 'ENOENT':
    case 'ENOTDIR':
      return namedBy === undefined
        ? { zh: `找不到${name.zh}，请检查路径和文件名`, en: `${En} not found; check the path and the file name` }
        : {
            zh: `找不到${name.zh}；它由 ${namedBy} 的 rules 指定（路径相对于该配置文件所在的文件夹），请检查 rules 的路径`,
            en: `${En} not found; it is named by "rules" in ${namedBy} (relative to that file's folder): check that path`,
          };
    case 'EISDIR':
      return { zh: `这是一个文件夹，不是${name.zh}；请指定 JSON 文件`, en: `This is a folder, not a ${name.en}; pass a JSON file` };
    case 'EACCES':
    case 'EPERM':
      return { zh: `没有读取该${name.zh}的权限；请检查文件权限`, en: `No permission to read the ${name.en}; check its permissions` };
    default:
      return { zh: `读不了${name.zh}，请检查路径`, en: `Cannot read the ${name.en}; check the path` };
  }
}

/**
 * The parsed content of a config or rules file, or an InputError (exit 2) that says what
 * to do. `path` is shown in messages as given.
 */
export async function readJsonFile(path: string, kind: JsonFileKind, options: JsonFileOptions = {}): Promise<unknown> {
  const name = NAME[kind];
  // An empty argument (an unset variable in a script) would otherwise name the working folder.
  if (path.trim() === '') {
    throw new InputError({ zh: `${name.zh}名是空的（脚本里的变量可能没有值）`, en: `The ${name.en} name is empty (a variable in the script may be unset)` }, `'${path}'`);
  }
  let bytes: Buffer;
  try {
    const stats = await stat(path);
    if (stats.isDirectory()) throw new InputError(problem(kind, 'EISDIR', options.namedBy), path);
    if (stats.isFile()) bytes = await readFile(path);
    // A pipe (`--rules <(cat rules.json)`, `--config /dev/stdin`) is read as scripts expect,
    // up to a size no JSON a team writes reaches: /dev/zero would otherwise fill memory.
    else if (stats.isFIFO() || stats.isCharacterDevice()) bytes = await readStream(path, name);
    else throw new InputError({ zh: `这不是普通文件（可能是设备或套接字）；${name.zh}要是 JSON 文件`, en: `This is not a regular file (a device or socket?); the ${name.en} must be a JSON file` }, path);
  } catch (error) {
    if (error instanceof InputError) throw error;
    const code = errorCode(error);
    if (options.optional === true && code === 'ENOENT') return undefined;
    throw new InputError(problem(kind, code, options.namedBy), path, { cause: error });
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch (error) {
    throw new InputError(
      {
        zh: `${name.zh}不是 UTF-8 编码（可能被记事本或 WPS 存成了 GBK/ANSI），中文会读成乱码；请另存为 UTF-8 后重试`,
        en: `The ${name.en} is not UTF-8 (Notepad or WPS may have saved it as GBK/ANSI), so its Chinese would read as garbage; save it as UTF-8 and try again`,
      },
      path,
      { cause: error },
    );
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new InputError(await syntaxProblem(name, text, error), path, { cause: error });
  }
}

/** Bytes a piped config or rules file may hold: far more than any a team writes. */
const MOST_PIPED_BYTES = 16 * 1024 * 1024;

async function readStream(path: string, name: Bilingual): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of createReadStream(path)) {
    size += (chunk as Buffer).length;
    if (size > MOST_PIPED_BYTES) {
      throw new InputError({ zh: `${name.zh}超过 16 MB，不像是手写的 JSON；请检查传入的内容`, en: `The ${name.en} is over 16 MB, no hand-written JSON; check what is passed in` }, path);
    }
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

/** Where the JSON breaks, by line and column, and why (json-syntax.ts); JSON.parse's own words if it finds nothing. */
async function syntaxProblem(name: Bilingual, text: string, error: unknown): Promise<Bilingual> {
  // Loaded for a broken file only: every run reads a config, nearly always a valid one.
  const { describeJsonProblem, findJsonSyntaxError } = await import('./json-syntax.js');
  const found = findJsonSyntaxError(text);
  if (found === undefined) {
    const detail = quoted(error instanceof Error ? error.message : String(error));
    return { zh: `${name.zh}不是有效的 JSON：${detail}`, en: `The ${name.en} is not valid JSON: ${detail}` };
  }
  const { line, column } = found;
  const why = describeJsonProblem(found.problem);
  return { zh: `${name.zh}不是有效的 JSON：第 ${line} 行第 ${column} 列：${why.zh}`, en: `The ${name.en} is not valid JSON: line ${line}, column ${column}: ${why.en}` };
}
