// The map answer's claims come a page at a time (`?claims=N&claimsOffset=K`): the next page joined to the claims
// already loaded, with its credences, round spreads, double cruxes and crux links. Pure and safe to import from the client (the map page).
import { compareIds } from '../aggregation/math';
import type { DisagreementMapResponse } from './types';

/** Whether the map lists every claim it has. */
export const hasAllClaims = (map: Pick<DisagreementMapResponse, 'claims' | 'claimsTotal'>): boolean => map.claims.length >= map.claimsTotal;

/**
 * `loaded` with the claims of `next` after its own, when `next` is the page that follows it (`claimsOffset` =
 * loaded.claims.length) of the same data version; null otherwise (the data changed between the two: load again).
 */
export function appendClaimPage(loaded: DisagreementMapResponse, next: DisagreementMapResponse): DisagreementMapResponse | null {
  if (next.dataVersion !== loaded.dataVersion || next.claimsTotal !== loaded.claimsTotal) return null;
  const seen = new Set(loaded.claims.map((c) => c.claimId));
  if (next.claims.some((c) => seen.has(c.claimId))) return null;
  const byNumber = new Map(next.rounds.map((r) => [r.number, r.claims]));
  return {
    ...loaded,
    claims: [...loaded.claims, ...next.claims],
    credences: loaded.credences || next.credences ? { ...loaded.credences, ...next.credences } : undefined,
    // each double crux and crux link belongs to the page of its claim C; marked double cruxes first, links by id
    doubleCruxes: [...loaded.doubleCruxes, ...next.doubleCruxes].sort((a, b) => Number(a.foundBy !== 'marked') - Number(b.foundBy !== 'marked')),
    cruxLinks: [...loaded.cruxLinks, ...next.cruxLinks].sort((a, b) => compareIds(a.id, b.id)),
    rounds: loaded.rounds.map((round) => ({
      ...round,
      claims: [...round.claims, ...(byNumber.get(round.number) ?? [])].sort((a, b) => compareIds(a.claimId, b.claimId)),
    })),
  };
}
