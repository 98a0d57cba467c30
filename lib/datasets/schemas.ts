// What the dataset routes and commands accept: the export's format and filters, the import's options, and the
// W3C protocol's paging. Lists are comma-separated (`kind=claim,crux`).
import { z } from 'zod';
import { annotationKinds, type AnnotationKind } from '../annotations/types';
import { importFormats } from './import-formats';
import { exportFormats, type ExportFilters } from './model';

const list = (max: number) =>
  z
    .string()
    .max(4000)
    .optional()
    .transform((v) => (v ? [...new Set(v.split(',').map((s) => s.trim()).filter((s) => s !== ''))] : []))
    .refine((v) => v.length <= max, `at most ${max} values`);

const date = z
  .string()
  .max(64)
  .optional()
  .refine((v) => v === undefined || v === '' || !Number.isNaN(Date.parse(v)), 'must be a date or date-time (ISO 8601)')
  .transform((v) => (v ? new Date(v) : null));

const flag = z
  .enum(['true', 'false', '1', '0', ''], 'must be true or false')
  .optional()
  .transform((v) => v === 'true' || v === '1');

export const exportQuerySchema = z
  .object({
    format: z.enum([...exportFormats, 'package', 'polis'], `must be one of ${exportFormats.join(', ')}, package, polis`),
    document: list(200),
    kind: list(4).refine((v) => v.every((k) => (annotationKinds as readonly string[]).includes(k)), `must be among ${annotationKinds.join(', ')}`),
    author: list(500),
    from: date,
    to: date,
    pseudonymise: flag,
    /** format=package, owners only: real user ids, names and emails */
    identities: flag,
  })
  .refine((q) => !q.from || !q.to || q.from < q.to, { path: ['to'], message: 'must be after from' })
  .refine((q) => !q.identities || q.format === 'package', { path: ['identities'], message: 'is for format=package only' });

export type ExportQuery = z.output<typeof exportQuerySchema>;

export const filtersFromQuery = (q: ExportQuery): ExportFilters => ({
  documents: q.document,
  kinds: q.kind as AnnotationKind[],
  authors: q.author,
  from: q.from,
  to: q.to,
  pseudonymise: q.pseudonymise,
});

export const importQuerySchema = z.object({
  format: z.enum(importFormats, `must be one of ${importFormats.join(', ')}`).optional(),
  document: z.string().trim().min(1).max(200).optional(),
});

/** GET …/w3c/annotations/?page=&iris= */
export const containerQuerySchema = z.object({
  page: z.coerce.number('must be a page number').int('must be a page number').min(0, 'must be 0 or more').max(10_000_000).optional(),
  iris: z.enum(['0', '1'], 'must be 0 or 1').optional(),
});
