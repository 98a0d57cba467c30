import { describe, expect, it } from 'vitest';
import { briefDescription, type BriefInput } from './brief';

const base: BriefInput = { kind: 'claim', stance: null, value: null, ratings: null, ratingsHidden: false, isNew: false };

describe('briefDescription', () => {
  it('says a claim with its ratings and their median, as the issue words it', () => {
    const ratings = [0.81, 0.9, 0.7, 0.85, 0.6, 0.95, 0.81, 0.5, 0.99, 0.75, 0.82, 0.8];
    expect(briefDescription({ ...base, ratings })).toBe('claim, 12 ratings, median 81%');
    expect(briefDescription({ ...base, ratings: [0.6, 0.8] })).toBe('claim, 2 ratings, median 70%');
    expect(briefDescription({ ...base, ratings: [0.4] })).toBe('claim, 1 rating, median 40%');
    expect(briefDescription({ ...base, ratings: [] })).toBe('claim, no ratings yet');
  });

  it('never states what blind review hides', () => {
    expect(briefDescription({ ...base, ratings: [], ratingsHidden: true })).toBe('claim, ratings hidden until you rate');
    expect(briefDescription({ ...base, kind: 'probability', value: null })).toBe('probability, hidden until you rate');
  });

  it('names the other kinds briefly, and says when it is new since the last visit', () => {
    expect(briefDescription({ ...base, kind: 'probability', value: 0.7 })).toBe('probability 70%');
    expect(briefDescription({ ...base, kind: 'evidence', stance: 'against' })).toBe('evidence against');
    expect(briefDescription({ ...base, kind: 'crux', isNew: true })).toBe('crux, new');
  });
});
