// What the annotation API accepts: zod schemas for creating and editing annotations and replies, and for the
// list queries. Kind-specific rules (which fields each kind needs) are checked here, so a bad request is a 400
// with field messages before anything is read or written.
import { z } from 'zod';
import { richTextInputSchema } from '../richtext/validator';
import { QUOTE_MAX, SIMILAR_LIMIT_MAX, SIMILAR_MAX, STATEMENT_MAX } from './limits';
import { annotationKinds } from './types';

const id = z.string().trim().min(1, 'is required').max(100, 'is too long');
const statement = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .max(STATEMENT_MAX, `must be at most ${STATEMENT_MAX} characters`);

/** Only absolute http(s) URLs: a `source` is shown as a link. */
const httpUrl = z
  .string()
  .trim()
  .max(2000, 'is too long')
  .refine((value) => {
    try {
      const url = new URL(value);
      return url.protocol === 'http:' || url.protocol === 'https:';
    } catch {
      return false;
    }
  }, 'must be an http or https URL');

export const targetInputSchema = z
  .strictObject({
    exact: z.string().min(1, 'must not be empty').max(QUOTE_MAX, `must be at most ${QUOTE_MAX} characters`),
    prefix: z.string().max(1000).optional(),
    suffix: z.string().max(1000).optional(),
    start: z.int('must be an integer').min(0, 'must be 0 or more'),
    end: z.int('must be an integer').min(1, 'must be 1 or more'),
  })
  .refine((t) => t.end > t.start, { path: ['end'], message: 'must be greater than start' });

const probabilityValue = z
  .number('must be a number between 0 and 1')
  .min(0, 'must be between 0 and 1')
  .max(1, 'must be between 0 and 1');

const kindFields = {
  claim: z.strictObject({ statement: statement.optional(), claimId: id.optional() }),
  probability: z.strictObject({ claimId: id.optional(), value: probabilityValue, statement: statement.optional() }),
  evidence: z.strictObject({
    claimId: id,
    stance: z.enum(['for', 'against'], 'must be "for" or "against"'),
    strength: z.int('must be 1, 2 or 3').min(1, 'must be 1, 2 or 3').max(3, 'must be 1, 2 or 3'),
    source: httpUrl.nullish(),
  }),
  crux: z.strictObject({
    /** K, the crux; omitted: made from `statement` or the selected text */
    claimId: id.optional(),
    statement: statement.optional(),
    /** C, the claim the crux bears on; omitted: made from `forStatement` */
    forClaimId: id.optional(),
    forStatement: statement.optional(),
    direction: z.enum(['more', 'less'], 'must be "more" or "less"'),
  }),
} as const;

export const createAnnotationInputSchema = z
  .strictObject({
    document: id.optional(),
    /** the version number the target was made on; defaults to the current version */
    documentVersion: z.int().min(1).optional(),
    kind: z.enum(annotationKinds, `must be one of ${annotationKinds.join(', ')}`),
    target: targetInputSchema.optional(),
    claim: kindFields.claim.optional(),
    probability: kindFields.probability.optional(),
    evidence: kindFields.evidence.optional(),
    crux: kindFields.crux.optional(),
    body: richTextInputSchema.nullish(),
  })
  .superRefine((input, ctx) => {
    for (const kind of annotationKinds) {
      if (kind !== input.kind && input[kind] !== undefined) {
        ctx.addIssue({ code: 'custom', path: [kind], message: `is not allowed on a ${input.kind} annotation` });
      }
    }
    if (input.kind !== 'claim' && input[input.kind] === undefined) {
      ctx.addIssue({ code: 'custom', path: [input.kind], message: `is required for a ${input.kind} annotation` });
    }
    const withoutTarget = input.kind === 'probability' && input.probability?.claimId !== undefined;
    if (!input.target && !withoutTarget) {
      ctx.addIssue({
        code: 'custom',
        path: ['target'],
        message: input.kind === 'probability' ? 'is required unless probability.claimId names the claim' : 'is required',
      });
    }
    if (!input.document && input.target) ctx.addIssue({ code: 'custom', path: ['document'], message: 'is required with a target' });
    if (input.kind === 'claim' && input.claim?.claimId && input.claim.statement) {
      ctx.addIssue({ code: 'custom', path: ['claim', 'statement'], message: 'give either claimId (join a claim) or statement (a new one)' });
    }
    if (input.kind === 'crux' && input.crux) {
      if (!input.crux.forClaimId && !input.crux.forStatement) {
        ctx.addIssue({ code: 'custom', path: ['crux', 'forClaimId'], message: 'is required (or forStatement, to create the claim)' });
      }
      if (input.crux.claimId && input.crux.forClaimId && input.crux.claimId === input.crux.forClaimId) {
        ctx.addIssue({ code: 'custom', path: ['crux', 'forClaimId'], message: 'must be a different claim from the crux' });
      }
    }
  });
export type CreateAnnotationInput = z.input<typeof createAnnotationInputSchema>;
export type CreateAnnotation = z.output<typeof createAnnotationInputSchema>;

export const updateAnnotationInputSchema = z
  .strictObject({
    /** the version the edit is based on; required for content edits (409 when stale) */
    version: z.int('must be an integer').min(1).optional(),
    body: richTextInputSchema.nullish(),
    claim: z.strictObject({ statement }).optional(),
    probability: z.strictObject({ value: probabilityValue }).optional(),
    evidence: z
      .strictObject({
        stance: kindFields.evidence.shape.stance.optional(),
        strength: kindFields.evidence.shape.strength.optional(),
        source: httpUrl.nullish(),
      })
      .optional(),
    crux: z.strictObject({ direction: kindFields.crux.shape.direction }).optional(),
    /** any reviewer: mark the discussion resolved or open again */
    resolved: z.boolean().optional(),
    /** owners: hide or show (moderation) */
    hidden: z.boolean().optional(),
  })
  .superRefine((input, ctx) => {
    const content = ['body', 'claim', 'probability', 'evidence', 'crux'] as const;
    const editsContent = content.some((key) => input[key] !== undefined);
    if (editsContent && input.version === undefined) {
      ctx.addIssue({ code: 'custom', path: ['version'], message: 'is required: send the version you edited' });
    }
    if (!editsContent && input.resolved === undefined && input.hidden === undefined) {
      ctx.addIssue({ code: 'custom', path: ['_'], message: 'Nothing to change.' });
    }
  });
export type UpdateAnnotation = z.output<typeof updateAnnotationInputSchema>;

const cursor = z.string().max(200).regex(/^[\w-]+$/, 'is not a valid cursor');

export const listAnnotationsQuerySchema = z.object({
  document: id.optional(),
  kind: z.enum(annotationKinds, `must be one of ${annotationKinds.join(', ')}`).optional(),
  author: id.optional(),
  claim: id.optional(),
  cursor: cursor.optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  /** "true": only the recently deleted ones this viewer may restore */
  deleted: z.enum(['true', 'false']).optional(),
  /** comma-separated ids (at most 100): these annotations, in this order (the margin's cards) */
  ids: z
    .string()
    .max(100 * 40)
    .transform((value) => value.split(',').map((id) => id.trim()).filter((id) => id !== ''))
    .refine((ids) => ids.length <= 100, 'at most 100 ids')
    .optional(),
});
export type ListAnnotationsQuery = z.output<typeof listAnnotationsQuerySchema>;

export const createReplyInputSchema = z.strictObject({
  body: richTextInputSchema,
  parentId: id.nullish(),
});

export type CreateReply = z.output<typeof createReplyInputSchema>;

export const updateReplyInputSchema = z
  .strictObject({
    version: z.int('must be an integer').min(1).optional(),
    body: richTextInputSchema.optional(),
    hidden: z.boolean().optional(),
  })
  .superRefine((input, ctx) => {
    if (input.body !== undefined && input.version === undefined) {
      ctx.addIssue({ code: 'custom', path: ['version'], message: 'is required: send the version you edited' });
    }
    if (input.body === undefined && input.hidden === undefined) ctx.addIssue({ code: 'custom', path: ['_'], message: 'Nothing to change.' });
  });

export const listClaimsQuerySchema = z
  .object({
    document: id.optional(),
    /** claims whose text overlaps [start, end) of the document's current version (the composer's suggestions) */
    start: z.coerce.number().int().min(0).optional(),
    end: z.coerce.number().int().min(1).optional(),
    q: z.string().trim().max(200).optional(),
    /** similar-claim suggestions: the workspace's claims whose statements resemble this text, most similar first */
    similar: z
      .string()
      .max(SIMILAR_MAX, `must be at most ${SIMILAR_MAX} characters`)
      .trim()
      .min(1, 'must not be empty')
      .optional(),
    /** with `similar`: how many suggestions (default 8) */
    limit: z.coerce.number('must be a number').int('must be a whole number').min(1, 'must be 1 or more').max(SIMILAR_LIMIT_MAX, `must be at most ${SIMILAR_LIMIT_MAX}`).optional(),
  })
  .refine((q) => q.similar === undefined || (q.start === undefined && q.q === undefined && q.document === undefined), {
    path: ['similar'],
    message: 'searches the whole workspace: it cannot be combined with document, start, end or q',
  })
  .refine((q) => (q.start === undefined) === (q.end === undefined), { path: ['end'], message: 'start and end go together' })
  .refine((q) => q.start === undefined || q.document !== undefined, { path: ['document'], message: 'is required with start and end' });
export type UpdateReply = z.output<typeof updateReplyInputSchema>;
