import { spawn } from 'node:child_process';
import { chmod, link, mkdir, mkdtemp, readdir, readFile, rm, symlink, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ensureOutDir, removeStaleTempFiles, writeFileAtomic } from '../../../src/io/atomic-write.js';
import { OutputError } from '../../../src/io/errors.js';
import { rejection } from '../../helpers/errors.js';

let root: string;
let dir: string;
let input: string;
let counter = 0;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'ship-atomic-'));
});
afterAll(async () => {
  await chmod(root, 0o755).catch(() => undefined);
  await rm(root, { recursive: true, force: true });
});
beforeEach(async () => {
  dir = join(root, `case${(counter += 1)}`);
  await mkdir(dir);
  input = join(dir, 'orders.xlsx');
  await writeFile(input, 'INPUT');
});

const writeText = (text: string) => async (tmpPath: string) => writeFile(tmpPath, text);

const outputFailure = (promise: Promise<unknown>) => rejection(promise, OutputError);

describe('writeFileAtomic', () => {
  it('writes through a hidden temp file in the same folder, then renames it over the target', async () => {
    const target = join(dir, 'orders.import.xlsx');
    await writeFile(target, 'OLD');
    let tmpSeen = '';
    await writeFileAtomic(
      target,
      async (tmpPath) => {
        tmpSeen = tmpPath;
        await writeFile(tmpPath, 'NEW');
      },
      { inputs: [input] },
    );
    expect(dirname(tmpSeen)).toBe(dir);
    expect(basename(tmpSeen)).toMatch(new RegExp(`^\\.orders\\.import\\.xlsx\\.tmp-${process.pid}-[0-9a-f]{12}$`));
    expect(await readFile(target, 'utf8')).toBe('NEW');
    expect((await readdir(dir)).sort()).toEqual(['orders.import.xlsx', 'orders.xlsx']);
  });

  it('accepts a relative target', async () => {
    const target = relative(process.cwd(), join(dir, 'report.xlsx'));
    await writeFileAtomic(target, writeText('R'), { inputs: [] });
    expect(await readFile(join(dir, 'report.xlsx'), 'utf8')).toBe('R');
  });

  it('never leaves a temp file, and keeps the old target, when the callback throws', async () => {
    const target = join(dir, 'out.xlsx');
    await writeFile(target, 'OLD');
    const boom = new Error('writer failed');
    await expect(
      writeFileAtomic(
        target,
        async (tmpPath) => {
          await writeFile(tmpPath, 'HALF');
          throw boom;
        },
        { inputs: [] },
      ),
    ).rejects.toBe(boom);
    await expect(writeFileAtomic(target, () => Promise.reject(new Error('before writing')), { inputs: [] })).rejects.toThrow('before writing');
    expect((await readdir(dir)).sort()).toEqual(['orders.xlsx', 'out.xlsx']);
    expect(await readFile(target, 'utf8')).toBe('OLD');
  });

  it('installs its signal handlers once, however many files it writes', async () => {
    await writeFileAtomic(join(dir, 'a.xlsx'), writeText('A'), { inputs: [] });
    const before = [process.listenerCount('SIGINT'), process.listenerCount('SIGTERM')];
    for (const name of ['b', 'c', 'd']) await writeFileAtomic(join(dir, `${name}.xlsx`), writeText(name), { inputs: [] });
    expect([process.listenerCount('SIGINT'), process.listenerCount('SIGTERM')]).toEqual(before);
  });
});

describe('writeFileAtomic refuses to overwrite an input', () => {
  async function expectRefused(target: string, inputs: string[]): Promise<void> {
    let called = false;
    const error = await outputFailure(
      writeFileAtomic(
        target,
        async () => {
          called = true;
        },
        { inputs },
      ),
    );
    expect(error.text.zh).toBe('不会覆盖输入文件，请用 --out-dir 指定其他输出文件夹');
    expect(called).toBe(false);
    expect(await readFile(input, 'utf8')).toBe('INPUT');
  }

  it('by the same path', async () => {
    await expectRefused(input, [input]);
  });

  it('by a spelling with ../', async () => {
    await mkdir(join(dir, 'a'));
    await expectRefused(`${dir}/a/../orders.xlsx`, [input]);
    await expectRefused(input, [`${dir}/a/../orders.xlsx`]);
  });

  it('through a symlink to the input, or a symlinked folder', async () => {
    await symlink(input, join(dir, 'link.xlsx'));
    await expectRefused(join(dir, 'link.xlsx'), [input]);
    await symlink(dir, join(root, `folder-link-${counter}`));
    await expectRefused(join(root, `folder-link-${counter}`, 'orders.xlsx'), [input]);
  });

  it('through a hard link', async () => {
    await link(input, join(dir, 'hard.xlsx'));
    await expectRefused(join(dir, 'hard.xlsx'), [input]);
  });

  it('but writes next to the input under another name', async () => {
    await writeFileAtomic(join(dir, 'orders.import.xlsx'), writeText('OK'), { inputs: [input] });
    expect(await readFile(join(dir, 'orders.import.xlsx'), 'utf8')).toBe('OK');
  });
});

describe('writeFileAtomic maps file-system failures to what the user should do', () => {
  it('a target that is a folder', async () => {
    await mkdir(join(dir, 'out.xlsx'));
    const error = await outputFailure(writeFileAtomic(join(dir, 'out.xlsx'), writeText('x'), { inputs: [] }));
    expect(error.text.zh).toContain('同名文件夹');
    expect(error.path).toBe(join(dir, 'out.xlsx'));
  });

  it('a missing output folder', async () => {
    const error = await outputFailure(writeFileAtomic(join(dir, 'nope', 'out.xlsx'), writeText('x'), { inputs: [] }));
    expect(error.text.zh).toContain('输出文件夹不存在');
    expect(error.path).toBe(join(dir, 'nope'));
  });

  it('an output folder that is a file', async () => {
    const error = await outputFailure(writeFileAtomic(join(input, 'out.xlsx'), writeText('x'), { inputs: [] }));
    expect(error.text.zh).toContain('不是文件夹');
  });

  it.each([
    ['EBUSY', '正在 Excel/WPS 中打开'],
    ['EPERM', '正在 Excel/WPS 中打开'],
    ['EACCES', '没有该文件或文件夹的写入权限'],
    ['ENOSPC', '磁盘空间不足'],
    ['ENAMETOOLONG', '输出文件名太长'],
    // A code with no advice of its own still fails this file only, saying what the system said.
    ['EIO', '系统错误 EIO'],
  ])('%s raised while writing', async (code, zh) => {
    const fail = async (tmpPath: string) => {
      await writeFile(tmpPath, 'partial');
      throw Object.assign(new Error(`${code}: simulated`), { code });
    };
    const error = await outputFailure(writeFileAtomic(join(dir, 'out.xlsx'), fail, { inputs: [] }));
    expect(error.text.zh).toContain(zh);
    expect(error.cause).toMatchObject({ code });
    expect(await readdir(dir)).toEqual(['orders.xlsx']);
  });

  it('leaves an error of Node itself (ERR_…) as it is: a bug, not a place that takes no files', async () => {
    const fail = async () => {
      throw Object.assign(new Error('write after end'), { code: 'ERR_STREAM_WRITE_AFTER_END' });
    };
    await expect(writeFileAtomic(join(dir, 'out.xlsx'), fail, { inputs: [] })).rejects.not.toBeInstanceOf(OutputError);
    expect(await readdir(dir)).toEqual(['orders.xlsx']);
  });

  it('writes a target whose name is legal but too long for the usual temp name beside it', async () => {
    // 81 CJK characters are 243 bytes: 12 under the 255-byte limit, while the temp name adds ~25.
    const target = join(dir, `${'订'.repeat(81)}.xlsx`);
    await writeFileAtomic(target, writeText('OK'), { inputs: [] });
    expect(await readFile(target, 'utf8')).toBe('OK');
    expect((await readdir(dir)).sort()).toEqual([basename(target), 'orders.xlsx'].sort());
  });

  it('a target name over the length limit', async () => {
    const error = await outputFailure(writeFileAtomic(join(dir, `${'订'.repeat(90)}.xlsx`), writeText('x'), { inputs: [] }));
    expect(error.text.zh).toContain('输出文件名太长');
    expect(await readdir(dir)).toEqual(['orders.xlsx']);
  });

  // Root ignores directory permissions, so this cannot fail for root: skipped when run as root.
  it.skipIf(process.getuid?.() === 0)('a read-only folder (EACCES)', async () => {
    const locked = join(dir, 'locked');
    await mkdir(locked);
    await chmod(locked, 0o555);
    try {
      const error = await outputFailure(writeFileAtomic(join(locked, 'out.xlsx'), writeText('x'), { inputs: [] }));
      expect(error.text.zh).toContain('写入权限');
      expect(await readdir(locked)).toEqual([]);
    } finally {
      await chmod(locked, 0o755);
    }
  });
});

describe('ensureOutDir', () => {
  it('creates nested folders and accepts an existing one', async () => {
    const out = join(dir, 'out', 'nested');
    await ensureOutDir(out);
    await ensureOutDir(out);
    expect(await readdir(join(dir, 'out'))).toEqual(['nested']);
  });

  it('fails when the path, or a parent, is a file', async () => {
    for (const path of [input, join(input, 'sub')]) {
      const error = await outputFailure(ensureOutDir(path));
      expect(error.text.zh).toContain('--out-dir 指定的路径是一个文件');
      expect(error.path).toBe(path);
    }
  });

  it('fails, without hanging, where a folder that exists cannot hold a new one', async () => {
    const broken = join(dir, 'share');
    await symlink(join(dir, 'unmounted'), broken);
    // Node's recursive mkdir spins forever on /proc/…; a broken link is the portable case.
    const places = [broken, join(broken, 'out'), ...(process.platform === 'linux' ? ['/proc/ship-out', '/proc/ship-out/sub'] : [])];
    for (const path of places) {
      const error = await outputFailure(ensureOutDir(path));
      expect(error.text.zh).toContain('无法在这里创建 --out-dir 文件夹');
      expect(error.text.en).toContain('cannot be created there');
      expect(error.path).toBe(path);
    }
  });
});

describe('temp files on SIGINT / SIGTERM / SIGHUP', () => {
  // The child runs the real module, transpiled to plain JS (Node 20 cannot import .ts).
  let moduleDir: string;
  beforeAll(async () => {
    moduleDir = join(root, 'module');
    await mkdir(moduleDir);
    await writeFile(join(moduleDir, 'package.json'), '{"type":"module"}');
    const src = fileURLToPath(new URL('../../../src/io/', import.meta.url));
    for (const name of ['atomic-write', 'write-errors', 'errors', 'file-identity']) {
      const code = await readFile(join(src, `${name}.ts`), 'utf8');
      const js = ts.transpileModule(code, { compilerOptions: { module: ts.ModuleKind.ES2022, target: ts.ScriptTarget.ES2022 } });
      await writeFile(join(moduleDir, `${name}.js`), js.outputText);
    }
  });

  function runChild(target: string, signal: NodeJS.Signals, ownHandler: boolean): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
    const script = `
      import { writeFile } from 'node:fs/promises';
      import { writeFileAtomic } from ${JSON.stringify(join(moduleDir, 'atomic-write.js'))};
      ${ownHandler ? "process.on('" + signal + "', () => { process.exitCode = 7; setTimeout(() => process.exit(), 10); });" : ''}
      await writeFileAtomic(${JSON.stringify(target)}, async (tmp) => {
        await writeFile(tmp, 'partial');
        process.stdout.write('writing\\n');
        await new Promise(() => setInterval(() => {}, 1000));
      }, { inputs: [] });
    `;
    return new Promise((resolvePromise, reject) => {
      const child = spawn(process.execPath, ['--input-type=module', '-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
      child.stdout.once('data', () => child.kill(signal));
      child.once('error', reject);
      child.once('exit', (code, exitSignal) => resolvePromise({ code, signal: exitSignal }));
    });
  }

  it.each(['SIGINT', 'SIGTERM', 'SIGHUP'] as const)('removes the temp file on %s and dies of the signal (exit 130 / 143 / 129)', async (signal) => {
    const outcome = await runChild(join(dir, 'out.xlsx'), signal, false);
    expect(outcome).toEqual({ code: null, signal });
    expect(await readdir(dir)).toEqual(['orders.xlsx']);
  });

  // The commit of a batch runs held: a new import sheet must not be left beside an old report.
  it('holds a signal until the held work (the renames of a commit) has finished, then dies of it', async () => {
    const marker = join(dir, 'renamed');
    const script = `
      import { writeFile } from 'node:fs/promises';
      import { withSignalsHeld, writeFileAtomic } from ${JSON.stringify(join(moduleDir, 'atomic-write.js'))};
      await writeFileAtomic(${JSON.stringify(join(dir, 'first.xlsx'))}, (tmp) => writeFile(tmp, 'A'), { inputs: [] });
      await withSignalsHeld(async () => {
        process.stdout.write('held\\n');
        await new Promise((done) => setTimeout(done, 300));
        await writeFile(${JSON.stringify(marker)}, 'done');
      });
      process.stdout.write('after\\n');
      await new Promise((done) => setTimeout(done, 1000));
    `;
    const lines: string[] = [];
    const outcome = await new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolvePromise, reject) => {
      const child = spawn(process.execPath, ['--input-type=module', '-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
      child.stdout.on('data', (chunk: Buffer) => {
        lines.push(...chunk.toString().trim().split('\n'));
        if (lines.includes('held')) child.kill('SIGTERM');
      });
      child.once('error', reject);
      child.once('exit', (code, exitSignal) => resolvePromise({ code, signal: exitSignal }));
    });
    expect(outcome).toEqual({ code: null, signal: 'SIGTERM' });
    expect(await readFile(marker, 'utf8')).toBe('done');
    expect(lines).not.toContain('after');
  });

  it('leaves the exit to the program when it handles the signal itself, still removing the temp file', async () => {
    const outcome = await runChild(join(dir, 'out.xlsx'), 'SIGTERM', true);
    expect(outcome).toEqual({ code: 7, signal: null });
    expect(await readdir(dir)).toEqual(['orders.xlsx']);
  });
});

describe('temp files a killed run left behind', () => {
  /** The pid of a process that has exited (and so writes nothing any more). */
  async function exitedPid(): Promise<number> {
    const child = spawn(process.execPath, ['-e', '0']);
    await new Promise((resolve) => child.on('exit', resolve));
    return child.pid!;
  }

  // A file's ctime cannot be set back: the sweep is asked as if an hour had passed.
  const inAnHour = () => Date.now() + 3600_000;

  it('are removed once a quarter of an hour old when their pid no longer runs; others stay', async () => {
    const dead = await exitedPid();
    const stale = `.orders.import.xlsx.tmp-${dead}-0a1b2c3d4e5f`;
    const running = `.orders.import.xlsx.tmp-${process.pid}-0a1b2c3d4e5f`;
    const otherOutput = `.orders.report.xlsx.tmp-${dead}-0a1b2c3d4e5f`;
    for (const name of [stale, running, otherOutput, '.orders.import.xlsx.notes']) await writeFile(join(dir, name), 'x');
    // Fresh: a pid this machine cannot see may be a ship in another container writing now.
    await removeStaleTempFiles(join(dir, 'orders.import.xlsx'));
    expect(await readdir(dir)).toContain(stale);
    await removeStaleTempFiles(join(dir, 'orders.import.xlsx'), inAnHour());
    // The report's own temp file goes when the report is written: each output sweeps its own.
    expect((await readdir(dir)).filter((name) => name !== 'orders.xlsx').sort()).toEqual(['.orders.import.xlsx.notes', otherOutput, running].sort());
  });

  it('keep a fresh hard link to an old file (the copy of the old target a batch keeps for its rollback)', async () => {
    const dead = await exitedPid();
    const old = join(dir, 'orders.report.xlsx');
    await writeFile(old, 'old report');
    const hoursAgo = new Date(Date.now() - 2 * 3600_000);
    await utimes(old, hoursAgo, hoursAgo);
    const copy = `.orders.report.xlsx.tmp-${dead}-0123456789ab`;
    await link(old, join(dir, copy));
    await removeStaleTempFiles(old);
    expect(await readdir(dir)).toContain(copy);
  });

  it('of a target with a long name are its own: they carry a hash of the name, and other long names do not sweep them', async () => {
    const dead = await exitedPid();
    const target = join(dir, `${'订单'.repeat(40)}.import.xlsx`);
    let temp = '';
    await writeFileAtomic(target, async (tmp) => { temp = basename(tmp); await writeFile(tmp, 'one'); }, { inputs: [] });
    expect(temp).toMatch(/^\.ship-[0-9a-f]{12}\.tmp-\d+-[0-9a-f]{12}$/u);
    const staleOwn = temp.replace(/\.tmp-\d+-/u, `.tmp-${dead}-`);
    const staleOther = staleOwn.replace(/ship-[0-9a-f]{12}/u, 'ship-000000000000');
    for (const name of [staleOwn, staleOther]) await writeFile(join(dir, name), 'x');
    await removeStaleTempFiles(target, inAnHour());
    const after = await readdir(dir);
    expect(after).not.toContain(staleOwn);
    expect(after).toContain(staleOther);
  });
});
