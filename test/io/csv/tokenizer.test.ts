import { describe, expect, it } from 'vitest';
import { CsvTokenizer, RANGED_RECORD, type TokenizerOptions } from '../../../src/io/csv/tokenizer.js';

const MIB = 1024 * 1024;

function tokenizer(options: Partial<TokenizerOptions> = {}): CsvTokenizer {
  return new CsvTokenizer({ delimiter: ',', skipRecords: 0, maxRecordSize: MIB, ...options });
}

/** Records and error of `text` fed in chunks of `chunkBytes` bytes (the whole text at once by default). */
function read(text: string | Buffer, options: Partial<TokenizerOptions> = {}, chunkBytes = Infinity) {
  const bytes = typeof text === 'string' ? Buffer.from(text, 'utf8') : text;
  const csv = tokenizer(options);
  const records: string[][] = [];
  for (let at = 0; at < bytes.length; at += Math.min(chunkBytes, bytes.length)) {
    records.push(...csv.write(bytes.subarray(at, at + chunkBytes)));
  }
  records.push(...csv.end());
  return { records, error: csv.error === undefined ? undefined : { code: csv.error.code, line: csv.error.line } };
}

/** The records of `text` read with `ranges: true`, those kept as byte ranges decoded; and how many those were. */
function readRanged(text: string, chunkBytes = Infinity) {
  const bytes = Buffer.from(text, 'utf8');
  const csv = tokenizer({ ranges: true });
  const records: string[][] = [];
  let ranged = 0;
  const take = (batch: string[][]) => {
    let index = 0;
    for (const record of batch) {
      if (record !== RANGED_RECORD) {
        records.push(record);
        continue;
      }
      const { ranges } = csv;
      const first = ranges!.firstField(index);
      records.push(Array.from({ length: ranges!.fieldCount(index) }, (_, k) => ranges!.bytes.toString('utf8', ranges!.from(first + k), ranges!.to(first + k))));
      index += 1;
      ranged += 1;
    }
  };
  for (let at = 0; at < bytes.length; at += Math.min(chunkBytes, bytes.length)) take(csv.write(bytes.subarray(at, at + chunkBytes)));
  take(csv.end());
  return { records, ranged };
}

describe('records', () => {
  it('reads quoted fields with delimiters, doubled quotes and line breaks inside', () => {
    const text = '单号,备注\r\n"SF1,2","他说""好""\r\n第二行"\r\n';
    expect(read(text).records).toEqual([['单号', '备注'], ['SF1,2', '他说"好"\r\n第二行']]);
  });

  it('reads the same records whatever the chunks, down to one byte', () => {
    const text = '快递公司，单号\n"顺丰，速运"，SF1\n😀中通，"73""12"\n，\n';
    const whole = read(text, { delimiter: '，' });
    expect(whole.records).toEqual([['快递公司', '单号'], ['顺丰，速运', 'SF1'], ['😀中通', '73"12'], ['', '']]);
    for (const chunkBytes of [1, 2, 3, 5, 7]) expect(read(text, { delimiter: '，' }, chunkBytes)).toEqual(whole);
  });

  it('returns an empty line as a record of one empty field, and no record after the last line break', () => {
    expect(read('a\n\nb\n').records).toEqual([['a'], [''], ['b']]);
    expect(read('a,b,').records).toEqual([['a', 'b', '']]);
    expect(read('').records).toEqual([]);
  });

  it('keeps a quote inside an unquoted field as text', () => {
    expect(read('5"屏,x\n').records).toEqual([['5"屏', 'x']]);
  });

  it('keeps the quotes of a field that goes on after its closing quote, as csv-parse does', () => {
    expect(read('"ab"c,d\n"a""b"c,d\n').records).toEqual([['"ab"c', 'd'], ['"a"b"c', 'd']]);
  });

  it('ends a record at every CR, LF or CRLF outside quotes, whatever the first line ended with', () => {
    expect(read('a\rb\r\nc\n').records).toEqual([['a'], ['b'], ['c']]);
    expect(read('a\nb\r\nc').records).toEqual([['a'], ['b'], ['c']]);
    expect(read('a\r\nb\nc\r\nd').records).toEqual([['a'], ['b'], ['c'], ['d']]);
  });

  it('reads rows a script appended with LF to a CRLF export as rows of their own, in any chunks', () => {
    const text = '订单号,备注\r\nP1,加急\nP2,门卫代收\nP3,\n';
    const expected = [['订单号', '备注'], ['P1', '加急'], ['P2', '门卫代收'], ['P3', '']];
    for (const chunkBytes of [Infinity, 1, 2, 3, 5, 7]) {
      expect(read(text, {}, chunkBytes).records).toEqual(expected);
      expect(readRanged(text, chunkBytes).records).toEqual(expected);
    }
    expect(readRanged(text).ranged).toBe(4); // the report's copy keeps every one of them as bytes
  });

  it('reads a CR that ends one chunk and an LF that starts the next as one line break', () => {
    const csv = tokenizer();
    expect(csv.write(Buffer.from('a,b\r'))).toEqual([]); // maybe half a CRLF: it waits
    expect(csv.write(Buffer.from('\nc,d\r'))).toEqual([['a', 'b']]);
    expect(csv.write(Buffer.from('e,f\r'))).toEqual([['c', 'd']]); // a lone CR: a break of its own
    expect(csv.write(Buffer.from('\r\n"x\r'))).toEqual([['e', 'f'], ['']]);
    expect(csv.write(Buffer.from('\ny"\r'))).toEqual([]);
    expect(csv.end()).toEqual([['x\r\ny']]);
    expect(csv.error).toBeUndefined();
    expect(read('a\r\n"open', {}, 2).error).toEqual({ code: 'quote-not-closed', line: 2 });
  });

  it('returns empty lines of any kind as records of one empty field', () => {
    expect(read('a\r\n\r\nb\n\r\nc\r\rd').records).toEqual([['a'], [''], ['b'], [''], ['c'], [''], ['d']]);
  });

  it('reads the same records into byte ranges (for the report copy) as into text, whatever the line breaks and chunks', () => {
    for (const text of ['a,b\r\n1,2\n3,4\r5,6\r\n', 'a\r\n\r\nb\n\r\nc\r\rd', 'a,b\r\n"x\ny",1\r2,3\n\r\n4,"5\r\n"\n', 'a\rb\r']) {
      const expected = read(text).records;
      for (const chunkBytes of [Infinity, 1, 2, 3, 4]) expect(readRanged(text, chunkBytes).records, `${JSON.stringify(text)} in ${chunkBytes}`).toEqual(expected);
    }
  });

  it('keeps line breaks inside quotes exactly as written', () => {
    expect(read('a\r\n"x\ny\rz\r\n",1\nb\r').records).toEqual([['a'], ['x\ny\rz\r\n', '1'], ['b']]);
  });

  it('drops the records it is told to skip (the sep= line)', () => {
    expect(read('sep=;\na;b\n1;2\n', { delimiter: ';', skipRecords: 1 }).records).toEqual([['a', 'b'], ['1', '2']]);
    expect(read('sep=;\ra;b\r\n1;2\n', { delimiter: ';', skipRecords: 1 }).records).toEqual([['a', 'b'], ['1', '2']]);
  });

  it('refuses a delimiter that is a quote or a line break', () => {
    for (const delimiter of ['"', '\r', '\n', '', ',;']) expect(() => tokenizer({ delimiter })).toThrow(RangeError);
  });
});

describe('malformed records', () => {
  it('names the line where a never-closed quote opens', () => {
    expect(read('a,b\n1,2\n"3,4\n5,6\n').error).toEqual({ code: 'quote-not-closed', line: 3 });
  });

  it('counts lines as an editor shows them: CR, LF and CRLF are one line break each, inside quotes too', () => {
    expect(read('a\n"x\ny",1\n"open').error).toEqual({ code: 'quote-not-closed', line: 4 });
    // csv-parse counted the CR and the LF of a quoted CRLF as two lines, and said 5.
    expect(read('a\r\n"x\r\ny",1\r\n"open').error).toEqual({ code: 'quote-not-closed', line: 4 });
    expect(read('a\r"x\ry\n\r",1\r\n"open').error).toEqual({ code: 'quote-not-closed', line: 6 });
    for (const chunkBytes of [1, 2, 3]) expect(read('h\r\n"a\r\nb"\n1\r\n"open', {}, chunkBytes).error).toEqual({ code: 'quote-not-closed', line: 5 });
  });

  it('names the right line for a quote left open in rows appended with another line ending', () => {
    expect(read('订单号,备注\r\nP1,加急\nP2,"门卫\nP3,\n').error).toEqual({ code: 'quote-not-closed', line: 3 });
  });

  it('names the line after the skipped sep= line for a quote opened on the first record', () => {
    expect(read('sep=,\n"open', { skipRecords: 1 }).error).toEqual({ code: 'quote-not-closed', line: 2 });
  });

  it('returns the records before the malformed one, then nothing more', () => {
    const csv = tokenizer();
    expect(csv.write(Buffer.from('a,b\n1,2\n"3'))).toEqual([['a', 'b'], ['1', '2']]);
    expect(csv.end()).toEqual([]);
    expect(csv.error?.code).toBe('quote-not-closed');
    expect(csv.write(Buffer.from('more\n'))).toEqual([]);
  });

  it('reports a record over the size limit on the line where it starts', () => {
    expect(read('a\nb\n0123456789,0123456789\n', { maxRecordSize: 15 }).error).toEqual({ code: 'record-too-long', line: 3 });
    expect(read('a\nb\n0123456789,01234\n', { maxRecordSize: 15 }).error).toBeUndefined();
  });

  it('counts the size as csv-parse did: earlier fields in characters, the current one in bytes', () => {
    // 顺丰 is 2 characters but 6 bytes: as the last field it counts 6, before it only 2.
    expect(read('x,顺丰\n', { maxRecordSize: 5 }).error).toEqual({ code: 'record-too-long', line: 1 });
    expect(read('顺丰,x\n', { maxRecordSize: 5 }).error).toBeUndefined();
  });

  it('fails on a lost quote once the record passes the limit, without waiting for the end of the file', () => {
    const csv = tokenizer();
    csv.write(Buffer.from('a\n"lost quote'));
    const filler = Buffer.alloc(64 * 1024, 'x');
    let written = 0;
    while (csv.error === undefined && written < 4 * MIB) {
      csv.write(filler);
      written += filler.length;
    }
    expect(csv.error).toMatchObject({ code: 'record-too-long', line: 2 });
    expect(written).toBeLessThanOrEqual(MIB + filler.length);
  });
});
