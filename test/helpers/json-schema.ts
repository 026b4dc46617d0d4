// A JSON Schema (draft 2020-12) validator for the keywords schema/ship-report.schema.json
// uses, and only those: type, const, enum, properties, required, additionalProperties,
// propertyNames, items, anyOf, minimum, maximum. Any other keyword throws, so the test
// fails loudly instead of passing a document it did not really check.

type Schema = Record<string, unknown>;

const KNOWN = new Set(['$schema', 'title', 'description', 'type', 'const', 'enum', 'properties', 'required', 'additionalProperties', 'propertyNames', 'items', 'anyOf', 'minimum', 'maximum']);

function typeOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}

function hasType(value: unknown, type: string): boolean {
  const actual = typeOf(value);
  return actual === type || (type === 'number' && actual === 'integer');
}

export function validateJsonSchema(schema: Schema, value: unknown, path = '$'): string[] {
  for (const key of Object.keys(schema)) if (!KNOWN.has(key)) throw new Error(`validator does not support "${key}" (at ${path})`);
  const errors: string[] = [];
  const { type } = schema;
  if (type !== undefined) {
    const types = Array.isArray(type) ? (type as string[]) : [type as string];
    if (!types.some((t) => hasType(value, t))) return [`${path}: expected ${types.join(' or ')}, got ${typeOf(value)}`];
  }
  if ('const' in schema && value !== schema.const) errors.push(`${path}: expected ${JSON.stringify(schema.const)}`);
  if (Array.isArray(schema.enum) && !schema.enum.includes(value)) errors.push(`${path}: not one of ${JSON.stringify(schema.enum)}`);
  if (typeof value === 'number') {
    if (typeof schema.minimum === 'number' && value < schema.minimum) errors.push(`${path}: below ${schema.minimum}`);
    if (typeof schema.maximum === 'number' && value > schema.maximum) errors.push(`${path}: above ${schema.maximum}`);
  }
  if (Array.isArray(schema.anyOf)) {
    const fits = (schema.anyOf as Schema[]).some((option) => validateJsonSchema(option, value, path).length === 0);
    if (!fits) errors.push(`${path}: fits none of anyOf`);
  }
  if (Array.isArray(value) && schema.items !== undefined) {
    value.forEach((item, i) => errors.push(...validateJsonSchema(schema.items as Schema, item, `${path}[${i}]`)));
  }
  if (typeOf(value) === 'object') {
    const object = value as Record<string, unknown>;
    const properties = (schema.properties ?? {}) as Record<string, Schema>;
    for (const key of (schema.required ?? []) as string[]) if (!(key in object)) errors.push(`${path}: missing ${key}`);
    for (const [key, item] of Object.entries(object)) {
      if (schema.propertyNames !== undefined) errors.push(...validateJsonSchema(schema.propertyNames as Schema, key, `${path} key ${key}`));
      const own = properties[key];
      if (own !== undefined) errors.push(...validateJsonSchema(own, item, `${path}.${key}`));
      else if (schema.additionalProperties === false) errors.push(`${path}: unexpected property ${key}`);
      else if (typeof schema.additionalProperties === 'object' && schema.additionalProperties !== null) {
        errors.push(...validateJsonSchema(schema.additionalProperties as Schema, item, `${path}.${key}`));
      }
    }
  }
  return errors;
}
