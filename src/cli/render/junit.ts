// --format junit: one <testsuite> per input file, one <testcase> per order, for CI
// systems that show test reports (GitLab, Jenkins, Azure, test-reporter actions).
// A rejected order fails with its findings; a skipped row is <skipped>; an order
// imported with warnings passes and lists them in <system-out>, unless --strict made
// warnings fail the run: then it fails too, so that the report and the exit code agree
// (a red job whose test report is all green sends people looking in the wrong place).
// Values come from the
// spreadsheet: they are escaped, and characters XML cannot hold are removed.
// The list is never cut by --max-errors: a failing order must not pass by omission.

import type { Lang } from '../../core/messages.js';
import type { ValidationResult } from '../../core/validate.js';
import type { FileReport, FindingJson } from '../report-schema.js';
import { findingSentence, repoPath } from './finding-text.js';

// Outside XML 1.0's Char production: C0 controls but tab/LF/CR, lone surrogates, U+FFFE/U+FFFF.
const NOT_XML_CHAR = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

export function xmlText(text: string): string {
  return text.replace(NOT_XML_CHAR, '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Attribute values: quotes too, and line breaks as references (a parser would turn them into spaces). */
export function xmlAttribute(text: string): string {
  return xmlText(text).replace(/"/g, '&quot;').replace(/'/g, '&apos;').replace(/\t/g, '&#9;').replace(/\n/g, '&#10;').replace(/\r/g, '&#13;');
}

export interface OrderCase {
  name: string;
  rows: number[];
  outcome: 'imported' | 'rejected' | 'skipped';
}

const WORDS = {
  zh: { rows: (rows: number[]) => `行 ${rows.join('、')}`, sheet: '工作表', read: '读取文件', skipped: '已跳过' },
  en: { rows: (rows: number[]) => `${rows.length === 1 ? 'row' : 'rows'} ${rows.join(', ')}`, sheet: 'sheet', read: 'read the file', skipped: 'skipped' },
};

/** The orders of a file in the order they first appear, each with its rows and what happened to it. */
export function orderCases(result: ValidationResult, lang: Lang): OrderCase[] {
  const cases = new Map<string, OrderCase>();
  const { records } = result;
  for (let index = 0; index < records.length; index++) {
    const row = records.rowAt(index);
    const orderId = records.orderIdAt(index);
    const id = orderId === '' ? `#${row}` : orderId;
    // A row that is not an order to ship stands apart from the order's other rows.
    const key = `${records.kindAt(index)}:${id}`;
    const outcome = result.disposition.get(row) ?? 'skipped';
    const entry = cases.get(key);
    if (entry === undefined) cases.set(key, { name: orderId, rows: [row], outcome });
    else entry.rows.push(row);
  }
  return [...cases.values()].map((entry) => ({ ...entry, name: entry.name === '' ? WORDS[lang].rows(entry.rows) : `${entry.name} · ${WORDS[lang].rows(entry.rows)}` }));
}

export interface JunitFile {
  report: FileReport;
  /** Undefined when the file could not be read. */
  cases: OrderCase[] | undefined;
}

function testcase(classname: string, name: string, body: string): string {
  const open = `    <testcase classname="${xmlAttribute(classname)}" name="${xmlAttribute(name)}" time="0"`;
  return body === '' ? `${open}/>` : `${open}>\n${body}\n    </testcase>`;
}

const isWarning = (found: FindingJson): boolean => found.severity === 'warning';

/** The case fails: its order was rejected, or --strict counts its warnings as failures (exit code 1). */
function fails(outcome: OrderCase['outcome'], findings: readonly FindingJson[], strict: boolean): boolean {
  return outcome === 'rejected' || (strict && findings.some(isWarning));
}

function caseBody(outcome: OrderCase['outcome'], findings: readonly FindingJson[], options: RenderOptions): string {
  const { lang } = options;
  const lines = findings.map((f) => `${findingSentence(f, lang)} [${f.code}]`).join('\n');
  const first = findings.find((f) => f.severity === 'error') ?? findings[0];
  if (fails(outcome, findings, options.strict)) {
    // A case failed by --strict has no error: its first warning says why.
    const lead = first?.severity === 'error' ? first : (findings.find(isWarning) ?? first);
    const message = lead === undefined ? '' : findingSentence(lead, lang);
    return `      <failure message="${xmlAttribute(message)}" type="${xmlAttribute(lead?.code ?? 'rejected')}">${xmlText(lines)}</failure>`;
  }
  if (outcome === 'skipped') return `      <skipped message="${xmlAttribute(first === undefined ? WORDS[lang].skipped : findingSentence(first, lang))}"/>`;
  return lines === '' ? '' : `      <system-out>${xmlText(lines)}</system-out>`;
}

export interface Suite {
  name: string;
  tests: number;
  failures: number;
  errors: number;
  skipped: number;
  /** The <testcase> elements, built one at a time as they are written. */
  testcases: Iterable<string>;
}

interface RenderOptions {
  lang: Lang;
  cwd: string;
  /** --strict: warnings fail the run, so an order with one is a failed case. */
  strict: boolean;
}

/** A suite of one case that could not run: an unreadable file, or a run that stopped before any file. */
export function errorSuite(name: string, caseName: string, message: string, type: string): Suite {
  const body = `      <error message="${xmlAttribute(message)}" type="${xmlAttribute(type)}"/>`;
  return { name, tests: 1, failures: 0, errors: 1, skipped: 0, testcases: [testcase(name, caseName, body)] };
}

function suite(file: JunitFile, options: RenderOptions): Suite {
  const { lang } = options;
  const name = repoPath(file.report.input, options.cwd);
  if (file.report.error !== null || file.cases === undefined) return errorSuite(name, WORDS[lang].read, file.report.error ?? '', 'unreadable');
  const byRow = new Map<number, FindingJson[]>();
  for (const found of file.report.findings) byRow.set(found.row, [...(byRow.get(found.row) ?? []), found]);
  const cases = file.cases.map((c) => ({ ...c, findings: c.rows.flatMap((row) => byRow.get(row) ?? []) }));
  // Findings on rows that are no order's (e.g. about the sheet's layout) get a case of their own.
  const covered = new Set(file.cases.flatMap((c) => c.rows));
  const loose = file.report.findings.filter((f) => !covered.has(f.row));
  if (loose.length > 0) {
    cases.push({ name: WORDS[lang].sheet, rows: [], outcome: loose.some((f) => f.severity === 'error') ? 'rejected' : 'imported', findings: loose });
  }
  const failures = cases.filter((c) => fails(c.outcome, c.findings, options.strict)).length;
  const skipped = cases.filter((c) => c.outcome === 'skipped' && !fails(c.outcome, c.findings, options.strict)).length;
  return { name, tests: cases.length, failures, errors: 0, skipped, testcases: testcases(name, cases, options) };
}

function* testcases(classname: string, cases: readonly (OrderCase & { findings: FindingJson[] })[], options: RenderOptions): Generator<string> {
  for (const c of cases) yield testcase(classname, c.name, caseBody(c.outcome, c.findings, options));
}

/**
 * The XML in pieces, a <testcase> each: an export of a million orders makes a document
 * longer than the longest string V8 can hold. The totals on <testsuites> are counted first.
 */
export function* renderJunit(files: readonly JunitFile[], options: { lang: Lang; cwd: string; strict?: boolean }): Generator<string> {
  yield* junitDocument(files.map((file) => suite(file, { ...options, strict: options.strict === true })));
}

/** The document around the suites, their totals counted first. */
export function* junitDocument(suites: readonly Suite[]): Generator<string> {
  const sum = (key: 'tests' | 'failures' | 'errors' | 'skipped') => suites.reduce((total, s) => total + s[key], 0);
  yield '<?xml version="1.0" encoding="UTF-8"?>\n';
  yield `<testsuites name="ship validate" tests="${sum('tests')}" failures="${sum('failures')}" errors="${sum('errors')}" skipped="${sum('skipped')}" time="0">\n`;
  for (const s of suites) {
    yield `  <testsuite name="${xmlAttribute(s.name)}" tests="${s.tests}" failures="${s.failures}" errors="${s.errors}" skipped="${s.skipped}" time="0">\n`;
    for (const xml of s.testcases) yield `${xml}\n`;
    yield '  </testsuite>\n';
  }
  yield '</testsuites>\n';
}
