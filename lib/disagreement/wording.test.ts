import { describe, expect, it } from 'vitest';
import { describeDisagreement, disagreementLevel, DISAGREEMENT_LEVELS, evidenceCounts } from './wording';

describe('disagreementLevel', () => {
  it('names the level by its lower bound', () => {
    expect(disagreementLevel(0)).toBe('none');
    expect(disagreementLevel(DISAGREEMENT_LEVELS.mild - 0.001)).toBe('none');
    expect(disagreementLevel(DISAGREEMENT_LEVELS.mild)).toBe('mild');
    expect(disagreementLevel(DISAGREEMENT_LEVELS.moderate)).toBe('moderate');
    expect(disagreementLevel(0.99)).toBe('moderate');
    expect(disagreementLevel(DISAGREEMENT_LEVELS.strong)).toBe('strong');
    expect(disagreementLevel(1.21)).toBe('strong');
    expect(disagreementLevel(9)).toBe('strong');
  });

  it('refuses what is not a disagreement value', () => {
    expect(() => disagreementLevel(-0.1)).toThrow(RangeError);
    expect(() => disagreementLevel(Number.NaN)).toThrow(RangeError);
  });
});

describe('describeDisagreement', () => {
  it('says the level and the span of the middle half', () => {
    const summary = describeDisagreement({ n: 12, disagreement: 1.21, q1: 0.22, q3: 0.81 });
    expect(summary.level).toBe('strong');
    expect(summary.text).toBe('strong disagreement: the middle half of reviewers spans 22%–81%');
    expect(summary.brief).toBe('middle half 22%–81%');
  });

  it('adds where everyone is when the tails reach beyond the middle half', () => {
    const summary = describeDisagreement({ n: 12, disagreement: 1.4, q1: 0.38, q3: 0.77, min: 0.03, max: 0.97 });
    expect(summary.text).toBe('strong disagreement: the middle half of reviewers spans 38%–77%, all 12 between 3% and 97%');
    expect(summary.brief).toBe('middle half 38%–77%');
  });

  it('says when reviewers do not really disagree', () => {
    expect(describeDisagreement({ n: 5, disagreement: 0.1, q1: 0.7, q3: 0.72 }).text).toBe('no real disagreement: the middle half of reviewers spans 70%–72%');
    expect(describeDisagreement({ n: 5, disagreement: 0, q1: 0.7, q3: 0.7 }).text).toBe('no real disagreement: the middle half of reviewers sits at 70%');
  });

  it('gives a small panel its range instead of quartiles', () => {
    const pair = describeDisagreement({ n: 2, disagreement: 0.8, q1: 0.35, q3: 0.65, min: 0.2, max: 0.8 });
    expect(pair.text).toBe('moderate disagreement: the 2 reviewers range from 20% to 80%');
    expect(pair.brief).toBe('range 20%–80%');
    expect(describeDisagreement({ n: 3, disagreement: 0, q1: 0.5, q3: 0.5, min: 0.5, max: 0.5 }).text).toBe('no real disagreement: all 3 reviewers say 50%');
    expect(describeDisagreement({ n: 3, disagreement: 0.3, q1: 0.4, q3: 0.6 }).text).toBe('mild disagreement: the middle half of the credences spans 40%–60%');
  });

  it('has words for no rating and a single one', () => {
    expect(describeDisagreement({ n: 0, disagreement: null, q1: null, q3: null }).text).toBe('not rated yet');
    expect(describeDisagreement({ n: 1, disagreement: 0, q1: 0.4, q3: 0.4, median: 0.4 }).text).toBe('one reviewer so far: 40%');
  });
});

describe('evidenceCounts', () => {
  it('counts evidence for and against', () => {
    expect(evidenceCounts({ for: 2, against: 1 })).toBe('2 for · 1 against');
    expect(evidenceCounts({ for: 0, against: 1 })).toBe('0 for · 1 against');
    expect(evidenceCounts({ for: 0, against: 0 })).toBe('none');
  });
});
