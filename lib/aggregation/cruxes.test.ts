// Double cruxes (marked by two reviewers and borne out by their credences) and implicit cruxes (revealed by rank
// correlation), on hand-worked examples.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { benjaminiHochberg, doubleCruxes, implicitCruxes } from './index';
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

describe('benjaminiHochberg', () => {
  it('gives the step-up q-values in input order (R: p.adjust(p, "BH"))', () => {
    // sorted 0.005, 0.01, 0.03, 0.04, 0.2 → m·p/rank = 0.025, 0.025, 0.05, 0.05, 0.2 (already monotone)
    const q = benjaminiHochberg([0.01, 0.04, 0.03, 0.005, 0.2]);
    [0.025, 0.05, 0.05, 0.025, 0.2].forEach((want, i) => expect(q[i]).toBeCloseTo(want, 15));
    // sorted 0.01, 0.03, 0.04 → 0.03, 0.045, 0.04; the running minimum from the top lowers 0.045 to 0.04
    const stepped = benjaminiHochberg([0.04, 0.01, 0.03]);
    [0.04, 0.03, 0.04].forEach((want, i) => expect(stepped[i]).toBeCloseTo(want, 15));
  });

  it('keeps q ≤ 1, handles ties and no tests, and rejects a p outside [0, 1]', () => {
    expect(benjaminiHochberg([1, 1, 0.9])).toEqual([1, 1, 1]);
    const tied = benjaminiHochberg([0.02, 0.02]);
    expect(tied[0]).toBeCloseTo(0.02, 15);
    expect(tied[1]).toBeCloseTo(0.02, 15);
    expect(benjaminiHochberg([])).toEqual([]);
    expect(() => benjaminiHochberg([0.5, 1.5])).toThrow(RangeError);
  });

  it('gives q ≥ p, q ≤ 1, and q-values in the order of the p-values, on any input', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { maxLength: 60 }), (ps) => {
        const q = benjaminiHochberg(ps);
        ps.forEach((p, i) => {
          expect(q[i]).toBeGreaterThanOrEqual(p);
          expect(q[i]).toBeLessThanOrEqual(1);
          ps.forEach((other, j) => {
            if (p < other) expect(q[i]).toBeLessThanOrEqual(q[j] as number);
          });
        });
      }),
    );
  });
});

describe('implicitCruxes', () => {
  const column = (claimId: string, ids: string[], logits: number[]): Rating[] =>
    ids.map((reviewerId, i) => ({ claimId, reviewerId, value: logits[i] === 0 ? 0.5 : sigmoid(logits[i] as number) }));
  const ten = Array.from({ length: 10 }, (_, i) => `r${i}`);
  // K and C rank the ten reviewers identically (ρ = 1); U hardly relates to either (ranks [3, 8, 1, 10, 5, 2, 7, 9,
  // 4, 6]: ρ = 27/165 ≈ 0.164 with K); Z is constant. Spreads: K √8.25 ≈ 2.872 (ℓ = −4.5 … 4.5), C and U smaller.
  const kLogits = ten.map((_, i) => i - 4.5);
  const ratings: Rating[] = [
    ...column('K', ten, kLogits),
    ...column('C', ten, kLogits.map((l) => l / 3)),
    ...column('U', ten, [3, 8, 1, 10, 5, 2, 7, 9, 4, 6].map((r) => (r - 5.5) / 2)),
    ...column('Z', ten, ten.map(() => 1)),
  ];

  it('keeps only pairs that survive the permutation test and BH at q = 0.1, in both orders, with p and q', () => {
    const result = implicitCruxes(ratings);
    expect(result.map((c) => `${c.cruxClaimId}→${c.forClaimId}`)).toEqual(['K→C', 'C→K']);
    // no shuffle of ten reviewers gave |ρ| = 1 (chance 2/10! each): p = 1/2001; three pairs tested (K–C, K–U, C–U),
    // K–C the smallest p: q = 3 · p / 1
    for (const crux of result) {
      expect(crux).toMatchObject({ rho: 1, common: 10 });
      expect(crux.p).toBeCloseTo(1 / 2001, 15);
      expect(crux.q).toBeCloseTo(3 / 2001, 15);
    }
    expect(result[0]?.score).toBeCloseTo(Math.sqrt(8.25), 12);
    expect(result[1]?.score).toBeCloseTo(Math.sqrt(8.25) / 3, 12);
  });

  it('needs 8 common reviewers, and a minCommon option cannot go below 3', () => {
    const seven = ratings.filter((r) => Number(r.reviewerId.slice(1)) < 7);
    expect(implicitCruxes(seven)).toEqual([]);
    expect(implicitCruxes(ratings, { minCommon: 11 })).toEqual([]);
    const eight = ratings.filter((r) => Number(r.reviewerId.slice(1)) < 8);
    expect(implicitCruxes(eight).map((c) => c.common)).toEqual([8, 8]);
  });

  it('approximates the exact permutation p-value (8 reviewers: exact 2 798 / 8! ≈ 0.0694 by enumeration)', () => {
    const eight = ten.slice(0, 8);
    const pair = [...column('X', eight, [-2, -1.5, -1, -0.5, 0.5, 1, 1.5, 2]), ...column('Y', eight, [-1, 0.5, -2, 0, 1, -0.5, 2, 1.5])];
    // one pair tested, so q = p; with the limit of q lifted to 1 the pair is reported whatever its p
    const [found] = implicitCruxes(pair, { fdr: 1 });
    expect(found?.rho).toBeCloseTo(0.6904761904761905, 12); // 29/42
    expect(Math.abs((found?.p as number) - 2798 / 40320)).toBeLessThan(0.02); // 3.5 standard errors of 2 000 draws
    expect(found?.q).toBe(found?.p);
    expect(implicitCruxes(pair)).toHaveLength(2); // alone, p ≈ 0.07 passes BH at q = 0.1
  });

  it('finds nothing in ratings without structure, where a raw correlation search lists dozens of pairs', () => {
    const random = seededRandom(7);
    const noise: Rating[] = [];
    for (let c = 0; c < 12; c++) for (let r = 0; r < 20; r++) noise.push({ claimId: `c${c}`, reviewerId: `r${r}`, value: Math.round(random() * 20) / 20 });
    expect(implicitCruxes(noise, { fdr: 1 })).toHaveLength(50); // 66 pairs tested, both orders, capped at the limit
    expect(implicitCruxes(noise)).toEqual([]);
  });

  it('skips pairs where a side is constant, and caps the pairs tested', () => {
    const ids = implicitCruxes(ratings, { fdr: 1 }).flatMap((c) => [c.cruxClaimId, c.forClaimId]);
    expect(ids).not.toContain('Z');
    expect(new Set(ids)).toEqual(new Set(['K', 'C', 'U']));
    // one pair tested: the two most contested claims, K and U; its q is its p
    const capped = implicitCruxes(ratings, { maxPairs: 1, fdr: 1 });
    expect(new Set(capped.flatMap((c) => [c.cruxClaimId, c.forClaimId]))).toEqual(new Set(['K', 'U']));
    expect(capped[0]?.q).toBe(capped[0]?.p);
    // a budget of 10 common reviewers allows exactly one test of ten
    expect(implicitCruxes(ratings, { budget: 19, fdr: 1 })).toEqual(capped);
  });

  it('bounds the work on the worst input: 300 claims all rated by the same 30 reviewers', () => {
    const random = seededRandom(5);
    const dense: Rating[] = [];
    for (let c = 0; c < 300; c++) for (let r = 0; r < 30; r++) dense.push({ claimId: `c${c}`, reviewerId: `r${r}`, value: random() });
    // 300 candidates (≤ 200 kept) would make 19 900 pairs; Σ m ≤ 5 000 with m = 30 allows ⌊5 000 / 30⌋ = 166 tests
    const tested = implicitCruxes(dense, { fdr: 1, limit: 100_000 });
    expect(tested.length / 2).toBe(166);
    expect(implicitCruxes(dense, { fdr: 1, limit: 100_000, maxPairs: 40 }).length / 2).toBe(40);
  });

  it('reports a negative correlation as a negative ρ with a positive score', () => {
    const reversed = [...column('K', ten, kLogits), ...column('C', ten, kLogits.map((l) => -l))];
    const [first] = implicitCruxes(reversed);
    expect(first?.rho).toBeCloseTo(-1, 14);
    expect(first?.score).toBeCloseTo(Math.sqrt(8.25), 12);
  });

  it('matches a brute-force ρ on random sparse data, and every survivor has p ≤ q ≤ 0.1', () => {
    const random = seededRandom(11);
    const sparse: Rating[] = [];
    const camp = (r: number) => (r % 2 === 0 ? 1 : -1);
    for (let c = 0; c < 20; c++) {
      for (let r = 0; r < 30; r++) {
        // two camps on the even claims, noise on the odd ones; rounded to 0.05 so ties are common
        const lean = c % 2 === 0 ? 0.3 * camp(r) : 0;
        if (random() < 0.6) sparse.push({ claimId: `c${c}`, reviewerId: `r${r}`, value: Math.round(Math.min(1, Math.max(0, 0.5 + lean + (random() - 0.5) * 0.4)) * 20) / 20 });
      }
    }
    const logitsOf = new Map<string, Map<string, number>>();
    for (const { claimId, reviewerId, value } of sparse) {
      if (!logitsOf.has(claimId)) logitsOf.set(claimId, new Map());
      logitsOf.get(claimId)?.set(reviewerId, logit(value));
    }
    const found = implicitCruxes(sparse, { limit: 100 });
    expect(found).toHaveLength(48);
    for (const crux of found) {
      const byK = logitsOf.get(crux.cruxClaimId)!;
      const byC = logitsOf.get(crux.forClaimId)!;
      const common = [...byK.keys()].filter((r) => byC.has(r));
      expect(crux.common).toBe(common.length);
      expect(crux.rho).toBeCloseTo(spearman(common.map((r) => byK.get(r)!), common.map((r) => byC.get(r)!)) as number, 12);
      expect(crux.score).toBeCloseTo(Math.abs(crux.rho) * populationStd([...byK.values()]), 12);
      expect(crux.p).toBeLessThanOrEqual(crux.q);
      expect(crux.q).toBeLessThanOrEqual(0.1);
    }
    // the camps' claims are the even ones: BH at 0.1 lets a few chance pairs through (here 2 of 24), no more
    const chance = found.filter((c) => (Number(c.cruxClaimId.slice(1)) % 2) + (Number(c.forClaimId.slice(1)) % 2) > 0);
    expect(chance.length / found.length).toBeLessThanOrEqual(0.1);
  });

  it('is the same for shuffled input', () => {
    expect(implicitCruxes([...ratings].reverse())).toEqual(implicitCruxes(ratings));
  });
});
