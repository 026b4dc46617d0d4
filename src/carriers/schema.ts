// The shape of carriers.json and of a user's --rules file. Everything the registry
// trusts is checked here, at load: an unknown check-digit algorithm, a pattern that
// does not compile or is not anchored, a duplicate id or an alias two carriers claim
// all fail loudly instead of silently passing numbers later.
//
// zod is loaded on first use, not when this module is: the built-in rules are checked
// by the test suite (test/carriers/built-in.test.ts) and loaded without it, so `ship
// detect` and `ship validate` without --rules never pay for zod's start-up (~0.15 s).
import { createRequire } from 'node:module';
import type * as Zod from 'zod';
import { crossCheckCarriers } from './cross-check.js';
import { compilePattern, hasGroup, isAnchored } from './pattern.js';

type Z = typeof Zod.z;

function buildSchemas(z: Z) {
  const text = z.string().trim().min(1);
  const idSchema = z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'ids are lower-case words joined by "-"');

  /** A regex source that compiles and is anchored with ^…$. */
  const anchoredPattern = z.string().superRefine((source, ctx) => {
    const compiled = compilePattern(source);
    if (typeof compiled === 'string') ctx.addIssue({ code: 'custom', message: `pattern does not compile: ${compiled}` });
    else if (!isAnchored(source)) {
      ctx.addIssue({ code: 'custom', message: 'pattern must be anchored as ^…$ with no top-level "|"' });
    }
  });

  const compilingPattern = z.string().superRefine((source, ctx) => {
    const compiled = compilePattern(source);
    if (typeof compiled === 'string') ctx.addIssue({ code: 'custom', message: `pattern does not compile: ${compiled}` });
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
      nameZh: text.regex(/[\u4e00-\u9fff]/, 'nameZh is the Chinese name of the format: write it in Chinese').optional(),
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
          ctx.addIssue({ code: 'custom', path: ['pattern'], message: `a format with a checksum needs a (?<${group}>…) group` });
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
        ctx.addIssue({ code: 'custom', path: ['pattern'], message: 'a package barcode pattern needs a (?<waybill>…) group' });
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
        ctx.addIssue({ code: 'custom', path: ['noKnownFormat'], message: 'a carrier without formats must say why in noKnownFormat' });
      }
      if (carrier.formats.length > 0 && carrier.noKnownFormat) {
        ctx.addIssue({ code: 'custom', path: ['noKnownFormat'], message: 'noKnownFormat is only for carriers without formats' });
      }
      carrier.formats.forEach((format, f) => {
        if (format.widens === undefined) return;
        const narrower = carrier.formats.findIndex((other) => other.id === format.widens);
        // Listed first, the narrower format answers every number both take (the first fit wins a tie).
        if (narrower < 0 || narrower >= f) {
          ctx.addIssue({ code: 'custom', path: ['formats', f, 'widens'], message: `widens must name a format listed before this one in the same carrier, not "${format.widens}"` });
        } else if (format.status !== 'current' || carrier.formats[narrower]!.status !== 'current') {
          ctx.addIssue({ code: 'custom', path: ['formats', f, 'widens'], message: 'widens is for two current formats: a legacy format already warns' });
        }
      });
      if (carrier.partners.includes(carrier.id)) {
        ctx.addIssue({ code: 'custom', path: ['partners'], message: 'a carrier is not its own partner' });
      }
    });

  const rulesFileSchema = z
    .strictObject({ version: text, carriers: z.array(carrierSchema) })
    .superRefine((file, ctx) => {
      for (const issue of crossCheckCarriers(file.carriers)) {
        ctx.addIssue({ code: 'custom', path: ['carriers', issue.index, ...issue.path], message: issue.message });
      }
    });

  /** A --rules file: same fields, but a carrier with a known id may give only the fields it replaces. */
  const overrideFileSchema = z.strictObject({
    version: text.optional(),
    carriers: z.array(z.strictObject(carrierFields).partial().required({ id: true })),
  });

  return { idSchema, checksumSchema, formatSchema, carrierSchema, rulesFileSchema, overrideFileSchema };
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
