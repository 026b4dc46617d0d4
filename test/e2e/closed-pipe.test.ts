// `ship validate … | head` in a script: the reader closes the pipe before ship has
// printed everything. The run must still write its files and end without a stack trace.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
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

  it('ship --help ends quietly with exit 0', async () => {
    const run = await runWithClosedStdout(['--help'], ROOT);
    expect(run.stderr).not.toMatch(/EPIPE|\n\s+at /);
    expect(run.status).toBe(0);
  });
});
