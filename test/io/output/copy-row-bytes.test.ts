// The report's copy of a UTF-8 CSV is written as bytes (fields copied from the read chunks)
// and must be byte for byte what the string path writes: readCsv's rows through
// styledRowXml. Random CSV text (CJK and 4-byte characters cut across small reads, every
// character the writer escapes or cleanValue strips, quotes, empty fields and rows, long
// fields, BOM, LF / CRLF / CR line ends, mixed in a third of the files) with random fills, marks and added columns, written both ways.
// A failure prints the seed and the case, so it can be replayed.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { rng } from '../../../fixtures/seeded.mjs';
import { openCsvRanges, type CsvRowBatch } from '../../../src/io/csv/read-csv-ranges.js';
import { readCsv } from '../../../src/io/csv/read-csv.js';
import { ByteSink } from '../../../src/io/output/byte-sink.js';
import { CopyRowWriter, type CopyRowLooks } from '../../../src/io/output/copy-row-bytes.js';
import { ColumnNames, styledRowXml } from '../../../src/io/output/sheet-rows.js';
import type { CellStyle } from '../../../src/io/output/sheet-styles.js';
import type { EntryWriter } from '../../../src/io/output/zip-writer.js';
import { DEFAULT_READ_LIMITS } from '../../../src/io/table.js';

// SHIP_COPY_DIFF_SEED / SHIP_COPY_DIFF_CASES explore further by hand.
const SEED = Number(process.env.SHIP_COPY_DIFF_SEED ?? 20261126);
const CASES = Number(process.env.SHIP_COPY_DIFF_CASES ?? 250);

const dir = await mkdtemp(join(tmpdir(), 'ship-copy-bytes-'));
afterAll(() => rm(dir, { recursive: true, force: true }));

/** Collects what a ByteSink hands on. */
class CollectingEntry {
  readonly chunks: Buffer[] = [];
  async write(content: string | Buffer): Promise<void> {
    this.chunks.push(Buffer.from(typeof content === 'string' ? Buffer.from(content, 'utf8') : Buffer.from(content)));
  }
  async end(): Promise<void> {}
}

const PIECES = [
  '中通快递', '湖南省长沙市岳麓区人民南路17号', '徐**', '158****1357', '773277027280336', 'JD0001408016494', 'abc', 'x',
  '𠮷', '😀', 'é', '（）', '，', '。', '「」', '\u3000', '\u00a0', '\u2003', '\u2028', '\u205f', '\u1680', '\u180e', '\ufeff', '\ufffd', '\ufffe', '\uffff', '\uff01',
  '&', '<', '>', '&amp;', '_', '_x0041_', '_x00e9_', '_X', '"', '""', '=', '="', '=""', '="123"', '\t', '\t\t', ' ', '  ', '\r', '\n', '\r\n',
  '\u0000', '\u0001', '\u000b', '\u001f', '\u007f', '\u0085', "'", '+', '-', '@', ';', '|', '\\',
];

function randomText(next: () => number): string {
  const roll = next();
  if (roll < 0.12) return '';
  if (roll < 0.14) return 'A'.repeat(Math.floor(next() * 600)) + '中'.repeat(Math.floor(next() * 200)); // long fields
  if (roll < 0.145) return '长'.repeat(11000); // over 32767 bytes: clipped by the writer
  let text = '';
  const count = 1 + Math.floor(next() * 4);
  for (let i = 0; i < count; i++) text += PIECES[Math.floor(next() * PIECES.length)]!;
  return text;
}

/** A field as a CSV writer would put it, or now and then raw (stray quotes, a bare CR or LF). */
function csvField(text: string, next: () => number): string {
  if (next() < 0.15) return text;
  return /[",\r\n]/.test(text) || next() < 0.1 ? `"${text.replaceAll('"', '""')}"` : text;
}

interface Case {
  csv: Buffer;
  readBytes: number;
  strip: number;
  width: number;
  looks: (row: number) => CopyRowLooks;
}

const LINE_ENDINGS = ['\n', '\r\n', '\r'];
const STYLES: (CellStyle | undefined)[] = [undefined, undefined, 'errorRow', 'warningRow'];
const MARKS: CellStyle[] = ['errorCell', 'warningCell', 'errorRow', 'warningRow', 'text'];

function makeCase(seed: number): Case {
  const next = rng(seed);
  const columns = 1 + Math.floor(next() * 8);
  const fileEnding = LINE_ENDINGS[Math.floor(next() * LINE_ENDINGS.length)]!;
  // Rows a script appended to an export Excel saved end their lines differently.
  const mixed = next() < 0.3;
  const lineEnding = () => (mixed ? LINE_ENDINGS[Math.floor(next() * LINE_ENDINGS.length)]! : fileEnding);
  const lines: string[] = [];
  const rows = 1 + Math.floor(next() * 40);
  for (let r = 0; r < rows; r++) {
    if (next() < 0.05) {
      lines.push(next() < 0.5 ? '' : ','.repeat(Math.floor(next() * 3))); // an empty row, skipped by both
      continue;
    }
    const count = Math.max(1, columns + Math.floor(next() * 3) - 1); // ragged rows, as relax_column_count allows
    lines.push(Array.from({ length: count }, () => csvField(randomText(next), next)).join(','));
  }
  const text = lines.map((line, i) => (i < lines.length - 1 || next() < 0.7 ? line + lineEnding() : line)).join('');
  const bom = next() < 0.5 ? '\ufeff' : '';
  const looksSeed = Math.floor(next() * 2 ** 31);
  return {
    csv: Buffer.from(bom + text, 'utf8'),
    readBytes: next() < 0.4 ? 1 + Math.floor(next() * 64) : next() < 0.5 ? 4096 : 256 * 1024,
    strip: next() < 0.8 ? 0 : 1 + Math.floor(next() * 3),
    width: Math.floor(next() * 14),
    looks: (row) => {
      const pick = rng(looksSeed + row);
      const style = STYLES[Math.floor(pick() * STYLES.length)];
      const marks = new Map<number, CellStyle>();
      for (let m = Math.floor(pick() * 3); m > 0; m--) marks.set(Math.floor(pick() * 14), MARKS[Math.floor(pick() * MARKS.length)]!);
      const label = ['', '已导入', '未导入', 'rejected'][Math.floor(pick() * 4)]!;
      const text = () => (pick() < 0.4 ? undefined : randomText(pick));
      return { style, marks: marks.size === 0 ? undefined : marks, added: [label, text(), text()] };
    },
  };
}

/** The copy rows through readCsv and styledRowXml, as the copy of any other input is written. */
interface Written {
  rows: number[];
  xml: Buffer;
  /** Why reading stopped (a quote never closed), after the rows before it. */
  error?: string;
}

async function stringPath(path: string, setup: Case): Promise<Written> {
  const columns = new ColumnNames();
  const rows: number[] = [];
  let xml = '';
  let error: string | undefined;
  try {
    for await (const batch of readCsv(path, DEFAULT_READ_LIMITS)) {
      for (const { row, cells } of batch) {
        const { added, ...looks } = setup.looks(row);
        rows.push(row);
        xml += styledRowXml({ row, cells: [...added, ...cells.slice(setup.strip)], ...looks }, row, setup.width, columns, true);
      }
    }
  } catch (failure) {
    error = (failure as Error).message;
  }
  return { rows, xml: Buffer.from(xml, 'utf8'), error };
}

/** The copy rows as the byte path writes them, read in chunks of `readBytes`. */
async function bytePath(path: string, setup: Case): Promise<Written> {
  const csv = await openCsvRanges(path, DEFAULT_READ_LIMITS, { highWaterMark: setup.readBytes });
  expect(csv).toBeDefined();
  const entry = new CollectingEntry();
  const sink = new ByteSink(entry as unknown as EntryWriter);
  const writer = new CopyRowWriter(new ColumnNames(), setup.width, setup.strip);
  const rows: number[] = [];
  let error: string | undefined;
  try {
    for await (const batch of csv!.batches) {
      writeBatch(batch, writer, sink, setup, rows);
      if (sink.ready) await sink.flush();
    }
  } catch (failure) {
    error = (failure as Error).message;
  } finally {
    await csv!.close();
  }
  await sink.end();
  return { rows, xml: Buffer.concat(entry.chunks), error };
}

function writeBatch(batch: CsvRowBatch, writer: CopyRowWriter, sink: ByteSink, setup: Case, rows: number[]): void {
  for (let k = 0; k < batch.rows.length; k++) {
    rows.push(batch.rows[k]!);
    writer.write(sink, batch, k, setup.looks(batch.rows[k]!));
  }
}

describe('the copy of a UTF-8 CSV written as bytes', () => {
  it(`writes the same rows and XML as the string path (${CASES} random files, seed ${SEED})`, async () => {
    for (let n = 0; n < CASES; n++) {
      const seed = SEED + n;
      const setup = makeCase(seed);
      const path = join(dir, `case-${n}.csv`);
      await writeFile(path, setup.csv);
      const expected = await stringPath(path, setup);
      const actual = await bytePath(path, setup);
      const context = `seed ${seed}: ${JSON.stringify(setup.csv.toString('utf8').slice(0, 300))}`;
      expect(actual.error, context).toBe(expected.error);
      expect(actual.rows, context).toEqual(expected.rows);
      if (!actual.xml.equals(expected.xml)) expect(actual.xml.toString('utf8'), context).toBe(expected.xml.toString('utf8'));
    }
  }, 120_000);

  it('copies plain fields as bytes, and only those', async () => {
    const path = join(dir, 'plain.csv');
    await writeFile(path, '订单号,地址,备注\r\nP1,湖南省长沙市（岳麓区）,a&b\nP2,前后,"引号"\n');
    const csv = (await openCsvRanges(path, DEFAULT_READ_LIMITS))!;
    const verbatim: boolean[] = [];
    let textRows = 0;
    for await (const batch of csv.batches) {
      for (const record of batch.recordOf) {
        if (record < 0) {
          textRows += 1; // a field opens with a quote: the tokenizer read the record as text
          continue;
        }
        const first = batch.ranges.firstField(record);
        for (let k = 0; k < batch.ranges.fieldCount(record); k++) verbatim.push(batch.ranges.isVerbatim(first + k));
      }
    }
    await csv.close();
    expect(verbatim).toEqual([true, true, true, true, true, false]);
    expect(textRows).toBe(1);
  });

  it('leaves a CSV in another encoding (GBK) to the string path', async () => {
    const path = join(dir, 'gbk.csv');
    // 订单号,快递公司 / P1,中通 in GBK
    await writeFile(path, Buffer.from('b6a9b5a5bac52cbfecb5ddb9abcbbe0a50312cd6d0cda80a', 'hex'));
    expect(await openCsvRanges(path, DEFAULT_READ_LIMITS)).toBeUndefined();
  });
});
