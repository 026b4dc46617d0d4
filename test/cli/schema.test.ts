// The shipped JSON Schemas are generated from the zod schemas. These tests fail when
// a zod schema changes and the committed file was not regenerated:
//   node bin/ship.js schema report > schema/ship-report.schema.json
//   node bin/ship.js schema config > schema/ship-config.schema.json
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SCHEMAS } from '../../src/cli/report-json-schema.js';
import { validateJsonSchema } from '../helpers/json-schema.js';
import { ROOT } from '../helpers/cli.js';
import { fileReport, finding, run } from './render-fixtures.js';

const committed = (name: string) => readFileSync(join(ROOT, 'schema', `ship-${name}.schema.json`), 'utf8');

describe('the shipped JSON Schemas', () => {
  for (const name of ['report', 'config'] as const) {
    it(`schema/ship-${name}.schema.json is exactly z.toJSONSchema of the zod schema`, () => {
      expect(committed(name)).toBe(`${JSON.stringify(SCHEMAS[name](), null, 2)}\n`);
    });
  }

  it('are in the published package', () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { files: string[] };
    expect(pkg.files).toContain('schema');
  });
});

describe('the test validator for the report schema', () => {
  const schema = JSON.parse(committed('report')) as Record<string, unknown>;
  const good = run([fileReport('a.xlsx', [finding(2, 'tracking-format', 'error')])]);

  it('accepts a report of the right shape', () => {
    expect(validateJsonSchema(schema, good)).toEqual([]);
  });

  it('rejects a wrong type, a missing field, an unknown field, a bad enum and a bad const', () => {
    const [file] = good.files;
    if (file === undefined) throw new Error('no file');
    const bad = (change: Record<string, unknown>) => validateJsonSchema(schema, { ...good, files: [{ ...file, ...change }] });
    expect(bad({ headerRow: 'one' })).not.toEqual([]);
    expect(bad({ truncated: undefined })).not.toEqual([]);
    expect(bad({ surprise: 1 })).not.toEqual([]);
    expect(bad({ findings: [{ ...finding(2, 'x', 'error'), severity: 'fatal' }] })).not.toEqual([]);
    expect(bad({ counts: { ...file.counts, byCode: { x: 1.5 } } })).not.toEqual([]);
    expect(validateJsonSchema(schema, { ...good, schemaVersion: 2 })).not.toEqual([]);
  });
});
