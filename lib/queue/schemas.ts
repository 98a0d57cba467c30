// The rating queue's inputs and answer (client-safe).
import { z } from 'zod';

const id = z.string().trim().min(1, 'must not be empty').max(200, 'is too long');

export const queueQuerySchema = z.object({
  /** the claims annotated on this document (slug or id); without it, the whole workspace's */
  document: id.optional(),
});

export const queueSkipInputSchema = z.strictObject({ claimId: id });

/** GET …/queue: the claims I have not rated, what my rating adds first. */
export type QueueItemDto = {
  claimId: string;
  statement: string;
  /** why it is here, in words ("Only 2 of 14 have rated this.") */
  reason: string;
  /** the order (highest first): 1000·max(0, 5 − n) + 100·min(disagreement, 9.99) + min(cruxFor, 0.99) */
  priority: number;
  /** how many reviewers rated it */
  n: number;
  /** where it sits: a passage quoted by one of its live annotations, on that document */
  quote: string | null;
  document: { slug: string; title: string } | null;
};

export type QueueDto = { items: QueueItemDto[]; raters: number };
