// Rounds: each claim's state at the end of every round, from the revision history.
import { describe, expect, it } from 'vitest';
import { roundSpreads } from './index';
import type { Revision } from './index';

const LN3 = Math.log(3);
const LN9 = Math.log(9);

describe('roundSpreads', () => {
  // Rounds start at t = 100, 200, 300 (ms since the epoch). a's 0.5 predates round 1; a's 0.1 lands exactly on
  // round 2's start, so it belongs to round 2.
  const rounds = [
    { id: 'r2', startsAt: 200 },
    { id: 'r1', startsAt: new Date(100) },
    { id: 'r3', startsAt: 300 },
  ];
  const revisions: Revision[] = [
    { claimId: 'c1', reviewerId: 'a', value: 0.5, createdAt: 50 },
    { claimId: 'c1', reviewerId: 'b', value: 0.9, createdAt: new Date(150) },
    { claimId: 'c1', reviewerId: 'a', value: 0.1, createdAt: 200 },
    { claimId: 'c2', reviewerId: 'c', value: 0.3, createdAt: 250 },
    { claimId: 'c1', reviewerId: 'b', value: 0.5, createdAt: 350 },
  ];

  it('starts every round from the steady credences, as if each were one revision before the first round ended', () => {
    // c3: d at 0.8 and e at 0.2 never changed; they count in every round, beside the history of the others
    const steady = [
      { claimId: 'c3', reviewerId: 'd', value: 0.8 },
      { claimId: 'c3', reviewerId: 'e', value: 0.2 },
    ];
    const asRevisions: Revision[] = steady.map((r) => ({ ...r, createdAt: 10 }));
    const result = roundSpreads(revisions, rounds, steady);
    expect(result).toEqual(roundSpreads([...asRevisions, ...revisions], rounds));
    for (const round of result) expect(round.claims.find((c) => c.claimId === 'c3')).toMatchObject({ n: 2, aggregate: 0.5 });
    expect(result[0]?.claims.find((c) => c.claimId === 'c3')?.spread).toBeCloseTo(Math.log(4), 12);
  });

  it('takes each reviewer\'s latest value as of each round\'s end', () => {
    const result = roundSpreads([...revisions].reverse(), rounds);
    expect(result.map((r) => [r.roundId, r.startsAt, r.endsAt])).toEqual([
      ['r1', '1970-01-01T00:00:00.100Z', '1970-01-01T00:00:00.200Z'],
      ['r2', '1970-01-01T00:00:00.200Z', '1970-01-01T00:00:00.300Z'],
      ['r3', '1970-01-01T00:00:00.300Z', null],
    ]);
    const [r1, r2, r3] = result;
    // r1: c1 = {a: 0.5, b: 0.9} → ℓ [0, ln 9]: aggregate sigmoid(ln 3) = 0.75, spread ln 9 / 2 = ln 3; c2 not yet rated
    expect(r1?.claims.map((c) => c.claimId)).toEqual(['c1']);
    expect(r1?.claims[0]?.n).toBe(2);
    expect(r1?.claims[0]?.aggregate).toBeCloseTo(0.75, 14);
    expect(r1?.claims[0]?.spread).toBeCloseTo(LN3, 14);
    // r2: c1 = {a: 0.1, b: 0.9} → ℓ ∓ln 9: aggregate 0.5, spread ln 9; c2 = {c: 0.3}: n 1, spread 0
    expect(r2?.claims[0]?.aggregate).toBeCloseTo(0.5, 14);
    expect(r2?.claims[0]?.spread).toBeCloseTo(LN9, 14);
    expect(r2?.claims[1]).toMatchObject({ claimId: 'c2', n: 1, spread: 0 });
    expect(r2?.claims[1]?.aggregate).toBeCloseTo(0.3, 14);
    // r3 (open-ended): c1 = {a: 0.1, b: 0.5} → ℓ [−ln 9, 0]: aggregate sigmoid(−ln 3) = 0.25, spread ln 3
    expect(r3?.claims[0]?.aggregate).toBeCloseTo(0.25, 14);
    expect(r3?.claims[0]?.spread).toBeCloseTo(LN3, 14);
  });

  it('lets the later revision in the array win at the same instant', () => {
    const [round] = roundSpreads(
      [
        { claimId: 'c', reviewerId: 'a', value: 0.9, createdAt: 10 },
        { claimId: 'c', reviewerId: 'a', value: 0.2, createdAt: 10 },
      ],
      [{ id: 'only', startsAt: 0 }],
    );
    expect(round?.claims[0]?.aggregate).toBeCloseTo(0.2, 14);
  });

  it('returns no rounds without rounds, and empty rounds before any revision', () => {
    expect(roundSpreads(revisions, [])).toEqual([]);
    const [early] = roundSpreads([{ claimId: 'c', reviewerId: 'a', value: 0.4, createdAt: 500 }], [
      { id: 'early', startsAt: 0 },
      { id: 'late', startsAt: 400 },
    ]);
    expect(early?.claims).toEqual([]);
  });

  it('rejects an invalid time or credence', () => {
    expect(() => roundSpreads([{ claimId: 'c', reviewerId: 'a', value: 0.4, createdAt: new Date('nope') }], [])).toThrow(RangeError);
    expect(() => roundSpreads([], [{ id: 'x', startsAt: Number.NaN }])).toThrow(RangeError);
    expect(() => roundSpreads([{ claimId: 'c', reviewerId: 'a', value: 2, createdAt: 1 }], [])).toThrow(RangeError);
  });
});
