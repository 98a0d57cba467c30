// The rating queue over HTTP (route handlers in process), on a hand-built panel whose order is known: claims with a
// thin panel first (fewer ratings first), then the most disputed, then a crux for a disputed claim, then the rest;
// the reason in words; skip remembered; a document's queue; blind review; who may use it; bad input.
import { beforeAll, describe, expect, it } from 'vitest';
import type { AnnotationDto } from '@/lib/annotations/types';
import type { QueueDto } from '@/lib/queue/schemas';
import { addMemberByEmail, createWorkspace, importDocument, signedInClient, signUp, type TestWorkspace } from '../support/api-actors';
import { errorOf, expectOk, HttpClient } from '../support/http-client';
import { inProcessApp } from '../support/in-process-app';
import { uniqueClientIp } from '../support/unique';

const app = inProcessApp();
const clientIp = uniqueClientIp();
const sentences = {
  thin1: 'Only one reviewer has rated this sentence.',
  thin3: 'Three reviewers have rated this sentence.',
  split: 'The panel splits evenly on this sentence.',
  agreed: 'Everyone agrees on this sentence.',
  crux: 'This sentence is a crux for the split one.',
  other: 'A sentence on the second document.',
};

let owner: HttpClient;
let me: HttpClient;
let observer: HttpClient;
let anonymous: HttpClient;
let reviewers: HttpClient[];
let workspace: TestWorkspace;
let otherWorkspace: TestWorkspace;
let foreignClaim: string;
const claims = {} as Record<keyof typeof sentences, string>;

const api = (path: string, ws = workspace.slug): string => `/api/v1/workspaces/${ws}${path}`;

beforeAll(async () => {
  anonymous = new HttpClient(app, { clientIp });
  const accounts = await Promise.all(['qown', 'qme', 'qobs', 'q1', 'q2', 'q3', 'q4', 'q5', 'q6'].map((label) => signUp(anonymous, label)));
  owner = await signedInClient(app, accounts[0]!, clientIp);
  me = await signedInClient(app, accounts[1]!);
  observer = await signedInClient(app, accounts[2]!);
  reviewers = await Promise.all(accounts.slice(3).map((a) => signedInClient(app, a)));
  workspace = await createWorkspace(owner, 'queue');
  await addMemberByEmail(owner, workspace.slug, accounts[1]!, 'reviewer', me);
  await addMemberByEmail(owner, workspace.slug, accounts[2]!, 'observer', observer);
  for (const [i, a] of accounts.slice(3).entries()) await addMemberByEmail(owner, workspace.slug, a, 'reviewer', reviewers[i]);
  const docs = {
    first: (await importDocument(owner, workspace.slug, { slug: 'first', title: 'First', text: ['# First', sentences.thin1, sentences.thin3, sentences.split, sentences.agreed, sentences.crux].join('\n\n') })).slug,
    second: (await importDocument(owner, workspace.slug, { slug: 'second', title: 'Second', text: ['# Second', sentences.other].join('\n\n') })).slug,
  };
  const texts = {
    first: expectOk<{ text: string }>(await owner.get(api(`/documents/${docs.first}`)), 'first').text,
    second: expectOk<{ text: string }>(await owner.get(api(`/documents/${docs.second}`)), 'second').text,
  };
  const target = (doc: 'first' | 'second', quote: string) => {
    const start = texts[doc].indexOf(quote);
    return { exact: quote, start, end: start + quote.length };
  };
  for (const key of Object.keys(sentences) as (keyof typeof sentences)[]) {
    if (key === 'crux') continue;
    const doc = key === 'other' ? 'second' : 'first';
    const made = expectOk<AnnotationDto>(await owner.post(api('/annotations'), { document: docs[doc], kind: 'claim', target: target(doc, sentences[key]) }), key);
    claims[key] = made.claimId as string;
  }
  // "crux" (K) is a crux for "split" (C): the crux annotation makes K from the selected text
  const crux = expectOk<AnnotationDto>(
    await owner.post(api('/annotations'), { document: docs.first, kind: 'crux', target: target('first', sentences.crux), crux: { forClaimId: claims.split, direction: 'more' } }),
    'crux',
  );
  claims.crux = crux.claimId as string;
  const rate = (who: HttpClient, claimId: string, value: number) => who.post(api('/annotations'), { kind: 'probability', probability: { claimId, value } });
  expectOk(await rate(reviewers[0]!, claims.thin1, 0.5), 'thin1');
  for (const r of reviewers.slice(0, 3)) expectOk(await rate(r, claims.thin3, 0.5), 'thin3');
  for (const [i, r] of reviewers.entries()) {
    expectOk(await rate(r, claims.split, i < 3 ? 0.9 : 0.1), 'split');
    expectOk(await rate(r, claims.agreed, 0.7), 'agreed');
    expectOk(await rate(r, claims.crux, 0.7), 'crux');
    expectOk(await rate(r, claims.other, 0.6), 'other');
  }
  otherWorkspace = await createWorkspace(owner, 'queue-other');
  const foreignDoc = (await importDocument(owner, otherWorkspace.slug, { slug: 'x', text: '# X\n\nA foreign sentence here.' })).slug;
  const foreignText = expectOk<{ text: string }>(await owner.get(api(`/documents/${foreignDoc}`, otherWorkspace.slug)), 'foreign').text;
  const start = foreignText.indexOf('A foreign sentence here.');
  foreignClaim = expectOk<AnnotationDto>(
    await owner.post(api('/annotations', otherWorkspace.slug), { document: foreignDoc, kind: 'claim', target: { exact: 'A foreign sentence here.', start, end: start + 24 } }),
    'foreign',
  ).claimId as string;
});

const queue = async (who: HttpClient, query = ''): Promise<QueueDto> => expectOk<QueueDto>(await who.get(api(`/queue${query}`)), 'queue');

describe('GET …/queue', () => {
  it('orders thin panels first (fewer first), then disagreement, then a crux for a disputed claim, and says why', async () => {
    const answer = await queue(me);
    expect(answer.raters).toBe(8); // the owner and seven reviewers
    expect(answer.items.map((i) => i.claimId)).toEqual([claims.thin1, claims.thin3, claims.split, claims.crux, claims.agreed, claims.other]);
    const [thin1, thin3, split, crux, agreed] = answer.items;
    expect(thin1).toMatchObject({ n: 1, reason: 'Only 1 of 8 have rated this.', quote: sentences.thin1, document: { slug: 'first', title: 'First' } });
    expect(thin3).toMatchObject({ n: 3, reason: 'Only 3 of 8 have rated this.' });
    expect(split!.reason).toMatch(/^Reviewers disagree on this \(6 ratings\)/);
    expect(crux!.reason).toBe(`A crux for a disputed claim: “${sentences.split}”.`);
    expect(agreed!.reason).toBe('6 ratings so far: yours adds to the panel.');
    // the formula: 1000·max(0, 5 − n) + 100·min(disagreement, 9.99) + min(cruxFor, 0.99)
    expect(thin1!.priority).toBeGreaterThanOrEqual(4000);
    expect(thin3!.priority).toBeGreaterThanOrEqual(2000);
    expect(thin3!.priority).toBeLessThan(3000);
    expect(split!.priority).toBeGreaterThan(100 * 0.6);
    expect(crux!.priority).toBeCloseTo(0.99, 9); // no disagreement of its own, a crux for a strongly disputed claim
    expect(agreed!.priority).toBe(0);
  });

  it('lists only what I have not rated, and a document’s claims when asked', async () => {
    // reviewer 0 rated every claim: nothing is left for them
    expect((await queue(reviewers[0]!)).items).toEqual([]);
    const docOnly = await queue(me, '?document=second');
    expect(docOnly.items.map((i) => i.claimId)).toEqual([claims.other]);
    expect((await me.get(api('/queue?document=nope'))).status).toBe(404);
  });

  it('drops a skipped claim from my queue only, remembered; skipping twice is one skip', async () => {
    expectOk(await me.post(api('/queue/skip'), { claimId: claims.thin3 }), 'skip');
    expectOk(await me.post(api('/queue/skip'), { claimId: claims.thin3 }), 'skip again');
    expect((await queue(me)).items.map((i) => i.claimId)).not.toContain(claims.thin3);
    expect((await queue(owner)).items.map((i) => i.claimId)).toContain(claims.thin3);
  });

  it('refuses what it should: observers and signed-out readers, another workspace’s claim, bad input', async () => {
    expect((await observer.get(api('/queue'))).status).toBe(403);
    expect((await anonymous.get(api('/queue'))).status).toBe(401);
    expect((await me.post(api('/queue/skip'), { claimId: foreignClaim })).status).toBe(404);
    expect(errorOf(await me.post(api('/queue/skip'), {})).fields).toHaveProperty('claimId');
    expect((await me.post(api('/queue/skip'), { claimId: claims.thin1, extra: 1 })).status).toBe(400);
  });

  it('under blind review says nothing of how the others rated before I rate: no disagreement in the order or the reason', async () => {
    expectOk(await owner.patch(api('/documents/first'), { blind: true }), 'make blind');
    try {
      const items = (await queue(me)).items;
      const split = items.find((i) => i.claimId === claims.split)!;
      expect(split.reason).toBe('6 ratings so far: yours adds to the panel.');
      expect(split.priority).toBe(0);
      expect(items.find((i) => i.claimId === claims.crux)!.priority).toBe(0);
      // owners see every credence: the order is as before
      const ownerSplit = (await queue(owner)).items.find((i) => i.claimId === claims.split)!;
      expect(ownerSplit.reason).toMatch(/^Reviewers disagree on this/);
    } finally {
      expectOk(await owner.patch(api('/documents/first'), { blind: false }), 'open again');
    }
  });
});
