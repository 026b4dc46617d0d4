import { describe, expect, it } from 'vitest';
import { failedFileReport } from '../../src/cli/commands/validate-file.js';
import { jsonPieces, renderJson } from '../../src/cli/render/json.js';
import type { RunReport } from '../../src/cli/report-schema.js';
import { writeStreamed, type Stdout } from '../../src/cli/streamed-stdout.js';
import { fileReport, finding, run } from './render-fixtures.js';

/** Everything written, and how: the number of writes and the longest one. */
function collected(): Stdout & { text: () => string; writes: number; longest: number } {
  const chunks: string[] = [];
  const sink = {
    writes: 0,
    longest: 0,
    text: () => chunks.join(''),
    stdout: (text: string) => {
      chunks.push(text);
      sink.writes += 1;
      sink.longest = Math.max(sink.longest, text.length);
    },
    stdoutDrained: () => Promise.resolve(),
    stdoutGone: () => false,
  };
  return sink;
}

async function streamed(report: RunReport): Promise<string> {
  const out = collected();
  await writeStreamed(renderJson(report), out);
  return out.text();
}

const hostile = 'quote " backslash \\ tab \t newline \n cr \r nul \u0000 esc \u001b del \u007f line \u2028 para \u2029 lone \ud800 pair 😀 中文「引号」';

describe('--format json, written in pieces', () => {
  it('prints exactly what JSON.stringify(run, null, 2) printed: empty lists, nested objects, unicode, absent fields', async () => {
    const reports: RunReport[] = [
      run([]),
      { schemaVersion: 1, ok: false, files: [], error: 'ship.config.json: 无效' },
      // An optional field present but undefined: JSON.stringify leaves it out.
      { schemaVersion: 1, ok: true, files: [], error: undefined },
      run([failedFileReport('读不了.xlsx', hostile)]),
      run(
        [
          fileReport('/repo/a.xlsx', [finding(2, 'tracking-format', 'error', { value: hostile, orderId: 'P1' }), finding(3, 'status-not-pending', 'info', { column: null, hint: '' })], {
            tags: { 缺货: 2, 催发货: 1 },
            carriers: [{ carrier: '顺丰速运', orders: 3, ok: 1, problems: 2 }],
            sheetsIgnored: ['Sheet2', hostile],
          }),
          fileReport('b.csv', [], { truncated: true }),
        ],
        true,
      ),
    ];
    for (const report of reports) expect(await streamed(report)).toBe(`${JSON.stringify(report, null, 2)}\n`);
  });

  it('matches JSON.stringify for any plain data, at every depth it opens', () => {
    const data = {
      empty: {},
      allUndefined: { a: undefined, f: () => 1, s: Symbol('x') },
      list: [1, undefined, () => 2, Symbol('y'), null, [], {}, [[[['deep', { k: [1, { z: 'z' }] }]]]]],
      numbers: [0, -0, 1.5, -1e21, 1e-7, NaN, Infinity, -Infinity],
      flags: [true, false],
      when: new Date(Date.UTC(2026, 10, 19)),
      inList: [new Date(0)],
      '1': 'an integer key comes first, as in Object.keys',
      '': 'empty key',
      [hostile]: hostile,
    };
    for (const levels of [0, 1, 2, 3, 4, 5, 9]) {
      expect([...jsonPieces(data, levels)].join(''), `levels ${levels}`).toBe(`${JSON.stringify(data, null, 2)}\n`);
    }
    expect([...jsonPieces([])].join('')).toBe('[]\n');
    expect([...jsonPieces({})].join('')).toBe('{}\n');
  });

  it('writes in chunks, never one string per document', async () => {
    const findings = Array.from({ length: 5000 }, (_, i) => finding(i + 2, 'status-not-pending', 'info'));
    const out = collected();
    await writeStreamed(renderJson(run([fileReport('a.csv', findings)])), out);
    expect(out.writes).toBeGreaterThan(10);
    expect(out.longest).toBeLessThan(200_000);
  });

  it('waits for a slow reader: nothing more is written until stdout has drained', async () => {
    const findings = Array.from({ length: 5000 }, (_, i) => finding(i + 2, 'status-not-pending', 'info'));
    let writes = 0;
    let drain = (): void => undefined;
    const out: Stdout = {
      stdout: () => (writes += 1),
      stdoutDrained: () => new Promise<void>((resolve) => (drain = resolve)),
      stdoutGone: () => false,
    };
    const done = writeStreamed(renderJson(run([fileReport('a.csv', findings)])), out);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(writes).toBe(1);
    drain();
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(writes).toBe(2);
    const flowing = setInterval(() => drain(), 1);
    await done;
    clearInterval(flowing);
    expect(writes).toBeGreaterThan(10);
  });

  it('stops building the document once the reader has gone (… | head)', async () => {
    const findings = Array.from({ length: 50_000 }, (_, i) => finding(i + 2, 'status-not-pending', 'info'));
    let writes = 0;
    let taken = 0;
    const pieces = renderJson(run([fileReport('a.csv', findings)]));
    const counted = (function* () {
      for (const piece of pieces) {
        taken += 1;
        yield piece;
      }
    })();
    await writeStreamed(counted, { stdout: () => (writes += 1), stdoutDrained: () => Promise.resolve(), stdoutGone: () => writes >= 1 });
    expect(writes).toBe(1);
    // One chunk's worth of pieces, not the 50,000 findings'.
    expect(taken).toBeLessThan(5_000);
  });

  it('prints a run of 2 million findings, a document longer than the longest string V8 can hold', async () => {
    // The probe's export: ~2M rows already shipped (已发货未签收), each an info finding.
    const skipped = finding(2, 'status-not-pending', 'info', {
      column: '订单状态',
      value: '已发货未签收',
      orderId: 'P101807362',
      message: '订单状态为「已发货未签收」，不是待发货订单，已跳过',
      hint: '无需处理；只有待配货/待发货的订单会进入导入表',
    });
    const count = 2_000_000;
    const big = run([fileReport('big.csv', new Array<typeof skipped>(count).fill(skipped))]);
    let length = 0;
    let head = '';
    let tail = '';
    await writeStreamed(renderJson(big), {
      stdout: (text) => {
        length += text.length;
        if (head === '') head = text;
        tail = text.length >= 4000 ? text : (tail + text).slice(-4000);
      },
      stdoutDrained: () => Promise.resolve(),
      stdoutGone: () => false,
    });
    // The same run with 2 and 3 findings gives the document's length, start and end.
    const { counts } = big.files[0] ?? fileReport('', []);
    const small = (n: number) => `${JSON.stringify(run([fileReport('big.csv', new Array<typeof skipped>(n).fill(skipped), { counts })]), null, 2)}\n`;
    const perFinding = small(3).length - small(2).length;
    expect(length).toBe(small(2).length + (count - 2) * perFinding);
    expect(length).toBeGreaterThan(2 ** 29);
    // What the documents of 2 and 3 findings share at the start and at the end, the big one has too.
    const [two, three] = [small(2), small(3)];
    let start = 0;
    while (two[start] === three[start]) start++;
    let end = 1;
    while (two.at(-end) === three.at(-end)) end++;
    expect(head.slice(0, start)).toBe(two.slice(0, start));
    expect(tail.slice(1 - end)).toBe(two.slice(1 - end));
  }, 120_000);
});
