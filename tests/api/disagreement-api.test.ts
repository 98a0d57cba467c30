// The disagreement map over HTTP (route handlers in process): a workspace with 12 reviewers and known credences,
// built through the API, and every number of the endpoint checked to 1e-9 against the formulas written out
// here (not by calling lib/aggregation); the cache (same data version, same answer; a new rating, a new version);
// rounds; blind review as each kind of reader sees it; and who may ask.
import { beforeAll, describe, expect, it } from 'vitest';
import type { AnnotationDto, AnnotationPage, ClaimDetailDto, ClaimDto } from '@/lib/annotations/types';
import type { DisagreementMapResponse, MapClaimView, RoundDto } from '@/lib/disagreement/types';
import { addMemberByEmail, createWorkspace, importDocument, signedInClient, signUp, type TestAccount, type TestWorkspace } from '../support/api-actors';
import { errorOf, expectOk, HttpClient } from '../support/http-client';
import { inProcessApp } from '../support/in-process-app';
import { uniqueClientIp } from '../support/unique';

const app = inProcessApp();
const clientIp = uniqueClientIp();

// ---------------------------------------------------------------- the formulas, independently

const clip = (p: number): number => Math.min(0.99, Math.max(0.01, p));
const logit = (p: number): number => Math.log(clip(p) / (1 - clip(p)));
const sum = (xs: number[]): number => xs.reduce((a, b) => a + b, 0);
const meanOf = (xs: number[]): number => sum(xs) / xs.length;

/** Type-7 quantile: h = (n − 1)q, interpolated between the order statistics around it. */
function quantile7(values: number[], q: number): number {
  const s = [...values].sort((a, b) => a - b);
  const h = (s.length - 1) * q;
  const lo = Math.floor(h);
  return s[lo]! + (h - lo) * (s[Math.min(lo + 1, s.length - 1)]! - s[lo]!);
}

type Expected = {
  n: number;
  aggregate: number;
  median: number;
  q1: number;
  q3: number;
  spread: number;
  split: number;
  bimodality: number | null;
  disagreement: number;
};

function expectedStats(ps: number[]): Expected {
  const n = ps.length;
  const ls = ps.map(logit);
  const m = meanOf(ls);
  const central = (k: number) => meanOf(ls.map((l) => (l - m) ** k));
  const spread = Math.sqrt(central(2));
  const low = ps.filter((p) => p < 0.4).length / n;
  const high = ps.filter((p) => p > 0.6).length / n;
  let bimodality: number | null = null;
  if (n >= 10 && new Set(ls).size > 1) {
    // Sarle: (G1² + 1) / (G2 + 3(n − 1)² / ((n − 2)(n − 3))), bias-adjusted skewness G1 and excess kurtosis G2
    const g1 = central(3) / central(2) ** 1.5;
    const g2 = central(4) / central(2) ** 2 - 3;
    const G1 = (g1 * Math.sqrt(n * (n - 1))) / (n - 2);
    const G2 = ((n - 1) * ((n + 1) * g2 + 6)) / ((n - 2) * (n - 3));
    bimodality = (G1 * G1 + 1) / (G2 + (3 * (n - 1) ** 2) / ((n - 2) * (n - 3)));
  }
  return {
    n,
    aggregate: 1 / (1 + Math.exp(-m)),
    median: quantile7(ps, 0.5),
    q1: quantile7(ps, 0.25),
    q3: quantile7(ps, 0.75),
    spread,
    split: 2 * Math.min(low, high),
    bimodality,
    disagreement: (spread * n) / (n + 3),
  };
}

function averageRanks(xs: number[]): number[] {
  return xs.map((x) => {
    const below = xs.filter((y) => y < x).length;
    const equal = xs.filter((y) => y === x).length;
    return below + (equal + 1) / 2;
  });
}

function spearman(xs: number[], ys: number[]): number {
  const rx = averageRanks(xs);
  const ry = averageRanks(ys);
  const mx = meanOf(rx);
  const my = meanOf(ry);
  const sxy = sum(rx.map((r, i) => (r - mx) * (ry[i]! - my)));
  return sxy / Math.sqrt(sum(rx.map((r) => (r - mx) ** 2)) * sum(ry.map((r) => (r - my) ** 2)));
}

/** Krippendorff's interval alpha by its pairwise definition over units (claims) of pairable values. */
function krippendorffAlpha(units: number[][]): number {
  const pairable = units.filter((u) => u.length >= 2);
  const all = pairable.flat();
  const n = all.length;
  let observed = 0;
  for (const u of pairable) {
    let within = 0;
    for (let i = 0; i < u.length; i++) for (let j = 0; j < u.length; j++) if (i !== j) within += (u[i]! - u[j]!) ** 2;
    observed += within / (u.length - 1);
  }
  let expected = 0;
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) if (i !== j) expected += (all[i]! - all[j]!) ** 2;
  return 1 - observed / n / (expected / (n * (n - 1)));
}

const TOLERANCE = 1e-9;
function close(actual: number | null | undefined, expected: number | null, what: string): void {
  if (expected === null) {
    expect(actual, what).toBeNull();
    return;
  }
  expect(typeof actual, what).toBe('number');
  expect(Math.abs((actual as number) - expected), `${what}: ${actual} vs ${expected}`).toBeLessThanOrEqual(TOLERANCE);
}

// ---------------------------------------------------------------- the workspace

const paragraphs = [
  'Most capable agents will seek power as a means to their goals.',
  'Training selects for models that play the training game.',
  'Deceptive alignment needs situational awareness in the model.',
  'Agents in simple games hoarded resources they did not need.',
  'Interpretability will catch deception before deployment.',
];
const quotes = {
  C1: 'Most capable agents will seek power',
  C2: 'Training selects for models that play the training game',
  C3: 'Deceptive alignment needs situational awareness',
  C4: 'Interpretability will catch deception',
  evidence: 'Agents in simple games hoarded resources',
} as const;

// Two camps: r0–r5 believe C1 and C2, r6–r11 do not. C3 is unanimous; C4 is mildly doubted by everyone. p = 1
// and p = 0 (r4, r10 on C1) are clipped to 0.99 and 0.01 in ℓ; r11 sits exactly at 0.5 on C2.
const credences: Record<'C1' | 'C2' | 'C3' | 'C4', number[]> = {
  C1: [0.9, 0.85, 0.8, 0.95, 1, 0.7, 0.1, 0.2, 0.15, 0.05, 0, 0.3],
  C2: [0.8, 0.75, 0.9, 0.7, 0.85, 0.65, 0.3, 0.2, 0.25, 0.1, 0.35, 0.5],
  C3: Array.from({ length: 12 }, () => 0.6),
  C4: [0.3, 0.4, 0.35, 0.45, 0.3, 0.4, 0.35, 0.45, 0.3, 0.4, 0.25, 0.2],
};
const claimKeys = ['C1', 'C2', 'C3', 'C4'] as const;
type ClaimKey = (typeof claimKeys)[number];
/** r0, r1 and r7 say their view on C1 hinges on C2. */
const cruxMarkers = [0, 1, 7];

type Ctx = {
  owner: HttpClient;
  ownerId: string;
  reviewers: HttpClient[];
  accounts: TestAccount[];
  observer: HttpClient;
  outsider: HttpClient;
  workspace: TestWorkspace;
  doc: string;
  text: string;
  claims: Record<ClaimKey, string>;
  /** passage ids by which of `paragraphs` (or the heading, -1) they hold */
  passageOf: (paragraph: number) => string;
};
let c: Ctx;

const api = (path = ''): string => `/api/v1/workspaces/${c.workspace.slug}${path}`;

function target(quote: string, text = c.text) {
  const start = text.indexOf(quote);
  if (start < 0) throw new Error(`quote not in text: ${quote}`);
  return { exact: quote, start, end: start + quote.length };
}

async function annotate(client: HttpClient, doc: string, body: Record<string, unknown>): Promise<AnnotationDto> {
  return expectOk(await client.post(api('/annotations'), { document: doc, ...body }), `annotate ${JSON.stringify(body).slice(0, 80)}`);
}

async function mapAs(client: HttpClient, doc = c.doc): Promise<DisagreementMapResponse> {
  return expectOk(await client.get(api(`/documents/${doc}/disagreement`)), `disagreement map of ${doc}`);
}

const claimIn = (map: DisagreementMapResponse, id: string): MapClaimView => {
  const found = map.claims.find((x) => x.claimId === id);
  if (!found) throw new Error(`claim ${id} is not in the map`);
  return found;
};

beforeAll(async () => {
  const anonymous = new HttpClient(app, { clientIp });
  const ownerAccount = await signUp(anonymous, 'mapowner');
  const accounts: TestAccount[] = [];
  for (let i = 0; i < 12; i++) accounts.push(await signUp(anonymous, `rev${i}`));
  const [observerAccount, outsiderAccount] = [await signUp(anonymous, 'mapobs'), await signUp(anonymous, 'mapout')];
  const owner = await signedInClient(app, ownerAccount, clientIp);
  const reviewers: HttpClient[] = [];
  for (const account of accounts) reviewers.push(await signedInClient(app, account, clientIp));
  const observer = await signedInClient(app, observerAccount, clientIp);
  const outsider = await signedInClient(app, outsiderAccount, clientIp);
  const workspace = await createWorkspace(owner, 'map');
  for (const [i, account] of accounts.entries()) await addMemberByEmail(owner, workspace.slug, account, 'reviewer', reviewers[i]);
  await addMemberByEmail(owner, workspace.slug, observerAccount, 'observer', observer);
  const imported = await importDocument(owner, workspace.slug, { slug: 'power-and-deception', text: ['# Power and deception', ...paragraphs].join('\n\n') });
  const doc = expectOk<{ text: string; passages: { id: string; text: string }[] }>(
    await owner.get(`/api/v1/workspaces/${workspace.slug}/documents/${imported.slug}`),
    'document',
  );
  c = {
    owner,
    ownerId: ownerAccount.id,
    reviewers,
    accounts,
    observer,
    outsider,
    workspace,
    doc: imported.slug,
    text: doc.text,
    claims: { C1: '', C2: '', C3: '', C4: '' },
    passageOf: (i) => {
      const wanted = i < 0 ? 'Power and deception' : paragraphs[i]!;
      const passage = doc.passages.find((p) => p.text.includes(wanted));
      if (!passage) throw new Error(`no passage holds ${wanted}`);
      return passage.id;
    },
  };

  // r0 makes the four claims; every reviewer rates each (a probability with no target sits on the claim's text).
  for (const key of claimKeys) {
    c.claims[key] = (await annotate(reviewers[0]!, c.doc, { kind: 'claim', target: target(quotes[key]), claim: { statement: `${key}: ${quotes[key]}` } })).claimId!;
  }
  for (const key of claimKeys) {
    for (const [r, client] of reviewers.entries()) {
      await annotate(client, c.doc, { kind: 'probability', probability: { claimId: c.claims[key], value: credences[key][r] } });
    }
  }
  for (const r of cruxMarkers) {
    await annotate(reviewers[r]!, c.doc, { kind: 'crux', target: target(quotes.C2), crux: { claimId: c.claims.C2, forClaimId: c.claims.C1, direction: 'more' } });
  }
  const evidence = target(quotes.evidence);
  await annotate(reviewers[1]!, c.doc, { kind: 'evidence', target: evidence, evidence: { claimId: c.claims.C1, stance: 'for', strength: 3 } });
  await annotate(reviewers[7]!, c.doc, { kind: 'evidence', target: evidence, evidence: { claimId: c.claims.C1, stance: 'against', strength: 1 } });
  await annotate(reviewers[2]!, c.doc, { kind: 'evidence', target: evidence, evidence: { claimId: c.claims.C2, stance: 'for', strength: 2 } });
});

// ---------------------------------------------------------------- the numbers

describe('the disagreement map of 12 reviewers', () => {
  it('gives each claim the issue statistics of its current credences', async () => {
    const map = await mapAs(c.observer);
    expect(map.document).toMatchObject({ slug: c.doc, title: 'Power and deception', version: 1 });
    expect(map.blind).toBe(false);
    expect(map.claims).toHaveLength(4);
    for (const key of claimKeys) {
      const claim = claimIn(map, c.claims[key]);
      const expected = expectedStats(credences[key]);
      expect(claim.statement).toBe(`${key}: ${quotes[key]}`);
      expect(claim.n).toBe(12);
      expect(claim.hidden).toBe(false);
      for (const field of ['aggregate', 'median', 'q1', 'q3', 'spread', 'split', 'bimodality', 'disagreement'] as const) {
        close(claim[field], expected[field], `${key}.${field}`);
      }
    }
    // p = 0 and p = 1 are clipped: C1's aggregate differs from what unclipped values would give
    expect(claimIn(map, c.claims.C1).aggregate).not.toBeNaN();
    // C3 is unanimous: no spread, no split, bimodality undefined
    expect(claimIn(map, c.claims.C3)).toMatchObject({ spread: 0, split: 0, disagreement: 0, bimodality: null, q1: 0.6, q3: 0.6 });
    // most disagreement first
    expect(map.claims.map((x) => x.disagreement)).toEqual([...map.claims.map((x) => x.disagreement)].sort((a, b) => (b ?? -1) - (a ?? -1)));
  });

  it('tallies evidence, counts crux markers and places each claim on its passages', async () => {
    const map = await mapAs(c.reviewers[3]!);
    expect(claimIn(map, c.claims.C1).evidence).toEqual({ for: 1, against: 1, forStrength: 3, againstStrength: 1 });
    expect(claimIn(map, c.claims.C2).evidence).toEqual({ for: 1, against: 0, forStrength: 2, againstStrength: 0 });
    expect(claimIn(map, c.claims.C4).evidence).toEqual({ for: 0, against: 0, forStrength: 0, againstStrength: 0 });
    expect(claimIn(map, c.claims.C2).cruxCount).toBe(3);
    expect(claimIn(map, c.claims.C1).cruxCount).toBe(0);
    expect(claimIn(map, c.claims.C1).passageIds).toEqual([c.passageOf(0)]);
    expect(claimIn(map, c.claims.C2).passageIds).toEqual([c.passageOf(1)]);
    expect(claimIn(map, c.claims.C3).passageIds).toEqual([c.passageOf(2)]);
    expect(claimIn(map, c.claims.C4).passageIds).toEqual([c.passageOf(4)]);
  });

  it('heats each passage by its most contested claim and counts its annotations and reviewers', async () => {
    const map = await mapAs(c.owner);
    const dis = (key: ClaimKey) => expectedStats(credences[key]).disagreement;
    // per passage: [heat, annotations, reviewers]; a claim's passage holds its claim annotation, the 12
    // probabilities (which sit on the claim's text) and, for C2, the 3 crux marks; the evidence paragraph 3
    const expected: [string, number, number, number][] = [
      [c.passageOf(-1), 0, 0, 0],
      [c.passageOf(0), dis('C1'), 13, 12],
      [c.passageOf(1), dis('C2'), 16, 12],
      [c.passageOf(2), 0, 13, 12],
      [c.passageOf(3), 0, 3, 3],
      [c.passageOf(4), dis('C4'), 13, 12],
    ];
    expect(map.passages.map((p) => p.passageId)).toEqual(expected.map((e) => e[0]));
    for (const [passageId, heat, annotations, reviewers] of expected) {
      const passage = map.passages.find((p) => p.passageId === passageId)!;
      close(passage.heat, heat, `heat of ${passageId}`);
      expect([passage.annotations, passage.reviewers]).toEqual([annotations, reviewers]);
    }
  });

  it('compares every pair of reviewers over their shared claims', async () => {
    const map = await mapAs(c.owner);
    expect(map.pairs).toHaveLength(66);
    for (const [a, b] of [
      [0, 6],
      [0, 1],
      [10, 11],
    ] as const) {
      const [idA, idB] = [c.accounts[a]!.id, c.accounts[b]!.id];
      const [first, second] = idA < idB ? [a, b] : [b, a];
      const pair = map.pairs.find((p) => p.reviewerA === c.accounts[first]!.id && p.reviewerB === c.accounts[second]!.id);
      expect(pair, `pair r${a} r${b}`).toBeDefined();
      const diffs = claimKeys.map((k) => Math.abs(logit(credences[k][first]!) - logit(credences[k][second]!)));
      const side = (p: number) => Math.sign(p - 0.5);
      const same = claimKeys.filter((k) => side(credences[k][first]!) === side(credences[k][second]!)).length;
      expect(pair!.sharedClaims).toBe(4);
      close(pair!.meanAbsLogitDiff, meanOf(diffs), `pair r${a} r${b} mean |Δℓ|`);
      close(pair!.sameSideShare, same / 4, `pair r${a} r${b} same side`);
    }
  });

  it('lists the 50 least and 50 most agreeing pairs by default, N of each with ?pairs=N, and counts them all in pairsTotal', async () => {
    const all = await mapAs(c.owner); // 66 pairs: all of them fit in the default 50 + 50
    expect(all.pairsTotal).toBe(66);
    const distances = all.pairs.map((p) => p.meanAbsLogitDiff);
    expect(distances).toEqual([...distances].sort((a, b) => b - a));
    const key = (p: { reviewerA: string; reviewerB: string }) => `${p.reviewerA}:${p.reviewerB}`;
    const get = async (pairs: string) => expectOk<DisagreementMapResponse>(await c.observer.get(api(`/documents/${c.doc}/disagreement?pairs=${pairs}`)), `?pairs=${pairs}`);
    const ten = await get('10');
    expect(ten.pairsTotal).toBe(66);
    expect(ten.pairs.map(key)).toEqual([...all.pairs.slice(0, 10), ...all.pairs.slice(-10)].map(key));
    expect(ten.pairs[0]).toEqual(all.pairs[0]);
    // the rest of the answer is the same map
    expect({ ...ten, pairs: [] }).toEqual({ ...all, pairs: [] });
    expect((await get('33')).pairs).toEqual(all.pairs);
    const none = await get('0');
    expect([none.pairs, none.pairsTotal]).toEqual([[], 66]);
    expect((await get('1000')).pairs).toHaveLength(66);
  });

  it('refuses ?pairs= that is not a whole number from 0 to 1000, naming pairs', async () => {
    for (const bad of ['abc', '-1', '1.5', '1001', '', '1e2', '99999999']) {
      const refused = await c.observer.get(api(`/documents/${c.doc}/disagreement?pairs=${encodeURIComponent(bad)}`));
      expect(refused.status, `?pairs=${bad}`).toBe(400);
      expect(errorOf(refused).fields?.pairs?.[0], `?pairs=${bad}`).toBe('pairs must be a whole number from 0 to 1000.');
    }
  });

  it("computes Krippendorff's alpha over the ℓ matrix", async () => {
    const map = await mapAs(c.owner);
    close(map.alpha, krippendorffAlpha(claimKeys.map((k) => credences[k].map(logit))), 'alpha');
  });

  it('finds the double crux two reviewers marked and the implicit cruxes the numbers reveal', async () => {
    const map = await mapAs(c.owner);
    const id = (r: number) => c.accounts[r]!.id;
    const expectedPairs = [];
    for (const a of cruxMarkers) {
      for (const b of cruxMarkers) {
        if (!(id(a) < id(b))) continue;
        const deltaFor = logit(credences.C1[a]!) - logit(credences.C1[b]!);
        const deltaCrux = logit(credences.C2[a]!) - logit(credences.C2[b]!);
        if (Math.abs(deltaFor) >= 1 && Math.abs(deltaCrux) >= 1) expectedPairs.push({ reviewerA: id(a), reviewerB: id(b), deltaFor, deltaCrux });
      }
    }
    expect(expectedPairs).toHaveLength(2); // (r0, r7) and (r1, r7); r0 and r1 agree
    expect(map.doubleCruxes).toHaveLength(1);
    const [double] = map.doubleCruxes;
    expect(double).toMatchObject({ foundBy: 'marked', cruxClaimId: c.claims.C2, forClaimId: c.claims.C1 });
    if (double?.foundBy !== 'marked') throw new Error('expected a marked double crux');
    const byPair = (p: { reviewerA: string; reviewerB: string }) => `${p.reviewerA} ${p.reviewerB}`;
    expect(double.pairs.map(byPair).sort()).toEqual(expectedPairs.map(byPair).sort());
    for (const want of expectedPairs) {
      const got = double.pairs.find((p) => byPair(p) === byPair(want))!;
      close(got.deltaFor, want.deltaFor, 'deltaFor');
      close(got.deltaCrux, want.deltaCrux, 'deltaCrux');
    }

    // C3 is constant (ρ undefined) and C4 varies: three pairs are tested (C1–C2, C1–C4, C2–C4, 12 common reviewers
    // each); those surviving the permutation test and BH at q = 0.1 are listed in both orders
    const varying: ClaimKey[] = ['C1', 'C2', 'C4'];
    const expected = varying.flatMap((k) =>
      varying
        .filter((other) => other !== k)
        .map((other) => {
          const rho = spearman(credences[k].map(logit), credences[other].map(logit));
          const spread = expectedStats(credences[k]).spread;
          return { cruxClaimId: c.claims[k], forClaimId: c.claims[other], rho, score: Math.abs(rho) * spread, spread };
        }),
    );
    const strongest = expected.reduce((a, b) => (Math.abs(b.rho) > Math.abs(a.rho) ? b : a));
    expect(map.implicitCruxes.some((x) => x.cruxClaimId === strongest.cruxClaimId && x.forClaimId === strongest.forClaimId)).toBe(true);
    for (const got of map.implicitCruxes) {
      const want = expected.find((x) => x.cruxClaimId === got.cruxClaimId && x.forClaimId === got.forClaimId);
      expect(want, 'a tested pair').toBeDefined();
      expect(map.implicitCruxes.some((x) => x.cruxClaimId === got.forClaimId && x.forClaimId === got.cruxClaimId)).toBe(true);
      close(got.rho, want!.rho, 'rho');
      close(got.score, want!.score, 'score');
      close(got.cruxSpread, want!.spread, 'crux spread');
      expect(got.common).toBe(12);
      expect(got.p).toBeGreaterThanOrEqual(1 / 2001);
      expect(got.q).toBeGreaterThanOrEqual(got.p);
      expect(got.q).toBeLessThanOrEqual(Math.min(0.1, 3 * got.p));
    }
    expect(map.implicitCruxes.map((x) => x.score)).toEqual([...map.implicitCruxes.map((x) => x.score)].sort((a, b) => b - a));
  });

  it('separates the two camps into opinion groups and finds the claims every group leans the same way on', async () => {
    const map = await mapAs(c.owner);
    expect(map.groups.length).toBeGreaterThanOrEqual(2);
    const camp = (reviewerId: string) => (c.accounts.findIndex((a) => a.id === reviewerId) < 6 ? 'believers' : 'doubters');
    for (const group of map.groups) expect(new Set(group.members.map((m) => camp(m.reviewerId))).size).toBe(1);
    expect(map.groups.flatMap((g) => g.members)).toHaveLength(12);
    // consensus: every group's geometric mean of odds on the same side of 0.5
    const groupP = (key: ClaimKey, members: string[]) => {
      const ls = members.map((id) => logit(credences[key][c.accounts.findIndex((a) => a.id === id)]!));
      return 1 / (1 + Math.exp(-meanOf(ls)));
    };
    for (const key of claimKeys) {
      const ps = map.groups.map((g) => groupP(key, g.members.map((m) => m.reviewerId)));
      const isConsensus = ps.every((p) => p > 0.5) || ps.every((p) => p < 0.5);
      const listed = map.consensus.find((x) => x.claimId === c.claims[key]);
      expect(Boolean(listed), `${key} consensus`).toBe(isConsensus);
      if (listed) ps.forEach((p, i) => close(listed.groupP[i], p, `${key} group ${i}`));
    }
    expect(map.consensus.map((x) => x.claimId).sort()).toEqual([c.claims.C3, c.claims.C4].sort());
  });

  it('lists the reviewers whose credences the map uses, and one round so far', async () => {
    const map = await mapAs(c.owner);
    expect(map.reviewers.map((r) => r.id).sort()).toEqual(c.accounts.map((a) => a.id).sort());
    expect(map.reviewers.find((r) => r.id === c.accounts[0]!.id)?.name).toBe(c.accounts[0]!.name);
    expect(map.round?.number).toBe(1);
    expect(map.rounds).toHaveLength(1);
    expect(map.rounds[0]).toMatchObject({ number: 1, roundId: null, endsAt: null });
    for (const key of claimKeys) {
      const stats = map.rounds[0]!.claims.find((x) => x.claimId === c.claims[key])!;
      const expected = expectedStats(credences[key]);
      expect(stats.n).toBe(12);
      close(stats.aggregate, expected.aggregate, `${key} round aggregate`);
      close(stats.spread, expected.spread, `${key} round spread`);
    }
  });

  it('adds each claim\'s credences with ?credences=true, as positions in reviewers, and refuses another value', async () => {
    const plain = await mapAs(c.owner);
    expect(plain.credences).toBeUndefined();
    const map = expectOk<DisagreementMapResponse>(await c.observer.get(api(`/documents/${c.doc}/disagreement?credences=true`)), 'map with credences');
    expect(map.claims).toEqual(plain.claims);
    for (const key of claimKeys) {
      const entry = map.credences?.[c.claims[key]];
      expect(entry?.reviewers).toHaveLength(12);
      const byReviewer = new Map(entry!.reviewers.map((position, i) => [map.reviewers[position]!.id, entry!.values[i]]));
      c.accounts.forEach((account, r) => expect(byReviewer.get(account.id), `${key} r${r}`).toBe(credences[key][r]));
    }
    const refused = await c.observer.get(api(`/documents/${c.doc}/disagreement?credences=yes`));
    expect(refused.status).toBe(400);
    expect(errorOf(refused).fields?.credences?.[0]).toMatch(/true or false/);
  });

  it('lists N claims of the ranking from ?claimsOffset=K with ?claims=N, with their credences, round spreads, double cruxes and crux links, and counts them all', async () => {
    const all = expectOk<DisagreementMapResponse>(await c.observer.get(api(`/documents/${c.doc}/disagreement?credences=true`)), 'the whole map');
    const total = all.claims.length;
    expect(total).toBeGreaterThanOrEqual(4); // fewer than the default 500: all of them
    expect(all.claimsTotal).toBe(total);
    expect(all.rounds[0]).toMatchObject({ claimsTotal: all.rounds[0]!.claims.length });
    const spreads = all.rounds[0]!.claims.map((x) => x.spread).sort((a, b) => a - b);
    close(all.rounds[0]!.meanSpread, meanOf(spreads), 'mean spread of round 1');
    close(all.rounds[0]!.medianSpread, quantile7(spreads, 0.5), 'median spread of round 1');
    const get = async (query: string) =>
      expectOk<DisagreementMapResponse>(await c.observer.get(api(`/documents/${c.doc}/disagreement?credences=true&${query}`)), `?${query}`);
    const ids = (claims: readonly MapClaimView[]) => claims.map((x) => x.claimId);

    const first = await get('claims=2');
    const rest = await get('claims=2&claimsOffset=2');
    expect([first.claimsTotal, rest.claimsTotal]).toEqual([total, total]);
    expect(first.claims).toEqual(all.claims.slice(0, 2));
    expect(rest.claims).toEqual(all.claims.slice(2, 4));
    // the pages together are the ranking, with no claim twice
    const pages = [first, rest, ...(total > 4 ? [await get(`claims=${total}&claimsOffset=4`)] : [])];
    expect(pages.flatMap((page) => ids(page.claims))).toEqual(ids(all.claims));
    for (const page of pages) {
      const listed = new Set(ids(page.claims));
      // each page's credences and round spreads are those of its own claims, as the whole map gives them
      expect(Object.keys(page.credences ?? {}).sort()).toEqual(Object.keys(all.credences ?? {}).filter((id) => listed.has(id)).sort());
      for (const id of listed) if (all.credences?.[id]) expect(page.credences?.[id]).toEqual(all.credences[id]);
      expect(page.rounds).toEqual(all.rounds.map((round) => ({ ...round, claims: round.claims.filter((x) => listed.has(x.claimId)) })));
      // and its double cruxes and crux links those of its claims C
      expect(page.doubleCruxes).toEqual(all.doubleCruxes.filter((d) => listed.has(d.forClaimId)));
      expect(page.cruxLinks).toEqual(all.cruxLinks.filter((l) => listed.has(l.forClaimId)));
      // the rest of the answer is the same map
      const rest = (map: DisagreementMapResponse) => ({ ...map, claims: [], credences: {}, rounds: [], doubleCruxes: [], cruxLinks: [] });
      expect(rest(page)).toEqual(rest(all));
    }
    expect([all.doubleCruxesTotal, all.cruxLinksTotal]).toEqual([all.doubleCruxes.length, all.cruxLinks.length]);
    expect(all.doubleCruxes.length).toBeGreaterThan(0);
    expect(all.cruxLinks.length).toBeGreaterThan(0);
    expect(pages.flatMap((page) => page.cruxLinks.map((l) => l.id)).sort()).toEqual(all.cruxLinks.map((l) => l.id).sort());
    expect(pages.flatMap((page) => page.doubleCruxes).length).toBe(all.doubleCruxesTotal);
    const past = await get(`claimsOffset=${total}`);
    expect([past.claims, past.claimsTotal, Object.keys(past.credences ?? {})]).toEqual([[], total, []]);
    expect((await get('claims=0')).claims).toEqual([]);
  });

  it('refuses ?claims= that is not a whole number from 0 to 10000 and ?claimsOffset= that is not a whole number, naming them', async () => {
    for (const bad of ['abc', '-1', '1.5', '10001', '', '1e2', '99999999']) {
      const refused = await c.observer.get(api(`/documents/${c.doc}/disagreement?claims=${encodeURIComponent(bad)}`));
      expect(refused.status, `?claims=${bad}`).toBe(400);
      expect(errorOf(refused).fields?.claims?.[0], `?claims=${bad}`).toBe('claims must be a whole number from 0 to 10000.');
    }
    for (const bad of ['abc', '-1', '1.5', '', '1e2', '9999999999']) {
      const refused = await c.observer.get(api(`/documents/${c.doc}/disagreement?claimsOffset=${encodeURIComponent(bad)}`));
      expect(refused.status, `?claimsOffset=${bad}`).toBe(400);
      expect(errorOf(refused).fields?.claimsOffset?.[0], `?claimsOffset=${bad}`).toBe('claimsOffset must be a whole number (0 or more).');
    }
  });
});

// ---------------------------------------------------------------- where we disagree most

describe('where we disagree most (mostDisputed)', () => {
  beforeAll(async () => {
    // reasons: evidence with a rationale and a source on each side of C1, and rationales from reviewers who keep
    // their credence (same value again): r4 (p = 1) is the most confident believer, r10 (p = 0) the most confident doubter
    const evidence = target(quotes.evidence);
    await annotate(c.reviewers[2]!, c.doc, {
      kind: 'evidence',
      target: evidence,
      body: 'Hoarding without need is what instrumental convergence predicts.',
      evidence: { claimId: c.claims.C1, stance: 'for', strength: 2, source: 'https://example.org/hoarding' },
    });
    await annotate(c.reviewers[8]!, c.doc, {
      kind: 'evidence',
      target: evidence,
      body: 'Toy games reward hoarding; that says nothing about capable agents.',
      evidence: { claimId: c.claims.C1, stance: 'against', strength: 3, source: 'https://example.org/toy-games' },
    });
    await annotate(c.reviewers[4]!, c.doc, { kind: 'probability', body: 'Power helps with almost any goal.', probability: { claimId: c.claims.C1, value: credences.C1[4] } });
    await annotate(c.reviewers[0]!, c.doc, { kind: 'probability', body: 'Likely, but less sure than r4.', probability: { claimId: c.claims.C1, value: credences.C1[0] } });
    await annotate(c.reviewers[10]!, c.doc, { kind: 'probability', body: 'Goals need not reward power.', probability: { claimId: c.claims.C1, value: credences.C1[10] } });
  });

  it('leads with the claims of at least mild disagreement, most first, each with reasons on both sides, cruxes and group positions', async () => {
    const map = await mapAs(c.observer);
    const expectedOrder = claimKeys
      .filter((k) => expectedStats(credences[k]).disagreement >= 0.25)
      .sort((a, b) => expectedStats(credences[b]).disagreement - expectedStats(credences[a]).disagreement)
      .map((k) => c.claims[k]);
    expect(expectedOrder).toEqual([c.claims.C1, c.claims.C2, c.claims.C4]); // C3 is unanimous
    expect(map.mostDisputed.map((x) => x.claimId)).toEqual(expectedOrder);

    const c1 = map.mostDisputed[0]!;
    const stats = expectedStats(credences.C1);
    expect(c1).toMatchObject({ statement: `C1: ${quotes.C1}`, n: 12, level: 'strong', min: 0, max: 1, hidden: false, passageIds: [c.passageOf(0)] });
    close(c1.q1, stats.q1, 'C1 q1');
    close(c1.q3, stats.q3, 'C1 q3');
    close(c1.disagreement, stats.disagreement, 'C1 disagreement');
    expect(c1.distribution).toEqual([2, 2, 1, 1, 0, 0, 0, 1, 2, 3]); // tenths: 0 0.05 | 0.1 0.15 | 0.2 | 0.3 | 0.7 | 0.8 0.85 | 0.9 0.95 1
    expect(c1.evidence).toEqual({ for: 2, against: 2, forStrength: 5, againstStrength: 4 });

    // the strongest evidence per side (strength 3), then the most confident reviewer's rationale on that side
    expect(c1.reasons.for.map((r) => [r.kind, r.author.id, r.strength, r.credence])).toEqual([
      ['evidence', c.accounts[1]!.id, 3, null],
      ['rationale', c.accounts[4]!.id, null, 1],
    ]);
    expect(c1.reasons.for[1]!.rationale).toBe('Power helps with almost any goal.');
    expect(c1.reasons.against.map((r) => [r.kind, r.author.id, r.strength, r.credence])).toEqual([
      ['evidence', c.accounts[8]!.id, 3, null],
      ['rationale', c.accounts[10]!.id, null, 0],
    ]);
    expect(c1.reasons.against[0]).toMatchObject({
      quote: quotes.evidence,
      rationale: 'Toy games reward hoarding; that says nothing about capable agents.',
      sourceUrl: 'https://example.org/toy-games',
      documentSlug: c.doc,
    });

    // what it hinges on: C2, marked by three reviewers, a double crux
    expect(c1.cruxes[0]).toEqual({ claimId: c.claims.C2, statement: `C2: ${quotes.C2}`, reviewers: 3, isDouble: true, isImplicit: true });

    // the groups: the believers' group well above 50%, the doubters' well below
    expect(c1.groups).toHaveLength(map.groups.length);
    for (const position of c1.groups) {
      const group = map.groups.find((g) => g.index === position.group)!;
      const ps = group.members.map((m) => credences.C1[c.accounts.findIndex((a) => a.id === m.reviewerId)]!);
      expect(position.n).toBe(ps.length);
      close(position.aggregate, expectedStats(ps).aggregate, `group ${position.group} aggregate`);
      close(position.median, expectedStats(ps).median, `group ${position.group} median`);
    }
    expect(c1.groups.some((g) => g.aggregate > 0.7) && c1.groups.some((g) => g.aggregate < 0.3)).toBe(true);
  });

  it('leads the workspace map with the same claims, naming their document', async () => {
    const workspace = expectOk<{ mostDisputed: (DisagreementMapResponse['mostDisputed'][number] & { document: { slug: string } })[] }>(
      await c.observer.get(api('/disagreement')),
      'workspace map',
    );
    expect(workspace.mostDisputed.map((x) => [x.claimId, x.document.slug])).toEqual([
      [c.claims.C1, c.doc],
      [c.claims.C2, c.doc],
      [c.claims.C4, c.doc],
    ]);
    expect(workspace.mostDisputed[0]!.reasons.for).toHaveLength(2);
  });
});

// ---------------------------------------------------------------- cache and rounds

describe('cache and rounds', () => {
  it('answers the same data version twice from the cache, and a new rating changes the version and the numbers', async () => {
    const first = await mapAs(c.reviewers[5]!);
    const again = await mapAs(c.reviewers[5]!);
    expect(again.dataVersion).toBe(first.dataVersion);
    expect(again.computedAt).toBe(first.computedAt);

    await annotate(c.owner, c.doc, { kind: 'probability', probability: { claimId: c.claims.C4, value: 0.9 } });
    const after = await mapAs(c.reviewers[5]!);
    expect(after.dataVersion).not.toBe(first.dataVersion);
    const expected = expectedStats([...credences.C4, 0.9]);
    const c4 = claimIn(after, c.claims.C4);
    expect(c4.n).toBe(13);
    close(c4.aggregate, expected.aggregate, 'C4 aggregate after the owner rated');
    close(c4.spread, expected.spread, 'C4 spread after the owner rated');
    close(c4.bimodality, expected.bimodality, 'C4 bimodality after the owner rated');
    expect(after.passages.find((p) => p.passageId === c.passageOf(4))).toMatchObject({ annotations: 14, reviewers: 13 });
    credences.C4.push(0.9); // the owner is a 13th rater of C4 from here on
  });

  it('lets owners only open a round; the map then shows the spread per round', async () => {
    const refused = await c.reviewers[0]!.post(api(`/documents/${c.doc}/rounds`));
    expect(refused.status).toBe(403);
    expect(errorOf(refused).message).toMatch(/owners/);
    const before = await mapAs(c.owner);
    const { round } = expectOk<{ round: RoundDto }>(await c.owner.post(api(`/documents/${c.doc}/rounds`)), 'open round');
    expect(round.number).toBe(2);
    expect(round.openedBy?.id).toBe(c.ownerId);
    const { items } = expectOk<{ items: RoundDto[] }>(await c.observer.get(api(`/documents/${c.doc}/rounds`)), 'rounds');
    expect(items.map((r) => [r.number, r.id])).toEqual([
      [1, null],
      [2, round.id],
    ]);

    // after the round opens, r0 and r1 change their minds about C1
    await annotate(c.reviewers[0]!, c.doc, { kind: 'probability', probability: { claimId: c.claims.C1, value: 0.5 } });
    await annotate(c.reviewers[1]!, c.doc, { kind: 'probability', probability: { claimId: c.claims.C1, value: 0.4 } });
    const map = await mapAs(c.owner);
    expect(map.dataVersion).not.toBe(before.dataVersion);
    expect(map.round).toEqual({ number: 2, openedAt: round.openedAt });
    expect(map.rounds.map((r) => [r.number, r.roundId, r.startsAt, r.endsAt])).toEqual([
      [1, null, items[0]!.openedAt, round.openedAt],
      [2, round.id, round.openedAt, null],
    ]);
    const revised = [0.5, 0.4, ...credences.C1.slice(2)];
    const inRound = (i: number, key: ClaimKey) => map.rounds[i]!.claims.find((x) => x.claimId === c.claims[key])!;
    close(inRound(0, 'C1').spread, expectedStats(credences.C1).spread, 'C1 spread in round 1');
    close(inRound(1, 'C1').spread, expectedStats(revised).spread, 'C1 spread in round 2');
    close(inRound(1, 'C1').aggregate, expectedStats(revised).aggregate, 'C1 aggregate in round 2');
    close(inRound(0, 'C4').aggregate, expectedStats(credences.C4).aggregate, 'C4 in round 1 (13 raters)');
    expect(inRound(0, 'C4').n).toBe(13);
    close(claimIn(map, c.claims.C1).spread, expectedStats(revised).spread, 'C1 now');
  });
});

// ---------------------------------------------------------------- blind review

describe('blind review', () => {
  const blindText = ['# A blind essay', 'Scaling alone will produce general intelligence.', 'A second paragraph to annotate.'].join('\n\n');
  let doc: string;
  let claimId: string;
  let text: string;

  beforeAll(async () => {
    doc = (await importDocument(c.owner, c.workspace.slug, { slug: 'blind-essay', text: blindText })).slug;
    text = expectOk<{ text: string }>(await c.owner.get(api(`/documents/${doc}`)), 'blind document').text;
    const quote = 'Scaling alone will produce general intelligence';
    claimId = (await annotate(c.reviewers[0]!, doc, { kind: 'claim', target: target(quote, text) })).claimId!;
    for (const [r, value] of [
      [0, 0.8],
      [1, 0.6],
      [2, 0.1],
    ] as const) {
      await annotate(c.reviewers[r]!, doc, { kind: 'probability', ...(r === 2 ? { body: 'Scaling has hit walls before.' } : {}), probability: { claimId, value } });
    }
    const patched = expectOk<{ document: { blind: boolean } }>(await c.owner.patch(api(`/documents/${doc}`), { blind: true }), 'make blind');
    expect(patched.document.blind).toBe(true);
  });

  const nOf = async (client: HttpClient) => {
    const map = await mapAs(client, doc);
    return { map, claim: claimIn(map, claimId) };
  };

  it("hides others' credences from a reviewer who has not rated the claim, everywhere they could be read", async () => {
    const newcomer = c.reviewers[3]!;
    const { map, claim } = await nOf(newcomer);
    expect(map.blind).toBe(true);
    expect(claim).toMatchObject({ n: 0, aggregate: null, spread: null, median: null, disagreement: null, hidden: true });
    expect(map.reviewers).toEqual([]);
    expect(map.mostDisputed.map((x) => x.claimId)).not.toContain(claimId);
    expect(JSON.stringify(map.mostDisputed)).not.toContain('Scaling has hit walls');
    const listed = expectOk<{ items: ClaimDto[] }>(await newcomer.get(api(`/claims?document=${doc}`)), 'claims');
    expect(listed.items.find((x) => x.id === claimId)).toMatchObject({ credences: [], credencesHidden: true, myCredence: null });
    const detail = expectOk<ClaimDetailDto>(await newcomer.get(api(`/claims/${claimId}`)), 'claim');
    expect(detail).toMatchObject({ credences: [], revisions: [], credencesHidden: true });
    const page = expectOk<AnnotationPage>(await newcomer.get(api(`/annotations?document=${doc}&kind=probability`)), 'probabilities');
    expect(page.items).toHaveLength(3);
    expect(page.items.map((a) => a.probability)).toEqual([null, null, null]);
    const one = expectOk<AnnotationDto>(await newcomer.get(api(`/annotations/${page.items[0]!.id}`)), 'one probability');
    expect(one.probability).toBeNull();
    // observers never rate: they see nothing either, until a round reveals it
    expect((await nOf(c.observer)).claim).toMatchObject({ n: 0, hidden: true });
  });

  it('shows everything to the reviewers who rated and to owners', async () => {
    for (const client of [c.reviewers[0]!, c.owner]) {
      const { claim } = await nOf(client);
      expect(claim).toMatchObject({ n: 3, hidden: false });
      close(claim.aggregate, expectedStats([0.8, 0.6, 0.1]).aggregate, 'aggregate of the three');
    }
    const page = expectOk<AnnotationPage>(await c.reviewers[1]!.get(api(`/annotations?document=${doc}&kind=probability`)), 'probabilities');
    expect(page.items.map((a) => a.probability?.value).sort()).toEqual([0.1, 0.6, 0.8]);
  });

  it('shows them to a reviewer once they enter their own', async () => {
    const newcomer = c.reviewers[3]!;
    await annotate(newcomer, doc, { kind: 'probability', probability: { claimId, value: 0.4 } });
    const { claim } = await nOf(newcomer);
    expect(claim).toMatchObject({ n: 4, hidden: false });
    close(claim.aggregate, expectedStats([0.8, 0.6, 0.1, 0.4]).aggregate, 'aggregate of the four');
    const listed = expectOk<{ items: ClaimDto[] }>(await newcomer.get(api(`/claims?document=${doc}`)), 'claims');
    expect(listed.items.find((x) => x.id === claimId)).toMatchObject({ credencesHidden: false, myCredence: 0.4 });
    expect(listed.items.find((x) => x.id === claimId)?.credences).toHaveLength(4);
  });

  it('reveals to everyone the credences as they stood when an owner opens a new round, and only those', async () => {
    expect((await c.reviewers[4]!.post(api(`/documents/${doc}/rounds`))).status).toBe(403);
    expectOk(await c.owner.post(api(`/documents/${doc}/rounds`)), 'open round 2');
    // after the round opened, r1 revises 0.6 → 0.9: the observer still sees 0.6, the owner 0.9
    await annotate(c.reviewers[1]!, doc, { kind: 'probability', probability: { claimId, value: 0.9 } });
    const seen = await nOf(c.observer);
    expect(seen.claim).toMatchObject({ n: 4, hidden: true });
    close(seen.claim.aggregate, expectedStats([0.8, 0.6, 0.1, 0.4]).aggregate, 'revealed aggregate');
    expect(seen.map.rounds).toHaveLength(2);
    // the lead shows the revealed credences only, and no rationale (its side would tell the author's credence)
    const lead = seen.map.mostDisputed.find((x) => x.claimId === claimId)!;
    expect(lead).toMatchObject({ hidden: true, n: 4, min: 0.1, max: 0.8, distribution: [0, 1, 0, 0, 1, 0, 1, 0, 1, 0] });
    expect([...lead.reasons.for, ...lead.reasons.against].filter((r) => r.kind === 'rationale')).toEqual([]);
    expect(JSON.stringify(seen.map.mostDisputed)).not.toContain('Scaling has hit walls');
    expect(JSON.stringify(seen.map.mostDisputed)).not.toContain('0.9');
    const ownersLead = (await nOf(c.owner)).map.mostDisputed.find((x) => x.claimId === claimId)!;
    expect(ownersLead).toMatchObject({ hidden: false, max: 0.9 });
    expect(ownersLead.reasons.against.map((r) => r.rationale)).toContain('Scaling has hit walls before.');
    const detail = expectOk<ClaimDetailDto>(await c.observer.get(api(`/claims/${claimId}`)), 'claim as observer');
    expect(detail.credences.map((x) => x.value).sort()).toEqual([0.1, 0.4, 0.6, 0.8]);
    expect(detail.revisions.map((x) => x.value).sort()).toEqual([0.1, 0.4, 0.6, 0.8]);
    const owners = await nOf(c.owner);
    expect(owners.claim).toMatchObject({ n: 4, hidden: false });
    close(owners.claim.aggregate, expectedStats([0.8, 0.9, 0.1, 0.4]).aggregate, 'current aggregate');
    close(owners.map.rounds[0]!.claims[0]!.aggregate, expectedStats([0.8, 0.6, 0.1, 0.4]).aggregate, 'round 1 as it ended');
  });

  it('turns off again for everyone when the owner ends blind review', async () => {
    expectOk(await c.owner.patch(api(`/documents/${doc}`), { blind: false }), 'end blind review');
    const { claim, map } = await nOf(c.observer);
    expect(map.blind).toBe(false);
    expect(claim).toMatchObject({ n: 4, hidden: false });
    close(claim.aggregate, expectedStats([0.8, 0.9, 0.1, 0.4]).aggregate, 'current aggregate');
  });
});

// ---------------------------------------------------------------- access

describe('who may read the map', () => {
  it('answers a non-member 404 and a signed-out visitor 401 on a private workspace', async () => {
    for (const path of [`/documents/${c.doc}/disagreement`, `/documents/${c.doc}/rounds`]) {
      const outsider = await c.outsider.get(api(path));
      expect(outsider.status).toBe(404);
      expect(outsider.text).not.toContain(c.claims.C1);
      const signedOut = await new HttpClient(app).get(api(path));
      expect(signedOut.status).toBe(401);
    }
    expect((await c.owner.get(api('/documents/no-such-document/disagreement'))).status).toBe(404);
  });
});
