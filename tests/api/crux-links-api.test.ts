// Crux links over HTTP (route handlers in process): 12 reviewers in two camps rate a crux K and a claim C and
// give their conditional credences on the link (K, C) through the API; every number of the crux-link list, the
// disagreement map and the crux graph is checked to 1e-9 against the issue's formulas written out here (not by
// calling lib/aggregation); bad input is refused with field messages and writes nothing; revisions are kept; blind
// review hides others' conditionals as it hides credences, and a round reveals them; a claim merge moves links and
// conditionals and the unmerge puts them back.
import { beforeAll, describe, expect, it } from 'vitest';
import { bridgedCredences } from '@/lib/aggregation';
import type { Rating } from '@/lib/aggregation/types';
import { db } from '@/lib/db';
import type { AnnotationDto } from '@/lib/annotations/types';
import type { CruxGraph, CruxLinkDto } from '@/lib/cruxes/schemas';
import type { DisagreementMapResponse } from '@/lib/disagreement/types';
import { addMemberByEmail, createWorkspace, importDocument, signedInClient, signUp, type TestAccount, type TestWorkspace } from '../support/api-actors';
import { errorOf, expectOk, HttpClient } from '../support/http-client';
import { inProcessApp } from '../support/in-process-app';
import { uniqueClientIp } from '../support/unique';

const app = inProcessApp();
const clientIp = uniqueClientIp();

// ---------------------------------------------------------------- the formulas, independently

const clip = (p: number): number => Math.min(0.99, Math.max(0.01, p));
const logit = (p: number): number => Math.log(clip(p) / (1 - clip(p)));
const aggregateOf = (ps: number[]): number => 1 / (1 + Math.exp(-(ps.map(logit).reduce((a, b) => a + b, 0) / ps.length)));
const shift = (k: number, a: number, b: number): number => 2 * k * (1 - k) * Math.abs(a - b);

const TOLERANCE = 1e-9;
function close(actual: number | null | undefined, expected: number | null, what: string): void {
  if (expected === null) {
    expect(actual, what).toBeNull();
    return;
  }
  expect(typeof actual, what).toBe('number');
  expect(Math.abs((actual as number) - expected), `${what}: ${actual} vs ${expected}`).toBeLessThanOrEqual(TOLERANCE);
}

// ---------------------------------------------------------------- the panel

/** The credences the test writes, as the aggregation reads them. */
function ratingsWritten(): Rating[] {
  const out: Rating[] = [];
  kCredence.forEach((value, r) => value !== null && out.push({ claimId: c.claims.K, reviewerId: c.accounts[r]!.id, value }));
  cCredence.forEach((value, r) => value !== null && out.push({ claimId: c.claims.C, reviewerId: c.accounts[r]!.id, value }));
  return out;
}

// Camp one (r0–r5) believes K and C, camp two (r6–r11) doubts both. r11 never rates K (their k is K's aggregate);
// r10 never rates C (counted in n, never in a pair). Everyone's conditionals say C follows K closely.
const kCredence: (number | null)[] = [0.9, 0.8, 0.85, 0.7, 0.95, 0.75, 0.2, 0.1, 0.3, 0.15, 0.25, null];
const cCredence: (number | null)[] = [0.85, 0.8, 0.9, 0.7, 0.75, 0.8, 0.2, 0.15, 0.3, 0.25, null, 0.1];
const conditionals: [number, number][] = [
  [0.9, 0.3],
  [0.85, 0.2],
  [0.95, 0.4],
  [0.8, 0.35],
  [0.9, 0.1],
  [0.85, 0.3],
  [0.8, 0.1],
  [0.9, 0.2],
  [0.7, 0.15],
  [0.85, 0.05],
  [0.6, 0.2],
  [0.75, 0.1],
];
const text = ['# Power and its cruxes', 'Capable agents will seek power.', 'Training will make models agentic.', 'Scale is not all you need.'].join('\n\n');
const quotes = { K: 'Training will make models agentic', C: 'Capable agents will seek power', D: 'Scale is not all you need' } as const;

type Ctx = {
  owner: HttpClient;
  reviewers: HttpClient[];
  accounts: TestAccount[];
  observer: HttpClient;
  outsider: HttpClient;
  workspace: TestWorkspace;
  doc: string;
  docText: string;
  claims: { K: string; C: string; D: string };
  link: string;
  dLink: string;
};
let c: Ctx;

const api = (path = ''): string => `/api/v1/workspaces/${c.workspace.slug}${path}`;

function target(quote: string, within = c.docText) {
  const start = within.indexOf(quote);
  if (start < 0) throw new Error(`quote not in text: ${quote}`);
  return { exact: quote, start, end: start + quote.length };
}

async function annotate(client: HttpClient, doc: string, body: Record<string, unknown>): Promise<AnnotationDto> {
  return expectOk(await client.post(api('/annotations'), { document: doc, ...body }), `annotate ${JSON.stringify(body).slice(0, 80)}`);
}

async function linksAs(client: HttpClient, doc?: string): Promise<CruxLinkDto[]> {
  return expectOk<{ items: CruxLinkDto[] }>(await client.get(api(`/crux-links${doc ? `?document=${doc}` : ''}`)), 'crux links').items;
}

const linkIn = (items: readonly { id: string }[], id: string) => {
  const found = items.find((x) => x.id === id);
  if (!found) throw new Error(`link ${id} is not listed`);
  return found;
};

beforeAll(async () => {
  const anonymous = new HttpClient(app, { clientIp });
  const ownerAccount = await signUp(anonymous, 'cruxowner');
  const accounts: TestAccount[] = [];
  for (let i = 0; i < 12; i++) accounts.push(await signUp(anonymous, `cruxrev${i}`));
  const [observerAccount, outsiderAccount] = [await signUp(anonymous, 'cruxobs'), await signUp(anonymous, 'cruxout')];
  const owner = await signedInClient(app, ownerAccount, clientIp);
  const reviewers: HttpClient[] = [];
  for (const account of accounts) reviewers.push(await signedInClient(app, account, clientIp));
  const workspace = await createWorkspace(owner, 'cruxes');
  for (const [i, account] of accounts.entries()) await addMemberByEmail(owner, workspace.slug, account, 'reviewer', reviewers[i]);
  await addMemberByEmail(owner, workspace.slug, observerAccount, 'observer');
  const doc = (await importDocument(owner, workspace.slug, { slug: 'power-cruxes', text })).slug;
  const docText = expectOk<{ text: string }>(await owner.get(`/api/v1/workspaces/${workspace.slug}/documents/${doc}`), 'document').text;
  c = {
    owner,
    reviewers,
    accounts,
    observer: await signedInClient(app, observerAccount, clientIp),
    outsider: await signedInClient(app, outsiderAccount, clientIp),
    workspace,
    doc,
    docText,
    claims: { K: '', C: '', D: '' },
    link: '',
    dLink: '',
  };
  for (const key of ['K', 'C', 'D'] as const) {
    c.claims[key] = (await annotate(reviewers[0]!, doc, { kind: 'claim', target: target(quotes[key]), claim: { statement: `${key}: ${quotes[key]}` } })).claimId!;
  }
  for (const [r, client] of reviewers.entries()) {
    if (kCredence[r] !== null) await annotate(client, doc, { kind: 'probability', probability: { claimId: c.claims.K, value: kCredence[r] } });
    if (cCredence[r] !== null) await annotate(client, doc, { kind: 'probability', probability: { claimId: c.claims.C, value: cCredence[r] } });
  }
  // three reviewers mark K as C's crux (two "more", one "less"); one marks D as C's crux; one evidence for C
  for (const [r, direction] of [
    [0, 'more'],
    [6, 'less'],
    [7, 'more'],
  ] as const) {
    await annotate(reviewers[r]!, doc, { kind: 'crux', target: target(quotes.K), crux: { claimId: c.claims.K, forClaimId: c.claims.C, direction } });
  }
  await annotate(reviewers[1]!, doc, { kind: 'crux', target: target(quotes.D), crux: { claimId: c.claims.D, forClaimId: c.claims.C, direction: 'less' } });
  await annotate(reviewers[2]!, doc, { kind: 'evidence', target: target(quotes.D), evidence: { claimId: c.claims.C, stance: 'against', strength: 2 } });
  const listed = await linksAs(owner, doc);
  c.link = listed.find((l) => l.cruxClaimId === c.claims.K)!.id;
  c.dLink = listed.find((l) => l.cruxClaimId === c.claims.D)!.id;
  // everyone gives conditionals; r0 first gives others and revises them
  await c.reviewers[0]!.put(api(`/crux-links/${c.link}/conditionals`), { ifTrue: 0.5, ifFalse: 0.5 });
  for (const [r, client] of reviewers.entries()) {
    const [ifTrue, ifFalse] = conditionals[r]!;
    expectOk(await client.put(api(`/crux-links/${c.link}/conditionals`), { ifTrue, ifFalse }), `conditionals of r${r}`);
  }
});

// ---------------------------------------------------------------- expected numbers

function expectedLink() {
  const aggregateK = aggregateOf(kCredence.filter((k): k is number => k !== null));
  const ks = kCredence.map((k) => k ?? aggregateK);
  const shifts = conditionals.map(([a, b], r) => shift(ks[r]!, a, b));
  const pairs: { a: number; b: number; gap: number; share: number }[] = [];
  for (let r = 0; r < 12; r++) {
    for (let s = r + 1; s < 12; s++) {
      const pr = cCredence[r];
      const ps = cCredence[s];
      if (pr === null || ps === null || pr === undefined || ps === undefined) continue;
      const gap = Math.abs(pr - ps);
      const kBar = (ks[r]! + ks[s]!) / 2;
      const after = kBar * Math.abs(conditionals[r]![0] - conditionals[s]![0]) + (1 - kBar) * Math.abs(conditionals[r]![1] - conditionals[s]![1]);
      const share = gap === 0 ? 0 : (gap - after) / gap;
      if (gap >= 0.2 - 1e-12 && share >= 0.5 - 1e-12) pairs.push({ a: r, b: s, gap, share });
    }
  }
  return { n: 12, expectedShift: shifts.reduce((x, y) => x + y, 0) / 12, pairs };
}

describe('crux links and conditionals of 12 reviewers', () => {
  it('lists each link once with its marks, n, expected shift and the caller’s own conditionals', async () => {
    const expected = expectedLink();
    for (const [r, client] of c.reviewers.entries()) {
      const items = await linksAs(client, c.doc);
      expect(items.map((l) => l.id)).toEqual([c.link, c.dLink]);
      const link = linkIn(items, c.link) as CruxLinkDto;
      expect(link).toMatchObject({ cruxClaimId: c.claims.K, forClaimId: c.claims.C, direction: 'more', markedBy: 3, n: 12 });
      close(link.expectedShift, expected.expectedShift, 'expectedShift');
      expect(link.mine).toEqual({ ifTrue: conditionals[r]![0], ifFalse: conditionals[r]![1] });
      expect(linkIn(items, c.dLink)).toMatchObject({ cruxClaimId: c.claims.D, forClaimId: c.claims.C, direction: 'less', markedBy: 1, n: 0, expectedShift: null, mine: null });
    }
    // the workspace-wide list is the same here; an observer sees the numbers and has no conditionals of their own
    const observed = await linksAs(c.observer);
    expect(linkIn(observed, c.link)).toMatchObject({ n: 12, mine: null });
  });

  it('puts the link numbers and the double cruxes found by the numbers into the disagreement map', async () => {
    const expected = expectedLink();
    expect(expected.pairs.length).toBeGreaterThan(0);
    const map = expectOk<DisagreementMapResponse>(await c.observer.get(api(`/documents/${c.doc}/disagreement`)), 'map');
    const link = linkIn(map.cruxLinks, c.link) as DisagreementMapResponse['cruxLinks'][number];
    expect(link).toMatchObject({ cruxClaimId: c.claims.K, forClaimId: c.claims.C, n: 12, direction: 'more' });
    close(link.expectedShift, expected.expectedShift, 'map expectedShift');
    expect(linkIn(map.cruxLinks, c.dLink)).toMatchObject({ n: 0, expectedShift: null });
    const numbers = map.doubleCruxes.filter((d) => d.foundBy === 'numbers');
    expect(numbers).toHaveLength(1);
    const found = numbers[0]!;
    expect(found).toMatchObject({ cruxClaimId: c.claims.K, forClaimId: c.claims.C });
    const idOf = (r: number) => c.accounts[r]!.id;
    const byPair = new Map(found.pairs.map((p) => [[p.reviewerA, p.reviewerB].sort().join(':'), p]));
    expect(byPair.size).toBe(expected.pairs.length);
    for (const pair of expected.pairs) {
      const got = byPair.get([idOf(pair.a), idOf(pair.b)].sort().join(':'));
      expect(got, `pair r${pair.a} r${pair.b}`).toBeDefined();
      const p = got as { gap: number; resolvedShare: number; reviewerA: string; reviewerB: string };
      expect(p.reviewerA < p.reviewerB).toBe(true);
      close(p.gap, pair.gap, `gap r${pair.a} r${pair.b}`);
      close(p.resolvedShare, pair.share, `resolvedShare r${pair.a} r${pair.b}`);
    }
    // r10 never rated C: in no pair
    expect(found.pairs.some((p) => p.reviewerA === idOf(10) || p.reviewerB === idOf(10))).toBe(false);
    // three reviewers marked it, but only r0 and r7 agree on nothing: the marked list keeps its label
    for (const d of map.doubleCruxes) expect(['marked', 'numbers']).toContain(d.foundBy);
    for (const claim of map.claims) {
      expect(claim).toHaveProperty('bridged');
      expect(claim).toHaveProperty('viewpoint');
      expect(typeof claim.splitsByViewpoint).toBe('boolean');
    }
    for (const x of map.implicitCruxes) expect(x.q).toBeLessThanOrEqual(0.1);
  });

  it('answers the crux graph of the document and of the workspace: claims with ratings or links, links from K to C', async () => {
    const expected = expectedLink();
    const map = expectOk<DisagreementMapResponse>(await c.observer.get(api(`/documents/${c.doc}/disagreement`)), 'map');
    for (const path of [`/documents/${c.doc}/crux-graph`, '/crux-graph']) {
      const graph = expectOk<CruxGraph>(await c.observer.get(api(path)), path);
      expect(graph.nodes.map((n) => n.claimId).sort()).toEqual([c.claims.K, c.claims.C, c.claims.D].sort());
      const cNode = graph.nodes.find((n) => n.claimId === c.claims.C)!;
      const cValues = cCredence.filter((p): p is number => p !== null);
      expect(cNode).toMatchObject({ statement: `C: ${quotes.C}`, n: 11, evidence: { for: 0, against: 1 } });
      close(cNode.aggregate, aggregateOf(cValues), `${path} aggregate of C`);
      const mapC = map.claims.find((x) => x.claimId === c.claims.C)!;
      close(cNode.disagreement, mapC.disagreement, `${path} disagreement of C`);
      expect(cNode.bridged).toBe(mapC.bridged);
      // the factorisation (unit-tested against its loss in lib/aggregation/bridging.test.ts) fitted on exactly the
      // credences written here: to 1e-9, the same fit; and the shared credence of C lies within the camps' range
      const fitted = bridgedCredences(ratingsWritten()).claims.find((x) => x.claimId === c.claims.C);
      expect(fitted, 'C is in the fit').toBeDefined();
      close(cNode.bridged, fitted!.bridged, `${path} bridged of C`);
      expect(cNode.bridged!).toBeGreaterThan(Math.min(...cValues));
      expect(cNode.bridged!).toBeLessThan(Math.max(...cValues));
      expect(graph.nodes.find((n) => n.claimId === c.claims.D)).toMatchObject({ n: 0, aggregate: null, evidence: { for: 0, against: 0 } });
      expect(graph.edges).toHaveLength(2);
      const edge = graph.edges.find((e) => e.from === c.claims.K)!;
      expect(edge).toMatchObject({ to: c.claims.C, direction: 'more', n: 12 });
      close(edge.expectedShift, expected.expectedShift, `${path} edge expectedShift`);
      expect(graph.edges.find((e) => e.from === c.claims.D)).toEqual({ from: c.claims.D, to: c.claims.C, direction: 'less', n: 0, expectedShift: null });
    }
  });

  it('keeps every value given as a revision, oldest first', async () => {
    const rows = await db.cruxConditionalRevision.findMany({
      where: { workspaceId: c.workspace.id, userId: c.accounts[0]!.id },
      orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
      select: { ifTrue: true, ifFalse: true },
    });
    expect(rows).toEqual([
      { ifTrue: 0.5, ifFalse: 0.5 },
      { ifTrue: 0.9, ifFalse: 0.3 },
    ]);
    await expect(db.$executeRaw`UPDATE "CruxConditionalRevision" SET "ifTrue" = 0.1 WHERE "workspaceId" = ${c.workspace.id}`).rejects.toThrow(/append-only/);
  });

  it('refuses bad input with field messages and writes nothing', async () => {
    const before = await db.cruxConditionalRevision.count({ where: { workspaceId: c.workspace.id } });
    const put = (client: HttpClient, body: unknown, link = c.link) => client.put(api(`/crux-links/${link}/conditionals`), body);
    const r1 = c.reviewers[1]!;
    const outOfRange = await put(r1, { ifTrue: 1.5, ifFalse: 0.2 });
    expect(outOfRange.status).toBe(400);
    expect(errorOf(outOfRange).fields).toEqual({ ifTrue: ['must be between 0 and 1'] });
    const missing = await put(r1, { ifTrue: 0.5 });
    expect(missing.status).toBe(400);
    expect(Object.keys(errorOf(missing).fields ?? {})).toEqual(['ifFalse']);
    const text = await put(r1, { ifTrue: 'high', ifFalse: -0.1 });
    expect(text.status).toBe(400);
    expect(Object.keys(errorOf(text).fields ?? {}).sort()).toEqual(['ifFalse', 'ifTrue']);
    expect((await put(r1, { ifTrue: 0.5, ifFalse: 0.5, extra: 1 })).status).toBe(400);
    expect((await put(r1, { ifTrue: 0.5, ifFalse: 0.5 }, 'no-such-link')).status).toBe(404);
    expect((await put(c.observer, { ifTrue: 0.5, ifFalse: 0.5 })).status).toBe(403);
    expect((await put(c.outsider, { ifTrue: 0.5, ifFalse: 0.5 })).status).toBe(404);
    expect((await c.outsider.get(api('/crux-links'))).status).toBe(404);
    expect((await c.outsider.get(api('/crux-graph'))).status).toBe(404);
    expect((await c.observer.get(api('/crux-links?document=no-such-doc'))).status).toBe(404);
    expect(await db.cruxConditionalRevision.count({ where: { workspaceId: c.workspace.id } })).toBe(before);
    expect(linkIn(await linksAs(r1, c.doc), c.link)).toMatchObject({ mine: { ifTrue: conditionals[1]![0], ifFalse: conditionals[1]![1] } });
  });
});

// ---------------------------------------------------------------- blind review

describe('blind review', () => {
  let doc: string;
  let blindText: string;
  let k: string;
  let cl: string;
  let link: string;

  beforeAll(async () => {
    blindText = ['# A blind essay', 'Models will generalise out of distribution.', 'Benchmarks measure capability.'].join('\n\n');
    doc = (await importDocument(c.owner, c.workspace.slug, { slug: 'blind-cruxes', text: blindText })).slug;
    const r0 = c.reviewers[0]!;
    cl = (await annotate(r0, doc, { kind: 'claim', target: target('Models will generalise', blindText) })).claimId!;
    k = (await annotate(r0, doc, { kind: 'claim', target: target('Benchmarks measure capability', blindText) })).claimId!;
    for (const [r, pk, pc] of [
      [0, 0.8, 0.7],
      [1, 0.6, 0.4],
      [2, 0.2, 0.3],
    ] as const) {
      await annotate(c.reviewers[r]!, doc, { kind: 'probability', probability: { claimId: k, value: pk } });
      await annotate(c.reviewers[r]!, doc, { kind: 'probability', probability: { claimId: cl, value: pc } });
    }
    await annotate(r0, doc, { kind: 'crux', target: target('Benchmarks measure capability', blindText), crux: { claimId: k, forClaimId: cl, direction: 'more' } });
    link = (await linksAs(c.owner, doc))[0]!.id;
    for (const [r, a, b] of [
      [0, 0.9, 0.4],
      [1, 0.6, 0.2],
      [2, 0.5, 0.1],
    ] as const) {
      expectOk(await c.reviewers[r]!.put(api(`/crux-links/${link}/conditionals`), { ifTrue: a, ifFalse: b }), `blind conditionals r${r}`);
    }
    expectOk(await c.owner.patch(api(`/documents/${doc}`), { blind: true }), 'make blind');
  });

  const expectedShiftOf = (rows: [number, number, number][]) => rows.reduce((s, [kk, a, b]) => s + shift(kk, a, b), 0) / rows.length;

  it("hides others' conditionals from a reviewer who has not rated C, in the list, the map and the graph, but not their own", async () => {
    const newcomer = c.reviewers[3]!;
    expect((await linksAs(newcomer, doc))[0]).toMatchObject({ id: link, n: 0, expectedShift: null, mine: null });
    expectOk(await newcomer.put(api(`/crux-links/${link}/conditionals`), { ifTrue: 0.7, ifFalse: 0.6 }), 'newcomer conditionals');
    expect((await linksAs(newcomer, doc))[0]).toMatchObject({ n: 0, expectedShift: null, mine: { ifTrue: 0.7, ifFalse: 0.6 } });
    const map = expectOk<DisagreementMapResponse>(await newcomer.get(api(`/documents/${doc}/disagreement`)), 'blind map');
    expect(map.cruxLinks[0]).toMatchObject({ id: link, n: 0, expectedShift: null });
    expect(map.doubleCruxes.filter((d) => d.foundBy === 'numbers')).toEqual([]);
    const graph = expectOk<CruxGraph>(await newcomer.get(api(`/documents/${doc}/crux-graph`)), 'blind graph');
    expect(graph.edges).toEqual([{ from: k, to: cl, direction: 'more', n: 0, expectedShift: null }]);
    expect((await linksAs(c.observer, doc))[0]).toMatchObject({ n: 0, expectedShift: null });
  });

  it('shows them to owners and to reviewers who rated C', async () => {
    // r3 has no credence in K: their k is K's aggregate of the three
    const kAgg = aggregateOf([0.8, 0.6, 0.2]);
    const all = expectedShiftOf([
      [0.8, 0.9, 0.4],
      [0.6, 0.6, 0.2],
      [0.2, 0.5, 0.1],
      [kAgg, 0.7, 0.6],
    ]);
    for (const client of [c.owner, c.reviewers[1]!]) {
      const item = (await linksAs(client, doc))[0]!;
      expect(item.n).toBe(4);
      close(item.expectedShift, all, 'visible expectedShift');
    }
  });

  it('reveals to everyone the conditionals as they stood when a round opens, and only those', async () => {
    expectOk(await c.owner.post(api(`/documents/${doc}/rounds`)), 'open round 2');
    expectOk(await c.reviewers[0]!.put(api(`/crux-links/${link}/conditionals`), { ifTrue: 0.2, ifFalse: 0.2 }), 'revised after the round');
    // the observer sees the revealed credences (r0–r2 on K and C) and the conditionals as given before the round
    const kAgg = aggregateOf([0.8, 0.6, 0.2]);
    const revealed = expectedShiftOf([
      [0.8, 0.9, 0.4],
      [0.6, 0.6, 0.2],
      [0.2, 0.5, 0.1],
      [kAgg, 0.7, 0.6],
    ]);
    const item = (await linksAs(c.observer, doc))[0]!;
    expect(item.n).toBe(4);
    close(item.expectedShift, revealed, 'revealed expectedShift');
    const map = expectOk<DisagreementMapResponse>(await c.observer.get(api(`/documents/${doc}/disagreement`)), 'revealed map');
    close(map.cruxLinks[0]!.expectedShift, revealed, 'revealed map expectedShift');
    const current = expectedShiftOf([
      [0.8, 0.2, 0.2],
      [0.6, 0.6, 0.2],
      [0.2, 0.5, 0.1],
      [kAgg, 0.7, 0.6],
    ]);
    close((await linksAs(c.owner, doc))[0]!.expectedShift, current, 'current expectedShift');
  });
});

// ---------------------------------------------------------------- claim merge

describe('claim merge and unmerge', () => {
  it('re-points links, sets a self-link aside, folds a colliding link’s conditionals and undoes it all', async () => {
    const mergeText = ['# Merging', 'X is the case.', 'Y is the case.', 'Z is the case.'].join('\n\n');
    const doc = (await importDocument(c.owner, c.workspace.slug, { slug: 'merging', text: mergeText })).slug;
    const r = c.reviewers;
    const claim = async (quote: string) => (await annotate(r[0]!, doc, { kind: 'claim', target: target(quote, mergeText) })).claimId!;
    const [x, y, z] = [await claim('X is the case'), await claim('Y is the case'), await claim('Z is the case')];
    for (const id of [x, y, z]) await annotate(r[0]!, doc, { kind: 'probability', probability: { claimId: id, value: 0.6 } });
    const crux = async (from: string, to: string) =>
      annotate(r[0]!, doc, { kind: 'crux', target: target('X is the case', mergeText), crux: { claimId: from, forClaimId: to, direction: 'more' } });
    await crux(x, z);
    await crux(y, z);
    await crux(x, y);
    const before = await linksAs(c.owner, doc);
    const id = (from: string, to: string) => before.find((l) => l.cruxClaimId === from && l.forClaimId === to)!.id;
    const [xz, yz, xy] = [id(x, z), id(y, z), id(x, y)];
    const give = async (who: number, link: string, a: number) => expectOk(await r[who]!.put(api(`/crux-links/${link}/conditionals`), { ifTrue: a, ifFalse: 0.1 }), 'give');
    await give(0, xz, 0.9);
    await give(1, xz, 0.8);
    await give(1, yz, 0.7);
    await give(2, yz, 0.6);
    await give(3, xy, 0.5);

    expectOk(await c.owner.post(api(`/claims/${y}/merge`), { into: x }), 'merge Y into X');
    const merged = await linksAs(c.owner, doc);
    // (Y, Z) collided with (X, Z): r2's conditionals moved there, r1 keeps theirs on (X, Z); (X, Y) is set aside
    expect(merged.map((l) => l.id)).toEqual([xz]);
    expect(merged[0]).toMatchObject({ cruxClaimId: x, forClaimId: z, n: 3, markedBy: 1 });
    expect(linkIn(await linksAs(r[2]!, doc), xz)).toMatchObject({ mine: { ifTrue: 0.6, ifFalse: 0.1 } });
    expect(linkIn(await linksAs(r[1]!, doc), xz)).toMatchObject({ mine: { ifTrue: 0.8, ifFalse: 0.1 } });
    expect((await r[3]!.put(api(`/crux-links/${xy}/conditionals`), { ifTrue: 0.5, ifFalse: 0.5 })).status).toBe(404);

    expectOk(await c.owner.post(api(`/claims/${y}/unmerge`)), 'unmerge');
    const back = await linksAs(c.owner, doc);
    expect(back.map((l) => l.id).sort()).toEqual([xz, yz, xy].sort());
    expect(linkIn(back, xz)).toMatchObject({ cruxClaimId: x, forClaimId: z, n: 2 });
    expect(linkIn(back, yz)).toMatchObject({ cruxClaimId: y, forClaimId: z, n: 2 });
    expect(linkIn(back, xy)).toMatchObject({ cruxClaimId: x, forClaimId: y, n: 1 });
    expect(linkIn(await linksAs(r[2]!, doc), yz)).toMatchObject({ mine: { ifTrue: 0.6, ifFalse: 0.1 } });
    expect(linkIn(await linksAs(r[2]!, doc), xz)).toMatchObject({ mine: null });
  });
});
