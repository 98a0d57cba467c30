// Validates JSON against the W3C Web Annotation Working Group's test-suite JSON Schemas (draft-04, with ajv): every
// "must" assertion of annotationMusts.test, collectionMusts.test and pageMusts.test. The schemas are data kept
// outside the repository (their ORIGIN.md asks that they be used as data, not copied): the folder named by
// W3C_ANNOTATION_TESTS, else shared/w3c-annotation-tests beside the repository's folder.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import Ajv from 'ajv';
import draft04 from 'ajv/lib/refs/json-schema-draft-04.json';

const repositoryRoot = path.resolve(import.meta.dirname, '../..');

export const w3cTestsDir = (): string => {
  const dir = process.env.W3C_ANNOTATION_TESTS || path.resolve(repositoryRoot, '..', 'shared', 'w3c-annotation-tests');
  if (!existsSync(path.join(dir, 'definitions', 'annotations.json'))) {
    throw new Error(`The W3C annotation test schemas were not found in ${dir} (set W3C_ANNOTATION_TESTS to their folder).`);
  }
  return dir;
};

type Check = { file: string; title: string; validate: Ajv.ValidateFunction };
type Suites = { annotation: Check[]; collection: Check[]; page: Check[] };

let suites: Suites | undefined;

function load(): Suites {
  if (suites) return suites;
  const dir = w3cTestsDir();
  const ajv = new Ajv({ schemaId: 'id', meta: false, allErrors: false, unknownFormats: 'ignore', logger: false });
  ajv.addMetaSchema(draft04);
  (ajv as unknown as { _opts: { defaultMeta: string } })._opts.defaultMeta = draft04.id;
  for (const file of readdirSync(path.join(dir, 'definitions')).filter((f) => f.endsWith('.json'))) {
    ajv.addSchema(JSON.parse(readFileSync(path.join(dir, 'definitions', file), 'utf8')) as object);
  }
  const suite = (testFile: string): Check[] => {
    const test = JSON.parse(readFileSync(path.join(dir, testFile), 'utf8')) as { assertions: string[] };
    return test.assertions.map((assertion) => {
      const schema = JSON.parse(readFileSync(path.join(dir, assertion), 'utf8')) as { title: string; expectedResult: string; assertionType: string };
      if (schema.expectedResult !== 'valid' || schema.assertionType !== 'must') throw new Error(`unexpected assertion kind in ${assertion}`);
      return { file: assertion, title: schema.title, validate: ajv.compile(schema) };
    });
  };
  suites = {
    annotation: suite('annotations/annotationMusts.test'),
    collection: suite('collections/collectionMusts.test'),
    page: suite('collections/pages/pageMusts.test'),
  };
  return suites;
}

/** The "must" assertions the value fails (empty when it conforms), as "file: title" lines. */
export function w3cViolations(kind: keyof Suites, value: unknown): string[] {
  return load()[kind].filter((check) => !check.validate(value)).map((check) => `${check.file}: ${check.title} ${JSON.stringify(check.validate.errors?.slice(0, 2))}`);
}

/** How many "must" assertions each suite has (so a test can show it checked something). */
export const w3cAssertionCounts = (): Record<keyof Suites, number> => {
  const s = load();
  return { annotation: s.annotation.length, collection: s.collection.length, page: s.page.length };
};

/** Every violation in a W3C export: the collection, each embedded page, and each annotation in them. */
export function w3cExportViolations(collection: Record<string, unknown>): string[] {
  const out = w3cViolations('collection', collection).map((v) => `collection: ${v}`);
  let page = collection.first as Record<string, unknown> | string | undefined;
  let index = 0;
  while (page && typeof page === 'object') {
    // an embedded page inherits the collection's @context
    out.push(...w3cViolations('page', { '@context': collection['@context'], ...page }).map((v) => `page ${index}: ${v}`));
    for (const [i, item] of ((page.items as unknown[]) ?? []).entries()) {
      const annotation = typeof item === 'object' && item !== null && !('@context' in item) ? { '@context': collection['@context'], ...item } : item;
      out.push(...w3cViolations('annotation', annotation).map((v) => `page ${index} item ${i}: ${v}`));
    }
    page = page.next as Record<string, unknown> | string | undefined;
    index += 1;
  }
  return out;
}
