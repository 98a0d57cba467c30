// What the claim API accepts (client-safe): merging one claim into another and rewording a claim.
import { z } from 'zod';
import { STATEMENT_MAX } from '../annotations/limits';

const id = z.string().trim().min(1, 'is required').max(100, 'is too long');

export const mergeClaimInputSchema = z.strictObject({
  /** the claim A that this claim B is merged into */
  into: id,
});
export type MergeClaimInput = z.output<typeof mergeClaimInputSchema>;

export const updateClaimInputSchema = z.strictObject({
  /** never cut: a statement over the limit is refused with a field message */
  statement: z.string().trim().min(1, 'must not be empty').max(STATEMENT_MAX, `must be at most ${STATEMENT_MAX} characters`),
  /** the claim version the edit is based on: a stale one is a 409 */
  version: z.int('must be an integer').min(1, 'must be 1 or more').optional(),
});
export type UpdateClaimInput = z.output<typeof updateClaimInputSchema>;
