// The claim API over HTTP (route handlers in process): a claim's page as JSON with its field names, rewording
// (PATCH), merge and unmerge — status codes, error bodies with field messages, and who may do what.
import { beforeAll, describe, expect, it } from 'vitest';
import type { AnnotationDto, ClaimDto } from '@/lib/annotations/types';
import type { ClaimPageDto } from '@/lib/claims/types';
import { addMemberByEmail, createWorkspace, importDocument, signedInClient, signUp, type TestWorkspace } from '../support/api-actors';
import { errorOf, expectOk, HttpClient } from '../support/http-client';
import { inProcessApp } from '../support/in-process-app';
import { uniqueClientIp } from '../support/unique';

const app = inProcessApp();
const clientIp = uniqueClientIp();
const paragraphs = ['Compute is the main driver of capability.', 'Capability is mostly driven by compute.', 'Algorithms matter as much as hardware.'];

let owner: HttpClient;
let reviewer: HttpClient;
let observer: HttpClient;
let anonymous: HttpClient;
let workspace: TestWorkspace;
let text: string;
let doc: string;

const api = (path: string): string => `/api/v1/workspaces/${workspace.slug}${path}`;

async function claim(client: HttpClient, quote: string): Promise<string> {
  const start = text.indexOf(quote);
  const made = expectOk<AnnotationDto>(await client.post(api('/annotations'), { document: doc, kind: 'claim', target: { exact: quote, start, end: start + quote.length } }), 'claim');
  return made.claimId as string;
}

beforeAll(async () => {
  anonymous = new HttpClient(app, { clientIp });
  const accounts = await Promise.all(['own', 'rev', 'obs'].map((label) => signUp(anonymous, label)));
  [owner, reviewer, observer] = await Promise.all(accounts.map((a) => signedInClient(app, a, clientIp))) as [HttpClient, HttpClient, HttpClient];
  workspace = await createWorkspace(owner, 'claims');
  await addMemberByEmail(owner, workspace.slug, accounts[1]!, 'reviewer');
  await addMemberByEmail(owner, workspace.slug, accounts[2]!, 'observer');
  doc = (await importDocument(owner, workspace.slug, { slug: 'compute', text: ['# Compute', ...paragraphs].join('\n\n') })).slug;
  text = expectOk<{ text: string }>(await owner.get(api(`/documents/${doc}`)), 'document').text;
});

describe('GET …/claims/:id', () => {
  it('answers the claim page with the existing fields and the new ones', async () => {
    const id = await claim(reviewer, paragraphs[0] as string);
    expectOk(await reviewer.post(api('/annotations'), { kind: 'probability', probability: { claimId: id, value: 0.7 } }), 'rate');
    const page = expectOk<ClaimPageDto>(await reviewer.get(api(`/claims/${id}`)), 'claim');
    for (const field of ['id', 'statement', 'createdBy', 'createdAt', 'credences', 'myCredence', 'anchors', 'annotationCount', 'revisions', 'credencesHidden']) {
      expect(page).toHaveProperty(field);
    }
    for (const field of ['mergedInto', 'mergedAt', 'version', 'statementHistory', 'anchorCount', 'distribution', 'rounds', 'revisionRounds', 'evidence', 'hingesOn', 'hingedOnBy', 'discussion', 'counts', 'can']) {
      expect(page).toHaveProperty(field);
    }
    expect(page.mergedInto).toBeNull();
    expect(page.anchors[0]).toMatchObject({ documentSlug: doc, documentTitle: 'Compute', kind: 'claim', quote: paragraphs[0] });
    expect(page.distribution).toMatchObject({ n: 1, median: 0.7 });
    expect(page.revisionRounds).toEqual([1]);
    expect(page.can).toEqual({ edit: true, merge: true, unmerge: false, rate: true });
    const listed = expectOk<{ items: ClaimDto[] }>(await reviewer.get(api('/claims')), 'list');
    expect(listed.items.find((c) => c.id === id)?.mergedInto).toBeNull();
    expect(errorOf(await reviewer.get(api('/claims/nope'))).code).toBe('NOT_FOUND');
    expect((await anonymous.get(api(`/claims/${id}`))).status).toBe(401);
  });
});

describe('PATCH …/claims/:id', () => {
  it('rewords a claim, refuses an over-long statement with a field message, a stale version with 409, others with 403', async () => {
    const id = await claim(reviewer, paragraphs[1] as string);
    const long = 'x'.repeat(501);
    const tooLong = await reviewer.patch(api(`/claims/${id}`), { statement: long });
    expect(tooLong.status).toBe(400);
    expect(errorOf(tooLong).fields).toEqual({ statement: ['must be at most 500 characters'] });
    const edited = expectOk<ClaimPageDto>(await reviewer.patch(api(`/claims/${id}`), { statement: 'Compute drives capability.', version: 1 }), 'edit');
    expect([edited.statement, edited.version, edited.statementHistory.length]).toEqual(['Compute drives capability.', 2, 2]);
    const stale = await reviewer.patch(api(`/claims/${id}`), { statement: 'Again.', version: 1 });
    expect(stale.status).toBe(409);
    expect((await observer.patch(api(`/claims/${id}`), { statement: 'Mine.' })).status).toBe(403);
    expect(errorOf(await owner.patch(api(`/claims/${id}`), { statement: '' })).fields).toEqual({ statement: ['must not be empty'] });
    expect((await owner.patch(api(`/claims/${id}`), { statement: 'Owners may.' })).status).toBe(200);
  });
});

describe('POST …/claims/:id/merge and /unmerge', () => {
  it('merges, answers mergedInto, refuses bad merges with 422 field messages, and unmerges', async () => {
    const a = await claim(owner, paragraphs[2] as string);
    const b = await claim(reviewer, paragraphs[2] as string);
    expect(errorOf(await reviewer.post(api(`/claims/${b}/merge`), {})).fields).toEqual({ into: ['Invalid input: expected string, received undefined'] });
    const self = await owner.post(api(`/claims/${b}/merge`), { into: b });
    expect(self.status).toBe(422);
    expect(errorOf(self).fields).toEqual({ into: ['A claim cannot be merged into itself.'] });
    expect((await observer.post(api(`/claims/${b}/merge`), { into: a })).status).toBe(403);
    expect((await reviewer.post(api(`/claims/${a}/merge`), { into: b })).status).toBe(403);

    const merged = await reviewer.post(api(`/claims/${b}/merge`), { into: a });
    expect(merged.status).toBe(200);
    expect(merged.json).toMatchObject({ id: b, mergedInto: a, moved: { annotations: 1, credences: 0, folded: 0, selfCruxesDeleted: 0 } });
    const page = expectOk<ClaimPageDto>(await owner.get(api(`/claims/${b}`)), 'merged claim');
    expect([page.mergedInto, page.can.unmerge, page.anchors.length]).toEqual([a, true, 0]);
    expect(errorOf(await owner.post(api(`/claims/${b}/merge`), { into: a })).fields?._).toEqual(['This claim is already merged into another claim; undo that merge first.']);

    expect((await observer.post(api(`/claims/${b}/unmerge`))).status).toBe(403);
    const undone = await reviewer.post(api(`/claims/${b}/unmerge`));
    expect(undone.status).toBe(200);
    expect(undone.json).toEqual({ id: b, mergedInto: null, unmergedFrom: a });
    const again = await reviewer.post(api(`/claims/${b}/unmerge`));
    expect(again.status).toBe(422);
    expect(errorOf(again).fields).toEqual({ _: ['This claim is not merged into another claim.'] });
    expect((await owner.post(api('/claims/nope/merge'), { into: a })).status).toBe(404);
  });
});
