// The bridged-credence factorisation on synthetic panels with known structure, and its loss recomputed by hand.
import { describe, expect, it } from 'vitest';
import { bridgedCredences, SPLITS_BY_VIEWPOINT, type BridgedCredences } from './bridging';
import { opinionGroups } from './groups';
import { logit, seededRandom, sigmoid } from './math';
import type { Rating } from './types';

const pad = (i: number) => String(i).padStart(2, '0');

/** R reviewers × C claims, everyone rating everything at σ(level(r, c) + uniform noise of ±noise/2). */
function panel(R: number, C: number, level: (r: number, c: number) => number, seed = 1, noise = 0.3): Rating[] {
  const random = seededRandom(seed);
  const out: Rating[] = [];
  for (let r = 0; r < R; r++) {
    for (let c = 0; c < C; c++) out.push({ claimId: `c${pad(c)}`, reviewerId: `r${pad(r)}`, value: sigmoid(level(r, c) + (random() - 0.5) * noise) });
  }
  return out;
}

const claim = (fit: BridgedCredences, id: string) => fit.claims.find((c) => c.claimId === id)!;

describe('bridgedCredences on a panel of two camps', () => {
  // 20 reviewers: camp A r00–r11 (12), camp B r12–r19 (8). c00: everyone 0.8. c01: A 0.9, B 0.1. c02–c09: the
  // camps apart by varying amounts, so the camp axis is the main one.
  const inA = (r: number) => r < 12;
  const ratings = panel(20, 10, (r, c) => {
    if (c === 0) return logit(0.8);
    if (c === 1) return inA(r) ? logit(0.9) : logit(0.1);
    return (inA(r) ? 1 : -1) * (c % 3) * 0.7 + (c - 5) / 10;
  });
  const groups = opinionGroups(ratings);
  const fit = bridgedCredences(ratings, { groups: groups.groups });

  it('finds the opinion groups the map shows: camp A larger', () => {
    expect(groups.groups.map((g) => g.members.map((m) => m.reviewerId).sort())).toEqual([
      Array.from({ length: 12 }, (_, r) => `r${pad(r)}`),
      Array.from({ length: 8 }, (_, r) => `r${pad(r + 12)}`),
    ]);
  });

  it('keeps a claim everyone holds at 80% near 80%, with a small viewpoint', () => {
    const shared = claim(fit, 'c00');
    // the intercepts' 0.15 penalty shrinks ℓ = 1.386 by about 1/1.15: σ(1.386 / 1.15) = 0.77
    expect(shared.bridged).toBeGreaterThan(0.74);
    expect(shared.bridged).toBeLessThan(0.82);
    expect(Math.abs(shared.viewpoint)).toBeLessThan(0.2);
    expect(shared.splitsByViewpoint).toBe(false);
  });

  it('puts a claim the camps hold at 90% and 10% near 50%, with a large viewpoint on the larger camp\'s side', () => {
    const split = claim(fit, 'c01');
    // 12 at 0.9 and 8 at 0.1: plain mean ℓ = 0.44 (σ = 0.61); the factor takes the camps' difference out
    expect(Math.abs(split.bridged - 0.5)).toBeLessThan(0.08);
    expect(split.viewpoint).toBeGreaterThan(1.5);
    expect(split.splitsByViewpoint).toBe(true);
  });

  it('orients the axis by the opinion groups: camp A positive, camp B negative', () => {
    for (const reviewer of fit.reviewers) expect(Math.sign(reviewer.factor)).toBe(inA(Number(reviewer.reviewerId.slice(1))) ? 1 : -1);
    // were camp B the largest group, the sign would flip and nothing else change
    const flipped = bridgedCredences(ratings, { groups: [groups.groups[1]!] });
    expect(claim(flipped, 'c01').viewpoint).toBeCloseTo(-claim(fit, 'c01').viewpoint, 12);
    expect(claim(flipped, 'c01').bridged).toBeCloseTo(claim(fit, 'c01').bridged, 12);
  });

  it('minimises the issue\'s loss: recomputed by hand it matches, and nudging any parameter raises it', () => {
    const reviewers = new Map(fit.reviewers.map((r) => [r.reviewerId, r]));
    const claims = new Map(fit.claims.map((c) => [c.claimId, c]));
    const loss = (mu: number, nudge: { claim?: string; reviewer?: string; di?: number; df?: number } = {}) => {
      const iOf = (id: string, base: number, is: boolean) => base + (is ? (nudge.di ?? 0) : 0);
      const fOf = (base: number, is: boolean) => base + (is ? (nudge.df ?? 0) : 0);
      let se = 0;
      for (const { claimId, reviewerId, value } of ratings) {
        const r = reviewers.get(reviewerId)!;
        const c = claims.get(claimId)!;
        const predicted =
          mu +
          iOf(reviewerId, r.intercept, nudge.reviewer === reviewerId) +
          iOf(claimId, c.intercept, nudge.claim === claimId) +
          fOf(r.factor, nudge.reviewer === reviewerId) * fOf(c.viewpoint, nudge.claim === claimId);
        se += (logit(value) - predicted) ** 2;
      }
      const meanSq = (xs: number[]) => xs.reduce((s, x) => s + x * x, 0) / xs.length;
      const fr = fit.reviewers.map((r) => fOf(r.factor, nudge.reviewer === r.reviewerId));
      const fc = fit.claims.map((c) => fOf(c.viewpoint, nudge.claim === c.claimId));
      const ir = fit.reviewers.map((r) => iOf(r.reviewerId, r.intercept, nudge.reviewer === r.reviewerId));
      const ic = fit.claims.map((c) => iOf(c.claimId, c.intercept, nudge.claim === c.claimId));
      return se / ratings.length + 0.03 * (meanSq(fr) + meanSq(fc)) + 0.15 * (meanSq(ir) + meanSq(ic) + mu * mu);
    };
    expect(loss(fit.mu)).toBeCloseTo(fit.loss, 12);
    const best = loss(fit.mu);
    for (const step of [1e-3, -1e-3]) {
      expect(loss(fit.mu + step)).toBeGreaterThan(best);
      for (const id of ['c00', 'c01', 'c05']) {
        expect(loss(fit.mu, { claim: id, di: step })).toBeGreaterThan(best);
        expect(loss(fit.mu, { claim: id, df: step })).toBeGreaterThan(best);
      }
      for (const id of ['r00', 'r15']) {
        expect(loss(fit.mu, { reviewer: id, di: step })).toBeGreaterThan(best);
        expect(loss(fit.mu, { reviewer: id, df: step })).toBeGreaterThan(best);
      }
    }
    expect(fit.sweeps).toBeLessThan(500); // converged (|Δloss| < 1e-7), not stopped by the cap
    expect(bridgedCredences(ratings, { maxSweeps: 3 }).sweeps).toBe(3);
  });

  it('is deterministic and independent of input order', () => {
    expect(bridgedCredences([...ratings].reverse(), { groups: groups.groups })).toEqual(fit);
  });
});

describe('bridgedCredences: eligibility and the splitsByViewpoint threshold', () => {
  it('fits only reviewers with ≥ min(5, claims) ratings and claims with ≥ 5 ratings from them', () => {
    const ratings = panel(8, 6, (r, c) => (r < 4 ? 1 : -1) * (c - 2.5) / 2);
    const extra: Rating[] = [
      { claimId: 'c00', reviewerId: 'late', value: 0.9 }, // 1 rating: left out
      ...['r00', 'r01', 'r02', 'r03'].map((reviewerId) => ({ claimId: 'few', reviewerId, value: 0.7 })), // 4 ratings: left out
    ];
    const fit = bridgedCredences([...ratings, ...extra]);
    expect(fit.reviewers.map((r) => r.reviewerId)).toEqual(Array.from({ length: 8 }, (_, r) => `r${pad(r)}`));
    expect(fit.claims.map((c) => c.claimId)).toEqual(Array.from({ length: 6 }, (_, c) => `c${pad(c)}`));
    // three claims rated: a reviewer with 3 ratings takes part (min(5, 3) = 3)
    const small = panel(6, 3, (r, c) => (r < 3 ? 1 : -1) * (c + 1));
    expect(bridgedCredences(small).reviewers).toHaveLength(6);
    expect(bridgedCredences(panel(1, 8, () => 1)).claims).toEqual([]); // one reviewer: nothing to fit
    expect(bridgedCredences([])).toEqual({ claims: [], reviewers: [], mu: 0, loss: 0, sweeps: 0 });
  });

  // The panel documented beside SPLITS_BY_VIEWPOINT: 40 reviewers in camps of 20, 10 claims the camps hold at h
  // and 1 − h, 20 everyone holds alike at 0.2 … 0.77.
  const documented = (h: number) =>
    panel(
      40,
      30,
      (r, c) => (c < 10 ? (r < 20 ? 1 : -1) * logit(h) : logit(0.2 + (0.6 * ((c * 7) % 20)) / 20)),
      3,
      0.4,
    );

  it('separates split claims (|f_c| ≥ 0.7 from 60/40 on) from shared ones (≤ 0.24) with the 0.5 threshold', () => {
    for (const [h, least] of [
      [0.6, 0.6],
      [0.7, 1],
      [0.9, 1.7],
    ] as const) {
      const fit = bridgedCredences(documented(h));
      const split = fit.claims.filter((c) => c.claimId < 'c10');
      const shared = fit.claims.filter((c) => c.claimId >= 'c10');
      expect(Math.min(...split.map((c) => Math.abs(c.viewpoint)))).toBeGreaterThan(least);
      expect(Math.max(...shared.map((c) => Math.abs(c.viewpoint)))).toBeLessThan(0.25);
      expect(split.every((c) => c.splitsByViewpoint) && shared.every((c) => !c.splitsByViewpoint)).toBe(true);
      for (const c of split) expect(Math.abs(c.bridged - 0.5)).toBeLessThan(0.02);
    }
    expect(SPLITS_BY_VIEWPOINT).toBe(0.5);
  });
});
