import { describe, expect, it } from 'vitest';
import type { OpinionGroup } from '../aggregation';
import { cruxesFor, distributionOf, excerpt, groupPositions, leadClaims, mostDisputedOf, reasonsFor, type ReasonRow } from './lead';

const tally = { for: 0, against: 0, forStrength: 0, againstStrength: 0 };
const claim = (claimId: string, disagreement: number | null, n = 4, hidden = false) => ({
  claimId,
  statement: `Statement ${claimId}`,
  hidden,
  n,
  aggregate: n ? 0.5 : null,
  median: n ? 0.5 : null,
  q1: n ? 0.2 : null,
  q3: n ? 0.8 : null,
  disagreement,
  evidence: tally,
  passageIds: ['p1', 'p2'],
});

const row = (over: Partial<ReasonRow>): ReasonRow => ({
  claimId: 'c',
  annotationId: 'a',
  kind: 'evidence',
  stance: 'for',
  strength: null,
  sourceUrl: null,
  quote: 'quoted text',
  rationale: null,
  author: { id: 'u1', name: 'Ann' },
  documentSlug: 'doc',
  ...over,
});

describe('leadClaims', () => {
  it('keeps the five most disputed claims rated by two or more, most disagreement first, ties by id', () => {
    const claims = [
      claim('a', 0.3),
      claim('b', 1.5),
      claim('c', 0.1), // no real disagreement
      claim('d', 2, 1), // one reviewer
      claim('e', null, 0),
      claim('f', 0.9),
      claim('g', 0.9),
      claim('h', 0.7),
      claim('i', 0.65),
      claim('j', 0.26),
    ];
    expect(leadClaims(claims).map((c) => c.claimId)).toEqual(['b', 'f', 'g', 'h', 'i']);
    expect(leadClaims(claims, 10).map((c) => c.claimId)).toEqual(['b', 'f', 'g', 'h', 'i', 'a', 'j']);
  });
});

describe('excerpt', () => {
  it('keeps short text and marks a cut with an ellipsis at a word', () => {
    expect(excerpt('  short   text ', 20)).toBe('short text');
    const cut = excerpt('one two three four five six seven', 20);
    expect(cut).toBe('one two three four…');
    expect(cut.length).toBeLessThanOrEqual(20);
    expect(excerpt('x'.repeat(50), 10)).toBe(`${'x'.repeat(9)}…`);
  });
});

describe('distributionOf', () => {
  it('counts credences per tenth, 100% in the last', () => {
    expect(distributionOf([0, 0.05, 0.1, 0.55, 0.99, 1])).toEqual([2, 1, 0, 0, 0, 1, 0, 0, 0, 2]);
  });
});

describe('reasonsFor', () => {
  const rows = [
    row({ annotationId: 'e1', stance: 'for', strength: 1, rationale: 'weak' }),
    row({ annotationId: 'e2', stance: 'for', strength: 3, rationale: null }),
    row({ annotationId: 'e3', stance: 'for', strength: 3, rationale: 'strong with reason' }),
    row({ annotationId: 'e4', stance: 'against', strength: null, sourceUrl: 'https://example.org/x' }),
    row({ annotationId: 'p1', kind: 'probability', stance: null, rationale: 'Fairly sure', author: { id: 'u1', name: 'Ann' } }),
    row({ annotationId: 'p2', kind: 'probability', stance: null, rationale: 'Certain it holds', author: { id: 'u2', name: 'Bo' } }),
    row({ annotationId: 'p3', kind: 'probability', stance: null, rationale: 'Very unlikely', author: { id: 'u3', name: 'Cy' } }),
    row({ annotationId: 'p4', kind: 'probability', stance: null, rationale: 'No credence any more', author: { id: 'u4', name: 'Di' } }),
  ];
  const credences = new Map([
    ['u1', 0.7],
    ['u2', 0.95],
    ['u3', 0.1],
  ]);

  it('gives the strongest evidence and the most confident rationale on each side', () => {
    const reasons = reasonsFor(rows, credences, false);
    expect(reasons.for.map((r) => [r.kind, r.annotationId, r.credence])).toEqual([
      ['evidence', 'e3', null],
      ['rationale', 'p2', 0.95],
    ]);
    expect(reasons.against.map((r) => [r.kind, r.annotationId, r.credence])).toEqual([
      ['evidence', 'e4', null],
      ['rationale', 'p3', 0.1],
    ]);
    expect(reasons.against[0]).toMatchObject({ quote: 'quoted text', sourceUrl: 'https://example.org/x', rationale: null });
  });

  it('uses no rationale on a claim hidden by blind review', () => {
    const reasons = reasonsFor(rows, credences, true);
    expect([...reasons.for, ...reasons.against].map((r) => r.kind)).toEqual(['evidence', 'evidence']);
    expect([...reasons.for, ...reasons.against].every((r) => r.credence === null)).toBe(true);
  });
});

describe('cruxesFor', () => {
  it('lists double cruxes, then marked ones by reviewers, then implicit ones, at most three', () => {
    const marks = [
      { reviewerId: 'u1', cruxClaimId: 'k1', forClaimId: 'c' },
      { reviewerId: 'u2', cruxClaimId: 'k1', forClaimId: 'c' },
      { reviewerId: 'u1', cruxClaimId: 'k2', forClaimId: 'c' },
      { reviewerId: 'u1', cruxClaimId: 'k9', forClaimId: 'other' },
    ];
    const doubles = [{ foundBy: 'marked' as const, cruxClaimId: 'k2', forClaimId: 'c', pairs: [] }];
    const implicit = [
      { cruxClaimId: 'k3', forClaimId: 'c', score: 0.5, rho: 0.9, cruxSpread: 1, common: 4, p: 0.01, q: 0.02 },
      { cruxClaimId: 'k4', forClaimId: 'c', score: 0.9, rho: 0.9, cruxSpread: 1, common: 4, p: 0.01, q: 0.02 },
    ];
    const statements = new Map([['k1', 'K one']]);
    expect(cruxesFor('c', marks, doubles, implicit, statements)).toEqual([
      { claimId: 'k2', statement: null, reviewers: 1, isDouble: true, isImplicit: false },
      { claimId: 'k1', statement: 'K one', reviewers: 2, isDouble: false, isImplicit: false },
      { claimId: 'k4', statement: null, reviewers: 0, isDouble: false, isImplicit: true },
    ]);
  });
});

describe('groupPositions', () => {
  it('gives each group its members’ aggregate and median on the claim', () => {
    const groups: OpinionGroup[] = [
      { index: 0, members: [{ reviewerId: 'u1', x: 0, y: 0 }, { reviewerId: 'u2', x: 0, y: 0 }], representative: [] },
      { index: 1, members: [{ reviewerId: 'u3', x: 0, y: 0 }, { reviewerId: 'u4', x: 0, y: 0 }], representative: [] },
      { index: 2, members: [{ reviewerId: 'u5', x: 0, y: 0 }], representative: [] },
    ];
    const positions = groupPositions(new Map([['u1', 0.8], ['u2', 0.8], ['u3', 0.2], ['u4', 0.4]]), groups);
    expect(positions.map((g) => [g.group, g.n, Number(g.aggregate.toFixed(3)), Number(g.median.toFixed(3))])).toEqual([
      [0, 2, 0.8, 0.8],
      [1, 2, 0.29, 0.3],
    ]);
  });
});

describe('mostDisputedOf', () => {
  it('builds each lead claim from the visible credences only', () => {
    const lead = mostDisputedOf({
      claims: [claim('a', 1.2, 3), claim('b', 0.1, 3)],
      ratings: [
        { claimId: 'a', reviewerId: 'u1', value: 0.1 },
        { claimId: 'a', reviewerId: 'u2', value: 0.5 },
        { claimId: 'a', reviewerId: 'u3', value: 0.9 },
        { claimId: 'b', reviewerId: 'u1', value: 0.5 },
      ],
      groups: [],
      cruxMarks: [],
      doubleCruxes: [],
      implicitCruxes: [],
      reasons: [row({ claimId: 'a', annotationId: 'x', stance: 'against' }), row({ claimId: 'b', annotationId: 'y' })],
    });
    expect(lead).toHaveLength(1);
    expect(lead[0]).toMatchObject({ claimId: 'a', level: 'strong', min: 0.1, max: 0.9, distribution: [0, 1, 0, 0, 0, 1, 0, 0, 0, 1], passageIds: ['p1'] });
    expect(lead[0]?.reasons.against.map((r) => r.annotationId)).toEqual(['x']);
    expect(lead[0]?.reasons.for).toEqual([]);
  });
});
