// Joining the map answer's claim pages: the next page's claims, credences and round spreads after the loaded
// ones, and a refusal when the data changed between the two pages.
import { describe, expect, it } from 'vitest';
import { appendClaimPage, hasAllClaims } from './claim-pages';
import { mapClaim } from './map-claim.test-fixture';
import type { DisagreementMapResponse, MapClaimView, MapRound } from './types';

const claim = (id: string): MapClaimView => mapClaim(id, { n: 2 });
const stat = (id: string) => ({ claimId: id, n: 2, aggregate: 0.5, spread: 1 });
const round = (number: number, ids: string[]): MapRound => ({
  number,
  roundId: number === 1 ? null : `r${number}`,
  startsAt: '2026-01-01T00:00:00.000Z',
  endsAt: null,
  claims: ids.map(stat),
  claimsTotal: 4,
  meanSpread: 1,
  medianSpread: 1,
});
const page = (ids: string[], dataVersion = '7.7'): DisagreementMapResponse =>
  ({
    document: { id: 'd', slug: 'd', title: 'D', version: 1 },
    dataVersion,
    blind: false,
    claims: ids.map(claim),
    claimsTotal: 4,
    credences: Object.fromEntries(ids.map((id) => [id, { reviewers: [0, 1], values: [0.2, 0.8] }])),
    rounds: [round(1, ids), round(2, ids)],
    doubleCruxes: ids.map((id, i) => ({ foundBy: i % 2 ? 'numbers' : 'marked', cruxClaimId: 'k', forClaimId: id, pairs: [] })),
    cruxLinks: ids.map((id) => ({ id: `l-${id}`, cruxClaimId: 'k', forClaimId: id, direction: null, markedBy: 1, n: 0, expectedShift: null })),
  }) as unknown as DisagreementMapResponse;

describe('appendClaimPage', () => {
  it('puts the next page after the loaded claims, with its credences, double cruxes and crux links, and keeps each round by claim id', () => {
    const joined = appendClaimPage(page(['d', 'b']), page(['a', 'c']))!;
    expect(joined.claims.map((c) => c.claimId)).toEqual(['d', 'b', 'a', 'c']);
    expect(Object.keys(joined.credences ?? {}).sort()).toEqual(['a', 'b', 'c', 'd']);
    expect(joined.rounds.map((r) => r.claims.map((c) => c.claimId))).toEqual([
      ['a', 'b', 'c', 'd'],
      ['a', 'b', 'c', 'd'],
    ]);
    expect(joined.doubleCruxes.map((d) => [d.foundBy, d.forClaimId])).toEqual([
      ['marked', 'd'],
      ['marked', 'a'],
      ['numbers', 'b'],
      ['numbers', 'c'],
    ]);
    expect(joined.cruxLinks.map((l) => l.id)).toEqual(['l-a', 'l-b', 'l-c', 'l-d']);
    expect(hasAllClaims(joined)).toBe(true);
    expect(hasAllClaims(page(['d', 'b']))).toBe(false);
  });

  it('refuses a page of another data version, or one that repeats a loaded claim', () => {
    expect(appendClaimPage(page(['d', 'b']), page(['a', 'c'], '8.8'))).toBeNull();
    expect(appendClaimPage(page(['d', 'b']), page(['b', 'c']))).toBeNull();
  });
});
