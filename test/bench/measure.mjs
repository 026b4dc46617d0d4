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
 * @returns {Promise<{ wall: number, cpu: number, peakMiB: number, status: number | null, signal: string | null, stdout: string, stderr: string }>}
 *   wall and cpu (user + system; NaN without GNU time) in seconds.
 */
export function measure(argv, { env = process.env, cwd = process.cwd() } = {}) {
  const scratch = mkdtempSync(join(tmpdir(), 'ship-bench-time-'));
  const timeFile = join(scratch, 'rss');
  const command = hasTime ? [TIME, '-f', '%M %U %S', '-o', timeFile, ...argv] : argv;
  return new Promise((resolve, reject) => {
    const start = process.hrtime.bigint();
    const child = spawn(command[0], command.slice(1), { env, cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    const out = [];
    const err = [];
    child.stdout.on('data', (d) => out.push(d));
    child.stderr.on('data', (d) => err.push(d));
    let hwm = 0;
    const poll = hasTime ? undefined : setInterval(() => (hwm = Math.max(hwm, readHwmKiB(child.pid))), 10);
    child.on('error', reject);
    child.on('close', (status, signal) => {
      const wall = Number(process.hrtime.bigint() - start) / 1e9;
      if (poll) clearInterval(poll);
      let cpu = Number.NaN;
      if (hasTime) {
        try {
          // The last line; GNU time puts "Command exited with non-zero status N" before it.
          const [rss, user, system] = readFileSync(timeFile, 'utf8').trim().split('\n').at(-1).split(' ').map(Number);
          hwm = rss;
          cpu = user + system;
        } catch {
          hwm = 0;
        }
      }
      rmSync(scratch, { recursive: true, force: true });
      resolve({ wall, cpu, peakMiB: hwm / 1024, status, signal, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') });
    });
  });
}

export const measuring = hasTime ? 'GNU time %M (max RSS)' : '/proc/<pid>/status VmHWM, polled every 10 ms';
