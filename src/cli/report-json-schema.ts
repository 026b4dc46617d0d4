// JSON Schemas generated from the zod schemas, so the two cannot disagree: the
// --format json document and ship.config.json. schema/*.schema.json are this output,
// committed and shipped in the package; a test fails when they drift. Regenerate with
//   node bin/ship.js schema report > schema/ship-report.schema.json
//   node bin/ship.js schema config > schema/ship-config.schema.json

import { z } from 'zod';
import { configSchema } from './config.js';
import { runReportSchema } from './report-schema.js';

export const SCHEMAS = {
  report: () => z.toJSONSchema(runReportSchema),
  // What a user writes: optional fields stay optional.
  config: () => z.toJSONSchema(configSchema(), { io: 'input' }),
} as const;

export type SchemaName = keyof typeof SCHEMAS;

export function isSchemaName(name: string): name is SchemaName {
  return Object.hasOwn(SCHEMAS, name);
}
