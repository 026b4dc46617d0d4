// `ship carriers`: what the rules know, so a merchant can see which names are
// accepted and how sure each format is.

import Table from 'cli-table3';
import { formatName, type Carrier, type Format } from '../../carriers/registry.js';
import type { Lang } from '../../core/messages.js';
import { EXIT, type ExitCode } from '../exit-codes.js';
import { configSource, rulesFromConfig } from '../config.js';
import { loadRegistry } from '../load-rules.js';
import type { Output } from './validate.js';

export interface CarriersOptions {
  json: boolean;
  lang: Lang;
  rules?: string;
  /** --config <file>; `false` for --no-config. Only its rules file is used, when --rules is not given. */
  config?: string | false;
  /** Where ship.config.json is looked for. */
  cwd: string;
}

const HEAD: Record<Lang, string[]> = {
  zh: ['ID', '平台名称', '别名', '单号格式（状态 / 可信度）'],
  en: ['ID', 'Import name', 'Aliases', 'Formats (status / confidence)'],
};

const NO_FORMAT: Record<Lang, string> = {
  zh: '无公开规则：接受并警告（单号是只有别家才用的格式时报错）',
  en: 'no published format: accepted with a warning (rejected when the number has a format only another carrier uses)',
};

// The rules' words for a format's status and confidence, as a merchant reads them; checksum names stay as the rules give them.
const WORD: Record<Lang, Record<Format['status'] | Format['confidence'], string>> = {
  zh: { current: '在用', legacy: '旧格式', confirmed: '已确认', 'single-source': '单一来源', inferred: '推断' },
  en: { current: 'current', legacy: 'legacy', confirmed: 'confirmed', 'single-source': 'single-source', inferred: 'inferred' },
};

function formatsOf(carrier: Carrier, lang: Lang): string {
  if (carrier.formats.length === 0) return NO_FORMAT[lang];
  const [open, close] = lang === 'zh' ? ['（', '）'] : [' (', ')'];
  return carrier.formats
    .map((f) => `${formatName(f, lang)}${open}${WORD[lang][f.status]} / ${WORD[lang][f.confidence]}${f.checksum === undefined ? '' : ` / ${f.checksum.name}`}${close}`)
    .join('\n');
}

function aliasesOf(carrier: Carrier): string {
  const codes = Object.values(carrier.codes).filter((code): code is string => typeof code === 'string');
  const seen = new Set([carrier.displayName.toLowerCase()]);
  return [...carrier.names, ...codes]
    .filter((name) => {
      const key = name.toLowerCase();
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    })
    .join(', ');
}

export async function runCarriers(options: CarriersOptions, out: Output): Promise<ExitCode> {
  const registry = await loadRegistry(options.rules ?? (await rulesFromConfig(configSource(options))));
  if (options.json) {
    out.stdout(`${JSON.stringify({ version: registry.version, origins: registry.origins, carriers: registry.all() }, null, 2)}\n`);
    return EXIT.OK;
  }
  const table = new Table({ head: HEAD[options.lang], style: { head: [], border: [] }, wordWrap: true, colWidths: [14, 14, 36, 56] });
  for (const carrier of registry.all()) table.push([carrier.id, carrier.displayName, aliasesOf(carrier), formatsOf(carrier, options.lang)]);
  out.stdout(`${table.toString()}\n${options.lang === 'zh' ? '规则版本' : 'rules version'} ${registry.version}\n`);
  return EXIT.OK;
}
