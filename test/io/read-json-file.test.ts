// ship.config.json and --rules files are read by one reader: strictly UTF-8, a Notepad
// BOM dropped, and anything that is not a plain file refused before it is read.
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/io/errors.js';
import { readJsonFile } from '../../src/io/read-json-file.js';
import { rejection } from '../helpers/errors.js';

const dir = mkdtempSync(join(tmpdir(), 'ship-json-'));
const file = (name: string, content: string | Buffer): string => {
  writeFileSync(join(dir, name), content);
  return join(dir, name);
};

// {"importTemplate":{"carrierNames":{"zto":"中通快递"}}} as Notepad saves it on a Chinese Windows (GBK).
const GBK_CONFIG = Buffer.concat([Buffer.from('{"importTemplate":{"carrierNames":{"zto":"'), Buffer.from([0xd6, 0xd0, 0xcd, 0xa8, 0xbf, 0xec, 0xb5, 0xdd]), Buffer.from('"}}}')]);

describe('readJsonFile', () => {
  it('refuses a GBK file instead of reading mojibake, in both languages', async () => {
    const error = await rejection(readJsonFile(file('gbk.json', GBK_CONFIG), 'config'), InputError);
    expect(error.text.zh).toMatch(/^配置文件不是 UTF-8 编码.*请另存为 UTF-8/);
    expect(error.text.en).toMatch(/^The config file is not UTF-8 .*save it as UTF-8/);
    const rules = await rejection(readJsonFile(file('gbk-rules.json', GBK_CONFIG), 'rules'), InputError);
    expect(rules.text.zh).toMatch(/^规则文件不是 UTF-8 编码/);
  });

  it('reads a file saved with a BOM, config or rules alike', async () => {
    const path = file('bom.json', '\uFEFF{"carriers":[{"id":"zto","names":["中通"]}]}');
    expect(await readJsonFile(path, 'rules')).toEqual({ carriers: [{ id: 'zto', names: ['中通'] }] });
    expect(await readJsonFile(path, 'config')).toEqual({ carriers: [{ id: 'zto', names: ['中通'] }] });
  });

  it.skipIf(process.platform === 'win32')('reads a FIFO a script writes into, and stops at 16 MB from a device that never ends', async () => {
    const fifo = join(dir, 'fifo.json');
    execFileSync('mkfifo', [fifo]);
    const writer = spawn('sh', ['-c', `printf '{"deadlineHours":24}' > ${JSON.stringify(fifo)}`]);
    const written = new Promise((resolve) => writer.on('close', resolve));
    expect(await readJsonFile(fifo, 'config')).toEqual({ deadlineHours: 24 });
    await written;
    expect((await rejection(readJsonFile('/dev/zero', 'rules'), InputError)).text.en).toBe('The rules file is over 16 MB, no hand-written JSON; check what is passed in');
  });

  it('says a folder is a folder, and an empty name is empty', async () => {
    expect((await rejection(readJsonFile(dir, 'rules'), InputError)).text.zh).toBe('这是一个文件夹，不是规则文件；请指定 JSON 文件');
    const empty = await rejection(readJsonFile('', 'config'), InputError);
    expect(empty.text.zh).toBe('配置文件名是空的（脚本里的变量可能没有值）');
    expect(empty.path).toBe("''");
  });

  it('says where the JSON breaks by line and column, in both languages, and that JSON has no comments', async () => {
    const error = await rejection(readJsonFile(file('comment.json', '{\n  // 极速达\n  "carriers": []\n}'), 'rules'), InputError);
    expect(error.text.zh).toBe('规则文件不是有效的 JSON：第 2 行第 3 列：这里是注释，JSON 不允许注释（// 或 /* */）；请删去注释');
    expect(error.text.en).toBe('The rules file is not valid JSON: line 2, column 3: this is a comment, and JSON allows no comments (// or /* */); remove it');
    const config = await rejection(readJsonFile(file('config.json', '{ deadlineHours: 48 }'), 'config'), InputError);
    expect(config.text.zh).toBe('配置文件不是有效的 JSON：第 1 行第 3 列：这里应是用英文双引号括起的字段名（如 "carriers"）');
    expect(config.text.en).not.toMatch(/position/);
  });

  it('does not quote the whole file, as JSON.parse does for an unexpected token', async () => {
    const long = `[${'"极速达快递", '.repeat(2000)}]`;
    const error = await rejection(readJsonFile(file('long.json', long), 'rules'), InputError);
    expect(error.text.zh).toBe('规则文件不是有效的 JSON：第 1 行第 18000 列：最后一项后面多了逗号，JSON 不允许；请删去这个逗号');
  });

  it('returns undefined for a missing optional file, and names the config that named a missing one', async () => {
    expect(await readJsonFile(join(dir, 'none.json'), 'config', { optional: true })).toBeUndefined();
    const error = await rejection(readJsonFile(join(dir, 'none.json'), 'rules', { namedBy: '/team/ship.config.json' }), InputError);
    expect(error.text.zh).toContain('它由 /team/ship.config.json 的 rules 指定');
    expect(error.text.en).toContain('named by "rules" in /team/ship.config.json');
  });
});
