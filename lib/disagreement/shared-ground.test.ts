// "What the camps share": per-group aggregates from the map's credences, and the shared-ground rule.
import { describe, expect, it } from 'vitest';
import { claimsAcrossGroups, isRejectedByAGroup, whatTheCampsShare } from './shared-ground';
import { mapClaim } from './map-claim.test-fixture';
import type { MapClaimView } from './types';

const claim = (id: string, fields: Partial<MapClaimView> = {}): MapClaimView => mapClaim(id, { n: 4, ...fields });

const reviewers = ['r0', 'r1', 'r2', 'r3'].map((id) => ({ id, name: id }));
const groups = [
  { index: 0, members: [{ reviewerId: 'r0', x: 0, y: 0 }, { reviewerId: 'r1', x: 0, y: 0 }], representative: [], representativeTotal: 0 },
  { index: 1, members: [{ reviewerId: 'r2', x: 0, y: 0 }, { reviewerId: 'r3', x: 0, y: 0 }], representative: [], representativeTotal: 0 },
];
const map = {
  reviewers,
  groups,
  claims: [
    claim('held', { aggregate: 0.8, bridged: 0.82 }),
    claim('split', { aggregate: 0.5, bridged: 0.75, viewpoint: 1.4, splitsByViewpoint: true }),
    claim('low', { aggregate: 0.6, bridged: 0.6 }),
    claim('unrated', { n: 0, aggregate: null }),
  ],
  credences: {
    held: { reviewers: [0, 1, 2, 3], values: [0.8, 0.8, 0.8, 0.8] },
    // group 0 at 90%, group 1 at 10%
    split: { reviewers: [0, 1, 2, 3], values: [0.9, 0.9, 0.1, 0.1] },
    // only group 0 rated it, 20% and 80%: geometric mean of odds 50%
    low: { reviewers: [0, 1], values: [0.2, 0.8] },
  },
};

describe('claimsAcrossGroups', () => {
  const rows = claimsAcrossGroups(map);

  it('gives each group the geometric mean of odds of its members’ credences, null where it rated nothing', () => {
    const byId = new Map(rows.map((r) => [r.claimId, r]));
    expect(byId.get('held')?.groupP.map((p) => p?.toFixed(9))).toEqual(['0.800000000', '0.800000000']);
    expect(byId.get('split')?.groupP.map((p) => p?.toFixed(9))).toEqual(['0.900000000', '0.100000000']);
    expect(byId.get('low')?.groupP[0]).toBeCloseTo(0.5, 12);
    expect(byId.get('low')?.groupP[1]).toBeNull();
  });

  it('leaves unrated claims out and puts the most bridged first', () => {
    expect(rows.map((r) => r.claimId)).toEqual(['held', 'split', 'low']);
  });
});

describe('whatTheCampsShare', () => {
  it('keeps claims bridged at 70% or more that no group holds below 50%', () => {
    const rows = claimsAcrossGroups(map);
    expect(rows.filter(isRejectedByAGroup).map((r) => r.claimId)).toEqual(['split']);
    expect(whatTheCampsShare(rows).map((r) => r.claimId)).toEqual(['held']);
  });

  it('counts exactly 70% bridged as shared and a group at exactly 50% as not rejecting', () => {
    expect(whatTheCampsShare([{ claimId: 'x', aggregate: 0.6, bridged: 0.7, viewpoint: 0, splitsByViewpoint: false, groupP: [0.5, null] }])).toHaveLength(1);
  });
});
