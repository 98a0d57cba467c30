// One viewer's map from a feed: what blind review hides and reveals, which viewers share a cached map, and the
// spread per round from the current credences and the revision history.
import { describe, expect, it } from 'vitest';
import type { Feed } from './map-inputs-queries';
import { computeCredences, computeMap, hiddenClaims, maskedClaims, maskStatements, viewIndexOf, viewKeyOf } from './view';

const LN3 = Math.log(3);
const LN9 = Math.log(9);

/**
 * Claims a (open) and b (blind, revealed at t = 300 when round 2 opened at t = 300); reviewers r1, r2, r3.
 * a: r1 0.1 → 0.5 (revised at 350, in round 2), r2 0.9. b: r1 0.9, r2 0.1 (both before 300), r3 0.5 (at 400).
 */
function feed(overrides: Partial<Feed> = {}): Feed {
  return {
    claims: [
      { claimId: 'a', statement: 'A' },
      { claimId: 'b', statement: 'B' },
    ],
    reviewers: [
      { id: 'r1', name: 'One' },
      { id: 'r2', name: 'Two' },
      { id: 'r3', name: 'Three' },
    ],
    ratings: [
      { claimId: 'a', reviewerId: 'r1', value: 0.5 },
      { claimId: 'a', reviewerId: 'r2', value: 0.9 },
      { claimId: 'b', reviewerId: 'r1', value: 0.9 },
      { claimId: 'b', reviewerId: 'r2', value: 0.1 },
      { claimId: 'b', reviewerId: 'r3', value: 0.5 },
    ],
    evidence: [{ claimId: 'b', stance: 'for', strength: 2 }],
    cruxes: [],
    cruxLinks: [],
    revealedConditionals: new Map(),
    statementHidden: new Map(),
    targets: [{ claimId: 'b', passageIds: ['p1'] }],
    passages: [{ passageId: 'p1', annotations: 4, reviewers: 3 }],
    rounds: [
      { id: null, number: 1, startsAt: 100 },
      { id: 'round-2', number: 2, startsAt: 300 },
    ],
    blind: new Map([['b', 300]]),
    revisions: [
      { claimId: 'a', reviewerId: 'r1', value: 0.1, createdAt: 150 },
      { claimId: 'a', reviewerId: 'r2', value: 0.9, createdAt: 160 },
      { claimId: 'b', reviewerId: 'r1', value: 0.9, createdAt: 170 },
      { claimId: 'b', reviewerId: 'r2', value: 0.1, createdAt: 180 },
    ],
    steady: [],
    horizon: 300,
    ...overrides,
  };
}

describe('who sees what under blind review', () => {
  const index = viewIndexOf(feed());

  it('hides a blind claim from everyone but owners and those who rated it', () => {
    expect(hiddenClaims(index, { userId: 'owner', isOwner: true })).toEqual([]);
    expect(hiddenClaims(index, { userId: 'r1', isOwner: false })).toEqual([]);
    expect(hiddenClaims(index, { userId: 'newcomer', isOwner: false })).toEqual(['b']);
    expect(hiddenClaims(index, { userId: null, isOwner: false })).toEqual(['b']);
  });

  it('hides nothing when no claim is blind', () => {
    expect(hiddenClaims(viewIndexOf(feed({ blind: new Map() })), { userId: null, isOwner: false })).toEqual([]);
  });

  it('lets viewers who may see the same credences share one cached map', () => {
    expect(viewKeyOf([])).toBe('all');
    expect(viewKeyOf(['b'])).toBe(viewKeyOf(['b']));
    expect(viewKeyOf(['b'])).not.toBe(viewKeyOf(['a', 'b']));
    expect(viewKeyOf(['b'])).not.toBe('all');
  });
});

describe('computeMap', () => {
  it('uses every current credence for a viewer who may see them all', () => {
    const map = computeMap(feed(), []);
    const b = map.claims.find((c) => c.claimId === 'b');
    // b: ℓ = [ln 9, −ln 9, 0]: mean 0, so the aggregate is 0.5; spread √(2·ln²9 / 3)
    expect(b).toMatchObject({ n: 3, hidden: false, statement: 'B', passageIds: ['p1'] });
    expect(b?.aggregate).toBeCloseTo(0.5, 14);
    expect(b?.spread).toBeCloseTo(LN9 * Math.sqrt(2 / 3), 14);
    expect(map.reviewers.map((r) => r.id)).toEqual(['r1', 'r2', 'r3']);
    expect(map.round).toEqual({ number: 2, openedAt: new Date(300).toISOString() });
  });

  it('shows a hidden claim as its credences stood when it was revealed, and nothing given since', () => {
    const map = computeMap(feed(), ['b']);
    const b = map.claims.find((c) => c.claimId === 'b');
    // revealed at 300: r1 0.9 and r2 0.1 (r3's 0.5 came later) → ℓ ±ln 9
    expect(b).toMatchObject({ n: 2, hidden: true, median: 0.5 });
    expect(b?.aggregate).toBeCloseTo(0.5, 14);
    expect(b?.spread).toBeCloseTo(LN9, 14);
    expect(b?.evidence).toEqual({ for: 1, against: 0, forStrength: 2, againstStrength: 0 });
    // r3 rated only the hidden claim, after its reveal: none of their credences is used
    expect(map.reviewers.map((r) => r.id)).toEqual(['r1', 'r2']);
  });

  it('shows a hidden claim that was never revealed with no credences and null statistics', () => {
    const map = computeMap(feed({ blind: new Map([['b', null]]) }), ['b']);
    expect(map.claims.find((c) => c.claimId === 'b')).toMatchObject({ n: 0, aggregate: null, spread: null, disagreement: null, hidden: true });
    expect(map.passages).toEqual([{ passageId: 'p1', heat: 0, annotations: 4, reviewers: 3 }]);
    expect(map.rounds.flatMap((r) => r.claims.map((c) => c.claimId))).not.toContain('b');
  });

  it('gives each earlier round the state at its end and the current round the current credences', () => {
    const map = computeMap(feed(), []);
    expect(map.rounds.map((r) => [r.number, r.roundId, r.startsAt, r.endsAt])).toEqual([
      [1, null, new Date(100).toISOString(), new Date(300).toISOString()],
      [2, 'round-2', new Date(300).toISOString(), null],
    ]);
    const [first, second] = map.rounds;
    // round 1, a: r1 0.1, r2 0.9 → ℓ ∓ln 9: aggregate 0.5, spread ln 9. Round 2, a: r1 0.5, r2 0.9 → ℓ [0, ln 9]
    expect(first?.claims.find((c) => c.claimId === 'a')).toMatchObject({ n: 2 });
    expect(first?.claims.find((c) => c.claimId === 'a')?.spread).toBeCloseTo(LN9, 14);
    expect(second?.claims.find((c) => c.claimId === 'a')?.aggregate).toBeCloseTo(0.75, 14);
    expect(second?.claims.find((c) => c.claimId === 'a')?.spread).toBeCloseTo(LN3, 14);
    expect(second?.claims.find((c) => c.claimId === 'b')?.n).toBe(3);
  });

  it("hides others' conditionals on a link whose C is hidden, showing those revealed with C's credences", () => {
    // K = a, C = b; r1 and r2 gave conditionals; as of b's reveal moment only r1's (0.8, 0.4) had been given
    const link = {
      id: 'l1',
      cruxClaimId: 'a',
      forClaimId: 'b',
      direction: 'more' as const,
      markedBy: 1,
      conditionals: [
        { reviewerId: 'r1', ifTrue: 0.9, ifFalse: 0.2 },
        { reviewerId: 'r2', ifTrue: 0.6, ifFalse: 0.1 },
      ],
    };
    const withLink = feed({ cruxLinks: [link], revealedConditionals: new Map([['l1', [{ reviewerId: 'r1', ifTrue: 0.8, ifFalse: 0.4 }]]]) });
    const open = computeMap(withLink, []).cruxLinks[0];
    // k_r1 = 0.5, k_r2 = 0.9: mean of 2·k(1−k)|a−b| = (0.5·0.7 + 0.18·0.5) / 2
    expect(open?.n).toBe(2);
    expect(open?.expectedShift).toBeCloseTo((0.5 * 0.7 + 0.18 * 0.5) / 2, 12);
    const hidden = computeMap(withLink, ['b']).cruxLinks[0];
    expect(hidden?.n).toBe(1);
    expect(hidden?.expectedShift).toBeCloseTo(0.5 * 0.4, 12);
    const never = computeMap(feed({ cruxLinks: [link], blind: new Map([['b', null]]) }), ['b']).cruxLinks[0];
    expect(never).toMatchObject({ n: 0, expectedShift: null });
  });

  it('gives the same map from the steady credences and the history of the changed ones as from every revision', () => {
    // as the feed loads it: a/r1 (revised at 350) and b/r3 (first rated at 400) changed since the first boundary
    // (300), so only a/r1's revision before 300 is read; a/r2, b/r1 and b/r2 are steady at their current values
    const split = feed({
      revisions: [{ claimId: 'a', reviewerId: 'r1', value: 0.1, createdAt: 150 }],
      steady: [
        { claimId: 'a', reviewerId: 'r2', value: 0.9 },
        { claimId: 'b', reviewerId: 'r1', value: 0.9 },
        { claimId: 'b', reviewerId: 'r2', value: 0.1 },
      ],
    });
    for (const hidden of [[], ['b']]) {
      const full = computeMap(feed(), hidden);
      const fromSplit = computeMap(split, hidden);
      expect(fromSplit.rounds, `hidden ${hidden.join()}`).toEqual(full.rounds);
      expect(fromSplit.claims, `hidden ${hidden.join()}`).toEqual(full.claims);
      expect(computeCredences(split, hidden)).toEqual(computeCredences(feed(), hidden));
    }
    // round 1 ends at 300: a has r1 at 0.1 and r2 at 0.9; b has r1 and r2 (r3 came later)
    expect(computeMap(split, []).rounds[0]?.claims.map((c) => [c.claimId, c.n])).toEqual([
      ['a', 2],
      ['b', 2],
    ]);
  });

  it('has one round, from the current credences, until an owner opens another', () => {
    const map = computeMap(feed({ rounds: [{ id: null, number: 1, startsAt: 100 }], blind: new Map(), revisions: [], horizon: null }), []);
    expect(map.rounds).toHaveLength(1);
    expect(map.rounds[0]).toMatchObject({ number: 1, roundId: null, endsAt: null });
    expect(map.rounds[0]?.claims.map((c) => [c.claimId, c.n])).toEqual([
      ['a', 2],
      ['b', 3],
    ]);
  });
});

describe('computeCredences', () => {
  it('lists every current credence by claim, as positions in the map reviewers, for a viewer who may see them all', () => {
    const map = computeMap(feed(), []);
    const credences = computeCredences(feed(), []);
    expect(map.reviewers.map((r) => r.id)).toEqual(['r1', 'r2', 'r3']);
    expect(credences).toEqual({ a: { reviewers: [0, 1], values: [0.5, 0.9] }, b: { reviewers: [0, 1, 2], values: [0.9, 0.1, 0.5] } });
  });

  it('gives a hidden claim only the credences revealed with it, indexed into the same reviewers as the map', () => {
    const map = computeMap(feed(), ['b']);
    const credences = computeCredences(feed(), ['b']);
    expect(map.reviewers.map((r) => r.id)).toEqual(['r1', 'r2']);
    expect(credences).toEqual({ a: { reviewers: [0, 1], values: [0.5, 0.9] }, b: { reviewers: [0, 1], values: [0.9, 0.1] } });
    expect(computeCredences(feed({ blind: new Map([['b', null]]) }), ['b'])).toEqual({ a: { reviewers: [0, 1], values: [0.5, 0.9] } });
  });
});

describe('statements a moderator hid', () => {
  const hiddenB = feed({ statementHidden: new Map([['b', 'r3']]) });
  const index = viewIndexOf(hiddenB);

  it('are masked for everyone but owners and the claim’s creator, and in the map’s claims', () => {
    expect(maskedClaims(index, { userId: 'r1', isOwner: false })).toEqual(['b']);
    expect(maskedClaims(index, { userId: null, isOwner: false })).toEqual(['b']);
    expect(maskedClaims(index, { userId: 'r3', isOwner: false })).toEqual([]);
    expect(maskedClaims(index, { userId: 'r1', isOwner: true })).toEqual([]);
    const map = computeMap(maskStatements(hiddenB, ['b']), []);
    expect(map.claims.map((c) => [c.claimId, c.statement])).toEqual(
      expect.arrayContaining([
        ['a', 'A'],
        ['b', '[Hidden by a moderator]'],
      ]),
    );
    expect(JSON.stringify(map)).not.toContain('"B"');
  });

  it('leave the feed and the cache key as they were when nothing is masked, and key masked views apart', () => {
    expect(maskStatements(hiddenB, [])).toBe(hiddenB);
    expect(viewKeyOf([], [])).toBe(viewKeyOf([]));
    expect(viewKeyOf(['b'], [])).toBe(viewKeyOf(['b']));
    expect(viewKeyOf([], ['b'])).not.toBe(viewKeyOf([]));
    expect(viewKeyOf([], ['b'])).not.toBe(viewKeyOf(['b']));
  });
});

describe('opinion groups in the answer', () => {
  it('list each group’s 20 most representative claims, with how many there are', () => {
    // two camps of six, apart on 30 claims (with a little noise so no two claims tie)
    const reviewers = Array.from({ length: 12 }, (_, i) => ({ id: `r${String(i).padStart(2, '0')}`, name: `R${i}` }));
    const claims = Array.from({ length: 30 }, (_, c) => ({ claimId: `c${String(c).padStart(2, '0')}`, statement: `Claim ${c}` }));
    const ratings = claims.flatMap(({ claimId }, c) =>
      reviewers.map(({ id }, r) => ({ claimId, reviewerId: id, value: (r < 6 ? 0.85 : 0.15) + ((r * 7 + c * 3) % 5) / 100 })),
    );
    const map = computeMap(feed({ claims, reviewers, ratings, blind: new Map(), revisions: [], targets: [], evidence: [] }), []);
    expect(map.groups.length).toBe(2);
    for (const group of map.groups) {
      expect(group.representativeTotal).toBe(30);
      expect(group.representative).toHaveLength(20);
      const strengths = group.representative.map((r) => Math.abs(r.z));
      expect(strengths).toEqual([...strengths].sort((a, b) => b - a));
    }
  });
});
