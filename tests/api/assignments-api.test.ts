// Assignments and a document's progress over HTTP (route handlers in process), on a hand-built panel: who may
// assign, list and see progress, the field names, and every number of the progress answer.
import { beforeAll, describe, expect, it } from 'vitest';
import type { AnnotationDto } from '@/lib/annotations/types';
import type { AssignmentDto, DocumentProgress } from '@/lib/assignments/schemas';
import { addMemberByEmail, createWorkspace, importDocument, signedInClient, signUp, type TestAccount, type TestWorkspace } from '../support/api-actors';
import { errorOf, expectOk, HttpClient } from '../support/http-client';
import { inProcessApp } from '../support/in-process-app';
import { uniqueClientIp } from '../support/unique';

const app = inProcessApp();
const clientIp = uniqueClientIp();
const paragraphs = ['First claim sentence here.', 'Second claim sentence here.', 'Third claim sentence here.'];

let owner: HttpClient;
let reviewers: HttpClient[];
let observer: HttpClient;
let anonymous: HttpClient;
let people: TestAccount[];
let observerAccount: TestAccount;
let ownerAccount: TestAccount;
let workspace: TestWorkspace;
let doc: string;
let otherDoc: string;
let text: string;
let claims: string[];

const api = (path: string): string => `/api/v1/workspaces/${workspace.slug}${path}`;

beforeAll(async () => {
  anonymous = new HttpClient(app, { clientIp });
  const accounts = await Promise.all(['own', 'r1', 'r2', 'r3', 'r4', 'r5', 'r6', 'obs'].map((label) => signUp(anonymous, label)));
  ownerAccount = accounts[0]!;
  people = accounts.slice(1, 7);
  observerAccount = accounts[7]!;
  owner = await signedInClient(app, ownerAccount, clientIp);
  reviewers = await Promise.all(people.map((p) => signedInClient(app, p)));
  observer = await signedInClient(app, observerAccount);
  workspace = await createWorkspace(owner, 'progress');
  for (const [i, p] of people.entries()) await addMemberByEmail(owner, workspace.slug, p, 'reviewer', reviewers[i]);
  await addMemberByEmail(owner, workspace.slug, observerAccount, 'observer', observer);
  doc = (await importDocument(owner, workspace.slug, { slug: 'panel', text: ['# Panel', ...paragraphs].join('\n\n') })).slug;
  otherDoc = (await importDocument(owner, workspace.slug, { slug: 'other', text: ['# Other', 'Unrelated text.'].join('\n\n') })).slug;
  text = expectOk<{ text: string }>(await owner.get(api(`/documents/${doc}`)), 'document').text;
  // the panel: three claims on the document (by r1); claim 0 rated by all six reviewers, claim 1 by r1 and r2,
  // claim 2 by nobody
  claims = [];
  for (const quote of paragraphs) {
    const start = text.indexOf(quote);
    const made = expectOk<AnnotationDto>(await reviewers[0]!.post(api('/annotations'), { document: doc, kind: 'claim', target: { exact: quote, start, end: start + quote.length } }), 'claim');
    claims.push(made.claimId as string);
  }
  for (const r of reviewers) expectOk(await r.post(api('/annotations'), { kind: 'probability', probability: { claimId: claims[0], value: 0.5 } }), 'rate 0');
  for (const r of reviewers.slice(0, 2)) expectOk(await r.post(api('/annotations'), { kind: 'probability', probability: { claimId: claims[1], value: 0.4 } }), 'rate 1');
});

describe('…/assignments', () => {
  it('owners assign (201, then 200 when changed), list all; others list their own; observers cannot be assigned; bad input is 400/422', async () => {
    const due = '2030-01-02T03:04:05.000Z';
    const made = await owner.post(api('/assignments'), { document: doc, userId: people[1]!.id, dueAt: due });
    expect(made.status).toBe(201);
    const assignment = (made.json as { assignment: AssignmentDto }).assignment;
    expect(assignment).toMatchObject({ document: { slug: doc, title: 'Panel' }, user: { id: people[1]!.id, name: people[1]!.name }, dueAt: due });
    expect((await owner.post(api('/assignments'), { document: doc, userId: people[1]!.id })).status).toBe(200);
    expectOk(await owner.post(api('/assignments'), { document: doc, userId: people[2]!.id, dueAt: '2000-01-01T00:00:00Z' }), 'overdue one');
    expectOk(await owner.post(api('/assignments'), { document: otherDoc, userId: people[2]!.id }), 'other doc');
    expect((await reviewers[1]!.post(api('/assignments'), { document: doc, userId: people[3]!.id })).status).toBe(403);
    expect(errorOf(await owner.post(api('/assignments'), { document: doc, userId: observerAccount.id })).fields).toEqual({ userId: ['is an observer'] });
    expect(errorOf(await owner.post(api('/assignments'), { document: doc, userId: 'nobody' })).fields).toEqual({ userId: ['is not a member of this workspace'] });
    expect(errorOf(await owner.post(api('/assignments'), { document: 'nope', userId: people[1]!.id })).fields).toEqual({ document: ['No such document in this workspace.'] });
    expect(errorOf(await owner.post(api('/assignments'), { document: doc, userId: people[1]!.id, dueAt: 'tomorrow' })).fields).toEqual({ dueAt: ['must be an ISO 8601 date and time'] });
    expect((await owner.post(api('/assignments'), { document: doc })).status).toBe(400);

    const all = expectOk<{ items: AssignmentDto[] }>(await owner.get(api('/assignments')), 'all').items;
    expect(all).toHaveLength(3);
    expect(expectOk<{ items: AssignmentDto[] }>(await owner.get(api(`/assignments?document=${doc}`)), 'doc').items).toHaveLength(2);
    const mine = expectOk<{ items: AssignmentDto[] }>(await reviewers[2]!.get(api('/assignments')), 'mine').items;
    expect(mine.map((a) => a.user.id)).toEqual([people[2]!.id, people[2]!.id]);
    expect(expectOk<{ items: AssignmentDto[] }>(await observer.get(api('/assignments')), 'observer').items).toEqual([]);
    expect((await anonymous.get(api('/assignments'))).status).toBe(401);
  });

  it('DELETE takes an assignment back (owners), 404 when there is none', async () => {
    expectOk(await owner.post(api('/assignments'), { document: otherDoc, userId: people[4]!.id }), 'assign');
    expect((await reviewers[4]!.delete(api('/assignments'), { body: { document: otherDoc, userId: people[4]!.id } })).status).toBe(403);
    expect((await owner.delete(api('/assignments'), { body: { document: otherDoc, userId: people[4]!.id } })).status).toBe(204);
    expect((await owner.delete(api('/assignments'), { body: { document: otherDoc, userId: people[4]!.id } })).status).toBe(404);
  });
});

describe('GET …/documents/:doc/progress', () => {
  it('counts claims, claims with five ratings, and per reviewer what they did and how their assignment stands', async () => {
    const progress = expectOk<DocumentProgress>(await owner.get(api(`/documents/${doc}/progress`)), 'progress');
    expect(Object.keys(progress).sort()).toEqual(['claims', 'claimsWithFiveRatings', 'reviewers']);
    expect(progress.claims).toBe(3);
    expect(progress.claimsWithFiveRatings).toBe(1);
    const byId = new Map(progress.reviewers.map((r) => [r.userId, r]));
    expect(Object.keys(progress.reviewers[0]!).sort()).toEqual(['annotations', 'assignment', 'claimsRated', 'lastActiveAt', 'name', 'userId']);
    // r1 made the three claims and rated two; r2 rated two and is assigned (due 2030); r3 rated one, assigned, overdue
    expect(byId.get(people[0]!.id)).toMatchObject({ name: people[0]!.name, claimsRated: 2, annotations: 5, assignment: null });
    expect(byId.get(people[1]!.id)).toMatchObject({ claimsRated: 2, annotations: 2, assignment: { dueAt: null, status: 'in_progress' } });
    expect(byId.get(people[2]!.id)).toMatchObject({ claimsRated: 1, annotations: 1, assignment: { dueAt: '2000-01-01T00:00:00.000Z', status: 'overdue' } });
    expect(byId.get(people[5]!.id)).toMatchObject({ claimsRated: 1, annotations: 1, assignment: null });
    expect(byId.get(people[0]!.id)!.lastActiveAt).not.toBeNull();
    // the owner is listed with nothing done; an observer who did nothing is not listed
    expect(byId.get(ownerAccount.id)).toMatchObject({ claimsRated: 0, annotations: 0, lastActiveAt: null, assignment: null });
    expect(byId.has(observerAccount.id)).toBe(false);
    // assigned reviewers first
    expect(progress.reviewers.slice(0, 2).map((r) => r.userId).sort()).toEqual([people[1]!.id, people[2]!.id].sort());

    // rating the last claims makes r2's assignment done
    expectOk(await reviewers[1]!.post(api('/annotations'), { kind: 'probability', probability: { claimId: claims[2], value: 0.9 } }), 'rate 2');
    const after = expectOk<DocumentProgress>(await owner.get(api(`/documents/${doc}/progress`)), 'after');
    expect(after.reviewers.find((r) => r.userId === people[1]!.id)!.assignment!.status).toBe('done');
  });

  it('is for owners only: 403 for reviewers and observers, 404 for an unknown document', async () => {
    expect((await reviewers[0]!.get(api(`/documents/${doc}/progress`))).status).toBe(403);
    expect((await observer.get(api(`/documents/${doc}/progress`))).status).toBe(403);
    expect((await owner.get(api('/documents/nope/progress'))).status).toBe(404);
  });
});
