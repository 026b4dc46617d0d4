// Baseline: csv-parse alone, streaming every record of the file.
// Prints the number of records read.
import { parse } from 'csv-parse';
import { createReadStream } from 'node:fs';

const [file] = process.argv.slice(2);
let rows = 0;
let cells = 0;
for await (const record of createReadStream(file).pipe(parse({ bom: true, relax_column_count: true }))) {
  rows += 1;
  cells += record.length;
}
process.stdout.write(`${JSON.stringify({ rows, cells })}\n`);
