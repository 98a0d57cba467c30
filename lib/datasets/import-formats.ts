// Reading annotation files from other tools (and our own `w3c` export) into one shape, `ImportItem`: W3C Web
// Annotation JSON-LD (an AnnotationCollection with embedded pages, an AnnotationPage, an array or one annotation)
// and Hypothesis API JSON (`{rows: [...]}` or an array of rows with `target[].selector[]` and `text`). Pure:
// every row is checked with zod, and the first bad row throws BAD_REQUEST naming its index and the problem.
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { AppError, type FieldErrors } from '../errors';
import { annotationKinds, type AnnotationKind } from '../annotations/types';
import { STATEMENT_MAX, QUOTE_MAX } from '../annotations/limits';
import type { RichTextDoc } from '../richtext/types';
import { cutAtFirst } from '../text-edges';
import { richTextInputSchema } from '../richtext/validator';
import type { ExternalCreator } from './model';

export const importFormats = ['w3c', 'hypothesis'] as const;
export type ImportFormat = (typeof importFormats)[number];

/** At most this many annotations per file (one transaction). */
export const IMPORT_MAX_ITEMS = 20_000;

export type ImportFields =
  | { kind: 'claim'; statement: string | null }
  | { kind: 'probability'; statement: string | null; value: number }
  | { kind: 'evidence'; statement: string; stance: 'for' | 'against'; strength: number; source: string | null }
  | { kind: 'crux'; statement: string | null; forStatement: string; direction: 'more' | 'less' };

/** A W3C annotation with motivation `replying` (how Cruxmap exports replies): imported as a reply in a thread. */
export type ImportReply = {
  index: number;
  sourceId: string;
  /** the IRI of the annotation (or reply) it answers */
  target: string;
  body: { doc: RichTextDoc; text: string };
  created: Date | null;
};

export type ImportItem = {
  /** position in the file (0-based) */
  index: number;
  /** the annotation's id in the source: what re-imports are idempotent on */
  sourceId: string;
  /** where the source says it sits: a document address (or title), to match a workspace document */
  sourceUri: string | null;
  sourceTitle: string | null;
  /** null: the row has no text quote (a page note), so it cannot be anchored */
  quote: { exact: string; prefix: string; suffix: string } | null;
  position: { start: number; end: number } | null;
  fields: ImportFields;
  rationale: { doc: RichTextDoc; text: string } | null;
  creator: ExternalCreator | null;
  created: Date | null;
  modified: Date | null;
};

const dateTime = z
  .string()
  .max(64)
  .refine((v) => !Number.isNaN(Date.parse(v)), 'must be a date-time (ISO 8601)')
  .transform((v) => new Date(v));

const statement = z.string().trim().min(1, 'must not be empty').max(STATEMENT_MAX, `must be at most ${STATEMENT_MAX} characters`);
const httpUrl = z
  .string()
  .max(2000, 'is too long')
  .refine((v) => {
    try {
      return ['http:', 'https:'].includes(new URL(v).protocol);
    } catch {
      return false;
    }
  }, 'must be an http or https URL');

const quoteSelector = z.object({
  type: z.literal('TextQuoteSelector'),
  exact: z.string().min(1, 'must not be empty').max(QUOTE_MAX, `must be at most ${QUOTE_MAX} characters`),
  prefix: z.string().max(1000).optional(),
  suffix: z.string().max(1000).optional(),
});
const positionSelector = z
  .object({ type: z.literal('TextPositionSelector'), start: z.int().min(0, 'must be 0 or more'), end: z.int().min(0, 'must be 0 or more') })
  .refine((s) => s.end > s.start, { path: ['end'], message: 'must be greater than start' });
const anySelector = z.object({ type: z.string() }).loose();
const selectorList = z.union([anySelector, z.array(anySelector).max(50)]).optional();

const claimRef = z.object({ id: z.string().max(300).optional(), 'cruxmap:statement': statement }).loose();

/** The structured body of our own export (see w3c.ts). */
const cruxmapBody = z
  .object({
    'cruxmap:kind': z.enum(annotationKinds, `must be one of ${annotationKinds.join(', ')}`),
    'cruxmap:claim': claimRef.optional(),
    'cruxmap:probability': z
      .number('must be a number between 0 and 1 (a value hidden by blind review cannot be imported)')
      .min(0, 'must be between 0 and 1')
      .max(1, 'must be between 0 and 1')
      .optional()
      .nullable(),
    'cruxmap:stance': z.enum(['for', 'against'], 'must be "for" or "against"').optional(),
    'cruxmap:strength': z.int('must be 1, 2 or 3').min(1, 'must be 1, 2 or 3').max(3, 'must be 1, 2 or 3').optional(),
    'cruxmap:evidenceSource': httpUrl.optional(),
    'cruxmap:forClaim': claimRef.optional(),
    'cruxmap:direction': z.enum(['more', 'less'], 'must be "more" or "less"').optional(),
  })
  .loose()
  .superRefine((b, ctx) => {
    const need = (key: string, message: string) => ctx.addIssue({ code: 'custom', path: [key], message });
    const kind = b['cruxmap:kind'];
    if (kind === 'probability' && (b['cruxmap:probability'] === undefined || b['cruxmap:probability'] === null)) {
      need('cruxmap:probability', 'is required for a probability (a value hidden by blind review cannot be imported)');
    }
    if (kind === 'evidence') {
      if (!b['cruxmap:claim']) need('cruxmap:claim', 'is required for evidence');
      if (!b['cruxmap:stance']) need('cruxmap:stance', 'is required for evidence');
      if (b['cruxmap:strength'] === undefined) need('cruxmap:strength', 'is required for evidence');
    }
    if (kind === 'crux') {
      if (!b['cruxmap:forClaim']) need('cruxmap:forClaim', 'is required for a crux');
      if (!b['cruxmap:direction']) need('cruxmap:direction', 'is required for a crux');
    }
  });

const textualBody = z.object({ value: z.string(), purpose: z.unknown().optional(), 'cruxmap:tiptap': z.unknown().optional() }).loose();

const agent = z
  .union([
    z.string().max(500),
    z.object({ id: z.string().max(500).optional(), name: z.string().max(300).optional(), nickname: z.string().max(300).optional() }).loose(),
  ])
  .optional();

const w3cAnnotation = z
  .object({
    id: z.string().min(1).max(1000).optional(),
    type: z.union([z.string(), z.array(z.string())]).optional(),
    motivation: z.union([z.string(), z.array(z.string())]).optional(),
    created: dateTime.optional(),
    modified: dateTime.optional(),
    creator: z.union([agent, z.array(agent).max(10)]).optional(),
    body: z.unknown().optional(),
    bodyValue: z.string().optional(),
    target: z.unknown(),
  })
  .loose()
  .refine((a) => a.target !== undefined && a.target !== null, { path: ['target'], message: 'is required' })
  .refine((a) => a.type === undefined || (Array.isArray(a.type) ? a.type : [a.type]).includes('Annotation'), {
    path: ['type'],
    message: 'must be "Annotation"',
  });

const hypothesisRow = z
  .object({
    id: z.string().min(1).max(200),
    created: dateTime.optional(),
    updated: dateTime.optional(),
    user: z.string().max(300).optional(),
    user_info: z.object({ display_name: z.string().max(300).nullish() }).loose().nullish(),
    uri: z.string().max(2000).optional(),
    text: z.string().optional(),
    document: z.object({ title: z.union([z.string(), z.array(z.string())]).optional() }).loose().nullish(),
    target: z
      .array(z.object({ source: z.string().max(2000).optional(), selector: z.array(anySelector).max(50).optional() }).loose())
      .min(1, 'must have at least one target'),
  })
  .loose();

/** A bad row: 400 naming the row's index and each problem, prefixed with `items.<index>`. */
function badRow(index: number, error: z.ZodError | { path: (string | number)[]; message: string }[]): AppError {
  const issues = error instanceof z.ZodError ? error.issues.map((i) => ({ path: i.path as (string | number)[], message: i.message })) : error;
  const fields: FieldErrors = {};
  for (const issue of issues) {
    const key = ['items', index, ...issue.path].join('.');
    (fields[key] ??= []).push(issue.message);
  }
  const first = issues[0];
  const where = first && first.path.length > 0 ? ` ${first.path.join('.')}` : '';
  return new AppError('BAD_REQUEST', `Annotation at index ${index} is invalid:${where} ${first?.message ?? 'is not an annotation'}. Nothing was imported.`, {
    fields,
  });
}

const asArray = <T>(value: T | T[] | undefined | null): T[] => (value === undefined || value === null ? [] : Array.isArray(value) ? value : [value]);

function rationaleFrom(index: number, path: (string | number)[], input: unknown): { doc: RichTextDoc; text: string } | null {
  if (input === undefined || input === null) return null;
  if (typeof input === 'string' && input.trim() === '') return null;
  const parsed = richTextInputSchema.safeParse(input);
  if (!parsed.success) throw badRow(index, parsed.error.issues.map((i) => ({ path: [...path, ...(i.path as (string | number)[])], message: i.message })));
  return parsed.data;
}

function selectorsOf(index: number, path: (string | number)[], selectors: { type: string }[]) {
  let quote: ImportItem['quote'] = null;
  let position: ImportItem['position'] = null;
  for (const [i, selector] of selectors.entries()) {
    if (selector.type === 'TextQuoteSelector' && quote === null) {
      const parsed = quoteSelector.safeParse(selector);
      if (!parsed.success) throw badRow(index, parsed.error.issues.map((x) => ({ path: [...path, i, ...(x.path as (string | number)[])], message: x.message })));
      quote = { exact: parsed.data.exact, prefix: parsed.data.prefix ?? '', suffix: parsed.data.suffix ?? '' };
    } else if (selector.type === 'TextPositionSelector' && position === null) {
      const parsed = positionSelector.safeParse(selector);
      if (!parsed.success) throw badRow(index, parsed.error.issues.map((x) => ({ path: [...path, i, ...(x.path as (string | number)[])], message: x.message })));
      position = { start: parsed.data.start, end: parsed.data.end };
    }
  }
  return { quote, position };
}

const digest = (parts: unknown[]): string => `sha256:${createHash('sha256').update(JSON.stringify(parts)).digest('hex')}`;

function creatorFrom(creator: unknown): ExternalCreator | null {
  const first = asArray(creator)[0];
  if (typeof first === 'string') return { id: first };
  if (first && typeof first === 'object') {
    const c = first as { id?: string; name?: string; nickname?: string; email?: unknown };
    const out: ExternalCreator = {};
    if (c.id) out.id = c.id;
    if (c.name ?? c.nickname) out.name = (c.name ?? c.nickname);
    if (typeof c.email === 'string' && c.email.length <= 320) out.email = c.email;
    return out.id || out.name ? out : null;
  }
  return null;
}

const isReplying = (raw: unknown): boolean =>
  !!raw && typeof raw === 'object' && asArray((raw as { motivation?: unknown }).motivation).includes('replying');

function w3cReply(raw: unknown, index: number): ImportReply {
  const parsed = w3cAnnotation.safeParse(raw);
  if (!parsed.success) throw badRow(index, parsed.error);
  const a = parsed.data;
  if (!a.id) throw badRow(index, [{ path: ['id'], message: 'is required for a reply' }]);
  const first = asArray(a.target)[0];
  const target = typeof first === 'string' ? first : first && typeof first === 'object' ? ((first as { id?: unknown; source?: unknown }).id ?? (first as { source?: unknown }).source) : null;
  if (typeof target !== 'string' || target === '') throw badRow(index, [{ path: ['target'], message: 'must be the IRI of the annotation it replies to' }]);
  const bodies = asArray(a.body);
  const textIndex = bodies.findIndex((b) => textualBody.safeParse(b).success);
  const textual = textIndex >= 0 ? textualBody.parse(bodies[textIndex]) : a.bodyValue !== undefined ? { value: a.bodyValue } : null;
  const path: (string | number)[] = Array.isArray(a.body) ? ['body', textIndex] : ['body'];
  const tiptap = textual && 'cruxmap:tiptap' in textual ? textual['cruxmap:tiptap'] : undefined;
  const body = textual ? rationaleFrom(index, tiptap !== undefined && tiptap !== null ? [...path, 'cruxmap:tiptap'] : [...path, 'value'], tiptap ?? textual.value) : null;
  if (!body) throw badRow(index, [{ path: ['body'], message: 'a reply needs a text body' }]);
  return { index, sourceId: a.id, target, body, created: a.created ?? null };
}

function w3cItem(raw: unknown, index: number): ImportItem {
  const parsed = w3cAnnotation.safeParse(raw);
  if (!parsed.success) throw badRow(index, parsed.error);
  const a = parsed.data;

  // The target: the first one that is a resource with a source (a SpecificResource), else a bare IRI.
  const targets = asArray(a.target);
  let sourceUri: string | null = null;
  let quote: ImportItem['quote'] = null;
  let position: ImportItem['position'] = null;
  const targetIndex = targets.findIndex((t) => typeof t === 'object' && t !== null && 'source' in t);
  if (targetIndex >= 0) {
    const target = targets[targetIndex] as { source: unknown; selector?: unknown };
    const path: (string | number)[] = Array.isArray(a.target) ? ['target', targetIndex] : ['target'];
    const source = typeof target.source === 'string' ? target.source : (target.source as { id?: unknown } | null)?.id;
    if (typeof source !== 'string' || source === '') throw badRow(index, [{ path: [...path, 'source'], message: 'must be an IRI' }]);
    sourceUri = source;
    const selectors = selectorList.safeParse(target.selector);
    if (!selectors.success) throw badRow(index, selectors.error.issues.map((i) => ({ path: [...path, 'selector', ...(i.path as (string | number)[])], message: i.message })));
    ({ quote, position } = selectorsOf(index, [...path, 'selector'], asArray(selectors.data)));
  } else if (typeof targets[0] === 'string') {
    sourceUri = targets[0];
  } else if (targets[0] && typeof targets[0] === 'object' && typeof (targets[0] as { id?: unknown }).id === 'string') {
    sourceUri = (targets[0] as { id: string }).id;
  } else {
    throw badRow(index, [{ path: ['target'], message: 'must be an IRI or a resource with a source' }]);
  }

  // Bodies: our structured body, a rationale (TextualBody), or another tool's text.
  const bodies = asArray(a.body);
  let fields: ImportFields | null = null;
  let rationale: ImportItem['rationale'] = null;
  const texts: string[] = a.bodyValue ? [a.bodyValue] : [];
  for (const [i, body] of bodies.entries()) {
    const path: (string | number)[] = Array.isArray(a.body) ? ['body', i] : ['body'];
    if (body && typeof body === 'object' && 'cruxmap:kind' in body) {
      const structured = cruxmapBody.safeParse(body);
      if (!structured.success) {
        throw badRow(index, structured.error.issues.map((x) => ({ path: [...path, ...(x.path as (string | number)[])], message: x.message })));
      }
      fields = fieldsFrom(structured.data);
      continue;
    }
    const textual = textualBody.safeParse(body);
    if (!textual.success) continue; // another tool's linked resource, tag or choice: not ours to keep
    if (textual.data['cruxmap:tiptap'] !== undefined && textual.data['cruxmap:tiptap'] !== null) {
      rationale = rationaleFrom(index, [...path, 'cruxmap:tiptap'], textual.data['cruxmap:tiptap']);
    } else if (textual.data.purpose !== 'tagging') {
      texts.push(textual.data.value);
    }
  }
  if (rationale === null && texts.length > 0) rationale = rationaleFrom(index, ['body'], texts.join('\n\n'));

  return {
    index,
    sourceId: a.id ?? digest(['w3c', sourceUri, quote, position, a.created?.toISOString() ?? null, texts]),
    sourceUri,
    sourceTitle: null,
    quote,
    position,
    // another tool's annotation becomes a claim made from its quote, its text the rationale
    fields: fields ?? { kind: 'claim', statement: null },
    rationale,
    creator: creatorFrom(a.creator),
    created: a.created ?? null,
    modified: a.modified ?? null,
  };
}

function fieldsFrom(b: z.output<typeof cruxmapBody>): ImportFields {
  const claim = b['cruxmap:claim']?.['cruxmap:statement'] ?? null;
  const kind: AnnotationKind = b['cruxmap:kind'];
  switch (kind) {
    case 'claim':
      return { kind, statement: claim };
    case 'probability':
      return { kind, statement: claim, value: b['cruxmap:probability'] as number };
    case 'evidence':
      return {
        kind,
        statement: claim as string,
        stance: b['cruxmap:stance'] as 'for' | 'against',
        strength: b['cruxmap:strength'] as number,
        source: b['cruxmap:evidenceSource'] ?? null,
      };
    case 'crux':
      return { kind, statement: claim, forStatement: b['cruxmap:forClaim']?.['cruxmap:statement'] as string, direction: b['cruxmap:direction'] as 'more' | 'less' };
  }
}

function hypothesisItem(raw: unknown, index: number): ImportItem {
  const parsed = hypothesisRow.safeParse(raw);
  if (!parsed.success) throw badRow(index, parsed.error);
  const row = parsed.data;
  const target = row.target[0] as { source?: string; selector?: { type: string }[] };
  const { quote, position } = selectorsOf(index, ['target', 0, 'selector'], target.selector ?? []);
  const title = asArray(row.document?.title)[0] ?? null;
  const user = row.user ?? null;
  const name = row.user_info?.display_name ?? (user ? cutAtFirst(user.replace(/^acct:/, ''), '@') : null);
  return {
    index,
    sourceId: row.id,
    sourceUri: target.source ?? row.uri ?? null,
    sourceTitle: title,
    quote,
    position,
    fields: { kind: 'claim', statement: null },
    rationale: rationaleFrom(index, ['text'], row.text ?? null),
    creator: user || name ? { ...(user ? { id: user } : {}), ...(name ? { name } : {}) } : null,
    created: row.created ?? null,
    modified: row.updated ?? null,
  };
}

/** Which format a parsed file looks like: Hypothesis rows carry `uri`/`user` and a `target` array without `type`. */
export function detectFormat(data: unknown): ImportFormat {
  if (data && typeof data === 'object' && !Array.isArray(data) && Array.isArray((data as { rows?: unknown }).rows)) return 'hypothesis';
  const first: unknown = Array.isArray(data) ? (data as unknown[])[0] : data;
  if (first && typeof first === 'object' && 'user' in first && 'uri' in first && !('type' in first)) return 'hypothesis';
  return 'w3c';
}

/** The annotations of a W3C file: a collection's embedded pages, a page, an array, or one annotation. */
function w3cRows(data: unknown): unknown[] {
  if (Array.isArray(data)) return data;
  if (!data || typeof data !== 'object') throw new AppError('BAD_REQUEST', 'The file is not W3C Web Annotation JSON: expected an annotation, a page or a collection.');
  const types = asArray((data as { type?: unknown }).type);
  if (types.includes('AnnotationCollection')) {
    const rows: unknown[] = [];
    let page = (data as { first?: unknown }).first;
    while (page && typeof page === 'object') {
      rows.push(...asArray((page as { items?: unknown[] }).items));
      page = (page as { next?: unknown }).next;
    }
    if (rows.length === 0 && typeof (data as { first?: unknown }).first === 'string') {
      throw new AppError('BAD_REQUEST', 'The collection links to its pages instead of embedding them: download the pages and import each.');
    }
    return rows;
  }
  if (types.includes('AnnotationPage')) return asArray((data as { items?: unknown[] }).items);
  return [data];
}

/** Parses a file's text into import items; BAD_REQUEST for anything that is not a valid file of the format. */
export function parseImportFile(text: string, format?: ImportFormat): { format: ImportFormat; items: ImportItem[]; replies: ImportReply[] } {
  let data: unknown;
  try {
    data = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    throw new AppError('BAD_REQUEST', `The file is not valid JSON (${error instanceof Error ? error.message : 'parse error'}). Nothing was imported.`, {
      fields: { file: ['is not valid JSON'] },
    });
  }
  const detected = format ?? detectFormat(data);
  const rows = detected === 'hypothesis' ? (Array.isArray(data) ? data : (data as { rows?: unknown[] } | null)?.rows) : w3cRows(data);
  if (!Array.isArray(rows)) {
    throw new AppError('BAD_REQUEST', 'The file is not Hypothesis API JSON: expected {"rows": [...]} or an array of annotations.', {
      fields: { file: ['has no rows'] },
    });
  }
  if (rows.length > IMPORT_MAX_ITEMS) {
    throw new AppError('BAD_REQUEST', `A file may hold at most ${IMPORT_MAX_ITEMS} annotations; split it.`, { fields: { file: ['has too many annotations'] } });
  }
  const items: ImportItem[] = [];
  const replies: ImportReply[] = [];
  rows.forEach((row, index) => {
    if (detected === 'hypothesis') items.push(hypothesisItem(row, index));
    else if (isReplying(row)) replies.push(w3cReply(row, index));
    else items.push(w3cItem(row, index));
  });
  return { format: detected, items, replies };
}
