// ship.config.json: what a team sets once for its ERP and its import template,
// so the nightly command line stays short. Read from the working folder, or from
// --config; validated by zod; a bad config stops the run (exit 2) naming the field.
// Flags given on the command line win over the config.
//
// zod is loaded only when there is a config file to check (as in src/carriers/schema.ts):
// `ship detect` and `ship carriers` read this module on every run and never pay for it.
// They take only `rules` from the config (rulesFromConfig), so a problem in a field they
// do not use cannot stop them.

import { createRequire } from 'node:module';
import { dirname, resolve } from 'node:path';
import type * as Zod from 'zod';
import type { CarrierRegistry } from '../carriers/registry.js';
import type { ExtraAliases } from '../core/columns.js';
import { InputError } from '../io/errors.js';
import { DEFAULT_TEMPLATE, type ImportTemplate } from '../io/output/import-template.js';
import { readJsonFile } from '../io/read-json-file.js';
import type { RulesSource } from './load-rules.js';
import { MOST_HOURS } from './options.js';

export const CONFIG_FILE = 'ship.config.json';

type Z = typeof Zod.z;

function buildConfigSchema(z: Z) {
  const name = z.string().trim().min(1);
  const aliases = z.array(name);
  // Bounds first, aborting: 1e300 is "too big", not also "not a safe integer".
  // Fractions are fine here (1.5 hours), as they always were; the flags take whole hours.
  const hours = z.number().positive({ abort: true }).max(MOST_HOURS, { abort: true });
  return z
    .object({
      $schema: z.string().optional(),
      headerAliases: z
        .strictObject({
          orderId: aliases.optional(),
          status: aliases.optional(),
          carrier: aliases.optional(),
          trackingNumber: aliases.optional(),
          recipientName: aliases.optional(),
          recipientPhone: aliases.optional(),
          recipientAddress: aliases.optional(),
        })
        .optional()
        .describe("Extra header texts per column, for an ERP's own column names; tried before the built-in ones"),
      importTemplate: z
        .strictObject({
          columns: z
            .strictObject({ orderId: name.optional(), carrier: name.optional(), trackingNumber: name.optional() })
            .optional()
            .describe('Header cells of the import sheet; default 订单号 | 快递公司 | 快递单号'),
          carrierNames: z.record(name, name).optional().describe('Carrier id (see `ship carriers`) → the name to write in the import sheet'),
          maxRows: z.number().int().positive().optional().describe('At most this many orders per import file (--max-rows)'),
        })
        .optional(),
      deadlineHours: hours.optional().describe('Hours after payment an order must ship by, when the export has no 承诺发货时间 (above 0, at most 8760)'),
      dueSoonHours: hours.optional().describe('Orders due within this many hours are flagged as due soon (above 0, at most 8760)'),
      rules: name.optional().describe('Carrier rules file (like --rules), relative to this config file'),
    })
    .strict()
    .meta({ title: 'ship.config.json', description: 'Settings a team sets once for `ship`; command-line flags win over them.' });
}

type ConfigSchema = ReturnType<typeof buildConfigSchema>;
let built: { z: Z; schema: ConfigSchema } | undefined;

function loadZod(): { z: Z; schema: ConfigSchema } {
  if (built === undefined) {
    const { z } = createRequire(import.meta.url)('zod') as typeof Zod;
    built = { z, schema: buildConfigSchema(z) };
  }
  return built;
}

/** The schema of ship.config.json (zod is loaded on the first call). */
export function configSchema(): ConfigSchema {
  return loadZod().schema;
}

/** The config as the commands use it: paths resolved, template filled in with the defaults. */
export interface Settings {
  /** The config file read, if any. */
  path: string | undefined;
  headerAliases: ExtraAliases | undefined;
  template: ImportTemplate;
  maxRows: number | undefined;
  deadlineHours: number | undefined;
  dueSoonHours: number | undefined;
  /** The rules file named by the config: its absolute path, and the config that named it. */
  rules: RulesSource | undefined;
}

export const NO_SETTINGS: Settings = {
  path: undefined,
  headerAliases: undefined,
  template: DEFAULT_TEMPLATE,
  maxRows: undefined,
  deadlineHours: undefined,
  dueSoonHours: undefined,
  rules: undefined,
};

export interface ConfigSource {
  cwd: string;
  /** --config <file>; must exist when given. */
  explicit: string | undefined;
  /** --no-config: ignore ship.config.json in the working folder. */
  ignoreDefault?: boolean;
}

/** Where the commands' --config / --no-config (`false`) send the config lookup. */
export function configSource(options: { cwd: string; config?: string | false | undefined }): ConfigSource {
  return { cwd: options.cwd, explicit: options.config === false ? undefined : options.config, ignoreDefault: options.config === false };
}

function configError(path: string, zh: string, en: string): InputError {
  return new InputError({ zh, en }, path);
}

/** `importTemplate.carrierNames.zto`, `headerAliases.carrier[2]`: where a problem is, as a user would find it in the file. */
export function fieldPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>((text, key) => (typeof key === 'number' ? `${text}[${key}]` : text === '' ? String(key) : `${text}.${String(key)}`), '');
}

const UNKNOWN_FIELD = { zh: '未知字段（请检查拼写）', en: 'unknown field (check the spelling)' };

const HOURS = { zh: `（应为大于 0、不超过 ${MOST_HOURS} 的小时数，最多一年）`, en: ` (hours above 0 and at most ${MOST_HOURS}, a year)` };
/** What a field takes, said after zod's message for it. */
const FIELD_HINTS: Record<string, typeof HOURS> = { deadlineHours: HOURS, dueSoonHours: HOURS };

/** Problems listed in full; the rest are counted. */
const LISTED_ISSUES = 3;

function describeIssues(issues: readonly Zod.z.core.$ZodIssue[], lang: 'zh' | 'en'): string {
  const more = issues.length - LISTED_ISSUES;
  const listed = issues
    .slice(0, LISTED_ISSUES)
    .map((issue) => {
      const keys = issue.code === 'unrecognized_keys' ? issue.keys : [];
      // An unknown key is named by its own path, not its parent's: that is the field to fix.
      const at = keys.length > 0 ? keys.map((key) => fieldPath([...issue.path, key])).join(', ') : fieldPath(issue.path) || (lang === 'zh' ? '顶层' : 'top level');
      return `${at}: ${keys.length > 0 ? UNKNOWN_FIELD[lang] : `${issue.message}${FIELD_HINTS[at]?.[lang] ?? ''}`}`;
    })
    .join('; ');
  if (more <= 0) return listed;
  return lang === 'zh' ? `${listed}；还有 ${more} 处` : `${listed}; ${more} more`;
}

export function parseConfig(data: unknown, path: string): Settings {
  const { z, schema } = loadZod();
  const parsed = schema.safeParse(data);
  if (!parsed.success) {
    const zh = schema.safeParse(data, { error: z.locales.zhCN().localeError });
    const zhIssues = zh.success ? parsed.error.issues : zh.error.issues;
    throw configError(path, `配置文件有错（${describeIssues(zhIssues, 'zh')}）`, `Error in the config file (${describeIssues(parsed.error.issues, 'en')})`);
  }
  const config = parsed.data;
  const given = config.importTemplate?.columns ?? {};
  const [orderId, carrier, trackingNumber] = DEFAULT_TEMPLATE.header;
  const header: [string, string, string] = [given.orderId ?? orderId, given.carrier ?? carrier, given.trackingNumber ?? trackingNumber];
  if (new Set(header).size < header.length) {
    throw configError(path, `配置文件有错（importTemplate.columns: 三列的名称不能相同：${header.join('、')}）`, `Error in the config file (importTemplate.columns: the three column names must differ: ${header.join(', ')})`);
  }
  return {
    path,
    headerAliases: config.headerAliases,
    template: { header, carrierNames: config.importTemplate?.carrierNames ?? {} },
    maxRows: config.importTemplate?.maxRows,
    deadlineHours: config.deadlineHours,
    dueSoonHours: config.dueSoonHours,
    rules: config.rules === undefined ? undefined : { path: resolve(dirname(path), config.rules), namedBy: path },
  };
}

/** The config file a source names: --config as given (an empty one stays empty), else ./ship.config.json. */
function configPath(source: ConfigSource): string {
  if (source.explicit === undefined) return resolve(source.cwd, CONFIG_FILE);
  return source.explicit.trim() === '' ? source.explicit : resolve(source.cwd, source.explicit);
}

/** The config as JSON, or undefined when there is none to read (--no-config, or no ./ship.config.json). */
async function readConfig(source: ConfigSource): Promise<{ path: string; data: unknown } | undefined> {
  if (source.explicit === undefined && source.ignoreDefault === true) return undefined;
  const path = configPath(source);
  // Only a config that was asked for by name must exist.
  const data = await readJsonFile(path, 'config', { optional: source.explicit === undefined });
  return data === undefined ? undefined : { path, data };
}

export async function loadSettings(source: ConfigSource): Promise<Settings> {
  const config = await readConfig(source);
  return config === undefined ? NO_SETTINGS : parseConfig(config.data, config.path);
}

/** Carrier names can only be checked once the rules (built in, plus any rules file) are loaded. */
export function checkCarrierNames(settings: Settings, registry: CarrierRegistry): void {
  for (const id of Object.keys(settings.template.carrierNames)) {
    if (registry.get(id) !== undefined) continue;
    const where = fieldPath(['importTemplate', 'carrierNames', id]);
    throw configError(
      settings.path ?? CONFIG_FILE,
      `配置文件有错（${where}：没有 id 为「${id}」的快递公司；ship carriers 列出全部 id）`,
      `Error in the config file (${where}: no carrier has the id "${id}"; ship carriers lists them)`,
    );
  }
}

/**
 * The rules file a config names, for the commands that take nothing else from it (detect,
 * carriers): only `rules` is checked, so a config problem they do not use cannot stop them.
 */
export async function rulesFromConfig(source: ConfigSource): Promise<RulesSource | undefined> {
  const config = await readConfig(source);
  if (config === undefined) return undefined;
  const { path, data } = config;
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    throw configError(path, '配置文件有错（顶层：应为 JSON 对象 {…}）', 'Error in the config file (top level: expected a JSON object {…})');
  }
  const rules: unknown = (data as Record<string, unknown>)['rules'];
  if (rules === undefined) return undefined;
  if (typeof rules !== 'string' || rules.trim() === '') {
    throw configError(path, '配置文件有错（rules：应为规则文件的路径，非空的字符串）', 'Error in the config file (rules: expected the path of a rules file, a non-empty string)');
  }
  return { path: resolve(dirname(path), rules.trim()), namedBy: path };
}
