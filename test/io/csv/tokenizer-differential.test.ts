// The tokenizer against csv-parse, the parser it replaced: on random CSV text (quotes,
// doubled quotes, delimiters and line breaks inside quotes, stray quotes, CR / LF / CRLF
// mixes, empty lines, CJK and 4-byte characters, NUL, no final line break), cut into random
// chunks, both must give the same records and fail the same way on the same line.
// A failure prints the seed and the case, so it can be replayed.
//
// csv-parse is told to end a record at any of CRLF, LF and CR, as the tokenizer does (left
// to itself it keeps the first kind it meets and reads the others as text). Where the two
// still differ by design is the line an error names: csv-parse counts a CRLF inside quotes
// as two lines, the tokenizer as one, as an editor shows it. So the oracle's line is not
// csv-parse's count but the line breaks in front of where its last record ended, counted
// as an editor counts them (tokenizer.test.ts checks such lines directly).
import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { CsvError, Parser } from 'csv-parse';
import { describe, expect, it } from 'vitest';
import { CsvTokenizer } from '../../../src/io/csv/tokenizer.js';
import { rng } from '../../../fixtures/seeded.mjs';

// SHIP_CSV_DIFF_SEED / SHIP_CSV_DIFF_CASES explore further by hand.
const SEED = Number(process.env.SHIP_CSV_DIFF_SEED ?? 20261126);
const CASES = Number(process.env.SHIP_CSV_DIFF_CASES ?? 1500);
const MAX_RECORD_SIZE = 1024 * 1024;

interface Setup {
  delimiter: string;
  /** Excel's sep= line: csv-parse's from_line 2, the tokenizer's skipRecords 1. */
  skipFirst: boolean;
  maxRecordSize: number;
}

interface Outcome {
  records: string[][];
  /** What failed, and the line on which the failing record starts (the line after the last record read). */
  error?: { code: string; line: number };
}

/** csv-parse with the options readCsv gave it, and records ending at any line break; notes where each record ends. */
class EndTrackingParser extends Parser {
  readonly records: string[][] = [];
  /** The byte after the last record's line break; undefined before the first record. */
  lastRecordEnd: number | undefined;

  constructor(setup: Setup) {
    super({
      delimiter: setup.delimiter,
      record_delimiter: ['\r\n', '\n', '\r'], // CRLF first: the first that matches wins
      from_line: setup.skipFirst ? 2 : 1,
      bom: false,
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: false,
      max_record_size: setup.maxRecordSize,
    });
  }

  override push(chunk: unknown, encoding?: BufferEncoding): boolean {
    if (chunk !== null) {
      this.records.push(chunk as string[]);
      this.lastRecordEnd = this.info.bytes;
    }
    return super.push(chunk, encoding);
  }
}

const ORACLE_CODES: Record<string, string> = { CSV_QUOTE_NOT_CLOSED: 'quote-not-closed', CSV_MAX_RECORD_SIZE: 'record-too-long' };

/** Line breaks in `bytes` as an editor counts them: CR, LF, and CRLF as one. */
function lineBreaks(bytes: Buffer): number {
  return bytes.toString('latin1').match(/\r\n?|\n/g)?.length ?? 0;
}

async function csvParse(chunks: Buffer[], setup: Setup): Promise<Outcome> {
  const parser = new EndTrackingParser(setup);
  const drain = new Writable({ objectMode: true, write: (_record, _encoding, done) => done() });
  try {
    await pipeline(Readable.from(chunks), parser, drain);
    return { records: parser.records };
  } catch (error) {
    if (!(error instanceof CsvError)) throw error;
    const end = parser.lastRecordEnd;
    // Before any record, the failing one is the first: on line 1, or on line 2 after a sep= line.
    const line = end === undefined ? (setup.skipFirst ? 2 : 1) : 1 + lineBreaks(Buffer.concat(chunks).subarray(0, end));
    return { records: parser.records, error: { code: ORACLE_CODES[error.code] ?? error.code, line } };
  }
}

function tokenize(chunks: Buffer[], setup: Setup): Outcome {
  const tokenizer = new CsvTokenizer({ delimiter: setup.delimiter, skipRecords: setup.skipFirst ? 1 : 0, maxRecordSize: setup.maxRecordSize });
  const records: string[][] = [];
  for (const chunk of chunks) records.push(...tokenizer.write(chunk));
  records.push(...tokenizer.end());
  const { error } = tokenizer;
  return error === undefined ? { records } : { records, error: { code: error.code, line: error.line } };
}

/** Compares what both read: every record (csv-parse's as it made them) and the error. */
async function expectSame(text: string, setup: Setup, cuts: number[], label: string): Promise<void> {
  const bytes = Buffer.from(text, 'utf8');
  const chunks = cutAt(bytes, cuts);
  const oracle = await csvParse(chunks, setup);
  const ours = tokenize(chunks, setup);
  const context = `${label} ${JSON.stringify(setup)} cuts=${JSON.stringify(cuts)} text=${JSON.stringify(text)}`;
  expect(ours.error, context).toEqual(oracle.error);
  expect(ours.records, context).toEqual(oracle.records);
}

function cutAt(bytes: Buffer, cuts: number[]): Buffer[] {
  const chunks: Buffer[] = [];
  let start = 0;
  for (const cut of [...cuts, bytes.length]) {
    if (cut > start) chunks.push(bytes.subarray(start, cut));
    start = Math.max(start, cut);
  }
  return chunks;
}

// ---- random CSV text ---------------------------------------------------------------------

type Random = () => number;
const pick = <T>(random: Random, items: readonly T[]): T => items[Math.floor(random() * items.length)]!;

const TEXT = ['a', 'b', 'Z', '0', '7', ' ', '顺丰', '中通快递', '😀', '=', '\t', '-', '，', 'é'];
const LINE_ENDINGS = ['\n', '\r\n', '\r'];

/** Any mix of the characters that matter to a CSV reader. */
function soup(random: Random, delimiter: string): string {
  const tokens = [...TEXT, '"', '"', '""', delimiter, delimiter, ',', ';', '\n', '\r\n', '\r', '\0'];
  const length = Math.floor(random() * 40);
  let text = '';
  for (let i = 0; i < length; i++) text += pick(random, tokens);
  return text;
}

/** Records made of well-formed and damaged fields, the way exports and hand edits make them. */
function records(random: Random, delimiter: string): string {
  const fileEnding = pick(random, LINE_ENDINGS);
  const count = Math.floor(random() * 12);
  let text = '';
  for (let r = 0; r < count; r++) {
    const width = Math.floor(random() * 5);
    const fields: string[] = [];
    for (let f = 0; f <= width; f++) fields.push(field(random, delimiter));
    text += fields.join(delimiter);
    if (r < count - 1 || random() < 0.7) text += random() < 0.85 ? fileEnding : pick(random, LINE_ENDINGS);
    if (random() < 0.1) text += fileEnding; // an empty line
  }
  return text;
}

function field(random: Random, delimiter: string): string {
  const plain = () => Array.from({ length: Math.floor(random() * 4) }, () => pick(random, TEXT)).join('');
  const inner = () => Array.from({ length: Math.floor(random() * 4) }, () => pick(random, [...TEXT, '""', delimiter, '\n', '\r\n', '\r'])).join('');
  switch (Math.floor(random() * 9)) {
    case 0:
      return '';
    case 1:
      return `"${inner()}"`;
    case 2:
      return `"${inner()}"${plain()}x`; // text after the closing quote
    case 3:
      return `${plain()}x"${plain()}`; // a quote inside an unquoted field
    case 4:
      return `="${plain()}"`;
    case 5:
      return `"${inner()}`; // never closed, unless a later quote closes it
    case 6:
      return `"${inner()}"\0${plain()}`;
    default:
      return plain();
  }
}

function randomCuts(random: Random, length: number): number[] {
  if (length === 0 || random() < 0.2) return [];
  const cuts: number[] = [];
  const step = 1 + Math.floor(random() * 8);
  for (let at = Math.floor(random() * step); at < length; at += 1 + Math.floor(random() * step)) cuts.push(at);
  return cuts;
}

describe('the tokenizer reads what csv-parse reads', () => {
  const known: [string, string][] = [
    ['CRLF inside quotes counts as one line', 'a\r\n"x\r\ny",b\r\nc\r\n"open'],
    ['every line break ends a record: CR, then CRLF, then LF', 'a\rb\r\nc\n'],
    ['every line break ends a record: LF, then CRLF, then CR', 'a\nb\r\nc\r'],
    ['every line break ends a record: CRLF, then LF (rows appended by a script)', 'a,b\r\n1,2\n3,4\n'],
    ['line breaks inside quotes stay as written, whatever ends the lines', 'a\r\n"x\ny\rz\r\n",1\n"\n"\r"\r"\r\n'],
    ['empty lines of every kind are records', '\r\n\r\na\n\r\n\r\rb\r\n\n'],
    ['a CR then LF across a doubled quote are two line breaks', '"a\r""\n",1\n"open'],
    ['text after a closing quote, then a line break of another kind', 'h\r\n"ab"c\n"x"y\r"open'],
    ['text after a closing quote keeps the quotes', '"ab"c,d\n"a""b"c,d\n'],
    ['a NUL after a closing quote', '"ab"\0x,y\n'],
    ['a closing quote, then CR at the very end', '"ab"\r'],
    ['empty lines are records', '\n\na\n\n'],
    ['a delimiter at the end opens one more field', 'a,b,'],
    ['an empty quoted field at the end', 'a,b,\n""'],
    ['quotes inside unquoted fields', 'a"b,"c"d"e\n'],
    ['an unclosed quote after a multi-line record', 'a,b\n"上海市\n浦东新区",1\n2,3\n"4,5\n6,7\n'],
    ['a doubled quote at the very end', '"a""'],
  ];
  for (const [name, text] of known) {
    it(name, async () => {
      for (const skipFirst of [false, true]) {
        const setup = { delimiter: ',', skipFirst, maxRecordSize: MAX_RECORD_SIZE };
        await expectSame(text, setup, [], name);
        for (let step = 1; step <= 3; step++) await expectSame(text, setup, Array.from({ length: text.length }, (_, i) => i * step), name);
      }
    });
  }

  it(`agrees on ${CASES} random texts cut into random chunks (seed ${SEED})`, async () => {
    const random = rng(SEED);
    for (let index = 0; index < CASES; index++) {
      const delimiter = pick(random, [',', ',', '\t', ';', '，']);
      const text = random() < 0.5 ? soup(random, delimiter) : records(random, delimiter);
      // Small limits put the record-size check at every boundary a short text has.
      const maxRecordSize = random() < 0.25 ? 1 + Math.floor(random() * 24) : MAX_RECORD_SIZE;
      const setup = { delimiter, skipFirst: random() < 0.15, maxRecordSize };
      const bytes = Buffer.byteLength(text);
      await expectSame(text, setup, randomCuts(random, bytes), `case ${index} (seed ${SEED})`);
      // The same text with a quote left open at the end: the error names the line of that
      // record, which checks every line csv-parse counted on the way there.
      await expectSame(`${text}\n"open`, setup, randomCuts(random, bytes + 6), `case ${index}+open (seed ${SEED})`);
    }
  }, 120_000);

  it('agrees on a record over 1 MiB, and on one just under it', async () => {
    const setup = { delimiter: ',', skipFirst: false, maxRecordSize: MAX_RECORD_SIZE };
    const cuts = Array.from({ length: 40 }, (_, i) => i * 65536);
    await expectSame(`a,b\n"${'x'.repeat(MAX_RECORD_SIZE + 10)}`, setup, cuts, 'unclosed, long');
    await expectSame(`a,b\n${'顺'.repeat(400_000)},x\nc\n`, setup, cuts, 'CJK, 1.2 MB in 0.4 M characters');
    await expectSame(`a,b\n${'x'.repeat(MAX_RECORD_SIZE + 1)}\nc\n`, setup, cuts, 'exactly at the limit');
    await expectSame(`a,b\n${'x'.repeat(MAX_RECORD_SIZE + 2)}\nc\n`, setup, cuts, 'one over the limit');
    await expectSame(`a,b\n${'x,'.repeat(600_000)}\nc\n`, setup, cuts, 'many short fields');
  }, 60_000);
});
