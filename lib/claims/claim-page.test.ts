import { describe, expect, it } from 'vitest';
import { byStrength, distributionOf, groupCruxes, roundsAt } from './claim-page';

describe('the claim page’s pure parts', () => {
  it('describes the spread of the visible credences', () => {
    expect(distributionOf([])).toEqual({ n: 0, median: null, q1: null, q3: null, min: null, max: null });
    expect(distributionOf([0.9, 0.1, 0.5, 0.3])).toEqual({ n: 4, median: 0.4, q1: 0.25, q3: 0.6, min: 0.1, max: 0.9 });
  });

  it('puts each moment in its round; a moment at a round’s start belongs to it', () => {
    const starts = [{ number: 1, startsAt: 100 }, { number: 3, startsAt: 300 }, { number: 2, startsAt: 200 }];
    expect(roundsAt([50, 100, 199, 200, 300, 1000], starts)).toEqual([1, 1, 1, 2, 3, 3]);
    expect(roundsAt([5], [])).toEqual([1]);
  });

  it('orders evidence strongest first, then most recent', () => {
    const e = (annotationId: string, strength: number, createdAt: string) => ({ annotationId, strength, createdAt });
    const sorted = [e('a', 1, '2026-01-03'), e('b', 3, '2026-01-01'), e('c', 3, '2026-01-02')].sort(byStrength);
    expect(sorted.map((x) => x.annotationId)).toEqual(['c', 'b', 'a']);
  });

  it('groups crux marks by claim and direction, counting reviewers once, capped with a total', () => {
    const k = { id: 'k', statement: 'K' };
    const j = { id: 'j', statement: 'J' };
    const marks = [
      { annotationId: '1', authorId: 'u', claim: k, direction: 'more' as const },
      { annotationId: '2', authorId: 'u', claim: k, direction: 'more' as const },
      { annotationId: '3', authorId: 'v', claim: k, direction: 'more' as const },
      { annotationId: '4', authorId: 'v', claim: j, direction: 'less' as const },
    ];
    const grouped = groupCruxes(marks, 1);
    expect(grouped.total).toBe(2);
    expect(grouped.items).toEqual([{ claim: k, direction: 'more', reviewers: 2, annotationIds: ['1', '2', '3'] }]);
  });
});
