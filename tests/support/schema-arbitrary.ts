// fast-check arbitraries from a route's zod schemas, for the property-based API tests: the schema is turned into
// JSON Schema (zod's `toJSONSchema`, input side; what JSON Schema cannot say — transforms, refinements — becomes
// "anything") and values are drawn from it, mostly valid-looking, with strings sometimes replaced by values the
// test knows exist (ids, slugs, quotes) so that requests reach past validation, and the whole input sometimes
// replaced by arbitrary JSON. Sizes stay small: this explores shapes, not volume (bounded work has its own tests).
import fc from 'fast-check';
import { z } from 'zod';

type JsonSchema = {
  type?: string | string[];
  const?: unknown;
  enum?: unknown[];
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  prefixItems?: JsonSchema[];
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  minItems?: number;
  maxItems?: number;
  additionalProperties?: boolean | JsonSchema;
};

/** Arbitrary JSON of modest size: what a client could send anywhere. */
export const anyJson: fc.Arbitrary<unknown> = fc.jsonValue({ maxDepth: 3 });

/** Strings that tend to break things: empty, blank, long, control characters, markup, surrogates, numbers. */
export const nastyString: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom('', ' ', '\u0000', '\n\t', '<script>alert(1)</script>', '../../etc/passwd', '%00', '-1', '1e309', 'NaN', '\ud800', 'null'),
  fc.string({ maxLength: 40, unit: 'grapheme' }),
  fc.string({ maxLength: 20, unit: 'binary' }),
  fc.nat({ max: 3000 }).map((n) => 'x'.repeat(n)),
);

function stringArbitrary(schema: JsonSchema, known: readonly string[]): fc.Arbitrary<string> {
  const min = schema.minLength ?? 0;
  const max = Math.max(min, Math.min(schema.maxLength ?? 60, min + 60));
  const fitting = fc.string({ minLength: min, maxLength: max });
  const choices: Array<fc.WeightedArbitrary<string>> = [
    { weight: 4, arbitrary: fitting },
    { weight: 1, arbitrary: nastyString },
  ];
  if (schema.maxLength !== undefined) choices.push({ weight: 1, arbitrary: fc.constant('y'.repeat(schema.maxLength + 1)) });
  if (known.length > 0) choices.push({ weight: 4, arbitrary: fc.constantFrom(...known) });
  return fc.oneof(...choices);
}

function numberArbitrary(schema: JsonSchema, integer: boolean): fc.Arbitrary<number> {
  const low = schema.minimum ?? schema.exclusiveMinimum;
  const high = schema.maximum ?? schema.exclusiveMaximum;
  const edges = [low, high, 0, -1, 1, 2 ** 31, -(2 ** 53), Number.MAX_SAFE_INTEGER].filter((v): v is number => v !== undefined && Number.isFinite(v));
  const inRange = integer
    ? fc.integer({ min: Math.max(Math.ceil(low ?? -1000), -(2 ** 31)), max: Math.min(Math.floor(high ?? 1000), 2 ** 31 - 1) })
    : fc.double({ min: low ?? -1000, max: high ?? 1000, noNaN: true, noDefaultInfinity: true });
  return fc.oneof({ weight: 4, arbitrary: inRange }, { weight: 1, arbitrary: fc.constantFrom(...edges, 0.5, -0.5, 1e300) });
}

/** An arbitrary for values of `schema`, with `known` strings mixed into string positions. */
export function fromJsonSchema(schema: JsonSchema | boolean | undefined, known: readonly string[], depth = 0): fc.Arbitrary<unknown> {
  if (schema === undefined || schema === true || schema === false || depth > 6) return anyJson;
  if (schema.const !== undefined) return fc.constant(schema.const);
  if (schema.enum && schema.enum.length > 0) return fc.constantFrom(...schema.enum);
  const alternatives = schema.anyOf ?? schema.oneOf;
  if (alternatives && alternatives.length > 0) return fc.oneof(...alternatives.map((s) => fromJsonSchema(s, known, depth + 1)));
  if (schema.allOf && schema.allOf.length > 0) return fromJsonSchema(schema.allOf[0], known, depth + 1);
  const type = Array.isArray(schema.type) ? schema.type : schema.type ? [schema.type] : [];
  if (type.length > 1) return fc.oneof(...type.map((t) => fromJsonSchema({ ...schema, type: t }, known, depth + 1)));
  switch (type[0]) {
    case 'string':
      return stringArbitrary(schema, known);
    case 'integer':
      return numberArbitrary(schema, true);
    case 'number':
      return numberArbitrary(schema, false);
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    case 'array': {
      if (schema.prefixItems) return fc.tuple(...schema.prefixItems.map((s) => fromJsonSchema(s, known, depth + 1)));
      const minLength = schema.minItems ?? 0;
      return fc.array(fromJsonSchema(schema.items, known, depth + 1), { minLength, maxLength: Math.max(minLength, Math.min(schema.maxItems ?? 4, 4)) });
    }
    case 'object': {
      const properties = schema.properties ?? {};
      const record: Record<string, fc.Arbitrary<unknown>> = {};
      for (const [key, value] of Object.entries(properties)) record[key] = fromJsonSchema(value, known, depth + 1);
      if (Object.keys(record).length === 0) return fc.dictionary(fc.string({ maxLength: 10 }), anyJson, { maxKeys: 3 });
      return fc.record(record, { requiredKeys: (schema.required ?? []).filter((k) => k in record) });
    }
    default:
      return anyJson;
  }
}

function jsonSchemaOf(schema: z.ZodType): JsonSchema | undefined {
  try {
    return z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any', cycles: 'ref', reused: 'inline' }) as JsonSchema;
  } catch {
    return undefined;
  }
}

/**
 * Inputs for a request part declared by `schema` (undefined: the route declared none): three in five drawn from
 * the schema, the rest arbitrary JSON — or, for a query, arbitrary string pairs.
 */
export function inputArbitrary(schema: z.ZodType | undefined, known: readonly string[], part: 'body' | 'query'): fc.Arbitrary<unknown> {
  const wild = part === 'query' ? fc.dictionary(fc.string({ maxLength: 12 }), nastyString, { maxKeys: 4 }) : anyJson;
  const declared = schema ? jsonSchemaOf(schema) : undefined;
  if (!declared) return wild;
  return fc.oneof({ weight: 3, arbitrary: fromJsonSchema(declared, known) }, { weight: 2, arbitrary: wild });
}

/** A query object as URL search parameters: scalars as text, anything else as its JSON. */
export function toSearchParams(query: unknown): string {
  if (typeof query !== 'object' || query === null || Array.isArray(query)) return '';
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query as Record<string, unknown>)) {
    if (value === undefined) continue;
    params.append(key, typeof value === 'string' ? value : JSON.stringify(value));
  }
  const text = params.toString();
  return text === '' ? '' : `?${text}`;
}
