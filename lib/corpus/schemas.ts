// The shape of a normalised document: canonical text cut into typed passages, footnote links and import
// warnings. Zod schemas and inferred types only, so the client may import this module.
import { z } from 'zod';

export const passageKinds = ['heading', 'paragraph', 'list_item', 'quote', 'footnote'] as const;
export type PassageKind = (typeof passageKinds)[number];

export const sourceFormats = ['text', 'markdown', 'html'] as const;
export type SourceFormat = (typeof sourceFormats)[number];

export const passageAttrsSchema = z.object({
  /** headings: 1 (top) to 6 */
  level: z.number().int().min(1).max(6).optional(),
  /** footnotes: "1", "2", ... */
  label: z.string().optional(),
  /** list items: "1." / "-" if the source had one (the canonical text keeps it only if it was in the text) */
  marker: z.string().optional(),
  /** labels of footnotes whose markers appear in this passage */
  refs: z.array(z.string()).optional(),
});
export type PassageAttrs = z.infer<typeof passageAttrsSchema>;

export const normalizedPassageSchema = z.object({
  id: z.string().regex(/^p[0-9a-f]{12}$/),
  index: z.number().int().min(0),
  kind: z.enum(passageKinds),
  text: z.string(),
  start: z.number().int().min(0),
  end: z.number().int().min(0),
  attrs: passageAttrsSchema,
});
export type NormalizedPassage = {
  id: string;
  index: number;
  kind: PassageKind;
  text: string;
  start: number;
  end: number;
  attrs: PassageAttrs;
};

export const footnoteLinkSchema = z.object({
  label: z.string(),
  passageId: z.string().nullable(),
  refs: z.array(z.object({ passageId: z.string(), start: z.number().int().min(0), end: z.number().int().min(0) })),
});
/** refs: each marker like "[1]" in the canonical text, as absolute offsets of the marker */
export type FootnoteLink = { label: string; passageId: string | null; refs: { passageId: string; start: number; end: number }[] };

export const normalizedDocumentSchema = z.object({
  title: z.string(),
  format: z.enum(sourceFormats),
  text: z.string(),
  passages: z.array(normalizedPassageSchema),
  footnotes: z.array(footnoteLinkSchema),
  warnings: z.array(z.string()),
});
export type NormalizedDocument = {
  title: string;
  format: SourceFormat;
  text: string;
  passages: NormalizedPassage[];
  footnotes: FootnoteLink[];
  warnings: string[];
};
