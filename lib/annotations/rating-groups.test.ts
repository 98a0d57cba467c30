import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { groupRatings, itemIndexOf, ratingsLine, summarizeRatings, type RatingEntry } from './rating-groups';

const p = (id: string, claimId: string, value: number | null = 0.5): RatingEntry => ({ id, kind: 'probability', claimId, value });
const c = (id: string, claimId: string | null = null): RatingEntry => ({ id, kind: 'claim', claimId, value: null });

describe('groupRatings', () => {
  it('folds the ratings of a claim rated twice or more into one item at the first rating, in document order', () => {
    const items = groupRatings([c('a', 'x'), p('r1', 'x'), c('b'), p('r2', 'y'), p('r3', 'x'), p('r4', 'x')]);
    expect(items.map((i) => (i.type === 'card' ? i.entry.id : `${i.claimId}[${i.entries.map((e) => e.id).join(',')}]`))).toEqual([
      'a',
      'x[r1,r3,r4]',
      'b',
      'r2',
    ]);
  });

  it('keeps a single rating, and claims and cruxes on the same claim, as cards', () => {
    const items = groupRatings([c('a', 'x'), p('r1', 'x'), { id: 'k', kind: 'crux', claimId: 'x', value: null }]);
    expect(items.every((i) => i.type === 'card')).toBe(true);
  });

  it('finds the item holding an annotation', () => {
    const items = groupRatings([c('a'), p('r1', 'x'), p('r2', 'x'), c('b')]);
    expect(itemIndexOf(items, 'r2')).toBe(1);
    expect(itemIndexOf(items, 'b')).toBe(2);
    expect(itemIndexOf(items, 'none')).toBe(-1);
  });

  it('loses no entry and duplicates none (property)', () => {
    const entry = fc.record({
      kind: fc.constantFrom('claim', 'probability', 'crux', 'evidence'),
      claimId: fc.option(fc.constantFrom('x', 'y', 'z'), { nil: null }),
      value: fc.option(fc.double({ min: 0, max: 1, noNaN: true }), { nil: null }),
    });
    fc.assert(
      fc.property(fc.array(entry, { maxLength: 60 }), (raw) => {
        const entries = raw.map((e, i) => ({ ...e, id: `e${i}` }));
        const flat = groupRatings(entries).flatMap((i) => (i.type === 'card' ? [i.entry.id] : i.entries.map((e) => e.id)));
        expect([...flat].sort()).toEqual(entries.map((e) => e.id).sort());
        // groups hold two or more ratings of one claim, in document order
        for (const item of groupRatings(entries)) {
          if (item.type !== 'ratings') continue;
          expect(item.entries.length).toBeGreaterThanOrEqual(2);
          expect(item.entries.every((e) => e.kind === 'probability' && e.claimId === item.claimId)).toBe(true);
          const order = item.entries.map((e) => Number(e.id.slice(1)));
          expect(order).toEqual([...order].sort((a, b) => a - b));
        }
      }),
    );
  });
});

describe('ratings line', () => {
  it('gives the count and the median', () => {
    expect(ratingsLine(summarizeRatings([p('1', 'x', 0.9), p('2', 'x', 0.81), p('3', 'x', 0.2)]))).toBe('3 ratings · median 81%');
    expect(ratingsLine(summarizeRatings([p('1', 'x', 0.6), p('2', 'x', 0.8)]))).toBe('2 ratings · median 70%');
  });

  it('says what blind review withholds instead of a median of nothing', () => {
    expect(ratingsLine(summarizeRatings([p('1', 'x', null), p('2', 'x', null)]))).toBe('2 ratings · values hidden until you rate this claim');
    expect(ratingsLine(summarizeRatings([p('1', 'x', 0.4), p('2', 'x', null), p('3', 'x', null)]))).toBe('3 ratings · 2 hidden until you rate · median 40% of 1');
  });
});
