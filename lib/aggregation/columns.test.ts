import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { concatRatings, ratingColumns, ratingCount, ratingReviewers, ratingsOf, RatingColumnsBuilder } from './columns';
import { disagreementMap } from './map';
import { roundSpreads } from './rounds';
import { tabulate } from './table';
import type { Rating } from './types';

const rating = fc.record({
  claimId: fc.constantFrom('c1', 'c2', 'c3', 'c4'),
  reviewerId: fc.constantFrom('ana', 'ben', 'cy', 'dee', 'eve'),
  value: fc.double({ min: 0, max: 1, noNaN: true }),
});

describe('rating columns', () => {
  it('keep every rating in order, each id once in order of first appearance', () => {
    const ratings: Rating[] = [
      { claimId: 'b', reviewerId: 'ana', value: 0.25 },
      { claimId: 'a', reviewerId: 'ben', value: 0.5 },
      { claimId: 'b', reviewerId: 'ben', value: 1 / 3 },
    ];
    const columns = ratingColumns(ratings);
    expect(columns.claimIds).toEqual(['b', 'a']);
    expect(columns.reviewerIds).toEqual(['ana', 'ben']);
    expect([...columns.claim]).toEqual([0, 1, 0]);
    expect([...columns.reviewer]).toEqual([0, 1, 1]);
    expect(ratingsOf(columns)).toEqual(ratings);
    expect(ratingCount(columns)).toBe(3);
    expect(ratingReviewers(ratings)).toEqual(['ana', 'ben']);
  });

  it('concatenate parts that share reviewers, and leave out the claims `keep` refuses along with their ids', () => {
    const first = ratingColumns([
      { claimId: 'a', reviewerId: 'ana', value: 0.1 },
      { claimId: 'b', reviewerId: 'ben', value: 0.2 },
    ]);
    const second: Rating[] = [
      { claimId: 'c', reviewerId: 'ben', value: 0.3 },
      { claimId: 'd', reviewerId: 'cy', value: 0.4 },
    ];
    const all = concatRatings([first, second]);
    expect(ratingsOf(all)).toEqual([...ratingsOf(first), ...second]);
    expect(all.reviewerIds).toEqual(['ana', 'ben', 'cy']);
    const kept = concatRatings([first, second], (claimId) => claimId !== 'a' && claimId !== 'd');
    expect(ratingsOf(kept).map((r) => r.claimId)).toEqual(['b', 'c']);
    // an id is listed only when a kept rating has it: ana rated only claim a, cy only claim d
    expect(kept.claimIds).toEqual(['b', 'c']);
    expect(kept.reviewerIds).toEqual(['ben']);
    // as objects, from columns or objects alike
    expect(ratingsOf(all, (claimId) => claimId === 'c')).toEqual([second[0]]);
    expect(ratingsOf(second, (claimId) => claimId === 'c')).toEqual([second[0]]);
  });

  it('grow past the capacity they were given', () => {
    const builder = new RatingColumnsBuilder(1);
    for (let i = 0; i < 100; i++) builder.add(`c${i % 7}`, `r${i % 3}`, i / 100);
    const columns = builder.build();
    expect(ratingCount(columns)).toBe(100);
    expect(ratingsOf(columns)[99]).toEqual({ claimId: 'c1', reviewerId: 'r0', value: 0.99 });
  });

  it('give the same table, map and rounds as the same ratings as objects (a pair given twice keeps its last value)', () => {
    fc.assert(
      fc.property(fc.array(rating, { maxLength: 40 }), (ratings) => {
        const columns = ratingColumns(ratings);
        expect(tabulate(columns)).toEqual(tabulate(ratings));
        expect(disagreementMap({ ratings: columns, evidence: [], cruxes: [], targets: [], passages: [] })).toEqual(
          disagreementMap({ ratings, evidence: [], cruxes: [], targets: [], passages: [] }),
        );
        const rounds = [{ id: 'r1', startsAt: 0 }];
        expect(roundSpreads([], rounds, columns)).toEqual(roundSpreads([], rounds, ratings));
      }),
      { numRuns: 60 },
    );
  });

  it('refuse a credence outside [0, 1] naming its claim and reviewer', () => {
    const columns = ratingColumns([
      { claimId: 'a', reviewerId: 'ana', value: 0.5 },
      { claimId: 'b', reviewerId: 'ben', value: 1.5 },
    ]);
    expect(() => tabulate(columns)).toThrow('claim b, reviewer ben: credence 1.5 is not in [0, 1]');
    expect(() => roundSpreads([], [{ id: 'r1', startsAt: 0 }], columns)).toThrow('claim b, reviewer ben');
  });
});
