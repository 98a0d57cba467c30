// The queue's order on hand-built candidates: thin panels first (fewer first), then disagreement, then crux value;
// the formula's values; the reason in words.
import { describe, expect, it } from 'vitest';
import { orderQueue, priorityOf, reasonOf, type QueueCandidate } from './priority';

const c = (claimId: string, n: number, disagreement: number | null = null, cruxFor: QueueCandidate['cruxFor'] = null): QueueCandidate => ({
  claimId,
  statement: `Claim ${claimId}`,
  n,
  disagreement,
  cruxFor,
});

describe('priorityOf', () => {
  it('is 1000·max(0, 5 − n) + 100·min(d, 9.99) + min(cruxFor, 0.99)', () => {
    expect(priorityOf(c('a', 0))).toBe(5000);
    expect(priorityOf(c('a', 2, 0.5))).toBe(3050);
    expect(priorityOf(c('a', 7, 1.25, { statement: 'x', disagreement: 0.4 }))).toBe(125.4);
    expect(priorityOf(c('a', 9, 20, { statement: 'x', disagreement: 3 }))).toBe(999.99);
  });
});

describe('orderQueue', () => {
  it('puts any thinner panel first, then disagreement, then a crux for a disputed claim; ties by id', () => {
    const ordered = orderQueue(
      [
        c('agreed', 8, 0.1),
        c('crux', 8, 0.1, { statement: 'C', disagreement: 1.2 }),
        c('split', 8, 1.4),
        c('four', 4, 0),
        c('one-split', 1, null),
        c('three', 3, 2.5),
        c('tie-b', 8, 0),
        c('tie-a', 8, 0),
      ],
      10,
    );
    expect(ordered.map((o) => o.claimId)).toEqual(['one-split', 'three', 'four', 'split', 'crux', 'agreed', 'tie-a', 'tie-b']);
  });

  it('lists at most the limit', () => {
    expect(orderQueue(Array.from({ length: 80 }, (_, i) => c(`c${i}`, i % 7)), 10)).toHaveLength(50);
  });
});

describe('reasonOf', () => {
  it('says the first reason that applies', () => {
    expect(reasonOf(c('a', 0), 14)).toBe('Nobody has rated this yet.');
    expect(reasonOf(c('a', 2), 14)).toBe('Only 2 of 14 have rated this.');
    expect(reasonOf(c('a', 6, 0.8), 14)).toBe('Reviewers disagree on this (6 ratings): one more view sharpens where they part.');
    expect(reasonOf(c('a', 6, 0.2, { statement: 'Weights matter', disagreement: 0.9 }), 14)).toBe('A crux for a disputed claim: “Weights matter”.');
    expect(reasonOf(c('a', 6, 0.2, { statement: 'Weights matter', disagreement: 0.3 }), 14)).toBe('6 ratings so far: yours adds to the panel.');
  });
});
