// Opinion groups: PCA placement (checked by hand and against numpy's SVD), k-means groups, and the claims that
// set a group apart or that every group leans the same way on.
import { describe, expect, it } from 'vitest';
import { opinionGroups } from './index';
import { welchZ } from './groups';
import type { Rating } from './index';

const sigmoid = (x: number) => 1 / (1 + Math.exp(-x));
const A = ['a1', 'a2', 'a3', 'a4', 'a5', 'a6'];
const B = ['b1', 'b2', 'b3', 'b4', 'b5', 'b6'];

function ratingsOf(rows: Array<[claimId: string, reviewers: string[], values: number[]]>): Rating[] {
  return rows.flatMap(([claimId, reviewers, values]) => reviewers.map((reviewerId, i) => ({ claimId, reviewerId, value: values[i] as number })));
}

/**
 * Two camps of six. k1, k2 and k4 split them; k3 is noise; k5 and k7 both camps rate alike; only camp A rated k6;
 * a1 and b2 did not rate k3 (missing cells); z1 rated only three of seven claims (not eligible: needs 5).
 */
const camps = ratingsOf([
  ['k1', A, new Array<number>(6).fill(0.9)],
  ['k1', B, new Array<number>(6).fill(0.1)],
  ['k2', A, [1, 2, 3, 1, 2, 3].map(sigmoid)],
  ['k2', B, [-1, -2, -3, -1, -2, -3].map(sigmoid)],
  ['k3', A.slice(1), [0, 1, 0, 1, 1].map(sigmoid)],
  ['k3', ['b1', 'b3', 'b4', 'b5', 'b6'], [0, 0, 1, 0, 1].map(sigmoid)],
  ['k4', A, new Array<number>(6).fill(0.2)],
  ['k4', B, new Array<number>(6).fill(0.8)],
  ['k5', A, [0.8, 0.85, 0.75, 0.8, 0.85, 0.75]],
  ['k5', B, [0.8, 0.85, 0.75, 0.8, 0.85, 0.75]],
  ['k6', A, [0.6, 0.7, 0.6, 0.7, 0.6, 0.7]],
  ['k7', A, [0.3, 0.25, 0.35, 0.3, 0.25, 0.35]],
  ['k7', B, [0.3, 0.25, 0.35, 0.3, 0.25, 0.35]],
  ['k1', ['z1'], [0.5]],
  ['k2', ['z1'], [0.5]],
  ['k4', ['z1'], [0.5]],
]);

describe('opinionGroups: placement', () => {
  it('places reviewers on the first two principal components (hand-worked)', () => {
    // Two claims, ℓ rows (2, 0), (−2, 0), (0, 1), (0, −1): already centred; covariance ∝ diag(8, 2), so PC1 is
    // claim c1 and PC2 claim c2 and the scores are the rows themselves, each axis oriented so its first
    // largest-magnitude entry is positive.
    const { reviewers } = opinionGroups(
      ratingsOf([
        ['c1', ['r1', 'r2', 'r3', 'r4'], [sigmoid(2), sigmoid(-2), 0.5, 0.5]],
        ['c2', ['r1', 'r2', 'r3', 'r4'], [0.5, 0.5, sigmoid(1), sigmoid(-1)]],
      ]),
    );
    const expected = [
      [2, 0],
      [-2, 0],
      [0, 1],
      [0, -1],
    ];
    reviewers.forEach((reviewer, i) => {
      expect(reviewer.x).toBeCloseTo(expected[i]![0]!, 10);
      expect(reviewer.y).toBeCloseTo(expected[i]![1]!, 10);
    });
  });

  it('fills missing cells with the claim mean, as numpy\'s SVD of the filled, centred matrix gives', () => {
    // numpy: M = ℓ matrix (eligible reviewers × claims) with NaN where missing; F = where(isnan(M), nanmean(M, 0), M);
    // U, S, Vt = svd(F − F.mean(0)); scores = U[:, :2]·S[:2], each column's first largest-|value| entry made positive.
    const { reviewers } = opinionGroups(camps);
    const byId = new Map(reviewers.map((r) => [r.reviewerId, r]));
    const numpy: Record<string, [number, number]> = {
      a1: [2.64169692, 0.84126958],
      a3: [3.92543796, -0.78396233],
      b2: [-3.27543488, -0.11084723],
      b6: [-3.89273137, 0.39011814],
    };
    for (const [id, [x, y]] of Object.entries(numpy)) {
      expect(byId.get(id)?.x).toBeCloseTo(x, 7);
      expect(byId.get(id)?.y).toBeCloseTo(y, 7);
    }
  });

  it('leaves out reviewers with fewer than min(5, number of claims) ratings', () => {
    const { reviewers } = opinionGroups(camps);
    expect(reviewers.map((r) => r.reviewerId)).toEqual([...A, ...B]); // not z1 (3 of 7)
    // With three claims, three ratings suffice.
    const few = opinionGroups(camps.filter((r) => ['k1', 'k2', 'k4'].includes(r.claimId)));
    expect(few.reviewers.map((r) => r.reviewerId)).toContain('z1');
  });
});

describe('opinionGroups: groups', () => {
  it('finds two clearly separated camps of six, the larger or first-named first', () => {
    const result = opinionGroups(camps);
    expect(result.groups.map((g) => g.members.map((m) => m.reviewerId))).toEqual([A, B]);
    expect(result.reviewers.every((r) => r.group === (r.reviewerId.startsWith('a') ? 0 : 1))).toBe(true);
    expect(result.silhouette).toBeGreaterThan(0.7);
    expect(result.groups[0]?.members[0]).toEqual({ reviewerId: 'a1', x: result.reviewers[0]?.x, y: result.reviewers[0]?.y });
  });

  it('forms no groups with fewer than 4 eligible reviewers', () => {
    const three = camps.filter((r) => ['a1', 'a2', 'b1'].includes(r.reviewerId));
    const result = opinionGroups(three);
    expect(result.reviewers).toHaveLength(3);
    expect(result.reviewers.every((r) => r.group === null)).toBe(true);
    expect(result).toMatchObject({ groups: [], consensus: [], silhouette: null });
    expect(opinionGroups([])).toEqual({ reviewers: [], groups: [], consensus: [], silhouette: null });
  });

  it('discards a clustering that would leave a group of one', () => {
    // Four reviewers agree and one is far off: k = 2 (the only k for 5 reviewers) isolates the outlier.
    const rows: Array<[string, string[], number[]]> = ['c1', 'c2', 'c3', 'c4', 'c5'].map((claimId, i) => [
      claimId,
      ['r1', 'r2', 'r3', 'r4', 'odd'],
      [0.8, 0.8 + 0.01 * i, 0.79, 0.81, 0.05],
    ]);
    const result = opinionGroups(ratingsOf(rows));
    expect(result.groups).toEqual([]);
    expect(result.reviewers).toHaveLength(5);
  });

  it('forms no groups when every reviewer gave the same credences (all at the centre)', () => {
    const same = ['r1', 'r2', 'r3', 'r4', 'r5', 'r6'].flatMap((reviewerId) =>
      ['c1', 'c2', 'c3', 'c4', 'c5'].map((claimId, i) => ({ claimId, reviewerId, value: 0.1 + 0.2 * i })),
    );
    const result = opinionGroups(same);
    expect(result.reviewers.map((r) => [r.x, r.y])).toEqual(new Array(6).fill([0, 0]));
    expect(result.groups).toEqual([]);
  });

  it('is deterministic: the same groups for shuffled input and for any seed in a clear case', () => {
    const first = opinionGroups(camps);
    expect(opinionGroups([...camps].reverse())).toEqual(first);
    expect(opinionGroups(camps, { seed: 99 }).groups.map((g) => g.members.map((m) => m.reviewerId))).toEqual([A, B]);
  });
});

describe('opinionGroups: representative and consensus claims', () => {
  it('computes a Welch-style z with variances floored at 0.01', () => {
    // ℓ [1, 2, 3, 1, 2, 3] vs [−1, −2, −3, −1, −2, −3]: means ±2, sample variances 4/5 = 0.8;
    // z = 4 / √(0.8/6 + 0.8/6) = 4 / √(4/15) = 2√15 = 7.745966692414834
    const side = (values: number[]) => ({ n: values.length, sum: values.reduce((a, b) => a + b, 0), sumSquares: values.reduce((a, b) => a + b * b, 0) });
    expect(welchZ(side([1, 2, 3, 1, 2, 3]), side([-1, -2, -3, -1, -2, -3]))).toBeCloseTo(2 * Math.sqrt(15), 12);
    // Unanimous sides: variances 0 → floored: 2 ln 9 / √(0.01/6 + 0.01/6) = 76.11409207170767
    expect(welchZ(side(new Array<number>(6).fill(Math.log(9))), side(new Array<number>(6).fill(-Math.log(9))))).toBeCloseTo(76.11409207170767, 10);
  });

  it('lists the claims that set each group apart, strongest |z| first, with both sides\' aggregates', () => {
    const [groupA, groupB] = opinionGroups(camps).groups;
    // k1: unanimous 0.9 vs 0.1 → z = 76.114…; k4: 0.2 vs 0.8 → −2 ln 4 / √(1/300) = −48.0226…; k2: 2√15.
    // k3: ℓ [0, 1, 0, 1, 1] vs [0, 0, 1, 0, 1] → 0.2 / √(0.3/5 + 0.3/5) = 1/√3 = 0.577 < 1.2816: not representative.
    // k5, k7: same ratings in both camps (z = 0); k6: nobody outside camp A rated it.
    expect(groupA?.representative.map((r) => r.claimId)).toEqual(['k1', 'k4', 'k2']);
    const [k1, k4, k2] = groupA?.representative ?? [];
    expect(k1?.z).toBeCloseTo(76.11409207170767, 9);
    expect(k4?.z).toBeCloseTo(-48.02264535411774, 9);
    expect(k2?.z).toBeCloseTo(7.745966692414834, 9);
    expect(k1?.groupP).toBeCloseTo(0.9, 14);
    expect(k1?.restP).toBeCloseTo(0.1, 14);
    expect(k2?.groupP).toBeCloseTo(sigmoid(2), 14); // 0.8807970779778823
    expect(k2).toMatchObject({ groupN: 6, restN: 6 });
    expect(groupB?.representative.map((r) => [r.claimId, Math.sign(r.z)])).toEqual([
      ['k1', -1],
      ['k4', 1],
      ['k2', -1],
    ]);
  });

  it('lists consensus claims every group leans the same way on, strongest first', () => {
    const { consensus } = opinionGroups(camps);
    // k5: both camps' mean ℓ = (ln 4 + ln(17/3) + ln 3)/3 = ln(68)/3 → p = 68^(1/3)/(1 + 68^(1/3)) = 0.80321…
    // k7: mean ℓ = (ln(3/7) + ln(1/3) + ln(7/13))/3 = −ln(13)/3 → p = 1/(1 + 13^(1/3)) = 0.29838…
    // k3: camp A mean ℓ 0.6, camp B 0.4, both above 0.5 → sigmoid(0.6), sigmoid(0.4); weakest lean, so last.
    // k1, k2, k4 split the camps; k6 was rated by one camp only.
    expect(consensus.map((c) => [c.claimId, c.side])).toEqual([
      ['k5', 'above'],
      ['k7', 'below'],
      ['k3', 'above'],
    ]);
    expect(consensus[0]?.groupP[0]).toBeCloseTo(0.8032137207378178, 13);
    expect(consensus[1]?.groupP[1]).toBeCloseTo(0.29838858042557964, 13);
    expect(consensus[2]?.groupP[0]).toBeCloseTo(0.6456563062257954, 13);
    expect(consensus[2]?.groupP[1]).toBeCloseTo(0.598687660112452, 13);
  });
});
