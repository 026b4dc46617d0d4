// Large exports end to end, against the built bin/ship.js (npm run build first): a seeded
// 40k-row export in Excel's part order (shared strings after the sheet) and as CSV gives
// exactly the counts the generator planted, and ship creates no temporary files at all —
// its TMPDIR stays empty, also when the process is killed mid-run, and a SIGTERM while
// the outputs are being written leaves no half-written file next to them. No timings
// here: speed is measured by `npm run bench`.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/cli.js';
// @ts-expect-error -- a plain .mjs script, shared with bench.mjs
import { generate } from './generate.mjs';

interface Counts {
  rows: { total: number; imported: number; rejected: number; skipped: number };
  orders: { imported: number; rejected: number };
}

const BIN = join(ROOT, 'bin', 'ship.js');
/** Before the generated orders were paid: no deadline findings, so the planted counts hold. */
const BEFORE_ANY_ORDER = '2026-01-01T00:00:00+08:00';
const ROWS = 40_000;

let dir: string;
const inputs: Record<'xlsx' | 'csv', { path: string; meta: Counts }> = {} as never;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'ship-large-'));
  for (const format of ['xlsx', 'csv'] as const) {
    const path = join(dir, `orders-${format}.${format}`);
    const { rows, orders } = (await generate({ path, rows: ROWS, columns: 13, format })) as Counts;
    inputs[format] = { path, meta: { rows, orders } };
  }
}, 120_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A fresh, empty folder to hand to ship as its TMPDIR. */
function cleanTmp(): string {
  return mkdtempSync(join(dir, 'tmp-'));
}

function env(tmp: string): Record<string, string> {
  return { PATH: process.env.PATH ?? '', NO_COLOR: '1', TMPDIR: tmp, TMP: tmp, TEMP: tmp };
}

describe.each(['xlsx', 'csv'] as const)('a %s export of 40k rows', (format) => {
  it('gives the counts the generator planted and creates no temporary files', () => {
    const tmp = cleanTmp();
    const out = mkdtempSync(join(dir, 'out-'));
    const run = spawnSync(process.execPath, [BIN, 'validate', inputs[format].path, '--out-dir', out, '--format', 'json', '--now', BEFORE_ANY_ORDER], { env: env(tmp), encoding: 'utf8', timeout: 120_000, maxBuffer: 64 * 1024 * 1024 });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(1);
    const [report] = (JSON.parse(run.stdout) as { files: Counts[] }).files;
    expect({ rows: report?.rows, orders: { imported: report?.orders.imported, rejected: report?.orders.rejected } }).toEqual(inputs[format].meta);
    expect(readdirSync(tmp)).toEqual([]);
    expect(readdirSync(out).sort()).toEqual([`orders-${format}.import.xlsx`, `orders-${format}.report.xlsx`]);
  }, 120_000);
});

/** Starts ship on the xlsx input; resolves when it has exited. */
function startShip(tmp: string, out: string) {
  const child = spawn(process.execPath, [BIN, 'validate', inputs.xlsx.path, '--out-dir', out, '--now', BEFORE_ANY_ORDER], { env: env(tmp), stdio: 'ignore' });
  const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_code, signal) => resolve(signal)));
  return { child, exited };
}

describe('ship killed mid-run', () => {
  it('leaves its TMPDIR empty after SIGKILL while reading', async () => {
    const tmp = cleanTmp();
    const out = mkdtempSync(join(dir, 'out-'));
    const { child, exited } = startShip(tmp, out);
    await new Promise((resolve) => setTimeout(resolve, 700));
    child.kill('SIGKILL');
    await exited;
    expect(readdirSync(tmp)).toEqual([]);
  }, 60_000);

  it('removes its half-written output after SIGTERM while writing, and leaves its TMPDIR empty', async () => {
    const tmp = cleanTmp();
    const out = mkdtempSync(join(dir, 'out-'));
    const { child, exited } = startShip(tmp, out);
    // Wait for the first temp output next to the target, then stop the process.
    let done = false;
    void exited.then(() => (done = true));
    while (!done && !readdirSync(out).some((name) => name.includes('.tmp-'))) await new Promise((resolve) => setTimeout(resolve, 2));
    const caughtWriting = !done;
    child.kill('SIGTERM');
    await exited;
    expect(readdirSync(tmp)).toEqual([]);
    expect(readdirSync(out).filter((name) => name.includes('.tmp-'))).toEqual([]);
    // If ship finished before the temp file was seen, the check above still holds, but say so.
    expect(caughtWriting, 'ship finished before its output was being written').toBe(true);
  }, 60_000);
});
