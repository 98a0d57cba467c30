// "What the camps share": each claim's aggregate beside its bridged credence and every opinion group's own
// aggregate, and the claims with a high bridged credence that no group rejects. Pure and safe to import from the
// client; it reads the map answer (with `?credences=true`, as the map page loads it).
import { logit, sigmoid } from '../aggregation';
import type { DisagreementMapResponse } from './types';

/** A claim is shared ground when its bridged credence is at least this … */
export const SHARED_BRIDGED_MIN = 0.7;
/** … and no opinion group's aggregate (geometric mean of odds) of it is below this: no group rejects it. */
export const GROUP_REJECTS_BELOW = 0.5;

export type ClaimAcrossGroups = {
  claimId: string;
  aggregate: number | null;
  bridged: number | null;
  viewpoint: number | null;
  splitsByViewpoint: boolean;
  /** per group (by index): the group's geometric mean of odds over its members' credences, null when none rated it */
  groupP: (number | null)[];
};

/** Every rated claim with its aggregate, bridged credence and each group's aggregate, most bridged first. */
export function claimsAcrossGroups(map: Pick<DisagreementMapResponse, 'claims' | 'groups' | 'reviewers' | 'credences'>): ClaimAcrossGroups[] {
  const groupOf = new Map<string, number>();
  for (const g of map.groups) for (const m of g.members) groupOf.set(m.reviewerId, g.index);
  const groupCount = map.groups.reduce((max, g) => Math.max(max, g.index + 1), 0);
  return map.claims
    .filter((c) => c.n > 0)
    .map((c) => {
      const sums = Array.from({ length: groupCount }, () => ({ n: 0, sum: 0 }));
      const credences = map.credences?.[c.claimId];
      credences?.reviewers.forEach((position, i) => {
        const reviewerId = map.reviewers[position]?.id;
        const g = reviewerId === undefined ? undefined : groupOf.get(reviewerId);
        const value = credences.values[i];
        if (g === undefined || value === undefined) return;
        const slot = sums[g] as { n: number; sum: number };
        slot.n++;
        slot.sum += logit(value);
      });
      return {
        claimId: c.claimId,
        aggregate: c.aggregate,
        bridged: c.bridged ?? null,
        viewpoint: c.viewpoint ?? null,
        splitsByViewpoint: c.splitsByViewpoint ?? false,
        groupP: sums.map((s) => (s.n === 0 ? null : sigmoid(s.sum / s.n))),
      };
    })
    .sort((a, b) => (b.bridged ?? -1) - (a.bridged ?? -1) || (b.aggregate ?? -1) - (a.aggregate ?? -1) || (a.claimId < b.claimId ? -1 : 1));
}

/** Whether some group's aggregate of the claim is below GROUP_REJECTS_BELOW (a group that did not rate it rejects nothing). */
export const isRejectedByAGroup = (claim: Pick<ClaimAcrossGroups, 'groupP'>): boolean =>
  claim.groupP.some((p) => p !== null && p < GROUP_REJECTS_BELOW);

/** Shared ground: bridged credence at least SHARED_BRIDGED_MIN and no group rejecting it, most bridged first. */
export const whatTheCampsShare = (claims: readonly ClaimAcrossGroups[]): ClaimAcrossGroups[] =>
  claims.filter((c) => c.bridged !== null && c.bridged >= SHARED_BRIDGED_MIN && !isRejectedByAGroup(c));
