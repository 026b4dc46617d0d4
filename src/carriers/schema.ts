// The shape of carriers.json and of a user's --rules file. Everything the registry
// trusts is checked here, at load: an unknown check-digit algorithm, a pattern that
// does not compile or is not anchored, a duplicate id or an alias two carriers claim
// all fail loudly instead of silently passing numbers later. Every message the schema
// itself writes carries its Chinese in the issue's params (said()); zod's own messages
// are translated by its zh-CN locale (load.ts).
//
// zod is loaded on first use, not when this module is: the built-in rules are checked
// by the test suite (test/carriers/built-in.test.ts) and loaded without it, so `ship
// detect` and `ship validate` without --rules never pay for zod's start-up (~0.15 s).
import { createRequire } from 'node:module';
import type * as Zod from 'zod';
import { crossCheckCarriers } from './cross-check.js';
import { compilePattern, hasGroup, isAnchored } from './pattern.js';

type Z = typeof Zod.z;

/** An issue's message in English, with its Chinese in params (load.ts reads it back). */
function said(en: string, zh: string): { message: string; params: { zh: string } } {
  return { message: en, params: { zh } };
}

// V8's reasons for a pattern that does not compile, said in Chinese; any other stays as V8 says it.
const SYNTAX_ZH: Record<string, string> = {
  'Unterminated group': '括号 ( 没有闭合',
  "Unmatched ')'": '多了一个右括号 )',
  'Unterminated character class': '方括号 [ 没有闭合',
  'Nothing to repeat': '量词（*、+、?、{n}）前面没有可以重复的内容',
  'numbers out of order in {} quantifier': '{} 里的两个数前大后小',
  'Range out of order in character class': '方括号里的范围前大后小（如 [9-0]）',
  'Invalid group': '(? 后面的写法不对',
  'Invalid capture group name': '命名组的名字不对',
  'Duplicate capture group name': '两个命名组同名',
  'Invalid named capture referenced': '引用了不存在的命名组',
  '\\ at end of pattern': '末尾是单独的反斜杠 \\',
};

function doesNotCompile(reason: string): { message: string; params: { zh: string } } {
  const tail = reason.slice(reason.lastIndexOf(': ') + 2);
  return said(`pattern does not compile: ${reason}`, `pattern 不是有效的正则表达式：${SYNTAX_ZH[tail] ?? reason}`);
}

function buildSchemas(z: Z) {
  const text = z.string().trim().min(1);
  const idSchema = z.string().refine((id) => /^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(id), said('ids are lower-case words joined by "-" (like acme-15)', 'id 要用小写字母和数字，多个词用 "-" 连接（如 acme-15）'));

  /** A regex source that compiles and is anchored with ^…$. */
  const anchoredPattern = z.string().superRefine((source, ctx) => {
    const compiled = compilePattern(source);
    if (typeof compiled === 'string') ctx.addIssue({ code: 'custom', ...doesNotCompile(compiled) });
    else if (!isAnchored(source)) {
      ctx.addIssue({
        code: 'custom',
        ...said(
          'pattern must be anchored as ^…$ with no top-level "|" (else any number containing a fitting run would fit); write alternatives as ^(?:A|B)$',
          'pattern 要以 ^ 开头、以 $ 结尾，最外层不能有 "|"（否则只要单号里有一段符合就算符合）；几种写法请写成 ^(?:A|B)$',
        ),
      });
    }
  });

  const compilingPattern = z.string().superRefine((source, ctx) => {
    const compiled = compilePattern(source);
    if (typeof compiled === 'string') ctx.addIssue({ code: 'custom', ...doesNotCompile(compiled) });
  });

  // One entry per algorithm in checksums.ts. The union is closed: a name that is not
  // listed here is a load error, never a silent pass.
  const checksumSchema = z.discriminatedUnion('name', [
    z.strictObject({ name: z.literal('s10') }),
    z.strictObject({ name: z.literal('ems13') }),
    z.strictObject({ name: z.literal('sf12') }),
    z.strictObject({ name: z.literal('mod7') }),
    z.strictObject({
      name: z.literal('mod10'),
      evensMultiplier: z.int().min(1).max(9),
      oddsMultiplier: z.int().min(1).max(9),
      /** Digits put in front of the serial unless it already matches (USPS IMpb without its 91). */
      prepend: z.strictObject({ unlessMatches: compilingPattern, content: z.string().regex(/^\d+$/) }).optional(),
    }),
    z.strictObject({
      name: z.literal('mod11'),
      /** One weight per serial digit; check digit = (Σ weight·digit mod 11) mod 10. */
      weights: z.array(z.int().min(0).max(99)).min(1),
    }),
  ]);

  const validNumber = z.strictObject({ number: text, source: text, note: text.optional() });
  const invalidNumber = z.strictObject({ number: text, why: text });

  const formatSchema = z
    .strictObject({
      id: idSchema,
      /** English, for --lang en and `ship carriers`. */
      name: text,
      /** Chinese, for zh messages (they fall back to name without it). It must say something in Chinese. */
      nameZh: text.refine((name) => /[\u4e00-\u9fff]/.test(name), said('nameZh is the Chinese name of the format: write it in Chinese', 'nameZh 是格式的中文名：请用中文写')).optional(),
      pattern: anchoredPattern,
      status: z.enum(['current', 'legacy']),
      confidence: z.enum(['confirmed', 'single-source', 'inferred']),
      specificity: z.enum(['letter-prefix', 'digit-prefix', 'length-only']),
      checksum: checksumSchema.optional(),
      /**
       * The id of an earlier current format of the same carrier that this one widens: the
       * narrower one holds what real numbers show (韵达's 31/42/43/46), this one what a single
       * source's rule allows (any 15 digits starting 3 or 4). A number only this one takes is
       * imported with a warning that names the narrower format, never a confident pass.
       */
      widens: idSchema.optional(),
      source: text,
      note: text.optional(),
      test: z
        .strictObject({ valid: z.array(validNumber), invalid: z.array(invalidNumber) })
        .default({ valid: [], invalid: [] }),
    })
    .superRefine((format, ctx) => {
      // The algorithm reads the serial and the check digit from these groups.
      if (!format.checksum) return;
      for (const group of ['serial', 'check']) {
        if (!hasGroup(format.pattern, group)) {
          const marks = group === 'serial' ? { en: 'the digits the check digit is computed from', zh: '参与计算的数字' } : { en: 'the check digit', zh: '校验位' };
          ctx.addIssue({ code: 'custom', path: ['pattern'], ...said(`a format with a checksum needs a (?<${group}>…) group around ${marks.en}`, `有 checksum 的格式，pattern 里要用 (?<${group}>…) 组框出${marks.zh}`) });
        }
      }
    });

  const packageBarcodeSchema = z
    .strictObject({
      pattern: anchoredPattern,
      source: text,
      test: z
        .strictObject({
          valid: z.array(z.strictObject({ number: text, waybill: text, source: text })),
          invalid: z.array(invalidNumber),
        })
        .default({ valid: [], invalid: [] }),
    })
    .superRefine((barcode, ctx) => {
      if (!hasGroup(barcode.pattern, 'waybill')) {
        ctx.addIssue({ code: 'custom', path: ['pattern'], ...said('a package barcode pattern needs a (?<waybill>…) group around the waybill in it', '包裹号的 pattern 里要用 (?<waybill>…) 组框出其中的运单号') });
      }
    });

  const codesSchema = z.strictObject({
    xhs: text.optional(),
    kuaidi100: text.optional(),
    kdniao: text.optional(),
    taobao: text.optional(),
  });

  // Without defaults, so that a partial override only replaces the fields it names.
  const carrierFields = {
    id: idSchema,
    displayName: text,
    names: z.array(text),
    codes: codesSchema,
    partners: z.array(idSchema),
    formats: z.array(formatSchema),
    packageBarcode: packageBarcodeSchema.optional(),
    noKnownFormat: text.optional(),
    /** International carriers rank after domestic ones in detection: a chance check-digit pass on a
     *  bare 10–15 digit number must not make FedEx or DHL the first suggestion to a 小红书 merchant. */
    scope: z.enum(['domestic', 'international']),
    note: text.optional(),
  };

  const carrierSchema = z
    .strictObject({ ...carrierFields, codes: codesSchema.default({}), partners: carrierFields.partners.default([]), scope: carrierFields.scope.default('domestic') })
    .superRefine((carrier, ctx) => {
      if (carrier.formats.length === 0 && !carrier.noKnownFormat) {
        ctx.addIssue({ code: 'custom', path: ['noKnownFormat'], ...said('a carrier without formats must say why in noKnownFormat', '没有 formats 的快递公司要在 noKnownFormat 里说明原因') });
      }
      if (carrier.formats.length > 0 && carrier.noKnownFormat) {
        ctx.addIssue({ code: 'custom', path: ['noKnownFormat'], ...said('noKnownFormat is only for carriers without formats', 'noKnownFormat 只用于没有 formats 的快递公司') });
      }
      carrier.formats.forEach((format, f) => {
        if (format.widens === undefined) return;
        const narrower = carrier.formats.findIndex((other) => other.id === format.widens);
        // Listed first, the narrower format answers every number both take (the first fit wins a tie).
        if (narrower < 0 || narrower >= f) {
          ctx.addIssue({
            code: 'custom',
            path: ['formats', f, 'widens'],
            ...said(`widens must name a format listed before this one in the same carrier, not "${format.widens}"`, `widens 要写同一快递公司里排在这个格式前面的格式 id，「${format.widens}」不是`),
          });
        } else if (format.status !== 'current' || carrier.formats[narrower]!.status !== 'current') {
          ctx.addIssue({ code: 'custom', path: ['formats', f, 'widens'], ...said('widens is for two current formats: a legacy format already warns', 'widens 只用于两个 current 格式：legacy 格式本来就会提醒') });
        }
      });
      if (carrier.partners.includes(carrier.id)) {
        ctx.addIssue({ code: 'custom', path: ['partners'], ...said('a carrier is not its own partner', '快递公司不能把自己写进 partners') });
      }
    });

  const rulesFileSchema = z
    .strictObject({ version: text, carriers: z.array(carrierSchema) })
    .superRefine((file, ctx) => {
      for (const issue of crossCheckCarriers(file.carriers)) {
        ctx.addIssue({ code: 'custom', path: ['carriers', issue.index, ...issue.path], ...said(issue.message.en, issue.message.zh) });
      }
    });

  /** A --rules file: same fields, but a carrier with a known id may give only the fields it replaces. */
  const overrideFileSchema = z.strictObject({
    version: text.optional(),
    carriers: z.array(z.strictObject(carrierFields).partial().required({ id: true })),
  });

  /** zod's own messages in Chinese (a wrong type, an unknown field), for a parse in zh. */
  const zhMessages = z.locales.zhCN().localeError;

  return { idSchema, checksumSchema, formatSchema, carrierSchema, rulesFileSchema, overrideFileSchema, zhMessages };
}

type Schemas = ReturnType<typeof buildSchemas>;
let built: Schemas | undefined;

/** The schemas, built (and zod loaded) on the first call. */
export function ruleSchemas(): Schemas {
  built ??= buildSchemas((createRequire(import.meta.url)('zod') as typeof Zod).z);
  return built;
}

export type Checksum = Zod.infer<Schemas['checksumSchema']>;
export type ChecksumName = Checksum['name'];
export type Format = Zod.infer<Schemas['formatSchema']>;
export type Carrier = Zod.infer<Schemas['carrierSchema']>;
export type RulesFile = Zod.infer<Schemas['rulesFileSchema']>;
/** A rules file as written, before the schema's defaults are filled in. */
export type RulesFileInput = Zod.input<Schemas['rulesFileSchema']>;
export type CarrierOverride = Zod.infer<Schemas['overrideFileSchema']>['carriers'][number];
export type Strength = 'checksum' | Format['specificity'];
