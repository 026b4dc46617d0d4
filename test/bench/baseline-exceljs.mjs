// Baseline: the exceljs streaming reader alone, reading every row of the first sheet
// (shared strings cached, styles ignored), as in research/perf-baselines.md (a).
// Prints the number of rows read.
import ExcelJS from 'exceljs';

const [file] = process.argv.slice(2);
const reader = new ExcelJS.stream.xlsx.WorkbookReader(file, { entries: 'emit', sharedStrings: 'cache', worksheets: 'emit', styles: 'ignore', hyperlinks: 'ignore' });
let rows = 0;
let cells = 0;
for await (const worksheet of reader) {
  for await (const row of worksheet) {
    rows += 1;
    // Touch every value, as a reader that hands rows on would.
    row.eachCell({ includeEmpty: false }, () => (cells += 1));
  }
}
process.stdout.write(`${JSON.stringify({ rows, cells })}\n`);
