// Double cruxes (marked by two reviewers and borne out by their credences) and implicit cruxes (revealed by rank
// correlation), on hand-worked examples.
import { describe, expect, it } from 'vitest';
import { doubleCruxes, implicitCruxes } from './index';
import { logit, populationStd, seededRandom, spearman } from './math';
import type { CruxMark, Rating } from './index';

const sigmoid = (x: number) => 1 / (1 + Math.exp(-x));

const ratingsOf = (table: Record<string, Record<string, number>>): Rating[] =>
  Object.entries(table).flatMap(([reviewerId, row]) => Object.entries(row).map(([claimId, value]) => ({ claimId, reviewerId, value })));
const mark = (reviewerId: string, cruxClaimId = 'K', forClaimId = 'C'): CruxMark => ({ reviewerId, cruxClaimId, forClaimId });

describe('doubleCruxes', () => {
  it('finds K as a double crux for C when two markers differ by ≥ 1 in ℓ on both', () => {
    // a: C 0.9 (ℓ ln 9), K 0.9 (ln 9); b: C 0.2 (−ln 4), K 0.3 (ln 3/7)
    // ΔC = ln 9 + ln 4 = ln 36 = 3.58351893845611; ΔK = ln 9 − ln(3/7) = ln 21 = 3.044522437723423
    const ratings = ratingsOf({ a: { C: 0.9, K: 0.9 }, b: { C: 0.2, K: 0.3 } });
    const result = doubleCruxes(ratings, [mark('b'), mark('a')]);
    expect(result).toHaveLength(1);
    expect(result[0]).toMatchObject({ cruxClaimId: 'K', forClaimId: 'C' });
    expect(result[0]?.pairs).toHaveLength(1);
    const pair = result[0]?.pairs[0];
    expect(pair).toMatchObject({ reviewerA: 'a', reviewerB: 'b' });
    expect(pair?.deltaFor).toBeCloseTo(Math.log(36), 14);
    expect(pair?.deltaCrux).toBeCloseTo(Math.log(21), 14);
  });

  it('requires |Δℓ| ≥ 1 on the claim', () => {
    // C: 0.5 vs 0.7 → |Δℓ| = ln(7/3) = 0.847 < 1, though K differs by ln 81
    const ratings = ratingsOf({ a: { C: 0.5, K: 0.9 }, b: { C: 0.7, K: 0.1 } });
    expect(doubleCruxes(ratings, [mark('a'), mark('b')])).toEqual([]);
  });

  it('requires |Δℓ| ≥ 1 on the crux', () => {
    // K: 0.5 vs 0.7 → 0.847 < 1, though C differs by ln 81
    const ratings = ratingsOf({ a: { C: 0.9, K: 0.5 }, b: { C: 0.1, K: 0.7 } });
    expect(doubleCruxes(ratings, [mark('a'), mark('b')])).toEqual([]);
  });

  it('counts a difference of exactly 1 as enough', () => {
    // 0.5 vs sigmoid(1): ℓ 0 vs 1 on both claims
    const ratings = ratingsOf({ a: { C: 0.5, K: 0.5 }, b: { C: sigmoid(1), K: sigmoid(1) } });
    const [crux] = doubleCruxes(ratings, [mark('a'), mark('b')]);
    expect(crux?.pairs[0]?.deltaFor).toBe(-1);
    expect(crux?.pairs[0]?.deltaCrux).toBe(-1);
  });

  it('needs both reviewers to have marked the same K for the same C', () => {
    const ratings = ratingsOf({ a: { C: 0.9, K: 0.9, D: 0.9 }, b: { C: 0.1, K: 0.1, D: 0.1 } });
    expect(doubleCruxes(ratings, [mark('a')])).toEqual([]); // only one marked
    expect(doubleCruxes(ratings, [mark('a'), mark('b', 'K', 'D')])).toEqual([]); // for different claims
    expect(doubleCruxes(ratings, [mark('a', 'C', 'C'), mark('b', 'C', 'C')])).toEqual([]); // a claim as its own crux
    // a marker without a rating of K cannot show a difference on it
    const unrated = ratingsOf({ a: { C: 0.9, K: 0.9 }, b: { C: 0.1 } });
    expect(doubleCruxes(unrated, [mark('a'), mark('b')])).toEqual([]);
  });

  it('lists every qualifying pair, and the cruxes with most pairs first', () => {
    const ratings = ratingsOf({
      a: { C: 0.9, K: 0.9, L: 0.9 },
      b: { C: 0.1, K: 0.1, L: 0.1 },
      c: { C: 0.2, K: 0.15, L: 0.5 },
    });
    // K for C: a–b and a–c differ by ≥ 1 on both; b–c differ by ln(9/4) = 0.81 on C. L for C: a–b only
    // (a–c: ΔL = ln 9 ≥ 1 and ΔC = ln 36 ≥ 1 — but c did not mark L).
    const result = doubleCruxes(ratings, [mark('a'), mark('b'), mark('c'), mark('a', 'L'), mark('b', 'L'), mark('a', 'L')]);
    expect(result.map((d) => [d.cruxClaimId, d.pairs.map((p) => `${p.reviewerA}-${p.reviewerB}`)])).toEqual([
      ['K', ['a-b', 'a-c']],
      ['L', ['a-b']],
    ]);
  });
});

describe('implicitCruxes', () => {
  // r1…r5 rate K, C and T; r6 rates only K; W is constant over r1…r5 (r7 alone differs); Z is constant.
  //   ℓ_K = [−2, −1, 0, 1, 2] (+ r6: 0) → spread over all six = √(10/6) = 1.2909944487358056
  //   ℓ_C = [−0.5, −1, 0.5, 0, 1]       → spread √0.5 = 0.7071067811865476
  //   ℓ_T = [−1, −1, 0, 1, 1] (a tie)   → spread √0.8 = 0.894427190999916
  // Spearman over r1…r5: K–C ranks [1..5] vs [2, 1, 4, 3, 5] → 0.8; K–T 9/√90 = √0.9 (math.test.ts);
  //   T–C: [1.5, 1.5, 3, 4.5, 4.5] vs [2, 1, 4, 3, 5] → Σxy = 1.5 + 3 + 0 + 0 + 3 = 7.5, 7.5/√(9·10) = √0.625
  // Scores |ρ|·spread(crux): K→T √(0.9·5/3) = √1.5 = 1.224744871391589; K→C 0.8·√(5/3) = 1.0327955589886444;
  //   T→K √(0.9·0.8) = √0.72 = 0.848528137423857; T→C √(0.625·0.8) = √0.5 = 0.7071067811865476;
  //   C→K 0.8·√0.5 = 0.565685424949238; C→T √(0.625·0.5) = √0.3125 = 0.5590169943749475
  const reviewers = ['r1', 'r2', 'r3', 'r4', 'r5'];
  const column = (claimId: string, ids: string[], logits: number[]): Rating[] =>
    ids.map((reviewerId, i) => ({ claimId, reviewerId, value: logits[i] === 0 ? 0.5 : sigmoid(logits[i] as number) }));
  const ratings: Rating[] = [
    ...column('K', [...reviewers, 'r6'], [-2, -1, 0, 1, 2, 0]),
    ...column('C', reviewers, [-0.5, -1, 0.5, 0, 1]),
    ...column('T', reviewers, [-1, -1, 0, 1, 1]),
    ...column('W', [...reviewers, 'r7'], [0, 0, 0, 0, 0, 2]),
    ...column('Z', reviewers, [1, 1, 1, 1, 1]),
  ];

  it('scores every ordered pair by |Spearman ρ| × the crux\'s spread, best first', () => {
    const result = implicitCruxes(ratings);
    expect(result.map((c) => `${c.cruxClaimId}→${c.forClaimId}`)).toEqual(['K→T', 'K→C', 'T→K', 'T→C', 'C→K', 'C→T']);
    const expected = [1.224744871391589, 1.0327955589886444, 0.848528137423857, 0.7071067811865476, 0.565685424949238, 0.5590169943749475];
    result.forEach((crux, i) => expect(crux.score).toBeCloseTo(expected[i] as number, 12));
    expect(result[1]).toMatchObject({ common: 5 });
    expect(result[1]?.rho).toBeCloseTo(0.8, 13);
    expect(result[1]?.cruxSpread).toBeCloseTo(Math.sqrt(10 / 6), 13); // r6's rating counts in K's spread
  });

  it('skips pairs where ρ is undefined (a constant side) and claims without spread', () => {
    const ids = implicitCruxes(ratings).flatMap((c) => [c.cruxClaimId, c.forClaimId]);
    expect(ids).not.toContain('W'); // constant over every partner's common reviewers
    expect(ids).not.toContain('Z'); // constant everywhere
  });

  it('reports a negative correlation as a negative ρ with a positive score', () => {
    const reversed = [...column('K', reviewers, [-2, -1, 0, 1, 2]), ...column('C', reviewers, [2, 1, 0, -1, -2])];
    const [first] = implicitCruxes(reversed);
    expect(first?.rho).toBeCloseTo(-1, 14);
    expect(first?.score).toBeCloseTo(Math.sqrt(2), 13); // spread of [−2, −1, 0, 1, 2] = √2
  });

  it('respects minCommon, limit and maxCandidates', () => {
    expect(implicitCruxes(ratings, { minCommon: 6 })).toEqual([]);
    expect(implicitCruxes(ratings, { limit: 2 }).map((c) => c.forClaimId)).toEqual(['T', 'C']);
    // Only the claim with the largest spread (K) is tried as a crux.
    expect(implicitCruxes(ratings, { maxCandidates: 1 }).map((c) => c.cruxClaimId)).toEqual(['K', 'K']);
  });

  it('agrees with a brute-force search over all pairs on random sparse data', () => {
    const random = seededRandom(11);
    const sparse: Rating[] = [];
    for (let c = 0; c < 30; c++) {
      for (let r = 0; r < 25; r++) {
        // ratings rounded to 0.05, so ties are common
        if (random() < 0.5) sparse.push({ claimId: `c${c}`, reviewerId: `r${r}`, value: Math.round(random() * 20) / 20 });
      }
    }
    const logitsOf = new Map<string, Map<string, number>>();
    for (const { claimId, reviewerId, value } of sparse) {
      if (!logitsOf.has(claimId)) logitsOf.set(claimId, new Map());
      logitsOf.get(claimId)?.set(reviewerId, logit(value));
    }
    const brute: Array<{ k: string; c: string; score: number }> = [];
    for (const [k, byK] of logitsOf) {
      const spread = populationStd([...byK.values()]);
      for (const [c, byC] of logitsOf) {
        if (k === c) continue;
        const common = [...byK.keys()].filter((r) => byC.has(r));
        if (common.length < 5) continue;
        const rho = spearman(common.map((r) => byK.get(r) as number), common.map((r) => byC.get(r) as number));
        if (rho === null || rho === 0 || spread === 0) continue;
        brute.push({ k, c, score: Math.abs(rho) * spread });
      }
    }
    brute.sort((x, y) => y.score - x.score || (x.k < y.k ? -1 : x.k > y.k ? 1 : x.c < y.c ? -1 : 1));
    const found = implicitCruxes(sparse, { limit: 40 });
    expect(found.map((c) => `${c.cruxClaimId}→${c.forClaimId}`)).toEqual(brute.slice(0, 40).map((b) => `${b.k}→${b.c}`));
    found.forEach((c, i) => expect(c.score).toBeCloseTo(brute[i]?.score as number, 12));
  });

  it('is the same for shuffled input', () => {
    expect(implicitCruxes([...ratings].reverse())).toEqual(implicitCruxes(ratings));
  });
});
