#!/usr/bin/env node
// `npm run bench`: ship validate end to end on seeded exports of 10k–1M rows, beside a
// baseline read of the same file in the same run (exceljs's streaming reader for xlsx,
// csv-parse for CSV), plus the core alone and the start-up of `ship detect` / `--help`.
//
//   npm run bench                                  10k and 100k rows, 13 and 75 columns, xlsx and CSV
//   npm run bench -- --sizes 1m --cols 13 --formats xlsx
//   options: --sizes 10k,100k,1m  --cols 13,75  --formats xlsx,csv  --runs N (pairs per case)
//            --inputs DIR (where generated inputs are kept; default $TMPDIR/ship-bench-inputs)
//            --fresh (regenerate them)  --skip core,startup
//            --reports full,no-copy,csv (which report ship writes; each case once per report:
//            full = the default workbook with its marked copy of the input, a second pass over
//            the input; no-copy = --no-report-copy; csv = --report-format csv, the findings only)
//
// Runs alternate ship and baseline (A B A B …) and report medians: the machine is shared,
// so single timings are noise. Every ship run is also checked: its counts must equal the
// generator's, and it must leave nothing in a private, empty TMPDIR nor in its output folder
// beyond the two outputs.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { GENERATOR_VERSION, generate, parseSize, sizeLabel } from './generate.mjs';
import { measure, measuring } from './measure.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const BIN = join(ROOT, 'bin', 'ship.js');
const HERE = join(ROOT, 'test', 'bench');
const MIB = 1024 * 1024;

function parseArgs(argv) {
  const options = { sizes: ['10k', '100k'], cols: [13, 75], formats: ['xlsx', 'csv'], reports: ['full'], runs: undefined, inputs: join(tmpdir(), 'ship-bench-inputs'), fresh: false, skip: [] };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    const value = () => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${flag} needs a value`);
      return v;
    };
    if (flag === '--sizes') options.sizes = value().split(',');
    else if (flag === '--cols') options.cols = value().split(',').map(Number);
    else if (flag === '--formats') options.formats = value().split(',');
    else if (flag === '--runs') options.runs = Number(value());
    else if (flag === '--inputs') options.inputs = resolve(value());
    else if (flag === '--fresh') options.fresh = true;
    else if (flag === '--skip') options.skip = value().split(',');
    else if (flag === '--reports') options.reports = value().split(',').map(reportVariant);
    else throw new Error(`unknown option ${flag} (see the top of test/bench/bench.mjs)`);
  }
  options.sizes = options.sizes.map(parseSize).sort((a, b) => a - b);
  return options;
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 === 1 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const fmtS = (s) => (s >= 10 ? s.toFixed(1) : s.toFixed(2));
const fmtRate = (r) => (r >= 1e6 ? `${(r / 1e6).toFixed(2)}M` : `${Math.round(r / 1e3)}k`);
const fmtMiB = (m) => `${Math.round(m)}`;

/** The input for one case, generated once (seeded) and kept in the inputs folder. */
async function input(options, rows, cols, format) {
  mkdirSync(options.inputs, { recursive: true });
  const path = join(options.inputs, `${sizeLabel(rows)}-${cols}c.${format}`);
  const metaPath = `${path}.meta.json`;
  if (!options.fresh && existsSync(path) && existsSync(metaPath)) {
    const saved = JSON.parse(readFileSync(metaPath, 'utf8'));
    if (saved.version === GENERATOR_VERSION) return { path, meta: saved.meta };
  }
  process.stderr.write(`generating ${path} … `);
  const started = Date.now();
  const meta = await generate({ path, rows, columns: cols, format });
  writeFileSync(metaPath, JSON.stringify({ version: GENERATOR_VERSION, meta }));
  process.stderr.write(`${((Date.now() - started) / 1000).toFixed(1)} s, ${(statSync(path).size / MIB).toFixed(1)} MiB\n`);
  return { path, meta };
}

/** The report variants ship can be asked for: its flags and the report file's extension. */
const REPORTS = {
  full: { flags: [], extension: 'xlsx' },
  'no-copy': { flags: ['--no-report-copy'], extension: 'xlsx' },
  csv: { flags: ['--report-format', 'csv'], extension: 'csv' },
};

function reportVariant(name) {
  if (!Object.hasOwn(REPORTS, name)) throw new Error(`--reports takes ${Object.keys(REPORTS).join(', ')}, not ${name}`);
  return name;
}

/** One `ship validate` run in a clean TMPDIR and output folder; throws when it is wrong. */
async function runShip(file, scratch, report = 'full') {
  const tmp = mkdtempSync(join(scratch, 'tmpdir-'));
  const out = mkdtempSync(join(scratch, 'out-'));
  // --now before the generated orders were paid: no deadline findings, so the planted counts hold.
  const args = [process.execPath, BIN, 'validate', file.path, '--out-dir', out, '--format', 'json', '--now', '2026-01-01T00:00:00+08:00', ...REPORTS[report].flags];
  if (statSync(file.path).size > 500 * MIB) args.push('--max-file-mb', '4096');
  const run = await measure(args, { env: { PATH: process.env.PATH ?? '', NO_COLOR: '1', TMPDIR: tmp, TMP: tmp, TEMP: tmp } });
  const problems = [];
  if (run.status !== 0 && run.status !== 1) problems.push(`exit ${run.status}${run.signal ? ` (${run.signal})` : ''}: ${run.stderr.trim().slice(0, 400)}`);
  else {
    const [report] = JSON.parse(run.stdout).files;
    if (JSON.stringify(report.rows) !== JSON.stringify(file.meta.rows) || report.orders.imported !== file.meta.orders.imported || report.orders.rejected !== file.meta.orders.rejected) {
      problems.push(`counts ${JSON.stringify([report.rows, report.orders])} differ from the generator's ${JSON.stringify([file.meta.rows, file.meta.orders])}`);
    }
  }
  const leftInTmp = readdirSync(tmp);
  if (leftInTmp.length > 0) problems.push(`left in TMPDIR: ${leftInTmp.join(', ')}`);
  const written = readdirSync(out).sort();
  const expected = [/\.import\.xlsx$/, new RegExp(`\\.report\\.${REPORTS[report].extension}$`)];
  if (written.length !== 2 || !expected.every((name) => written.some((file) => name.test(file)))) problems.push(`output folder holds: ${written.join(', ')}`);
  rmSync(tmp, { recursive: true, force: true });
  rmSync(out, { recursive: true, force: true });
  if (problems.length > 0) throw new Error(`ship validate ${file.path}: ${problems.join('; ')}`);
  return run;
}

async function runBaseline(file, format, scratch) {
  // exceljs spools the sheet to a temp file when the shared strings come after it (Excel's order).
  const tmp = mkdtempSync(join(scratch, 'tmpdir-'));
  const script = join(HERE, format === 'xlsx' ? 'baseline-exceljs.mjs' : 'baseline-csv-parse.mjs');
  const run = await measure([process.execPath, script, file.path], { env: { PATH: process.env.PATH ?? '', TMPDIR: tmp, TMP: tmp, TEMP: tmp } });
  rmSync(tmp, { recursive: true, force: true });
  if (run.status !== 0) throw new Error(`baseline on ${file.path} failed: ${run.stderr.trim().slice(0, 400)}`);
  const { rows } = JSON.parse(run.stdout);
  if (rows !== file.meta.rows.total + 1) throw new Error(`baseline read ${rows} rows of ${file.path}, expected ${file.meta.rows.total + 1}`);
  return run;
}

async function benchCase(options, scratch, rows, cols, format, report) {
  const file = await input(options, rows, cols, format);
  const big = rows >= 1_000_000;
  // The cases a target is read from get more pairs: on this shared machine three pairs
  // have put the same build on both sides of a target (0.76 with seven, 1.31 with three).
  const pairs = options.runs ?? (big ? 1 : targetCase({ rows, cols, format, report }) === undefined ? 3 : 5);
  if (!big) {
    await runShip(file, scratch, report); // warm the page cache and the disk, not counted
    await runBaseline(file, format, scratch);
  }
  const ship = [];
  const base = [];
  for (let i = 0; i < pairs; i++) {
    process.stderr.write(`  ${sizeLabel(rows)} × ${cols} ${format}, ${report} report: pair ${i + 1}/${pairs}\r`);
    // A B B A …: whichever runs second in a pair does not always meet the same drift.
    if (i % 2 === 0) {
      ship.push(await runShip(file, scratch, report));
      base.push(await runBaseline(file, format, scratch));
    } else {
      base.push(await runBaseline(file, format, scratch));
      ship.push(await runShip(file, scratch, report));
    }
  }
  process.stderr.write('\n');
  const ratios = ship.map((s, i) => s.wall / base[i].wall);
  const cpuRatios = ship.map((s, i) => s.cpu / base[i].cpu);
  return {
    name: `${sizeLabel(rows)} × ${cols} ${format}${report === 'full' ? '' : `, ${report === 'csv' ? 'csv report' : 'no copy'}`}`,
    rows,
    cols,
    format,
    report,
    pairs,
    ship: { wall: median(ship.map((r) => r.wall)), cpu: median(ship.map((r) => r.cpu)), peak: Math.max(...ship.map((r) => r.peakMiB)) },
    base: { wall: median(base.map((r) => r.wall)), cpu: median(base.map((r) => r.cpu)), peak: Math.max(...base.map((r) => r.peakMiB)) },
    ratio: median(ratios),
    ratioMin: Math.min(...ratios),
    ratioMax: Math.max(...ratios),
    cpuRatio: median(cpuRatios),
  };
}

/** The target a case is read against, or undefined: the targets are for what a user gets by default; the other reports are there to compare. */
function targetCase({ rows, cols, format, report }) {
  if (report !== 'full') return undefined;
  if (rows === 100_000 && cols === 13 && format === 'xlsx') return { text: '≤ 1.2× and ≤ 400 MiB', met: (r) => r.ratio <= 1.2 && r.ship.peak <= 400 };
  if (rows === 100_000 && cols === 13 && format === 'csv') return { text: '≤ 1.5×', met: (r) => r.ratio <= 1.5 };
  if (rows === 1_000_000 && format === 'xlsx') return { text: 'completes, ≤ 1024 MiB, no temp files', met: (r) => r.ship.peak <= 1024 };
  return undefined;
}

function targetOf(result) {
  const target = targetCase(result);
  return target === undefined ? { text: '', met: undefined } : { text: target.text, met: target.met(result) };
}

const verdict = (met) => (met === undefined ? '' : met ? 'met' : 'NOT met');

function table(header, rows) {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i]).length)));
  const line = (cells) => `| ${cells.map((c, i) => String(c).padEnd(widths[i])).join(' | ')} |`;
  return [line(header), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...rows.map(line)].join('\n');
}

async function benchCore(sizes) {
  const results = [];
  for (const rows of sizes.filter((n) => n >= 10_000)) {
    const repeats = rows >= 1_000_000 ? 2 : 5;
    const run = await measure([process.execPath, '--expose-gc', join(HERE, 'core.mjs'), String(rows), String(repeats)], { env: process.env });
    if (run.status !== 0) throw new Error(`core bench failed: ${run.stderr}`);
    results.push(JSON.parse(run.stdout));
  }
  return results;
}

/** `node -e 0` against a ship command, alternating, 10 pairs; and which heavy modules the command loads. */
async function benchStartup(scratch) {
  const commands = [
    ['ship detect SF1385628716739', [BIN, 'detect', 'SF1385628716739']],
    ['ship --help', [BIN, '--help']],
  ];
  const results = [];
  for (const [name, args] of commands) {
    const ship = [];
    const node = [];
    for (let i = 0; i < 11; i++) {
      const a = await measure([process.execPath, ...args]);
      const b = await measure([process.execPath, '-e', '0']);
      if (i > 0) {
        ship.push(a.wall);
        node.push(b.wall);
      }
    }
    const trace = join(scratch, 'modules.txt');
    await measure([process.execPath, '--import', join(HERE, 'trace-modules.mjs'), ...args], { env: { ...process.env, SHIP_TRACE_MODULES: trace } });
    const loaded = readFileSync(trace, 'utf8');
    const heavy = ['exceljs', 'zod'].filter((name) => loaded.includes(`/node_modules/${name}/`));
    const ratios = ship.map((s, i) => s / node[i]);
    results.push({ name, ship: median(ship), node: median(node), ratio: median(ratios), heavy });
  }
  return results;
}

async function main() {
  const options = parseArgs(process.argv.slice(2));
  const scratch = mkdtempSync(join(tmpdir(), 'ship-bench-'));
  try {
    console.log(`ship bench — ${new Date().toISOString()}, node ${process.version}, peak RSS by ${measuring}`);
    console.log(`inputs: ${options.inputs} (kept; seeded, delete at will)\n`);
    const results = [];
    for (const rows of options.sizes) {
      // A million rows of 75 columns is a 0.6 GiB CSV: only when asked for explicitly.
      const cols = rows >= 1_000_000 && !process.argv.includes('--cols') ? [13] : options.cols;
      for (const c of cols) {
        for (const format of options.formats) for (const report of options.reports) results.push(await benchCase(options, scratch, rows, c, format, report));
      }
    }
    if (results.length > 0) {
      console.log(
        table(
          ['case', 'pairs', 'ship wall s', 'ship rows/s', 'ship peak MiB', 'baseline', 'base wall s', 'base peak MiB', 'ratio (median [min–max])', 'cpu ratio', 'target', ''],
          results.map((r) => {
            const target = targetOf(r);
            return [
              r.name, r.pairs, fmtS(r.ship.wall), fmtRate(r.rows / r.ship.wall), fmtMiB(r.ship.peak), r.format === 'xlsx' ? 'exceljs stream' : 'csv-parse',
              fmtS(r.base.wall), fmtMiB(r.base.peak), `${r.ratio.toFixed(2)} [${r.ratioMin.toFixed(2)}–${r.ratioMax.toFixed(2)}]`,
              Number.isNaN(r.cpuRatio) ? '–' : r.cpuRatio.toFixed(2), target.text, verdict(target.met),
            ];
          }),
        ),
      );
      console.log('Every ship run above: counts equal to the generator\'s, nothing left in its TMPDIR or output folder.\n');
    }
    if (!options.skip.includes('core')) {
      const core = await benchCore(options.sizes);
      console.log(
        table(
          ['core (rows in memory)', 'median s', 'rows/s', 'add s', 'finish s', 'retained B/row', 'target', ''],
          core.map((c) => [sizeLabel(c.rows), fmtS(c.seconds), fmtRate(c.rowsPerSecond), fmtS(c.add), fmtS(c.finish), c.retainedBytesPerRow, '≥ 1M rows/s', verdict(c.rowsPerSecond >= 1e6)]),
        ),
      );
      console.log('');
    }
    if (!options.skip.includes('startup')) {
      const startup = await benchStartup(scratch);
      console.log(
        table(
          ['start-up (10 pairs)', 'median s', 'node -e 0 s', 'ratio', 'loads', 'target', ''],
          startup.map((s) => [s.name, fmtS(s.ship), fmtS(s.node), s.ratio.toFixed(2), s.heavy.length === 0 ? 'no exceljs, no zod' : s.heavy.join(', '), '≤ 2×, no exceljs', verdict(s.ratio <= 2 && !s.heavy.includes('exceljs'))]),
        ),
      );
    }
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

await main();
