// ship.config.json: what a team sets once for its ERP and its import template,
// so the nightly command line stays short. Read from the working folder, or from
// --config; validated by zod; a bad config stops the run (exit 2) naming the field.
// Flags given on the command line win over the config.
//
// zod is loaded only when there is a config file to check (as in src/carriers/schema.ts):
// `ship detect` and `ship carriers` read this module on every run and never pay for it.

import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, resolve } from 'node:path';
import type * as Zod from 'zod';
import type { CarrierRegistry } from '../carriers/registry.js';
import type { ExtraAliases } from '../core/columns.js';
import { InputError } from '../io/errors.js';
import { DEFAULT_TEMPLATE, type ImportTemplate } from '../io/output/import-template.js';

export const CONFIG_FILE = 'ship.config.json';

type Z = typeof Zod.z;

function buildConfigSchema(z: Z) {
  const name = z.string().trim().min(1);
  const aliases = z.array(name);
  const hours = z.number().positive();
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
      deadlineHours: hours.optional().describe('Hours after payment an order must ship by, when the export has no 承诺发货时间'),
      dueSoonHours: hours.optional().describe('Orders due within this many hours are flagged as due soon'),
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
  /** Absolute path of the rules file named by the config. */
  rules: string | undefined;
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

function configError(path: string, zh: string, en: string): InputError {
  return new InputError({ zh, en }, path);
}

/** `importTemplate.carrierNames.zto`, `headerAliases.carrier[2]`: where a problem is, as a user would find it in the file. */
export function fieldPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>((text, key) => (typeof key === 'number' ? `${text}[${key}]` : text === '' ? String(key) : `${text}.${String(key)}`), '');
}

const UNKNOWN_FIELD = { zh: '未知字段（请检查拼写）', en: 'unknown field (check the spelling)' };

function describeIssues(issues: readonly Zod.z.core.$ZodIssue[], lang: 'zh' | 'en'): string {
  return issues
    .slice(0, 3)
    .map((issue) => {
      const keys = issue.code === 'unrecognized_keys' ? issue.keys : [];
      // An unknown key is named by its own path, not its parent's: that is the field to fix.
      const at = keys.length > 0 ? keys.map((key) => fieldPath([...issue.path, key])).join(', ') : fieldPath(issue.path) || (lang === 'zh' ? '顶层' : 'top level');
      return `${at}: ${keys.length > 0 ? UNKNOWN_FIELD[lang] : issue.message}`;
    })
    .join('; ');
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
    rules: config.rules === undefined ? undefined : resolve(dirname(path), config.rules),
  };
}

export async function loadSettings(source: ConfigSource): Promise<Settings> {
  const path = source.explicit === undefined ? resolve(source.cwd, CONFIG_FILE) : resolve(source.cwd, source.explicit);
  if (source.explicit === undefined && source.ignoreDefault === true) return NO_SETTINGS;
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    // Only a config that was asked for by name must exist.
    const code = (error as { code?: unknown }).code;
    if (source.explicit === undefined && code === 'ENOENT') return NO_SETTINGS;
    throw configError(path, '读不了配置文件，请检查路径', 'Cannot read the config file; check the path');
  }
  let data: unknown;
  try {
    data = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    throw configError(path, `配置文件不是有效的 JSON：${detail}`, `The config file is not valid JSON: ${detail}`);
  }
  return parseConfig(data, path);
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

/** The rules file named by ./ship.config.json, for commands that take no other setting from it. */
export async function rulesFromConfig(cwd: string): Promise<string | undefined> {
  return (await loadSettings({ cwd, explicit: undefined })).rules;
}
