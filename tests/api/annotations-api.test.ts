// The annotation API over HTTP (its route handlers in process): each kind, claims made on the spot, credence
// revisions, optimistic concurrency, soft delete and restore, threads with moderation, paging, every invalid input
// (nothing written), and re-anchoring when a document gets a new version.
import { beforeAll, describe, expect, it } from 'vitest';
import type { AnnotationDto, AnnotationPage, ClaimDetailDto, ClaimDto, ReplyDto } from '@/lib/annotations/types';
import { addMemberByEmail, createWorkspace, importDocument, signedInClient, signUp, type TestWorkspace } from '../support/api-actors';
import { errorOf, expectOk, HttpClient } from '../support/http-client';
import { inProcessApp } from '../support/in-process-app';
import { uniqueClientIp } from '../support/unique';

const app = inProcessApp();
const clientIp = uniqueClientIp();

const paragraphs = [
  'Most sufficiently capable agents will seek power, because power is useful for almost any goal.',
  'Trained agents in simple games were seen to hoard resources they did not need yet.',
  'The same sentence appears twice in this essay.',
  'Deceptive alignment requires a model that knows it is being trained.',
  'The same sentence appears twice in this essay.',
  'A closing paragraph that a later version deletes entirely, quote and all.',
];
const essay = (body: string[]): string => ['# Power and plans', ...body].join('\n\n');

type Ctx = {
  owner: HttpClient;
  reviewer: HttpClient;
  second: HttpClient;
  observer: HttpClient;
  workspace: TestWorkspace;
  other: TestWorkspace;
  doc: string;
  text: string;
  ids: { reviewer: string; second: string; owner: string };
};
let c: Ctx;

const api = (path = ''): string => `/api/v1/workspaces/${c.workspace.slug}${path}`;

/** A target for the `occurrence`-th appearance of `quote` in the document's text. */
function target(quote: string, occurrence = 0, text = c.text) {
  let start = -1;
  for (let i = 0; i <= occurrence; i++) start = text.indexOf(quote, start + 1);
  if (start < 0) throw new Error(`quote not in text: ${quote}`);
  return { exact: quote, start, end: start + quote.length };
}

async function annotate(client: HttpClient, body: Record<string, unknown>): Promise<AnnotationDto & { createdClaimIds: string[] }> {
  return expectOk(await client.post(api('/annotations'), { document: c.doc, ...body }), `annotate ${JSON.stringify(body).slice(0, 80)}`);
}

async function allAnnotations(client: HttpClient, query = ''): Promise<AnnotationDto[]> {
  const items: AnnotationDto[] = [];
  let cursor: string | null = null;
  do {
    const page: AnnotationPage = expectOk(
      await client.get(api(`/annotations?document=${c.doc}&limit=2${query}${cursor ? `&cursor=${cursor}` : ''}`)),
      'list annotations',
    );
    items.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return items;
}

async function countAnnotations(): Promise<number> {
  const page: AnnotationPage = expectOk(await c.owner.get(api(`/annotations?limit=500`)), 'count');
  return page.items.length;
}

beforeAll(async () => {
  const anonymous = new HttpClient(app, { clientIp });
  const [owner, reviewer, second, observer] = await Promise.all(['owner', 'ana', 'ben', 'obi'].map((label) => signUp(anonymous, label)));
  const clients = await Promise.all([owner, reviewer, second, observer].map((a) => signedInClient(app, a!, clientIp)));
  const [ownerClient, reviewerClient, secondClient, observerClient] = clients as [HttpClient, HttpClient, HttpClient, HttpClient];
  const workspace = await createWorkspace(ownerClient, 'annotations');
  const other = await createWorkspace(secondClient, 'elsewhere');
  await addMemberByEmail(ownerClient, workspace.slug, reviewer!, 'reviewer');
  await addMemberByEmail(ownerClient, workspace.slug, second!, 'reviewer');
  await addMemberByEmail(ownerClient, workspace.slug, observer!, 'observer');
  const imported = await importDocument(ownerClient, workspace.slug, { slug: 'power-and-plans', text: essay(paragraphs) });
  const doc = expectOk<{ text: string }>(await ownerClient.get(`/api/v1/workspaces/${workspace.slug}/documents/${imported.slug}`), 'document');
  c = {
    owner: ownerClient,
    reviewer: reviewerClient,
    second: secondClient,
    observer: observerClient,
    workspace,
    other,
    doc: imported.slug,
    text: doc.text,
    ids: { reviewer: reviewer!.id, second: second!.id, owner: owner!.id },
  };
});

describe('annotation kinds', () => {
  it('a claim makes a shared claim from the selected text, with W3C selectors computed by the server', async () => {
    const quote = 'Most sufficiently capable agents will seek power';
    const made = await annotate(c.reviewer, { kind: 'claim', target: target(quote), body: 'Instrumental convergence, in one line.' });
    expect(made.kind).toBe('claim');
    expect(made.claimId).toEqual(expect.any(String));
    expect(made.createdClaimIds).toEqual([made.claimId]);
    expect(made.claim?.statement).toBe(quote);
    const at = c.text.indexOf(quote);
    expect(made.target).toMatchObject({ exact: quote, start: at, end: at + quote.length, suffix: c.text.slice(at + quote.length, at + quote.length + 32) });
    expect(made.target.prefix).toBe(c.text.slice(Math.max(0, at - 32), at));
    expect(made.anchor).toMatchObject({ status: 'anchored', start: at, end: at + quote.length });
    expect(made.anchor.passageIds).toHaveLength(1);
    expect(made.bodyText).toBe('Instrumental convergence, in one line.');
    expect(made.body?.type).toBe('doc');
    expect(made.author.id).toBe(c.ids.reviewer);
    expect(made.version).toBe(1);
  });

  it('a claim can join an existing claim instead of duplicating it, and a statement can differ from the quote', async () => {
    const first = await annotate(c.reviewer, { kind: 'claim', target: target('power is useful for almost any goal'), claim: { statement: 'Power is instrumentally useful.' } });
    expect(first.claim?.statement).toBe('Power is instrumentally useful.');
    const joined = await annotate(c.second, { kind: 'claim', target: target('power is useful'), claim: { claimId: first.claimId } });
    expect(joined.claimId).toBe(first.claimId);
    expect(joined.createdClaimIds).toEqual([]);
    const suggestions = expectOk<{ items: ClaimDto[] }>(
      await c.second.get(api(`/claims?document=${c.doc}&start=${joined.target.start}&end=${joined.target.end}`)),
      'suggestions',
    );
    expect(suggestions.items.map((s) => s.id)).toContain(first.claimId);
  });

  it('probabilities: one current credence per reviewer, every revision kept, 0 and 1 stored exactly', async () => {
    const claim = await annotate(c.reviewer, { kind: 'claim', target: target('Deceptive alignment requires a model') });
    const mine = await annotate(c.reviewer, { kind: 'probability', probability: { claimId: claim.claimId, value: 0.3 } });
    // with no target it sits on the claim's own text
    expect(mine.target.exact).toBe('Deceptive alignment requires a model');
    expect(mine.probability).toEqual({ claimId: claim.claimId, value: 0.3 });
    const revised = await annotate(c.reviewer, { kind: 'probability', probability: { claimId: claim.claimId, value: 1 } });
    expect(revised.id).toBe(mine.id);
    expect(revised.version).toBe(2);
    expect(revised.probability?.value).toBe(1);
    await annotate(c.second, { kind: 'probability', target: target('knows it is being trained'), probability: { claimId: claim.claimId, value: 0 } });

    const detail = expectOk<ClaimDetailDto>(await c.observer.get(api(`/claims/${claim.claimId}`)), 'claim');
    expect(detail.credences.map((x) => [x.user.id, x.value]).sort()).toEqual([[c.ids.reviewer, 1], [c.ids.second, 0]].sort());
    expect(detail.revisions.filter((r) => r.user.id === c.ids.reviewer).map((r) => r.value)).toEqual([0.3, 1]);
    const listed = expectOk<{ items: ClaimDto[] }>(await c.reviewer.get(api(`/claims?document=${c.doc}`)), 'claims');
    expect(listed.items.find((x) => x.id === claim.claimId)).toMatchObject({ myCredence: 1 });
  });

  it('a probability on text with no claim creates the claim and the credence in one step', async () => {
    const quote = 'Trained agents in simple games were seen to hoard resources';
    const made = await annotate(c.second, { kind: 'probability', target: target(quote), probability: { value: 0.85 } });
    expect(made.createdClaimIds).toHaveLength(1);
    expect(made.claimId).toBe(made.createdClaimIds[0]);
    expect(made.claim?.statement).toBe(quote);
    const detail = expectOk<ClaimDetailDto>(await c.second.get(api(`/claims/${made.claimId}`)), 'claim');
    expect(detail.credences).toEqual([expect.objectContaining({ value: 0.85 })]);
  });

  it('evidence for and against a claim, with strength and an http(s) source', async () => {
    const claim = await annotate(c.reviewer, { kind: 'claim', target: target('will seek power') });
    const pro = await annotate(c.second, {
      kind: 'evidence',
      target: target('hoard resources they did not need yet'),
      evidence: { claimId: claim.claimId, stance: 'for', strength: 3, source: 'https://example.org/paper' },
    });
    expect(pro.evidence).toEqual({ claimId: claim.claimId, stance: 'for', strength: 3, source: 'https://example.org/paper' });
    const con = await annotate(c.reviewer, { kind: 'evidence', target: target('simple games'), evidence: { claimId: claim.claimId, stance: 'against', strength: 1 } });
    expect(con.evidence).toMatchObject({ stance: 'against', strength: 1, source: null });
    const filtered = await allAnnotations(c.observer, `&kind=evidence&claim=${claim.claimId}`);
    expect(filtered.map((a) => a.id).sort()).toEqual([pro.id, con.id].sort());
  });

  it('a crux links K to the claim C it bears on; either may be created on the spot', async () => {
    const forClaim = await annotate(c.reviewer, { kind: 'claim', target: target('Deceptive alignment requires') });
    const crux = await annotate(c.second, {
      kind: 'crux',
      target: target('knows it is being trained'),
      crux: { forClaimId: forClaim.claimId, direction: 'more' },
    });
    expect(crux.claim?.statement).toBe('knows it is being trained');
    expect(crux.crux).toMatchObject({ claimId: crux.claimId, forClaimId: forClaim.claimId, direction: 'more' });
    const both = await annotate(c.second, {
      kind: 'crux',
      target: target('hoard resources'),
      crux: { claimId: crux.claimId, forStatement: 'Scheming is likely by default.', direction: 'less' },
    });
    expect(both.claimId).toBe(crux.claimId);
    expect(both.crux?.forClaim.statement).toBe('Scheming is likely by default.');
    expect(both.createdClaimIds).toEqual([both.crux?.forClaimId]);
  });

  it('overlapping and passage-spanning selections are kept as made', async () => {
    const span = c.text.slice(c.text.indexOf('almost any goal.'), c.text.indexOf('were seen'));
    const made = await annotate(c.reviewer, { kind: 'claim', target: target(span) });
    expect(made.anchor.passageIds).toHaveLength(2);
  });
});

describe('targets', () => {
  it('a target whose quote is elsewhere is re-anchored to it; prefix/suffix pick the right one of two equal sentences', async () => {
    const second = target('The same sentence appears twice in this essay.', 1);
    const made = await annotate(c.reviewer, { kind: 'claim', target: { ...second, start: second.start + 3, end: second.end + 3 } });
    expect(made.target.start).toBe(second.start);
    const first = target('The same sentence appears twice in this essay.', 0);
    const byContext = await annotate(c.reviewer, {
      kind: 'claim',
      target: { ...first, start: 0, end: first.end - first.start, prefix: c.text.slice(second.start - 32, second.start) },
    });
    expect(byContext.target.start).toBe(second.start);
  });

  it('a quote that is nowhere in the document is a 422 saying so, and nothing is written', async () => {
    const before = await countAnnotations();
    const response = await c.reviewer.post(api('/annotations'), { document: c.doc, kind: 'claim', target: { exact: 'Words this essay never says.', start: 0, end: 28 } });
    expect(response.status).toBe(422);
    expect(errorOf(response).fields?.['target.exact']?.[0]).toMatch(/does not match/);
    expect(await countAnnotations()).toBe(before);
  });
});

describe('invalid input gets field messages and writes nothing', () => {
  const cases: [string, () => Record<string, unknown>, number, string][] = [
    ['an unknown kind', () => ({ kind: 'opinion', target: target('will seek power') }), 400, 'kind'],
    ['a value above 1', () => ({ kind: 'probability', target: target('will seek power'), probability: { value: 1.5 } }), 400, 'probability.value'],
    ['a negative value', () => ({ kind: 'probability', target: target('will seek power'), probability: { value: -0.01 } }), 400, 'probability.value'],
    ['a statement of 501 characters', () => ({ kind: 'claim', target: target('will seek power'), claim: { statement: 'x'.repeat(501) } }), 400, 'claim.statement'],
    ['evidence without a claim', () => ({ kind: 'evidence', target: target('will seek power'), evidence: { stance: 'for', strength: 2 } }), 400, 'evidence.claimId'],
    ['strength 4', () => ({ kind: 'evidence', target: target('will seek power'), evidence: { claimId: 'x', stance: 'for', strength: 4 } }), 400, 'evidence.strength'],
    ['a javascript: source', () => ({ kind: 'evidence', target: target('will seek power'), evidence: { claimId: 'x', stance: 'for', strength: 2, source: 'javascript:alert(1)' } }), 400, 'evidence.source'],
    ['a crux without direction', () => ({ kind: 'crux', target: target('will seek power'), crux: { forStatement: 'C' } }), 400, 'crux.direction'],
    ['a claim without a target', () => ({ kind: 'claim' }), 400, 'target'],
    ['fields of another kind', () => ({ kind: 'claim', target: target('will seek power'), probability: { value: 0.5 } }), 400, 'probability'],
    ['a target with end before start', () => ({ kind: 'claim', target: { exact: 'power', start: 10, end: 5 } }), 400, 'target.end'],
    ['a link to javascript: in the rationale', () => ({
      kind: 'claim',
      target: target('will seek power'),
      body: { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'x', marks: [{ type: 'link', attrs: { href: 'javascript:alert(1)' } }] }] }] },
    }), 400, 'body'],
    ['an unknown document', () => ({ kind: 'claim', document: 'no-such-document', target: target('will seek power') }), 422, 'document'],
  ];
  it.each(cases)('%s', async (_label, body, status, field) => {
    const before = await countAnnotations();
    const response = await c.reviewer.post(api('/annotations'), { document: c.doc, ...body() });
    expect(response.status, response.text).toBe(status);
    const fields = Object.keys(errorOf(response).fields ?? {});
    expect(fields.some((f) => f === field || f.startsWith(`${field}.`)), `fields: ${fields.join(', ')}`).toBe(true);
    expect(await countAnnotations()).toBe(before);
  });

  it('a claim from another workspace is refused and nothing is written', async () => {
    const otherDoc = await importDocument(c.second, c.other.slug, { text: essay(['A claim that lives elsewhere.']) });
    const otherText = expectOk<{ text: string }>(await c.second.get(`/api/v1/workspaces/${c.other.slug}/documents/${otherDoc.slug}`), 'doc').text;
    const foreign = expectOk<AnnotationDto>(
      await c.second.post(`/api/v1/workspaces/${c.other.slug}/annotations`, { document: otherDoc.slug, kind: 'claim', target: target('A claim that lives elsewhere.', 0, otherText) }),
      'foreign claim',
    );
    const before = await countAnnotations();
    for (const body of [
      { kind: 'probability', probability: { claimId: foreign.claimId, value: 0.5 } },
      { kind: 'evidence', target: target('will seek power'), evidence: { claimId: foreign.claimId, stance: 'for', strength: 2 } },
    ]) {
      const response = await c.second.post(api('/annotations'), { document: c.doc, ...body });
      expect(response.status).toBe(422);
      expect(Object.values(errorOf(response).fields ?? {}).flat().join(' ')).toMatch(/No such claim in this workspace/);
    }
    expect(await countAnnotations()).toBe(before);
  });

  it('malformed JSON is a 400', async () => {
    const response = await c.reviewer.request('POST', api('/annotations'), { headers: { 'content-type': 'application/json' }, body: undefined, origin: app.baseUrl });
    expect(response.status).toBe(400);
    const raw = await app.fetch(`${app.baseUrl}${api('/annotations')}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: c.reviewer.jar.header() ?? '', origin: app.baseUrl, 'x-forwarded-for': clientIp },
      body: '{"kind": "claim", ',
    });
    expect(raw.status).toBe(400);
    expect(((await raw.json()) as { error: { message: string } }).error.message).toMatch(/not valid JSON/);
  });

  it('observers read but cannot annotate', async () => {
    const response = await c.observer.post(api('/annotations'), { document: c.doc, kind: 'claim', target: target('will seek power') });
    expect(response.status).toBe(403);
    expect(errorOf(response).message).toMatch(/Observers cannot annotate documents/);
    expect((await c.observer.get(api(`/annotations?document=${c.doc}`))).status).toBe(200);
  });
});

describe('similar claims', () => {
  it('?similar= answers the claims most like the text, with similarity and where each is used; bad input is a 400 with field messages', async () => {
    const made = await annotate(c.reviewer, {
      kind: 'claim',
      target: target('hoard resources they did not need yet'),
      claim: { statement: 'Trained agents hoard resources they do not need yet' },
    });
    const response = await c.observer.get(api(`/claims?similar=${encodeURIComponent('agents hoard resources they do not need')}&limit=3`));
    const page = expectOk<{ items: (ClaimDto & { similarity: number; documents: { slug: string; title: string }[] })[]; nextCursor: null }>(response, 'similar');
    expect(page.items.length).toBeLessThanOrEqual(3);
    expect(page.items[0]).toMatchObject({ id: made.claimId, statement: 'Trained agents hoard resources they do not need yet', documents: [{ slug: c.doc, title: 'Power and plans' }] });
    expect(page.items[0]?.similarity).toBeGreaterThan(0.5);
    expect(page.items[0]?.similarity).toBeLessThanOrEqual(1);
    expect(page.items[0]?.credences).toEqual([]);

    for (const [query, field, message] of [
      [`similar=${'x'.repeat(501)}`, 'similar', /at most 500 characters/],
      ['similar=%20%20', 'similar', /must not be empty/],
      ['similar=power&limit=21', 'limit', /at most 20/],
      [`similar=power&document=${c.doc}`, 'similar', /cannot be combined/],
    ] as const) {
      const bad = await c.observer.get(api(`/claims?${query}`));
      expect(bad.status, query.slice(0, 40)).toBe(400);
      expect(errorOf(bad).fields?.[field]?.join(' ')).toMatch(message);
    }
    // the list's own authorization: another workspace's claims never appear; signed out, a private workspace asks to sign in
    const stranger = await c.second.get(`/api/v1/workspaces/${c.other.slug}/claims?similar=hoard%20resources`);
    expect(expectOk<{ items: ClaimDto[] }>(stranger, 'other workspace').items.map((x) => x.id)).not.toContain(made.claimId);
    expect((await new HttpClient(app, { clientIp }).get(api('/claims?similar=hoard%20resources'))).status).toBe(401);
  });
});

describe('editing', () => {
  it('two edits from the same version: one wins, the other gets 409 with the current one, and can reapply without loss', async () => {
    const made = await annotate(c.reviewer, { kind: 'evidence', target: target('simple games'), evidence: { claimId: (await annotate(c.reviewer, { kind: 'claim', target: target('seek power') })).claimId, stance: 'for', strength: 1 } });
    const path = api(`/annotations/${made.id}`);
    const [a, b] = await Promise.all([
      c.reviewer.patch(path, { version: 1, body: 'First rationale.' }),
      c.reviewer.patch(path, { version: 1, evidence: { strength: 3 } }),
    ]);
    const statuses = [a.status, b.status].sort();
    expect(statuses).toEqual([200, 409]);
    const loser = a.status === 409 ? a : b;
    const winnerBody = (a.status === 200 ? a : b).json as AnnotationDto;
    const conflict = errorOf(loser) as { current?: AnnotationDto };
    expect(conflict.current?.version).toBe(2);
    expect(conflict.current?.bodyText ?? '').toBe(winnerBody.bodyText);
    const retry = expectOk<AnnotationDto>(
      await c.reviewer.patch(path, loser === a ? { version: 2, body: 'First rationale.' } : { version: 2, evidence: { strength: 3 } }),
      'reapply',
    );
    expect(retry.version).toBe(3);
    expect(retry.bodyText).toBe('First rationale.');
    expect(retry.evidence?.strength).toBe(3);
    const audit = expectOk<{ items: { action: string; entityId: string; actor: { id: string } | null }[] }>(await c.owner.get(api('/audit')), 'audit');
    expect(audit.items.filter((e) => e.entityId === made.id && e.action === 'annotation.updated')).toHaveLength(2);
  });

  it('only the author edits content; a probability edit revises the credence', async () => {
    const made = await annotate(c.second, { kind: 'probability', target: target('Most sufficiently capable'), probability: { value: 0.2 } });
    const forbidden = await c.reviewer.patch(api(`/annotations/${made.id}`), { version: 1, probability: { value: 0.9 } });
    expect(forbidden.status).toBe(403);
    const edited = expectOk<AnnotationDto>(await c.second.patch(api(`/annotations/${made.id}`), { version: 1, probability: { value: 0.4 } }), 'edit');
    expect(edited.probability?.value).toBe(0.4);
    const detail = expectOk<ClaimDetailDto>(await c.second.get(api(`/claims/${made.claimId}`)), 'claim');
    expect(detail.revisions.map((r) => r.value)).toEqual([0.2, 0.4]);
  });
});

describe('soft delete and restore', () => {
  it('the author deletes and restores; the list hides it meanwhile; a deleted rating stops counting', async () => {
    const made = await annotate(c.reviewer, { kind: 'probability', target: target('hoard resources they did not need'), probability: { value: 0.7 } });
    const deleted = expectOk<AnnotationDto>(await c.reviewer.delete(api(`/annotations/${made.id}`)), 'delete');
    expect(deleted.deleted).toBe(true);
    expect((await allAnnotations(c.second)).map((a) => a.id)).not.toContain(made.id);
    expect((await allAnnotations(c.reviewer, '&deleted=true')).map((a) => a.id)).toContain(made.id);
    expect((await allAnnotations(c.second, '&deleted=true')).map((a) => a.id)).not.toContain(made.id);
    expect((await c.second.get(api(`/annotations/${made.id}`))).status).toBe(404);
    let claim = expectOk<ClaimDetailDto>(await c.second.get(api(`/claims/${made.claimId}`)), 'claim');
    expect(claim.credences).toHaveLength(0);

    expect((await c.second.post(api(`/annotations/${made.id}/restore`))).status).toBe(404);
    const restored = expectOk<AnnotationDto>(await c.reviewer.post(api(`/annotations/${made.id}/restore`)), 'restore');
    expect(restored.deleted).toBe(false);
    expect((await allAnnotations(c.second)).map((a) => a.id)).toContain(made.id);
    claim = expectOk<ClaimDetailDto>(await c.second.get(api(`/claims/${made.claimId}`)), 'claim');
    expect(claim.credences.map((x) => x.value)).toEqual([0.7]);
  });

  it("a reviewer cannot delete another's annotation; an owner can, and can restore it", async () => {
    const made = await annotate(c.reviewer, { kind: 'claim', target: target('Deceptive alignment') });
    const refused = await c.second.delete(api(`/annotations/${made.id}`));
    expect(refused.status).toBe(403);
    expect(expectOk<AnnotationDto>(await c.owner.delete(api(`/annotations/${made.id}`)), 'owner delete').deleted).toBe(true);
    expect(expectOk<AnnotationDto>(await c.owner.post(api(`/annotations/${made.id}/restore`)), 'owner restore').deleted).toBe(false);
    const audit = expectOk<{ items: { action: string; entityId: string }[] }>(await c.owner.get(api('/audit')), 'audit');
    const actions = audit.items.filter((e) => e.entityId === made.id).map((e) => e.action);
    expect(actions).toEqual(expect.arrayContaining(['annotation.created', 'annotation.deleted', 'annotation.restored']));
  });
});

describe('threads', () => {
  it('threaded replies, edits with versions, owner hiding (audited), resolution', async () => {
    const made = await annotate(c.reviewer, { kind: 'claim', target: target('power is useful') });
    const replies = api(`/annotations/${made.id}/replies`);
    const first = expectOk<ReplyDto>(await c.second.post(replies, { body: 'Is it useful for *any* goal?' }), 'reply');
    const answer = expectOk<ReplyDto>(await c.reviewer.post(replies, { body: 'Almost any.', parentId: first.id }), 'answer');
    expect(answer.parentId).toBe(first.id);
    expect((await c.observer.post(replies, { body: 'Me too' })).status).toBe(403);
    expect((await c.second.post(replies, { body: '   ' })).status).toBe(400);

    const edit = expectOk<ReplyDto>(await c.second.patch(api(`/replies/${first.id}`), { version: 1, body: 'Is it useful for every goal?' }), 'edit');
    expect(edit.version).toBe(2);
    const stale = await c.second.patch(api(`/replies/${first.id}`), { version: 1, body: 'Stale.' });
    expect(stale.status).toBe(409);

    expect((await c.reviewer.patch(api(`/replies/${first.id}`), { hidden: true })).status).toBe(403);
    expectOk(await c.owner.patch(api(`/replies/${first.id}`), { hidden: true }), 'hide');
    const seenByReviewer = expectOk<{ items: ReplyDto[] }>(await c.reviewer.get(replies), 'thread').items.find((r) => r.id === first.id);
    expect(seenByReviewer).toMatchObject({ hidden: true, body: null, bodyText: '' });
    const seenByAuthor = expectOk<{ items: ReplyDto[] }>(await c.second.get(replies), 'thread').items.find((r) => r.id === first.id);
    expect(seenByAuthor?.bodyText).toBe('Is it useful for every goal?');

    const resolved = expectOk<AnnotationDto>(await c.second.patch(api(`/annotations/${made.id}`), { resolved: true }), 'resolve');
    expect(resolved.resolved).toBe(true);
    expect(resolved.replyCount).toBe(2);
    const audit = expectOk<{ items: { action: string; entityId: string }[] }>(await c.owner.get(api('/audit')), 'audit');
    expect(audit.items.some((e) => e.action === 'reply.hidden' && e.entityId === first.id)).toBe(true);
    expect(audit.items.some((e) => e.action === 'annotation.resolved' && e.entityId === made.id)).toBe(true);
  });
});

describe('listing', () => {
  it('pages in a stable order without duplicates, and filters by author', async () => {
    const all = await allAnnotations(c.observer);
    expect(new Set(all.map((a) => a.id)).size).toBe(all.length);
    const sorted = [...all].sort((x, y) => x.createdAt.localeCompare(y.createdAt) || x.id.localeCompare(y.id));
    expect(all.map((a) => a.id)).toEqual(sorted.map((a) => a.id));
    const bySecond = await allAnnotations(c.observer, `&author=${c.ids.second}`);
    expect(bySecond.length).toBeGreaterThan(0);
    expect(bySecond.every((a) => a.author.id === c.ids.second)).toBe(true);
    expect((await c.observer.get(api('/annotations?cursor=!!'))).status).toBe(400);
  });

  it('fetches chosen annotations by id in the order asked, skipping ids that are not there', async () => {
    const all = await allAnnotations(c.observer);
    const chosen = [all[3], all[0], all[5]].map((a) => a!.id);
    const page = expectOk<AnnotationPage>(await c.observer.get(api(`/annotations?ids=${[chosen[0], 'no-such-id', chosen[1], chosen[2]].join(',')}`)), 'by id');
    expect(page.items.map((a) => a.id)).toEqual(chosen);
    const tooMany = await c.observer.get(api(`/annotations?ids=${Array.from({ length: 101 }, (_, i) => `id${i}`).join(',')}`));
    expect(tooMany.status).toBe(400);
  });
});

describe('a new version of the document', () => {
  it('moves annotations with their text, and those whose text was removed become orphans', async () => {
    const kept = await annotate(c.reviewer, { kind: 'claim', target: target('Deceptive alignment requires a model that knows') });
    const removed = await annotate(c.reviewer, { kind: 'claim', target: target('that a later version deletes entirely') });
    const edited = [...paragraphs];
    edited.splice(5, 1); // the closing paragraph is gone
    edited.unshift('A new opening paragraph, inserted before everything else, shifts every offset.');
    edited[4] = (edited[4] as string).replace('Deceptive', 'Deceptive'); // unchanged text, new offsets
    await importDocument(c.owner, c.workspace.slug, { slug: c.doc, text: essay(edited) });
    const newText = expectOk<{ text: string; version: { number: number } }>(await c.owner.get(api(`/documents/${c.doc}`)), 'v2');
    expect(newText.version.number).toBe(2);
    const after = await allAnnotations(c.observer);
    const movedNow = after.find((a) => a.id === kept.id);
    const quote = 'Deceptive alignment requires a model that knows';
    expect(movedNow?.anchor.status).toBe('reanchored');
    expect(movedNow?.anchor.start).toBe(newText.text.indexOf(quote));
    expect(movedNow?.target.start).toBe(kept.target.start); // the selectors as made stay as made
    const orphan = after.find((a) => a.id === removed.id);
    expect(orphan?.anchor).toMatchObject({ status: 'orphan', start: null, end: null, passageIds: [] });
  });

  it("a create's 201 (built from what the write knows, not read back) is the annotation as GET then answers it", async () => {
    // every kind, made on the current version and (re-anchored, or orphaned) on the first
    const v1 = essay(paragraphs);
    const claim = await annotate(c.second, { kind: 'claim', target: target('hoard resources'), body: 'Seen in **simple** games.' });
    const made = [
      claim,
      await annotate(c.reviewer, { kind: 'claim', target: target('power is useful'), claim: { claimId: claim.claimId } }),
      await annotate(c.reviewer, { kind: 'probability', target: target('seek power'), probability: { claimId: claim.claimId, value: 0.4 }, body: 'Less sure.' }),
      await annotate(c.reviewer, { kind: 'probability', target: target('Trained agents'), probability: { statement: 'Agents hoard.', value: 0.9 } }),
      await annotate(c.reviewer, { kind: 'evidence', target: target('in simple games'), evidence: { claimId: claim.claimId, stance: 'against', strength: 2, source: 'https://example.org/e' } }),
      await annotate(c.second, { kind: 'crux', target: target('Most sufficiently capable agents'), crux: { forClaimId: claim.claimId, direction: 'less' } }),
      await annotate(c.reviewer, { kind: 'claim', documentVersion: 1, target: target('Deceptive alignment requires', 0, v1) }),
      await annotate(c.reviewer, { kind: 'claim', documentVersion: 1, target: target('A closing paragraph that a later version deletes', 0, v1) }),
    ];
    expect(made.map((m) => m.anchor.status)).toEqual(['anchored', 'anchored', 'anchored', 'anchored', 'anchored', 'anchored', 'reanchored', 'orphan']);
    for (const created of made) {
      const { createdClaimIds, ...annotation } = created;
      expect(createdClaimIds).toEqual(expect.any(Array));
      // read by its author, who got the 201 (what the others may do with it differs)
      const author = created.author.id === c.ids.reviewer ? c.reviewer : c.second;
      expect(expectOk<AnnotationDto>(await author.get(api(`/annotations/${created.id}`)), 'read back')).toEqual(annotation);
    }
  });
});
