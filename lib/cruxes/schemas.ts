// What the crux-link API accepts and answers (client-safe): a reviewer's two conditional credences on a crux link
// (K = cruxClaimId, C = forClaimId), and the JSON of the crux-link list and of the crux graph.
import { z } from 'zod';

const probability = z
  .number({ message: 'must be a number between 0 and 1' })
  .min(0, 'must be between 0 and 1')
  .max(1, 'must be between 0 and 1');

/** PUT …/crux-links/:id/conditionals: P(C | K true) and P(C | K false). */
export const conditionalsInputSchema = z.strictObject({
  ifTrue: probability,
  ifFalse: probability,
});
export type ConditionalsInput = z.output<typeof conditionalsInputSchema>;

export const cruxLinkListQuerySchema = z.object({
  /** only the links both of whose claims the document's live annotations name (slug or id) */
  document: z.string().trim().min(1, 'must not be empty').max(200, 'is too long').optional(),
});

/** GET …/crux-links: one entry per live crux link, with the numbers the caller may see under blind review. */
export type CruxLinkDto = {
  id: string;
  cruxClaimId: string;
  forClaimId: string;
  direction: 'more' | 'less' | null;
  markedBy: number;
  n: number;
  expectedShift: number | null;
  /** the caller's own conditionals, or null */
  mine: { ifTrue: number; ifFalse: number } | null;
};

/** GET …/crux-graph */
export type CruxGraphNode = {
  claimId: string;
  statement: string;
  n: number;
  aggregate: number | null;
  bridged: number | null;
  disagreement: number | null;
  evidence: { for: number; against: number };
};
export type CruxGraphEdge = { from: string; to: string; direction: 'more' | 'less' | null; n: number; expectedShift: number | null };
export type CruxGraph = { nodes: CruxGraphNode[]; edges: CruxGraphEdge[] };
