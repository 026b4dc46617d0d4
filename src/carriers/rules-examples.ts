// A rules file's own examples, held at load to what test/carriers/rules.test.ts holds the
// built-in rules to: each test.valid number is accepted by its format (it matches the
// pattern and passes the check digit), and no test.invalid number is. A file whose format
// contradicts its examples would pass or refuse orders the author did not mean to. Each
// number is read as a cell would be (normalizeTrackingNumber) and run through the same
// code that checks a sheet's numbers (formatVerdict).

import { normalizeTrackingNumber } from '../core/normalize.js';
import { compileCarrier, formatVerdict, type CompiledFormat } from './match.js';
import { LONGEST_TRACKING_NUMBER } from './registry.js';
import { subject, type Refuse, type RulesProblem } from './rules-error.js';
import type { Carrier } from './schema.js';

/** The number as written, and as a cell is read when that differs. */
function shown(number: string, normalized: string): RulesProblem {
  return number === normalized ? { en: number, zh: number } : { en: `${number} (read as ${normalized})`, zh: `${number}（按单元格的方式整理后是 ${normalized}）` };
}

export function checkExamples(carrier: Carrier, refuse: Refuse): void {
  const compiled = compileCarrier(carrier);
  compiled.formats.forEach((entry, f) => checkFormat(carrier, entry, (path, problem) => refuse(['formats', f, 'test', ...path], problem)));
  const barcode = carrier.packageBarcode;
  if (barcode === undefined || compiled.barcode === undefined) return;
  const regex = compiled.barcode;
  const what = subject(carrier);
  const at = (path: PropertyKey[], problem: RulesProblem) => refuse(['packageBarcode', 'test', ...path], problem);
  barcode.test.valid.forEach(({ number, waybill }, k) => {
    const normalized = normalizeTrackingNumber(number);
    const n = shown(number, normalized);
    const found = normalized.length > LONGEST_TRACKING_NUMBER ? undefined : regex.exec(normalized)?.groups?.['waybill'];
    if (found === undefined) {
      at(['valid', k, 'number'], {
        en: `${what.en}: package barcode ${n.en} in test.valid does not match packageBarcode.pattern ${barcode.pattern}; fix the pattern or the number`,
        zh: `${what.zh}：packageBarcode 的 test.valid 里的 ${n.zh} 不符合 packageBarcode.pattern ${barcode.pattern}；请改正 pattern 或这个包裹号`,
      });
    }
    if (found !== normalizeTrackingNumber(waybill)) {
      at(['valid', k, 'waybill'], {
        en: `${what.en}: the waybill in package barcode ${n.en} is ${found}, not ${waybill} as test.valid says; fix the (?<waybill>…) group or the waybill`,
        zh: `${what.zh}：从包裹号 ${n.zh} 取出的运单号是 ${found}，不是 test.valid 写的 ${waybill}；请改正 (?<waybill>…) 组或 waybill`,
      });
    }
  });
  barcode.test.invalid.forEach(({ number }, k) => {
    const normalized = normalizeTrackingNumber(number);
    if (normalized.length > LONGEST_TRACKING_NUMBER || !regex.test(normalized)) return;
    const n = shown(number, normalized);
    at(['invalid', k, 'number'], {
      en: `${what.en}: ${n.en} in packageBarcode's test.invalid matches packageBarcode.pattern ${barcode.pattern}, so such numbers would be refused as package barcodes; tighten the pattern, or take the number out of test.invalid`,
      zh: `${what.zh}：packageBarcode 的 test.invalid 里的 ${n.zh} 却符合 packageBarcode.pattern ${barcode.pattern}，表格里这样的单号会被当作包裹号拒收；请收紧 pattern，或把它移出 test.invalid`,
    });
  });
}

function checkFormat(carrier: Carrier, entry: CompiledFormat, refuse: Refuse): void {
  const { format } = entry;
  const what = subject(carrier, format.id);
  const checksum = format.checksum?.name;
  format.test.valid.forEach(({ number }, k) => {
    const normalized = normalizeTrackingNumber(number);
    const n = shown(number, normalized);
    const at: PropertyKey[] = ['valid', k, 'number'];
    if (normalized.length > LONGEST_TRACKING_NUMBER) {
      refuse(at, {
        en: `${what.en}: test.valid number ${n.en} has ${normalized.length} characters, more than the longest number ship takes (${LONGEST_TRACKING_NUMBER}), so it fits no format; fix the number`,
        zh: `${what.zh}：test.valid 里的 ${n.zh} 有 ${normalized.length} 个字符，比 ship 接受的最长单号（${LONGEST_TRACKING_NUMBER} 个）还长，不符合任何格式；请改正这个单号`,
      });
    }
    const verdict = formatVerdict(entry, normalized);
    if (verdict === undefined) {
      refuse(at, {
        en: `${what.en}: test.valid number ${n.en} does not match the format's pattern ${format.pattern}, so such numbers in a sheet would be rejected; fix the pattern or the number`,
        zh: `${what.zh}：test.valid 里的 ${n.zh} 不符合这个格式的 pattern ${format.pattern}，表格里这样的单号会被拒收；请改正 pattern 或这个单号`,
      });
    }
    if (verdict === 'failed') {
      refuse(at, {
        en: `${what.en}: test.valid number ${n.en} matches the pattern but fails its check digit (${checksum}), so such numbers in a sheet would be rejected; check the number, or fix the checksum and where (?<serial>…) and (?<check>…) sit in the pattern`,
        zh: `${what.zh}：test.valid 里的 ${n.zh} 符合 pattern，但校验位不对（${checksum}），表格里这样的单号会被拒收；请核对这个单号，或改正 checksum 以及 pattern 里 (?<serial>…)、(?<check>…) 的位置`,
      });
    }
  });
  format.test.invalid.forEach(({ number }, k) => {
    const normalized = normalizeTrackingNumber(number);
    // A number longer than any carrier prints reaches no pattern (registry.ts): it is refused.
    if (normalized.length > LONGEST_TRACKING_NUMBER) return;
    const verdict = formatVerdict(entry, normalized);
    if (verdict === undefined || verdict === 'failed') return;
    const n = shown(number, normalized);
    const passes = verdict === 'passed' ? { en: ' and passes its check digit', zh: '，校验位也对' } : { en: '', zh: '' };
    refuse(['invalid', k, 'number'], {
      en: `${what.en}: test.invalid number ${n.en} is accepted by the format (it matches the pattern ${format.pattern}${passes.en}), so such numbers in a sheet would pass; tighten the pattern, or take the number out of test.invalid`,
      zh: `${what.zh}：test.invalid 里的 ${n.zh} 却被这个格式接受（符合 pattern ${format.pattern}${passes.zh}），表格里这样的单号会被当作合格；请收紧 pattern 使它不再匹配，或把这个单号移出 test.invalid`,
    });
  });
}
