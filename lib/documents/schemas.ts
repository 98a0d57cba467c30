// Input shapes for documents (safe to import from the client).
import { z } from 'zod';
import { sourceFormats } from '../corpus/schemas';
import { slugSchema } from '../slugs';

export const documentKinds = ['post', 'post_with_comments', 'comments', 'report_section', 'other'] as const;

export const importDocumentInputSchema = z.object({
  slug: slugSchema,
  text: z.string().refine((t) => t.trim().length > 0, 'is empty'),
  title: z.string().trim().min(1).max(300).optional(),
  author: z.string().trim().min(1).max(200).nullish(),
  source: z.string().trim().min(1).max(500).nullish(),
  kind: z.enum(documentKinds).default('other'),
  format: z.enum(sourceFormats).optional(),
  filename: z.string().max(255).optional(),
});
export type ImportDocumentInput = z.input<typeof importDocumentInputSchema>;

export const updateDocumentInputSchema = z
  .object({
    title: z.string().trim().min(1, 'must not be empty').max(300, 'must be at most 300 characters').optional(),
    author: z.string().trim().max(200, 'must be at most 200 characters').nullable().optional()
      .transform((a) => (a === '' ? null : a)),
    archived: z.boolean().optional(),
    /** blind review: reviewers see others' credences on its claims only after entering their own */
    blind: z.boolean().optional(),
  })
  .refine((v) => v.title !== undefined || v.author !== undefined || v.archived !== undefined || v.blind !== undefined, {
    message: 'nothing to change',
  });
