// disagreementMap: the whole map in the endpoint's JSON shape, consistent with the separate functions.
import { describe, expect, it } from 'vitest';
import {
  bridgedCredences,
  claimStats,
  cruxLinkStats,
  disagreementMap,
  disagreementMapBeside,
  doubleCruxes,
  implicitCruxes,
  krippendorffAlpha,
  numbersDoubleCruxes,
  opinionGroups,
  pairEnds,
  reviewerPairs,
  roundSpreads,
  tableFromLogits,
  tableParts,
} from './index';
import type { DisagreementMapInput, Rating, RatingTable } from './index';
import { seededRandom } from '../seeded-random';

const sigmoid = (x: number) => 1 / (1 + Math.exp(-x));
const reviewers = ['a1', 'a2', 'a3', 'b1', 'b2', 'b3'];
// Two camps of three on c1, c2, c4, c5, c6; everyone at 0.7 on c3 (no spread).
const ratings: Rating[] = reviewers.flatMap((reviewerId, i) => {
  const sign = reviewerId.startsWith('a') ? 1 : -1;
  return [
    { claimId: 'c1', reviewerId, value: sigmoid(sign * (2 + i / 10)) },
    { claimId: 'c2', reviewerId, value: sigmoid(sign * (1 + i / 5)) },
    { claimId: 'c3', reviewerId, value: 0.7 },
    { claimId: 'c4', reviewerId, value: sigmoid(-sign * (1.5 + i / 7)) },
    { claimId: 'c5', reviewerId, value: sigmoid(sign * 0.5 + i / 9) },
    { claimId: 'c6', reviewerId, value: sigmoid(-sign * 3 + i / 11) },
  ];
});

const input: DisagreementMapInput = {
  claims: [{ claimId: 'c1', statement: 'Power-seeking is instrumentally convergent.' }],
  ratings,
  evidence: [
    { claimId: 'c1', stance: 'for', strength: 3 },
    { claimId: 'c1', stance: 'against', strength: 1 },
  ],
  cruxes: [
    { reviewerId: 'a1', cruxClaimId: 'c2', forClaimId: 'c1' },
    { reviewerId: 'b1', cruxClaimId: 'c2', forClaimId: 'c1' },
  ],
  targets: [
    { claimId: 'c1', passageIds: ['p1', 'p2'], statement: 'ignored: the claims list names c1' },
    { claimId: 'c1', passageIds: ['p2', 'p3'] },
    { claimId: 'c3', passageIds: ['p3'], statement: 'Everyone agrees.' },
    { claimId: 'c9', passageIds: ['p4'], statement: 'Nobody rated this yet.' },
  ],
  passages: [
    { passageId: 'p1', annotations: 3, reviewers: 2 },
    { passageId: 'p3', annotations: 1, reviewers: 1 },
    { passageId: 'p4', annotations: 1, reviewers: 1 },
  ],
  revisions: ratings.map((rating, i) => ({ ...rating, createdAt: 1000 + i })),
  rounds: [{ id: 'round-1', startsAt: 0 }],
};

describe('disagreementMap', () => {
  const map = disagreementMap(input);

  it('produces exactly the endpoint\'s JSON shape (pairs as a ranking), and survives a JSON round trip unchanged', () => {
    expect(Object.keys(map)).toEqual(['claims', 'passages', 'pairRanking', 'alpha', 'groups', 'consensus', 'doubleCruxes', 'implicitCruxes', 'rounds', 'cruxLinks']);
    expect(Object.keys(map.claims[0] ?? {})).toEqual([
      'claimId',
      'statement',
      'n',
      'aggregate',
      'median',
      'q1',
      'q3',
      'spread',
      'split',
      'bimodality',
      'disagreement',
      'evidence',
      'cruxCount',
      'passageIds',
      'bridged',
      'viewpoint',
      'splitsByViewpoint',
    ]);
    expect(Object.keys(map.passages[0] ?? {})).toEqual(['passageId', 'heat', 'annotations', 'reviewers']);
    // the pairs are a ranking in typed arrays; the endpoint lists its ends (pairEnds)
    const { pairRanking, ...json } = map;
    expect(pairRanking.total).toBe(reviewerPairs(ratings).length);
    expect(JSON.parse(JSON.stringify(json))).toEqual(json);
  });

  it('lists claims by disagreement, unrated ones last with null statistics', () => {
    const ids = map.claims.map((c) => c.claimId);
    expect(ids.slice(-2)).toEqual(['c3', 'c9']); // c3: disagreement 0; c9: no ratings
    const disagreements = map.claims.slice(0, -1).map((c) => c.disagreement as number);
    expect([...disagreements].sort((a, b) => b - a)).toEqual(disagreements);
    expect(map.claims.at(-1)).toMatchObject({ claimId: 'c9', n: 0, aggregate: null, spread: null, disagreement: null, statement: 'Nobody rated this yet.' });
  });

  it('joins statements, passages, evidence and crux counts onto each claim', () => {
    const c1 = map.claims.find((c) => c.claimId === 'c1');
    expect(c1).toMatchObject({
      statement: 'Power-seeking is instrumentally convergent.',
      passageIds: ['p1', 'p2', 'p3'],
      evidence: { for: 1, against: 1, forStrength: 3, againstStrength: 1 },
      cruxCount: 0,
    });
    expect(map.claims.find((c) => c.claimId === 'c2')).toMatchObject({ statement: null, cruxCount: 2, passageIds: [] });
    expect(map.claims.find((c) => c.claimId === 'c3')?.statement).toBe('Everyone agrees.');
  });

  it('rates passages by their hottest claim', () => {
    const c1 = claimStats(ratings).get('c1');
    expect(map.passages).toEqual([
      { passageId: 'p1', heat: c1?.disagreement, annotations: 3, reviewers: 2 },
      { passageId: 'p3', heat: c1?.disagreement, annotations: 1, reviewers: 1 }, // c1 and c3 (0) overlap p3
      { passageId: 'p4', heat: 0, annotations: 1, reviewers: 1 }, // only the unrated c9
    ]);
  });

  it('agrees with the separate functions', () => {
    const groups = opinionGroups(ratings);
    expect(pairEnds(map.pairRanking, map.pairRanking.total)).toEqual(reviewerPairs(ratings));
    expect(map.alpha).toBe(krippendorffAlpha(ratings));
    expect(map.groups).toEqual(groups.groups);
    expect(map.consensus).toEqual(groups.consensus);
    expect(map.doubleCruxes).toEqual(doubleCruxes(ratings, input.cruxes));
    expect(map.implicitCruxes).toEqual(implicitCruxes(ratings));
    expect(map.rounds).toEqual(roundSpreads(input.revisions ?? [], input.rounds ?? []));
    expect(map.groups.map((g) => g.members.map((m) => m.reviewerId))).toEqual([
      ['a1', 'a2', 'a3'],
      ['b1', 'b2', 'b3'],
    ]);
    expect(map.doubleCruxes[0]?.pairs.map((p) => `${p.reviewerA}-${p.reviewerB}`)).toEqual(['a1-b1']);
  });

  it('has no rounds without a revision history, and honours the implicit crux limit', () => {
    const bare = disagreementMap({ ...input, revisions: undefined });
    expect(bare.rounds).toEqual([]);
    // implicit cruxes need 8 common reviewers: ten reviewers in two camps of five on c1, c2, c4, c6
    const ten = Array.from({ length: 10 }, (_, i) => `r${i}`);
    const camps: Rating[] = ten.flatMap((reviewerId, i) => {
      const sign = i < 5 ? 1 : -1;
      return ['c1', 'c2', 'c4', 'c6'].map((claimId, j) => ({ claimId, reviewerId, value: sigmoid(sign * (1 + j / 2) + i / 13 - (j * i) / 40) }));
    });
    const wide = disagreementMap({ ...input, ratings: camps, revisions: undefined });
    expect(wide.implicitCruxes.length).toBeGreaterThan(3);
    expect(disagreementMap({ ...input, ratings: camps, revisions: undefined }, { implicitCruxLimit: 3 }).implicitCruxes).toEqual(wide.implicitCruxes.slice(0, 3));
  });

  it('adds each claim\'s bridged credence and viewpoint from the factorisation, oriented by the opinion groups', () => {
    const fit = bridgedCredences(ratings, { groups: opinionGroups(ratings).groups });
    expect(fit.claims).toHaveLength(6);
    for (const c of fit.claims) {
      expect(map.claims.find((m) => m.claimId === c.claimId)).toMatchObject({ bridged: c.bridged, viewpoint: c.viewpoint, splitsByViewpoint: c.splitsByViewpoint });
    }
    expect(map.claims.find((m) => m.claimId === 'c9')).toMatchObject({ bridged: null, viewpoint: null, splitsByViewpoint: false });
  });

  it('turns crux links into stats and appends the double cruxes found by the numbers after the marked ones', () => {
    const link = {
      id: 'l1',
      cruxClaimId: 'c2',
      forClaimId: 'c1',
      direction: 'more' as const,
      markedBy: 2,
      conditionals: [
        { reviewerId: 'a1', ifTrue: 0.9, ifFalse: 0.3 },
        { reviewerId: 'b1', ifTrue: 0.85, ifFalse: 0.1 },
      ],
    };
    const empty = { id: 'l2', cruxClaimId: 'c9', forClaimId: 'c1', direction: null, markedBy: 1, conditionals: [] };
    const withLinks = disagreementMap({ ...input, cruxLinks: [empty, link] });
    expect(withLinks.cruxLinks).toEqual(cruxLinkStats([link, empty], ratings));
    expect(withLinks.cruxLinks.map((l) => [l.id, l.n])).toEqual([
      ['l1', 2],
      ['l2', 0],
    ]);
    // a1 and b1: g = σ(2) − σ(−2.3) ≈ 0.79; k̄ ≈ 0.45, g′ ≈ 0.45 · 0.05 + 0.55 · 0.2 ≈ 0.13: resolved ≈ 83%
    const numbers = numbersDoubleCruxes([link], ratings);
    expect(numbers[0]?.pairs[0]?.resolvedShare).toBeGreaterThan(0.8);
    expect(withLinks.doubleCruxes).toEqual([...doubleCruxes(ratings, input.cruxes), ...numbers]);
    expect(withLinks.doubleCruxes.map((d) => d.foundBy)).toEqual(['marked', 'numbers']);
    expect(map.cruxLinks).toEqual([]);
  });
});

describe('disagreementMapBeside: the table parts computed elsewhere, the same map', () => {
  // 30 reviewers in two camps over 25 claims, each claim rated by most: enough common raters for implicit cruxes
  const random = seededRandom(7);
  const wide: Rating[] = [];
  for (let r = 0; r < 30; r++) {
    const camp = r % 2 === 0 ? 1 : -1;
    for (let c = 0; c < 25; c++) if (random() < 0.8) wide.push({ claimId: `k${c}`, reviewerId: `r${r}`, value: sigmoid(camp * (c % 3) + (random() - 0.5) * 2) });
  }
  const wideInput: DisagreementMapInput = { ...input, ratings: wide, revisions: undefined, rounds: undefined };
  const inline = disagreementMap(wideInput);

  it('has implicit cruxes, reviewer pairs and alpha to compare', () => {
    expect(inline.implicitCruxes.length).toBeGreaterThan(0);
    expect(inline.pairRanking.total).toBe(435);
    expect(inline.alpha).not.toBeNull();
  });

  it('gives the same map when the parts come from the ℓ matrix alone (what the worker thread gets)', async () => {
    let seen: RatingTable | null = null;
    const beside = await disagreementMapBeside(wideInput, {}, (table) => {
      seen = table;
      return Promise.resolve(tableParts(tableFromLogits([...table.claimIds], [...table.reviewerIds], new Float64Array(table.logits))));
    });
    expect(seen).not.toBeNull();
    expect(beside).toEqual(inline);
    expect(Object.keys(beside)).toEqual(Object.keys(inline));
  });

  it('computes the parts itself when they cannot be computed beside (null) or their computation fails', async () => {
    expect(await disagreementMapBeside(wideInput, {}, () => null)).toEqual(inline);
    expect(await disagreementMapBeside(wideInput, {}, () => Promise.reject(new Error('worker gone')))).toEqual(inline);
  });

  it('refuses an ℓ matrix whose size does not match its ids', () => {
    expect(() => tableFromLogits(['a', 'b'], ['r'], new Float64Array(3))).toThrow(RangeError);
  });
});
