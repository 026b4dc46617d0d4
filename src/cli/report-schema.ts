// The JSON document `ship validate --format json` prints: a public, versioned
// contract for scripts. Bump schemaVersion on any breaking change.

import { z } from 'zod';

export const findingSchema = z.object({
  code: z.string().describe('Stable finding code, e.g. tracking-format'),
  severity: z.enum(['error', 'warning', 'info']),
  row: z.number().int().describe('Row number as Excel shows it'),
  column: z.string().nullable().describe('Header of the column the finding is about, as written in the file'),
  value: z.string().nullable().describe('The cell value as read'),
  orderId: z.string().nullable(),
  message: z.string(),
  hint: z.string(),
});

export const fileReportSchema = z.object({
  input: z.string(),
  sheet: z.string().nullable(),
  sheetsIgnored: z.array(z.string()).describe('Other sheets of the workbook, not read'),
  headerRow: z.number().int().nullable(),
  rows: z.object({ total: z.number().int(), imported: z.number().int(), rejected: z.number().int(), skipped: z.number().int() }),
  orders: z
    .object({ imported: z.number().int(), rejected: z.number().int(), skipped: z.number().int() })
    .describe('Orders, not rows: skipped counts orders left out on purpose (--skip-after-sales)'),
  tags: z.record(z.string(), z.number().int()).describe('Orders per watched 订单标记 tag: 缺货, 协商发货, 催发货'),
  carriers: z
    .array(z.object({ carrier: z.string(), orders: z.number().int(), ok: z.number().int(), problems: z.number().int() }))
    .describe('Orders per declared carrier (platform name; as typed when unknown; "" when empty): ok = imported without warnings'),
  outputs: z.object({
    import: z.string().nullable().describe('The import sheet; with --max-rows splitting, the first part'),
    importParts: z.array(z.string()).describe('Every import sheet written, in order: one, or <stem>.import.part1.xlsx, part2, ... with --max-rows'),
    report: z.string().nullable(),
  }),
  counts: z
    .object({
      error: z.number().int(),
      warning: z.number().int(),
      info: z.number().int(),
      byCode: z.record(z.string(), z.number().int()).describe('Findings per code, codes in alphabetical order'),
    })
    .describe('Every finding counted, including those left out of `findings` by --max-errors'),
  findings: z.array(findingSchema).describe('Sorted by row; at most --max-errors of them (errors kept before warnings before notes)'),
  truncated: z.boolean().describe('True when --max-errors left findings out of the list; counts still count them'),
  /** Set when the file could not be read or written: the run failed for this file (exit 2). */
  error: z.string().nullable(),
});

export const runReportSchema = z
  .object({
    schemaVersion: z.literal(1),
    ok: z.boolean().describe('True when nothing was rejected (and, with --strict, nothing warned) and every file was read'),
    files: z.array(fileReportSchema),
    error: z
      .string()
      .optional()
      .describe('Only when the run stopped before any file was checked (an option value, ship.config.json, the --rules file or --out-dir): what went wrong, as on stderr; files is then empty'),
  })
  .meta({ title: 'ship validate --format json', description: 'The document `ship validate --format json` prints on stdout. schemaVersion changes only on incompatible changes; fields may be added.' });

export type FindingCounts = z.infer<typeof fileReportSchema>['counts'];
export type FindingJson = z.infer<typeof findingSchema>;
export type FileReport = z.infer<typeof fileReportSchema>;
export type RunReport = z.infer<typeof runReportSchema>;
