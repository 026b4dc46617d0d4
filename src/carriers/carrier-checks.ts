// The checks of a rules file's carrier that its shape (schema.ts) cannot make. Each refuses
// the file at load, naming the carrier and the format, for a mistake that would otherwise
// only show up later as rejected orders: a pattern that could backtrack without end
// (backtracking.ts), a lower-case letter no upper-cased number holds, a checksum group its
// algorithm cannot read (pattern-facts.ts), and test numbers the format itself contradicts
// (rules-examples.ts). They run in that order: no pattern runs on an example before it is
// known to be bounded.

import { isBoundedPattern } from './backtracking.js';
import { CAPITAL, DIGIT, OTHER, groupFacts, lowerCaseLetters, matchesUpperCase } from './pattern-facts.js';
import { checkExamples } from './rules-examples.js';
import { subject, type Refuse, type RulesProblem } from './rules-error.js';
import type { Carrier, Checksum, Format } from './schema.js';

const UNBOUNDED = {
  en: 'nested or overlapping repetition (like (\\d+)+, (\\d|\\d)+ or (\\d+-?)+) can make matching take forever, so ship does not run it; write fixed counts such as \\d{12} or bounded ranges such as \\d{10,12}, and a repeated choice as a class ([AB]+, not (A|B)+)',
  zh: '嵌套或重叠的重复（如 (\\d+)+、(\\d|\\d)+、(\\d+-?)+）可能让匹配永远算不完，ship 不运行这样的规则；请写成固定位数（如 \\d{12}）或有上限的范围（如 \\d{10,12}），重复的几选一写成字符类（[AB]+，不写 (A|B)+）',
};

interface PatternField {
  path: PropertyKey[];
  source: string;
  formatId: string | undefined;
}

/** Every pattern of the carrier, where it sits: formats, check-digit prefixes, the package barcode. */
function patternFields(carrier: Carrier): PatternField[] {
  const fields: PatternField[] = [];
  carrier.formats.forEach((format, f) => {
    fields.push({ path: ['formats', f, 'pattern'], source: format.pattern, formatId: format.id });
    const prepend = format.checksum?.name === 'mod10' ? format.checksum.prepend : undefined;
    if (prepend !== undefined) fields.push({ path: ['formats', f, 'checksum', 'prepend', 'unlessMatches'], source: prepend.unlessMatches, formatId: format.id });
  });
  if (carrier.packageBarcode !== undefined) fields.push({ path: ['packageBarcode', 'pattern'], source: carrier.packageBarcode.pattern, formatId: undefined });
  return fields;
}

/** Refuses the carrier at its first problem; the built-in carriers.json passes (test/carriers/built-in.test.ts). */
export function checkCarrier(carrier: Carrier, refuse: Refuse): void {
  const fields = patternFields(carrier);
  for (const { path, source, formatId } of fields) {
    if (isBoundedPattern(source)) continue;
    const what = subject(carrier, formatId);
    refuse(path, { en: `${what.en}: ${UNBOUNDED.en}`, zh: `${what.zh}：${UNBOUNDED.zh}` });
  }
  for (const { path, source, formatId } of fields) checkCase(source, subject(carrier, formatId), (problem) => refuse(path, problem));
  carrier.formats.forEach((format, f) => checkChecksumGroups(format, subject(carrier, format.id), (problem) => refuse(['formats', f, 'pattern'], problem)));
  checkExamples(carrier, refuse);
}

/** A pattern that lower-case letters make unmatchable: normalization upper-cases every number before it is matched. */
function checkCase(source: string, what: RulesProblem, refuse: (problem: RulesProblem) => never): void {
  const at = lowerCaseLetters(source);
  if (at.length === 0 || matchesUpperCase(source)) return;
  const letters = [...new Set(at.map((i) => source[i]!))];
  const upper = Array.from(source, (ch, i) => (at.includes(i) ? ch.toUpperCase() : ch)).join('');
  refuse({
    en: `${what.en}: ${source} has lower-case letters (${letters.join(', ')}), but numbers are compared in upper case (a cell's "${letters.join('')}" is read as "${letters.join('').toUpperCase()}"), so they can never match; write them in upper case: ${upper}`,
    zh: `${what.zh}：${source} 里有小写字母 ${letters.join('、')}，但单号在比对前都会转成大写（表格里的 ${letters.join('')} 按 ${letters.join('').toUpperCase()} 比对），小写字母永远匹配不上；请改成大写：${upper}`,
  });
}

/** The length of serial an algorithm reads, when it reads one length only. */
function serialLength(checksum: Checksum): { length: number; why: RulesProblem } | undefined {
  switch (checksum.name) {
    case 's10':
    case 'ems13':
    case 'sf12':
      return { length: 8, why: { en: `${checksum.name} reads 8 serial digits`, zh: `${checksum.name} 算的是 8 位序号` } };
    case 'mod11': {
      const n = checksum.weights.length;
      return { length: n, why: { en: `mod11 has ${n} weights, one per serial digit`, zh: `mod11 有 ${n} 个 weights，序号就是 ${n} 位` } };
    }
    default:
      return undefined;
  }
}

const widthText = (min: number, max: number): string => (min === max ? `${min}` : max === Number.POSITIVE_INFINITY ? `${min}+` : `${min}–${max}`);

/**
 * A checksum whose serial or check group can hold what its algorithm cannot read (a letter,
 * a length it does not take): every number the pattern accepts there fails the check digit,
 * while `ship detect` says it fits no format. Decided from the pattern where it can be.
 */
function checkChecksumGroups(format: Format, what: RulesProblem, refuse: (problem: RulesProblem) => never): void {
  const { checksum } = format;
  if (checksum === undefined) return;
  const capitals = checksum.name === 'mod10';
  const needs = [
    { group: 'serial', allowed: capitals ? DIGIT | CAPITAL : DIGIT, length: serialLength(checksum) },
    { group: 'check', allowed: DIGIT, length: { length: 1, why: { en: 'a check digit is one digit', zh: '校验位是 1 位数字' } } },
  ];
  const fail = { en: 'every such number would fail its check digit', zh: '这样的单号都会被判为「校验位不对」' };
  for (const { group, allowed, length } of needs) {
    const facts = groupFacts(format.pattern, group);
    if (facts === undefined) continue;
    const extra = facts.kinds & (DIGIT | CAPITAL | OTHER) & ~allowed;
    if (extra !== 0) {
      const reads = allowed === DIGIT ? { en: 'only digits', zh: '数字' } : { en: 'only digits and capital letters', zh: '数字和大写字母' };
      const also = extra & CAPITAL ? { en: 'letters', zh: '字母' } : { en: 'other characters', zh: '其他字符' };
      refuse({
        en: `${what.en}: check-digit algorithm ${checksum.name} reads ${reads.en}, but the pattern's (?<${group}>…) group can also hold ${also.en}, and ${fail.en}; make (?<${group}>…) hold ${reads.en} (\\d, [0-9]), or remove the checksum`,
        zh: `${what.zh}：校验位算法 ${checksum.name} 只能计算${reads.zh}，但 pattern 的 (?<${group}>…) 组还能匹配${also.zh}，${fail.zh}；请让 (?<${group}>…) 只框住${reads.zh}（\\d、[0-9]），或去掉 checksum`,
      });
    }
    if (length !== undefined && (length.length < facts.minWidth || length.length > facts.maxWidth)) {
      const width = widthText(facts.minWidth, facts.maxWidth);
      refuse({
        en: `${what.en}: ${length.why.en}, but the pattern's (?<${group}>…) group takes ${width} characters, and ${fail.en}; make it ${length.length}`,
        zh: `${what.zh}：${length.why.zh}，但 pattern 的 (?<${group}>…) 组是 ${width} 位，${fail.zh}；请改成 ${length.length} 位`,
      });
    }
  }
}
