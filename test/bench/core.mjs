// The core alone: rows already in memory (13 text columns, from the bench generator),
// through createValidator().add() and finish(). Run in its own process by bench.mjs:
//   node --expose-gc test/bench/core.mjs <rows> <repeats>
// Prints one JSON line: median seconds and rows/s, the add/finish split, and the heap the
// result retains per row.
import { CarrierRegistry } from '../../dist/carriers/registry.js';
import { matchHeader } from '../../dist/core/columns.js';
import { createValidator } from '../../dist/core/validate.js';
import { sheetRows } from './generate.mjs';

const rows = Number(process.argv[2] ?? 100_000);
const repeats = Number(process.argv[3] ?? 5);
const { header, rows: data, meta } = sheetRows(rows);
const { columns } = matchHeader(header.map((text) => ({ text, type: 'string' })));
const registry = CarrierRegistry.builtIn();
const gc = globalThis.gc ?? (() => {});
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** One validation of the rows, checked against the generator's counts. */
function validateAll() {
  const validator = createValidator({ registry, columns });
  for (const row of data) validator.add(row);
  return validator;
}

function checked(result) {
  if (result.rows.total !== meta.rows.total || result.records.length !== meta.rows.total || result.rows.imported !== meta.rows.imported || result.orders.rejected !== meta.orders.rejected) {
    throw new Error(`core counts differ from the generator's: ${JSON.stringify(result.rows)} vs ${JSON.stringify(meta.rows)}`);
  }
  // The import table is a view over the row store: one line per imported order.
  if (result.imports.length !== result.orders.imported) throw new Error(`${result.imports.length} import lines for ${result.orders.imported} imported orders`);
  return result;
}

const runs = [];
let previous;
for (let i = 0; i < repeats + 1; i++) {
  // No forced collection between passes: a full GC here let the previous pass's objects,
  // and with them the hidden classes the optimized code was built for, be collected, so
  // every counted pass started half cold again (~33 deoptimizations a pass, and slower
  // than a warm run), which is not the steady state the figure is meant to show. The result
  // of the previous pass stays alive until this one has finished, as in a real run where
  // the result outlives the rows; collections that happen on their own are counted.
  const t0 = process.hrtime.bigint();
  const validator = validateAll();
  const t1 = process.hrtime.bigint();
  const result = validator.finish();
  const t2 = process.hrtime.bigint();
  previous = checked(result);
  // The first pass warms up the JIT and is not counted.
  if (i > 0) runs.push({ add: Number(t1 - t0) / 1e9, finish: Number(t2 - t1) / 1e9, total: Number(t2 - t0) / 1e9 });
}
previous = undefined;

function freshResult() {
  return checked(validateAll().finish());
}

/**
 * What a result holds: the heap with it minus the heap without it, from a pass of its own
 * in a function of its own (a variable or temporary of the timing loop can keep its last
 * result reachable after the loop, and the difference then reads ~0). Not the heap before the run
 * minus the heap after: what an earlier run left could be counted (at a million rows that
 * read 5 B/row where this reads 28).
 */
function retainedBytesPerRow() {
  // Made in a call of its own: a temporary of this frame would keep the result reachable too.
  let held = freshResult();
  gc();
  const withResult = process.memoryUsage().heapUsed;
  held = undefined;
  gc();
  return (withResult - process.memoryUsage().heapUsed) / rows;
}
const retainedPerRow = retainedBytesPerRow();
const total = median(runs.map((r) => r.total));
process.stdout.write(
  `${JSON.stringify({ rows, seconds: total, rowsPerSecond: rows / total, add: median(runs.map((r) => r.add)), finish: median(runs.map((r) => r.finish)), retainedBytesPerRow: Math.round(retainedPerRow) })}\n`,
);
