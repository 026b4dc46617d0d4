// Runs one command as a child process and measures its wall time and peak RSS:
// GNU time's %M when /usr/bin/time exists, otherwise VmHWM polled from /proc.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const TIME = '/usr/bin/time';
const hasTime = existsSync(TIME);

function readHwmKiB(pid) {
  try {
    const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) : 0;
  } catch {
    return 0;
  }
}

/**
 * @returns {Promise<{ wall: number, peakMiB: number, status: number | null, signal: string | null, stdout: string, stderr: string }>}
 *   wall in seconds.
 */
export function measure(argv, { env = process.env, cwd = process.cwd(), killAfterMs } = {}) {
  const scratch = mkdtempSync(join(tmpdir(), 'ship-bench-time-'));
  const timeFile = join(scratch, 'rss');
  const command = hasTime ? [TIME, '-f', '%M', '-o', timeFile, ...argv] : argv;
  return new Promise((resolve, reject) => {
    const start = process.hrtime.bigint();
    const child = spawn(command[0], command.slice(1), { env, cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    const out = [];
    const err = [];
    child.stdout.on('data', (d) => out.push(d));
    child.stderr.on('data', (d) => err.push(d));
    let hwm = 0;
    const poll = hasTime ? undefined : setInterval(() => (hwm = Math.max(hwm, readHwmKiB(child.pid))), 10);
    const killer = killAfterMs === undefined ? undefined : setTimeout(() => child.kill('SIGKILL'), killAfterMs);
    child.on('error', reject);
    child.on('close', (status, signal) => {
      const wall = Number(process.hrtime.bigint() - start) / 1e9;
      if (poll) clearInterval(poll);
      if (killer) clearTimeout(killer);
      let stderr = Buffer.concat(err).toString('utf8');
      if (hasTime) {
        try {
          const lines = readFileSync(timeFile, 'utf8').trim().split('\n');
          hwm = Number(lines.at(-1));
          // GNU time reports a child's non-zero exit on the first line ("Command exited with…").
        } catch {
          hwm = 0;
        }
      }
      rmSync(scratch, { recursive: true, force: true });
      resolve({ wall, peakMiB: hwm / 1024, status, signal, stdout: Buffer.concat(out).toString('utf8'), stderr });
    });
  });
}

export const measuring = hasTime ? 'GNU time %M (max RSS)' : '/proc/<pid>/status VmHWM, polled every 10 ms';
