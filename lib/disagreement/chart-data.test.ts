// The map pages' chart helpers: claim sorting, evidence balance, the violin's kernel density, the matrix's reviewer
// order, the heat strip's opacity.
import { describe, expect, it } from 'vitest';
import { coverageOpacity, credenceDensity, evidenceBalance, heatDomainMax, reviewerOrder, sortClaims } from './chart-data';
import { mapClaim } from './map-claim.test-fixture';
import type { MapClaimView } from './types';

const claim = (id: string, fields: Partial<MapClaimView> = {}): MapClaimView => mapClaim(id, { n: 3, ...fields });

const unrated = claim('z', { n: 0, aggregate: null, median: null, q1: null, q3: null, spread: null, split: null, disagreement: null });
const claims = [
  claim('a', { disagreement: 2, aggregate: 0.3, n: 5, split: 0.8, evidence: { for: 1, against: 2, forStrength: 3, againstStrength: 4 } }),
  claim('b', { disagreement: 1, aggregate: 0.9, n: 12, split: 0.2, evidence: { for: 2, against: 0, forStrength: 5, againstStrength: 0 } }),
  claim('c', { disagreement: 1, aggregate: 0.6, n: 5, split: 0.5 }),
  unrated,
];
const ids = (list: MapClaimView[]) => list.map((c) => c.claimId);

describe('sortClaims', () => {
  it('sorts by each column both ways, ties in the map order', () => {
    expect(ids(sortClaims(claims, 'disagreement', 'descending'))).toEqual(['a', 'b', 'c', 'z']);
    expect(ids(sortClaims(claims, 'disagreement', 'ascending'))).toEqual(['b', 'c', 'a', 'z']);
    expect(ids(sortClaims(claims, 'aggregate', 'descending'))).toEqual(['b', 'c', 'a', 'z']);
    expect(ids(sortClaims(claims, 'n', 'descending'))).toEqual(['b', 'a', 'c', 'z']);
    expect(ids(sortClaims(claims, 'split', 'ascending'))).toEqual(['b', 'c', 'a', 'z']);
    expect(ids(sortClaims(claims, 'evidence', 'descending'))).toEqual(['b', 'c', 'z', 'a']);
  });

  it('keeps claims nobody rated last in either direction and does not change its input', () => {
    const input = [unrated, ...claims.slice(0, 3)];
    expect(ids(sortClaims(input, 'aggregate', 'ascending')).at(-1)).toBe('z');
    expect(ids(sortClaims(input, 'aggregate', 'descending')).at(-1)).toBe('z');
    expect(ids(input)).toEqual(['z', 'a', 'b', 'c']);
  });
});

describe('evidenceBalance', () => {
  it('weighs evidence for against evidence against by strength', () => {
    expect(evidenceBalance(claims[0]!)).toBe(-1);
    expect(evidenceBalance(claims[1]!)).toBe(5);
  });
});

describe('credenceDensity', () => {
  const integral = (points: { p: number; density: number }[]) => {
    let sum = 0;
    for (let i = 1; i < points.length; i++) sum += ((points[i]!.density + points[i - 1]!.density) / 2) * (points[i]!.p - points[i - 1]!.p);
    return sum;
  };

  it('is empty for no credences and spans 0 to 1 otherwise', () => {
    expect(credenceDensity([])).toEqual([]);
    const points = credenceDensity([0.5], { points: 11 });
    const expected = [0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1];
    points.forEach((point, i) => expect(point.p).toBeCloseTo(expected[i]!, 12));
    expect(points).toHaveLength(11);
  });

  it('integrates to 1 over [0, 1] even with credences at the edges (reflection)', () => {
    expect(integral(credenceDensity([0, 0.02, 1, 0.97, 0.99], { points: 2001 }))).toBeCloseTo(1, 3);
    expect(integral(credenceDensity([0.2, 0.25, 0.3, 0.7, 0.8], { points: 2001 }))).toBeCloseTo(1, 3);
  });

  it('peaks at a single credence, with the minimum bandwidth, and has two modes for two camps', () => {
    const single = credenceDensity([0.5], { points: 101, minBandwidth: 0.05 });
    const peak = single.reduce((best, p) => (p.density > best.density ? p : best));
    expect(peak.p).toBeCloseTo(0.5, 10);
    // a normal density of σ = 0.05 at its mean: 1 / (0.05 √(2π))
    expect(peak.density).toBeCloseTo(1 / (0.05 * Math.sqrt(2 * Math.PI)), 6);
    const camps = credenceDensity([0.1, 0.12, 0.15, 0.1, 0.85, 0.9, 0.88, 0.9], { points: 101 });
    const at = (p: number) => camps.find((x) => Math.abs(x.p - p) < 1e-9)!.density;
    expect(at(0.1)).toBeGreaterThan(at(0.5) * 3);
    expect(at(0.9)).toBeGreaterThan(at(0.5) * 3);
  });
});

describe('reviewerOrder', () => {
  it('orders reviewers by group, then along the first principal axis, ungrouped last', () => {
    const placed = [
      { reviewerId: 'r1', x: 2, group: 1 },
      { reviewerId: 'r2', x: -1, group: 0 },
      { reviewerId: 'r3', x: 1, group: 0 },
      { reviewerId: 'r4', x: 0, group: null },
    ];
    expect(reviewerOrder(['r1', 'r2', 'r3', 'r4', 'r5'], placed)).toEqual(['r2', 'r3', 'r1', 'r4', 'r5']);
  });
});

describe('heat strip scales', () => {
  it('keeps a quiet document pale and fades passages few reviewers touched', () => {
    expect(heatDomainMax([0, 0.2])).toBe(1);
    expect(heatDomainMax([0.2, 2.5])).toBe(2.5);
    expect(coverageOpacity(0, 10)).toBe(0.25);
    expect(coverageOpacity(10, 10)).toBe(1);
    expect(coverageOpacity(5, 10)).toBeCloseTo(0.625, 12);
  });
});
