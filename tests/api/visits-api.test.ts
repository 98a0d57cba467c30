// "New since my last visit" over HTTP (issue 16, item 4): POST …/documents/:doc/visit records the visit and answers
// what others did since the one before — annotations made, ratings changed, replies written — never my own, never
// another document's; a reload within 30 minutes keeps the marks; a first visit marks nothing; who may ask.
import { beforeAll, describe, expect, it } from 'vitest';
import { db } from '@/lib/db';
import type { AnnotationDto } from '@/lib/annotations/types';
import type { NewSinceVisit } from '@/lib/visits/queries';
import { addMemberByEmail, createWorkspace, importDocument, signedInClient, signUp, type TestAccount, type TestWorkspace } from '../support/api-actors';
import { errorOf, expectOk, HttpClient } from '../support/http-client';
import { inProcessApp } from '../support/in-process-app';
import { uniqueClientIp } from '../support/unique';

const app = inProcessApp();
const clientIp = uniqueClientIp();
const sentences = ['The first sentence is about power.', 'The second sentence is about deception.', 'The third sentence is about scheming.'];

let me: HttpClient;
let other: HttpClient;
let anonymous: HttpClient;
let meAccount: TestAccount;
let workspace: TestWorkspace;
let doc: string;
let secondDoc: string;
let text: string;

const api = (path: string): string => `/api/v1/workspaces/${workspace.slug}${path}`;
const target = (quote: string) => ({ exact: quote, start: text.indexOf(quote), end: text.indexOf(quote) + quote.length });
const visit = async (who: HttpClient, document = doc): Promise<NewSinceVisit> => expectOk<NewSinceVisit>(await who.post(api(`/documents/${document}/visit`)), 'visit');

/** Time passes: everything on the workspace so far, my visits included, moves `minutes` into the past. */
async function leftAgo(minutes: number): Promise<void> {
  const shift = `${minutes} minutes`;
  const ws = (await db.workspace.findFirstOrThrow({ where: { slug: workspace.slug }, select: { id: true } })).id;
  await db.$executeRaw`UPDATE "DocumentVisit" SET "visitedAt" = "visitedAt" - ${shift}::interval WHERE "workspaceId" = ${ws}`;
  await db.$executeRaw`UPDATE "Annotation" SET "createdAt" = "createdAt" - ${shift}::interval WHERE "workspaceId" = ${ws}`;
  await db.$executeRaw`UPDATE "Reply" SET "createdAt" = "createdAt" - ${shift}::interval WHERE "workspaceId" = ${ws}`;
  // revisions are append-only (a trigger); this file's own database lets the fixture move them in time
  await db.$transaction([
    db.$executeRaw`ALTER TABLE "CredenceRevision" DISABLE TRIGGER USER`,
    db.$executeRaw`UPDATE "CredenceRevision" SET "createdAt" = "createdAt" - ${shift}::interval WHERE "workspaceId" = ${ws}`,
    db.$executeRaw`ALTER TABLE "CredenceRevision" ENABLE TRIGGER USER`,
  ]);
}

beforeAll(async () => {
  anonymous = new HttpClient(app, { clientIp });
  const [mine, theirs] = await Promise.all([signUp(anonymous, 'vme'), signUp(anonymous, 'vother')]);
  meAccount = mine;
  me = await signedInClient(app, mine, clientIp);
  other = await signedInClient(app, theirs);
  workspace = await createWorkspace(me, 'visits');
  await addMemberByEmail(me, workspace.slug, theirs, 'reviewer', other);
  doc = (await importDocument(me, workspace.slug, { slug: 'essay', title: 'Essay', text: ['# Essay', ...sentences].join('\n\n') })).slug;
  secondDoc = (await importDocument(me, workspace.slug, { slug: 'other', title: 'Other', text: '# Other\n\nA sentence on another document.' })).slug;
  text = expectOk<{ text: string }>(await me.get(api(`/documents/${doc}`)), 'text').text;
});

describe('POST /api/v1/workspaces/:ws/documents/:doc/visit', () => {
  it('marks nothing on a first visit, then what others did since the last one, and keeps the marks on a reload', async () => {
    // before my first visit: the other reviewer's claim, and my own claim
    const early = expectOk<AnnotationDto>(await other.post(api('/annotations'), { document: doc, kind: 'claim', target: target(sentences[0]!) }), 'early');
    const mine = expectOk<AnnotationDto>(await me.post(api('/annotations'), { document: doc, kind: 'claim', target: target(sentences[1]!) }), 'mine');
    expect(await visit(me)).toEqual({ since: null, annotations: [], replies: {}, claims: [] });

    await leftAgo(60);
    const lastVisit = (await db.documentVisit.findFirstOrThrow({ where: { workspaceId: workspace.id, userId: meAccount.id, document: { slug: doc } } })).visitedAt;
    // while I was away: a new claim and a rating by the other reviewer, a reply to my claim, a reply by me, my own rating,
    // and a claim on another document
    const claim = expectOk<AnnotationDto>(await other.post(api('/annotations'), { document: doc, kind: 'claim', target: target(sentences[2]!) }), 'new claim');
    const rating = expectOk<AnnotationDto>(
      await other.post(api('/annotations'), { document: doc, kind: 'probability', target: target(sentences[1]!), probability: { claimId: mine.claimId, value: 0.3 } }),
      'rating',
    );
    expectOk(await other.post(api(`/annotations/${mine.id}/replies`), { body: 'I doubt this.' }), 'reply');
    expectOk(await other.post(api(`/annotations/${mine.id}/replies`), { body: 'And here is why.' }), 'second reply');
    expectOk(await me.post(api(`/annotations/${early.id}/replies`), { body: 'My own reply is not news to me.' }), 'my reply');
    expectOk(await me.post(api('/annotations'), { document: doc, kind: 'probability', target: target(sentences[2]!), probability: { claimId: claim.claimId, value: 0.8 } }), 'my rating');
    const elsewhere = await importDocument(me, workspace.slug, { text: '# Elsewhere\n\nNot on this document at all.' });
    const otherText = expectOk<{ text: string }>(await me.get(api(`/documents/${elsewhere.slug}`)), 'text').text;
    expectOk(await other.post(api('/annotations'), { document: elsewhere.slug, kind: 'claim', target: { exact: 'Not on this document at all.', start: otherText.indexOf('Not'), end: otherText.length } }), 'elsewhere');

    const news = await visit(me);
    expect(news.since).toBe(lastVisit.toISOString());
    expect([...news.annotations].sort()).toEqual([claim.id, rating.id].sort());
    expect(news.replies).toEqual({ [mine.id]: 2 });
    expect([...news.claims].sort()).toEqual([claim.claimId, mine.claimId].sort());

    // a reload a moment later is the same visit: the same marks
    expect(await visit(me)).toEqual(news);
  });

  it('marks a rating whose value changed since, and nothing once I come back after the change', async () => {
    const secondText = expectOk<{ text: string }>(await me.get(api(`/documents/${secondDoc}`)), 'text').text;
    const start = secondText.indexOf('A sentence');
    const made = expectOk<AnnotationDto>(
      await me.post(api('/annotations'), { document: secondDoc, kind: 'claim', target: { exact: 'A sentence on another document.', start, end: start + 31 } }),
      'claim',
    );
    const rating = expectOk<AnnotationDto>(
      await other.post(api('/annotations'), { document: secondDoc, kind: 'probability', target: { exact: 'A sentence', start, end: start + 10 }, probability: { claimId: made.claimId, value: 0.4 } }),
      'rating',
    );
    await visit(me, secondDoc);
    await leftAgo(45);
    expect((await visit(me, secondDoc)).annotations).toEqual([]);
    await leftAgo(45);
    expectOk(await other.patch(api(`/annotations/${rating.id}`), { version: rating.version, probability: { value: 0.9 } }), 'change the rating');
    const news = await visit(me, secondDoc);
    expect(news.annotations).toEqual([rating.id]);
    expect(news.claims).toEqual([made.claimId]);
  });

  it('is for those who may read the document', async () => {
    expect((await anonymous.post(api(`/documents/${doc}/visit`))).status).toBe(401);
    const stranger = await signedInClient(app, await signUp(anonymous, 'vstranger'));
    for (const response of [await stranger.post(api(`/documents/${doc}/visit`)), await me.post(api('/documents/no-such-document/visit'))]) {
      expect(response.status).toBe(404);
      expect(errorOf(response).message).toMatch(/not found/i);
    }
  });
});
