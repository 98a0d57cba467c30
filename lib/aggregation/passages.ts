// Passage heat: how contested the claims anchored on a passage are, beside its annotation activity.
import type { ClaimStats, ClaimTarget, PassageActivity, PassageHeat } from './types';

/**
 * One row per given passage, in the given order: heat = the largest `disagreement` among claims whose targets
 * overlap the passage (0 when none does, or none of them has ratings), with its annotation and reviewer counts.
 * Targets naming a passage not in `passages` are ignored.
 */
export function passageHeat(
  passages: readonly PassageActivity[],
  targets: readonly ClaimTarget[],
  claims: ReadonlyMap<string, Pick<ClaimStats, 'disagreement'>>,
): PassageHeat[] {
  const heat = new Map<string, number>();
  for (const target of targets) {
    const disagreement = claims.get(target.claimId)?.disagreement ?? null;
    if (disagreement === null) continue;
    for (const passageId of target.passageIds) heat.set(passageId, Math.max(heat.get(passageId) ?? 0, disagreement));
  }
  return passages.map((passage) => ({
    passageId: passage.passageId,
    heat: heat.get(passage.passageId) ?? 0,
    annotations: passage.annotations,
    reviewers: passage.reviewers,
  }));
}
