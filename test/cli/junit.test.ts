import { describe, expect, it } from 'vitest';
import { failedFileReport } from '../../src/cli/commands/validate-file.js';
import { renderJunit, xmlAttribute, xmlText, type OrderCase } from '../../src/cli/render/junit.js';
import { writeStreamed } from '../../src/cli/streamed-stdout.js';
import { parseXml, type XmlElement } from '../helpers/xml.js';
import { fileReport, finding } from './render-fixtures.js';

const child = (element: XmlElement | undefined, name: string) => element?.children.filter((c) => c.name === name) ?? [];

describe('JUnit XML', () => {
  it('escapes markup and drops characters XML cannot hold', () => {
    expect(xmlText('a<b>&c\u0000\u0008\u001f\uFFFE\uD800ok')).toBe('a&lt;b&gt;&amp;cok');
    expect(xmlAttribute('"q"\n\'s\'\t')).toBe('&quot;q&quot;&#10;&apos;s&apos;&#9;');
  });

  it('has one suite per file and one case per order: failures, skips and passes', () => {
    const hostile = finding(3, 'tracking-format', 'error', { message: 'bad <x> & "y" \u0007 ]]>', value: '\u0001' });
    const cases: OrderCase[] = [
      { name: 'P1 · 行 2、3', rows: [2, 3], outcome: 'rejected' },
      { name: 'P2 · 行 4', rows: [4], outcome: 'imported' },
      { name: 'P3 · 行 5', rows: [5], outcome: 'skipped' },
      { name: 'P4 · 行 6', rows: [6], outcome: 'imported' },
    ];
    const findings = [hostile, finding(4, 'merged-shipment', 'warning'), finding(5, 'status-not-pending', 'info'), finding(1, 'merged-cells', 'warning')];
    const files = [
      { report: fileReport('/repo/exports/a.xlsx', findings), cases },
      { report: failedFileReport('exports/b.xlsx', '读不了 <b>'), cases: undefined },
    ];
    const xml = [...renderJunit(files, { lang: 'zh', cwd: '/repo' })].join('');
    const root = parseXml(xml);
    expect(root.name).toBe('testsuites');
    expect(root.attributes).toMatchObject({ tests: '6', failures: '1', errors: '1', skipped: '1' });
    const [a, b] = child(root, 'testsuite');
    expect(a?.attributes).toMatchObject({ name: 'exports/a.xlsx', tests: '5', failures: '1', skipped: '1', errors: '0' });
    const testcases = child(a, 'testcase');
    expect(testcases.map((t) => t.attributes.name)).toEqual(['P1 · 行 2、3', 'P2 · 行 4', 'P3 · 行 5', 'P4 · 行 6', '工作表']);
    const failure = child(testcases[0], 'failure')[0];
    expect(failure?.attributes.type).toBe('tracking-format');
    expect(failure?.attributes.message).toBe('行 3（快递单号）：bad <x> & "y"  ]]>。tracking-format hint');
    expect(child(testcases[1], 'system-out')[0]?.text).toContain('merged-shipment');
    expect(child(testcases[2], 'skipped')).toHaveLength(1);
    expect(testcases[3]?.children).toEqual([]);
    expect(child(testcases[4], 'system-out')[0]?.text).toContain('[merged-cells]');
    expect(child(child(b, 'testcase')[0], 'error')[0]?.attributes.message).toBe('读不了 <b>');
  });
});

describe('JUnit XML of a huge export', () => {
  it('is printed whole even when longer than the longest string V8 can hold', async () => {
    // 200k rejected orders whose cells hold long text: each message is in the XML twice.
    const count = 200_000;
    const long = '单号不符合'.repeat(300);
    const findings = Array.from({ length: count }, (_, i) => finding(i + 2, 'tracking-format', 'error', { message: long }));
    const cases = Array.from({ length: count }, (_, i): OrderCase => ({ name: `P${i} · 行 ${i + 2}`, rows: [i + 2], outcome: 'rejected' }));
    let length = 0;
    let tail = '';
    await writeStreamed(renderJunit([{ report: fileReport('big.csv', findings), cases }], { lang: 'zh', cwd: '/repo' }), {
      stdout: (text) => {
        length += text.length;
        tail = text.length >= 100 ? text : (tail + text).slice(-100);
      },
      stdoutDrained: () => Promise.resolve(),
      stdoutGone: () => false,
    });
    expect(length).toBeGreaterThan(2 ** 29);
    expect(tail.endsWith('    </testcase>\n  </testsuite>\n</testsuites>\n')).toBe(true);
  }, 120_000);
});

describe('the test XML parser', () => {
  it('rejects what is not well formed, so the checks above mean something', () => {
    for (const bad of ['<a><b></a>', '<a>&nbsp;</a>', '<a>\u0001</a>', '<a x="1" x="2"/>', '<a/><b/>', '<a>x<b>', '<a x=1/>', '<a>1 < 2</a>']) {
      expect(() => parseXml(bad), bad).toThrow();
    }
    expect(parseXml('<?xml version="1.0"?><a x="&lt;&#10;">t&amp;</a>')).toEqual({ name: 'a', attributes: { x: '<\n' }, children: [], text: 't&' });
  });
});

describe('JUnit XML with --strict', () => {
  const cases: OrderCase[] = [
    { name: 'P1 · 行 2', rows: [2], outcome: 'imported' },
    { name: 'P2 · 行 3', rows: [3], outcome: 'imported' },
    { name: 'P3 · 行 4', rows: [4], outcome: 'skipped' },
  ];
  const findings = [finding(2, 'status-not-pending', 'info'), finding(2, 'merged-shipment', 'warning'), finding(3, 'due-soon', 'info'), finding(4, 'after-sales-skipped', 'info')];
  const render = (strict: boolean) => parseXml([...renderJunit([{ report: fileReport('/repo/a.xlsx', findings), cases }], { lang: 'en', cwd: '/repo', strict })].join(''));

  it('fails an order imported with a warning, as the exit code does, and names the warning', () => {
    const root = render(true);
    expect(root.attributes).toMatchObject({ tests: '3', failures: '1', skipped: '1' });
    const [warned, informed, skipped] = child(child(root, 'testsuite')[0], 'testcase');
    const failure = child(warned, 'failure')[0];
    expect(failure?.attributes.type).toBe('merged-shipment');
    expect(failure?.text).toContain('[status-not-pending]');
    // Notes (info) never fail a run, strict or not.
    expect(child(informed, 'failure')).toHaveLength(0);
    expect(child(skipped, 'skipped')).toHaveLength(1);
  });

  it('lets the same order pass without --strict', () => {
    const root = render(false);
    expect(root.attributes).toMatchObject({ failures: '0' });
    expect(child(child(child(root, 'testsuite')[0], 'testcase')[0], 'system-out')[0]?.text).toContain('[merged-shipment]');
  });
});
