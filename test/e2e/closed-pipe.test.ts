// `ship validate … | head` in a script: the reader closes the pipe before ship has
// printed everything. The run must still write its files and end without a stack trace.
import { spawn } from 'node:child_process';
import { closeSync, existsSync, openSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURE_NOW, ROOT, workspace } from '../helpers/cli.js';

interface ClosedRun {
  status: number | null;
  stderr: string;
}

/** Runs ship with its stdout closed by the reader before the first byte is read. */
function runWithClosedStdout(args: readonly string[], cwd: string): Promise<ClosedRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(ROOT, 'bin', 'ship.js'), ...args], {
      cwd,
      env: { PATH: process.env.PATH ?? '', NO_COLOR: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout.destroy();
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (text: string) => (stderr += text));
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stderr }));
  });
}

/** Runs ship and closes its stdout once the first bytes have arrived: mid-document. */
function runClosedAfterFirstChunk(args: readonly string[], cwd: string): Promise<ClosedRun & { read: number }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(ROOT, 'bin', 'ship.js'), ...args], {
      cwd,
      env: { PATH: process.env.PATH ?? '', NO_COLOR: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let read = 0;
    child.stdout.once('data', (chunk: Buffer) => {
      read = chunk.length;
      child.stdout.destroy();
    });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (text: string) => (stderr += text));
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stderr, read }));
  });
}

describe('a reader that closes the pipe early', () => {
  for (const format of ['text', 'json']) {
    it(`validate --format ${format} still writes both files and exits with its own code`, async () => {
      const dir = workspace('sample-qianfan-export.xlsx');
      const run = await runWithClosedStdout(['validate', 'sample-qianfan-export.xlsx', '--format', format, '--now', FIXTURE_NOW], dir);
      expect(run.stderr).not.toMatch(/EPIPE|\n\s+at /);
      // The sample has rejected orders: exit 1, as when the whole output is read.
      expect(run.status).toBe(1);
      expect(existsSync(join(dir, 'sample-qianfan-export.import.xlsx'))).toBe(true);
      expect(existsSync(join(dir, 'sample-qianfan-export.report.xlsx'))).toBe(true);
    });
  }

  // Documents of this size are written a chunk at a time, waiting for the reader: a
  // reader that is gone must end the wait, not leave ship hanging.
  for (const format of ['json', 'junit']) {
    it(`validate --format ${format} of a big export ends normally when the reader leaves mid-document`, async () => {
      const dir = workspace();
      const rows = Array.from({ length: 20_000 }, (_, i) => `P${100_000_000 + i},已发货未签收,顺丰速运,SF1385628716739,张三`);
      writeFileSync(join(dir, 'shipped.csv'), `订单号,订单状态,快递公司,快递单号,收件人姓名\n${rows.join('\n')}\n`);
      const run = await runClosedAfterFirstChunk(['validate', 'shipped.csv', '--no-report-copy', '--format', format], dir);
      expect(run.read).toBeGreaterThan(0);
      expect(run.stderr).not.toMatch(/EPIPE|\n\s+at /);
      // Nothing to ship and nothing rejected: exit 0, as when the whole output is read.
      expect(run.status).toBe(0);
      expect(existsSync(join(dir, 'shipped.report.xlsx'))).toBe(true);
    }, 60_000);
  }

  it('ship --help ends quietly with exit 0', async () => {
    const run = await runWithClosedStdout(['--help'], ROOT);
    expect(run.stderr).not.toMatch(/EPIPE|\n\s+at /);
    expect(run.status).toBe(0);
  });
});

// `ship validate … --format json > result.json` on a full disk: the document is cut short.
// A clean exit there would have the nightly script read half a document as the result.
describe.skipIf(!existsSync('/dev/full'))('stdout that cannot be written (a full disk)', () => {
  /** Runs ship with stdout (or stderr) on /dev/full, where every write fails with ENOSPC. */
  function runOnFullDisk(args: readonly string[], cwd: string, stream: 'stdout' | 'stderr'): Promise<ClosedRun & { stdout: string }> {
    return new Promise((resolve, reject) => {
      const full = openSync('/dev/full', 'w');
      const child = spawn(process.execPath, [join(ROOT, 'bin', 'ship.js'), ...args], {
        cwd,
        env: { PATH: process.env.PATH ?? '', NO_COLOR: '1' },
        stdio: ['ignore', stream === 'stdout' ? full : 'pipe', stream === 'stderr' ? full : 'pipe'],
      });
      closeSync(full);
      let stdout = '';
      let stderr = '';
      child.stdout?.setEncoding('utf8').on('data', (text: string) => (stdout += text));
      child.stderr?.setEncoding('utf8').on('data', (text: string) => (stderr += text));
      child.on('error', reject);
      child.on('close', (status) => resolve({ status, stderr, stdout }));
    });
  }

  it('the run still writes its files, says the output is incomplete and exits 2', async () => {
    const dir = workspace('all-importable.xlsx');
    const run = await runOnFullDisk(['validate', 'all-importable.xlsx', '--format', 'json'], dir, 'stdout');
    // Every order of this fixture imports: without the failed write this run exits 0.
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/写入标准输出失败（ENOSPC，磁盘已满），输出不完整/);
    expect(run.stderr).not.toMatch(/\n\s+at /);
    expect(existsSync(join(dir, 'all-importable.import.xlsx'))).toBe(true);
  });

  it('a lost stderr is not reported on stdout: the JSON document there stays whole', async () => {
    const dir = workspace('sample-qianfan-export.xlsx');
    // A missing file: the message goes to stderr, which is full.
    const run = await runOnFullDisk(['validate', 'no-such-file.xlsx', 'sample-qianfan-export.xlsx', '--format', 'json', '--lang', 'en'], dir, 'stderr');
    expect(run.status).toBe(2);
    expect(() => JSON.parse(run.stdout)).not.toThrow();
  });
});
