// Passage heat: the most contested claim anchored on each passage.
import { describe, expect, it } from 'vitest';
import { claimStats, passageHeat } from './index';

describe('passageHeat', () => {
  const stats = claimStats([
    // hot: 0.2 / 0.8 → disagreement = ln 4 · 2/5 = 0.5545177444479562
    { claimId: 'hot', reviewerId: 'r1', value: 0.2 },
    { claimId: 'hot', reviewerId: 'r2', value: 0.8 },
    // mild: 0.5 / 0.9 → ln 3 · 2/5 = 0.43944491546724385
    { claimId: 'mild', reviewerId: 'r1', value: 0.5 },
    { claimId: 'mild', reviewerId: 'r2', value: 0.9 },
  ]);
  const passages = [
    { passageId: 'p1', annotations: 4, reviewers: 2 },
    { passageId: 'p2', annotations: 1, reviewers: 1 },
    { passageId: 'p3', annotations: 0, reviewers: 0 },
  ];

  it('takes the largest disagreement among claims overlapping each passage, 0 where none', () => {
    const heat = passageHeat(
      passages,
      [
        { claimId: 'hot', passageIds: ['p1'] },
        { claimId: 'mild', passageIds: ['p1', 'p2'] },
        { claimId: 'unrated', passageIds: ['p3'] },
        { claimId: 'hot', passageIds: ['elsewhere'] },
      ],
      stats,
    );
    expect(heat.map((p) => p.passageId)).toEqual(['p1', 'p2', 'p3']);
    expect(heat[0]?.heat).toBeCloseTo(0.5545177444479562, 14);
    expect(heat[1]?.heat).toBeCloseTo(0.43944491546724385, 14);
    expect(heat[2]?.heat).toBe(0);
    expect(heat[0]).toMatchObject({ annotations: 4, reviewers: 2 });
  });
});
