// `ship detect <number...>`: which carriers' formats a number fits, strongest
// evidence first. Exit 1 when some number fits no carrier at all.

import { normalizeTrackingNumber } from '../../core/normalize.js';
import { isScientificNotation } from '../../core/cell-value.js';
import { finding } from '../../core/finding.js';
import { renderMessage, type Lang } from '../../core/messages.js';
import { terminalSafe } from '../render/terminal-text.js';
import { EXIT, type ExitCode } from '../exit-codes.js';
import { configSource, rulesFromConfig } from '../config.js';
import { formatName, LONGEST_TRACKING_NUMBER } from '../../carriers/registry.js';
import { loadRegistry } from '../load-rules.js';
import type { Output } from './validate.js';

export interface DetectOptions {
  json: boolean;
  lang: Lang;
  rules?: string;
  /** --config <file>; `false` for --no-config. Only its rules file is used, when --rules is not given. */
  config?: string | false;
  /** Where ship.config.json is looked for. */
  cwd: string;
}

const EMPTY: Record<Lang, string> = {
  zh: '  单号是空的（脚本里的变量可能没有值）',
  en: '  the number is empty (a variable in a script may have no value)',
};

/** Why a number fits no carrier when the reason is not the carriers' formats, else undefined. */
function notANumber(input: string, normalized: string, lang: Lang): string | undefined {
  if (normalized === '') return EMPTY[lang];
  if (normalized.length > LONGEST_TRACKING_NUMBER) {
    const length = normalized.length;
    return lang === 'zh'
      ? `  有 ${length} 个字符，比任何快递单号都长（最多 ${LONGEST_TRACKING_NUMBER} 个），不符合任何快递公司的格式`
      : `  ${length} characters, longer than any tracking number (at most ${LONGEST_TRACKING_NUMBER}): fits no carrier format`;
  }
  if (!isScientificNotation(normalized)) return undefined;
  // validate says the same of such a cell.
  const { message, hint } = renderMessage(finding('tracking-scientific-notation', 0, { value: input.trim() }), lang);
  return `  ${message}${lang === 'zh' ? '；' : '; '}${hint}`;
}

const STRENGTH: Record<Lang, Record<string, string>> = {
  zh: { checksum: '校验位通过', 'letter-prefix': '字母前缀', 'digit-prefix': '数字前缀', 'length-only': '仅长度' },
  en: { checksum: 'check digit passes', 'letter-prefix': 'letter prefix', 'digit-prefix': 'digit prefix', 'length-only': 'length only' },
};

export async function runDetect(numbers: readonly string[], options: DetectOptions, out: Output): Promise<ExitCode> {
  const registry = await loadRegistry(options.rules ?? (await rulesFromConfig(configSource(options))));
  const results = numbers.map((input) => {
    const normalized = normalizeTrackingNumber(input);
    const candidates = registry.detect(normalized).map((d) => ({
      carrier: d.carrier.id,
      name: d.carrier.displayName,
      format: d.format.id,
      formatName: formatName(d.format, options.lang),
      status: d.format.status,
      strength: d.strength,
    }));
    const barcode = registry.packageBarcode(normalized);
    return { input, normalized, candidates, ...(barcode === undefined ? {} : { packageBarcode: { carrier: barcode.owner.id, name: barcode.owner.displayName, waybill: barcode.waybill } }) };
  });
  if (options.json) {
    out.stdout(`${JSON.stringify({ version: registry.version, results }, null, 2)}\n`);
  } else {
    const lines = results.flatMap(({ input, normalized, candidates, packageBarcode }) => {
      // A number comes from the command line or a script's variable: it could hold escape sequences.
      const head = terminalSafe(input === '' ? "''" : normalized === input ? input : `${input} → ${normalized}`);
      // What validate says of it too: the parcel's barcode, and the waybill to fill in instead.
      if (packageBarcode !== undefined) {
        const { name, waybill } = packageBarcode;
        return [head, options.lang === 'zh' ? `  这是${name}的包裹号，不是运单号；运单号是 ${waybill}` : `  a ${name} package barcode, not a waybill number; the waybill is ${waybill}`];
      }
      if (candidates.length === 0) return [head, terminalSafe(notANumber(input, normalized, options.lang) ?? (options.lang === 'zh' ? '  不符合任何已知快递公司的格式' : '  fits no known carrier format'))];
      return [head, ...candidates.map((c, i) => `  ${i + 1}. ${c.name}  ${c.formatName}  (${STRENGTH[options.lang][c.strength] ?? c.strength}${c.status === 'legacy' ? (options.lang === 'zh' ? '，旧格式' : ', legacy') : ''})`)];
    });
    out.stdout(`${lines.join('\n')}\n`);
  }
  return results.every((r) => r.candidates.length > 0) ? EXIT.OK : EXIT.INVALID;
}
