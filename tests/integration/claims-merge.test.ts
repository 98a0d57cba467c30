// Merging claims on a real database (PGlite, or PostgreSQL with DATABASE_URL): everything on B moves to A, a
// reviewer who rated both keeps the more recent value with both histories, who may merge, the merged claim's
// answer, the unmerge round trip row for row, the 30-day limit, the map counting a reviewer once, the live event.
import { describe, expect, it } from 'vitest';
import { createAnnotation, restoreAnnotation } from '../../lib/annotations/mutations';
import { listClaims } from '../../lib/annotations/queries';
import { createReply } from '../../lib/annotations/reply-mutations';
import { createAnnotationInputSchema, createReplyInputSchema } from '../../lib/annotations/schemas';
import { listSimilarClaims } from '../../lib/annotations/similar-claims-queries';
import { getClaimPage } from '../../lib/claims/claim-page-queries';
import { mergeClaim, unmergeClaim } from '../../lib/claims/merge-mutations';
import { updateClaimStatement } from '../../lib/claims/statement-mutations';
import { db } from '../../lib/db';
import { getDisagreementMap } from '../../lib/disagreement/queries';
import { importDocument } from '../../lib/documents/mutations';
import { AppError } from '../../lib/errors';
import { searchWorkspace } from '../../lib/search/queries';
import { searchQuerySchema } from '../../lib/search/schemas';
import { addTestMember, createTestTeam, createTestUser } from '../factories';
import { contextFor } from '../factories/context';
import { uniqueSuffix } from '../support/unique';

const paragraphs = [
  'Scaling compute alone will produce general intelligence within a decade.',
  'Bigger models trained longer will become generally intelligent soon.',
  'Benchmarks saturate quickly once labs optimise for them.',
  'Data quality matters more than raw parameter count.',
];

async function setup() {
  const team = await createTestTeam();
  const second = await createTestUser();
  await addTestMember(team.workspace.id, second.id, 'reviewer');
  const ws = team.workspace.slug;
  const imported = await importDocument({ ctx: await contextFor(team.owner.id, ws), input: { slug: `doc-${uniqueSuffix()}`, text: ['# Essay', ...paragraphs].join('\n\n') } });
  const { text } = await db.documentVersion.findFirstOrThrow({ where: { workspaceId: team.workspace.id, documentId: imported.documentId }, select: { text: true } });
  const target = (quote: string) => {
    const start = text.indexOf(quote);
    if (start < 0) throw new Error(`not in text: ${quote}`);
    return { exact: quote, start, end: start + quote.length };
  };
  const annotate = async (userId: string, body: Record<string, unknown>) =>
    createAnnotation({ ctx: await contextFor(userId, ws), input: createAnnotationInputSchema.parse({ document: imported.slug, ...body }) });
  const claim = async (userId: string, quote: string) => (await annotate(userId, { kind: 'claim', target: target(quote) })).annotation.claimId as string;
  const rate = (userId: string, claimId: string, value: number) => annotate(userId, { kind: 'probability', probability: { claimId, value } });
  return { ...team, second, ws, document: imported, target, annotate, claim, rate, ctx: (userId: string) => contextFor(userId, ws) };
}

type Setup = Awaited<ReturnType<typeof setup>>;

/** Every row of the domain tables the merge touches, in id order (audit log, change events and ClaimMerge left out). */
async function dump(workspaceId: string) {
  const where = { workspaceId };
  const orderBy = { id: 'asc' as const };
  return {
    claims: await db.claim.findMany({ where, orderBy }),
    annotations: await db.annotation.findMany({ where, orderBy }),
    credences: await db.credence.findMany({ where, orderBy }),
    revisions: await db.credenceRevision.findMany({ where, orderBy }),
    replies: await db.reply.findMany({ where, orderBy }),
    claimRevisions: await db.claimRevision.findMany({ where, orderBy }),
  };
}

/** A and B with ratings (the reviewer rated both, B more recently), evidence, cruxes both ways, a reply on B's evidence. */
async function populated(s: Setup) {
  const a = await s.claim(s.owner.id, paragraphs[0] as string);
  const b = await s.claim(s.reviewer.id, paragraphs[1] as string);
  const other = await s.claim(s.owner.id, paragraphs[2] as string);
  await s.rate(s.reviewer.id, a, 0.3);
  await s.rate(s.owner.id, a, 0.6);
  await s.rate(s.second.id, b, 0.2);
  await s.rate(s.reviewer.id, b, 0.4);
  await s.rate(s.reviewer.id, b, 0.8); // the reviewer's latest, on B
  const evidence = await s.annotate(s.second.id, { kind: 'evidence', target: s.target(paragraphs[3] as string), evidence: { claimId: b, stance: 'against', strength: 3, source: 'https://example.org/paper' }, body: 'Data, not size.' });
  await createReply({ ctx: await s.ctx(s.owner.id), annotationId: evidence.annotation.id, input: createReplyInputSchema.parse({ body: 'Which data, though?' }) });
  const cruxOnB = await s.annotate(s.second.id, { kind: 'crux', target: s.target(paragraphs[2] as string), crux: { claimId: other, forClaimId: b, direction: 'less' } });
  const bOnOther = await s.annotate(s.second.id, { kind: 'crux', target: s.target(paragraphs[1] as string), crux: { claimId: b, forClaimId: other, direction: 'more' } });
  const selfCrux = await s.annotate(s.reviewer.id, { kind: 'crux', target: s.target(paragraphs[1] as string), crux: { claimId: b, forClaimId: a, direction: 'more' } });
  return { a, b, other, evidence: evidence.annotation.id, cruxOnB: cruxOnB.annotation.id, bOnOther: bOnOther.annotation.id, selfCrux: selfCrux.annotation.id };
}

async function rejection(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

describe('merging claims', () => {
  it('moves annotations, evidence, crux links and credences to A, and keeps the more recent value of a reviewer who rated both', async () => {
    const s = await setup();
    const p = await populated(s);
    const owner = await s.ctx(s.owner.id);
    const result = await mergeClaim({ ctx: owner, id: p.b, into: p.a });
    expect(result.mergedInto).toBe(p.a);

    expect(await db.annotation.count({ where: { workspaceId: s.workspace.id, claimId: p.b, deletedAt: null } })).toBe(0);
    expect(await db.annotation.count({ where: { workspaceId: s.workspace.id, forClaimId: p.b, deletedAt: null } })).toBe(0);
    const evidence = await db.annotation.findUniqueOrThrow({ where: { workspaceId_id: { workspaceId: s.workspace.id, id: p.evidence } } });
    expect(evidence.claimId).toBe(p.a);
    expect((await db.annotation.findUniqueOrThrow({ where: { workspaceId_id: { workspaceId: s.workspace.id, id: p.cruxOnB } } })).forClaimId).toBe(p.a);
    expect((await db.annotation.findUniqueOrThrow({ where: { workspaceId_id: { workspaceId: s.workspace.id, id: p.bOnOther } } })).claimId).toBe(p.a);
    // "B hinges on A" would be "A hinges on A": deleted by the merge, left on B
    const self = await db.annotation.findUniqueOrThrow({ where: { workspaceId_id: { workspaceId: s.workspace.id, id: p.selfCrux } } });
    expect(self.deletedAt).not.toBeNull();
    expect(self.claimId).toBe(p.b);

    const credences = await db.credence.findMany({ where: { workspaceId: s.workspace.id, claimId: p.a }, orderBy: { userId: 'asc' } });
    expect(credences.map((c) => [c.userId, c.value]).sort()).toEqual(
      [[s.owner.id, 0.6], [s.reviewer.id, 0.8], [s.second.id, 0.2]].sort(),
    );
    expect(await db.credence.count({ where: { workspaceId: s.workspace.id, claimId: p.b } })).toBe(0);
    // both histories, as revisions of the reviewer's one credence on A
    const history = await db.credenceRevision.findMany({ where: { workspaceId: s.workspace.id, claimId: p.a, userId: s.reviewer.id }, orderBy: { createdAt: 'asc' } });
    expect(history.map((r) => r.value)).toEqual([0.3, 0.4, 0.8]);
    expect(new Set(history.map((r) => r.credenceId)).size).toBe(1);

    const page = await getClaimPage({ ctx: owner, id: p.a });
    expect(page.evidence.against.map((e) => e.annotationId)).toEqual([p.evidence]);
    expect(page.hingesOn.map((c) => c.claim.id)).toEqual([p.other]);
    expect(page.hingedOnBy.map((c) => c.claim.id)).toEqual([p.other]);
    expect(page.discussion.map((r) => r.bodyText)).toEqual(['Which data, though?']);
    expect(page.counts.credences).toBe(3);

    // B answers 200 with mergedInto, disappears from the claim list, cannot be annotated, and its self-crux cannot come back
    const merged = await getClaimPage({ ctx: owner, id: p.b });
    expect(merged.mergedInto).toBe(p.a);
    expect(merged.credences).toEqual([]);
    expect(merged.can.unmerge).toBe(true);
    expect((await getClaimPage({ ctx: owner, id: p.a })).mergedInto).toBeNull();
    const listed = await listClaims({ ctx: owner, query: {} });
    expect(listed.items.map((c) => c.id)).not.toContain(p.b);
    expect(listed.items.every((c) => c.mergedInto === null)).toBe(true);
    const refused = await rejection(s.rate(s.second.id, p.b, 0.5));
    expect(refused.status).toBe(422);
    expect(refused.fields?.['probability.claimId']?.[0]).toContain(p.a);
    expect((await rejection(restoreAnnotation({ ctx: await s.ctx(s.reviewer.id), id: p.selfCrux }))).status).toBe(409);

    // audited, and announced on the live feed for B, A and the moved annotations
    const audit = await db.auditLog.findFirstOrThrow({ where: { workspaceId: s.workspace.id, action: 'claim.merged' } });
    expect(audit.entityId).toBe(p.b);
    expect(audit.data).toMatchObject({ into: p.a });
    const events = await db.changeEvent.findMany({ where: { workspaceId: s.workspace.id, entity: 'claim', action: 'merge' } });
    expect(events.map((e) => e.entityId).sort()).toEqual([p.a, p.b].sort());
    expect(await db.changeEvent.count({ where: { workspaceId: s.workspace.id, entity: 'annotation', entityId: p.evidence, action: 'update' } })).toBe(1);
  });

  it('counts a reviewer who rated both claims once on the disagreement map', async () => {
    const s = await setup();
    const p = await populated(s);
    const owner = await s.ctx(s.owner.id);
    const before = await getDisagreementMap({ ctx: owner, document: s.document.slug });
    expect(before.claims.find((c) => c.claimId === p.a)?.n).toBe(2);
    expect(before.claims.find((c) => c.claimId === p.b)?.n).toBe(2);
    await mergeClaim({ ctx: owner, id: p.b, into: p.a });
    const after = await getDisagreementMap({ ctx: owner, document: s.document.slug });
    expect(after.claims.map((c) => c.claimId)).not.toContain(p.b);
    const merged = after.claims.find((c) => c.claimId === p.a);
    expect(merged?.n).toBe(3); // owner, second, and the reviewer once (not 4)
    expect(merged?.median).toBeCloseTo(0.6);
    expect(merged?.evidence).toMatchObject({ against: 1 });
  });

  it('leaves a merged claim out of search and similar-claim suggestions until it is unmerged', async () => {
    const s = await setup();
    const p = await populated(s);
    const owner = await s.ctx(s.owner.id);
    const claimHits = async () =>
      (await searchWorkspace({ ctx: owner, query: searchQuerySchema.parse({ q: 'bigger models', type: 'claim' }) })).items.map((item) => item.claimId);
    const suggested = async () => (await listSimilarClaims({ ctx: owner, text: paragraphs[1] as string })).items.map((item) => item.id);
    expect(await claimHits()).toContain(p.b);
    expect(await suggested()).toContain(p.b);

    await mergeClaim({ ctx: owner, id: p.b, into: p.a });
    expect(await claimHits()).not.toContain(p.b);
    expect(await suggested()).not.toContain(p.b);

    await unmergeClaim({ ctx: owner, id: p.b });
    expect(await claimHits()).toContain(p.b);
    expect(await suggested()).toContain(p.b);
  });

  it('restores every row exactly when unmerged', async () => {
    const s = await setup();
    const p = await populated(s);
    // a deleted annotation on B and a withdrawn credence travel too
    const withdrawn = await s.rate(s.owner.id, p.b, 0.9);
    await db.annotation.update({ where: { workspaceId_id: { workspaceId: s.workspace.id, id: withdrawn.annotation.id } }, data: { deletedAt: new Date(), deletedById: s.owner.id } });
    await db.credence.updateMany({ where: { workspaceId: s.workspace.id, claimId: p.b, userId: s.owner.id }, data: { deletedAt: new Date() } });
    await updateClaimStatement({ ctx: await s.ctx(s.reviewer.id), id: p.b, input: { statement: 'Bigger models will become generally intelligent.' } });

    const before = await dump(s.workspace.id);
    const owner = await s.ctx(s.owner.id);
    await mergeClaim({ ctx: owner, id: p.b, into: p.a });
    expect(await dump(s.workspace.id)).not.toEqual(before);
    const undone = await unmergeClaim({ ctx: owner, id: p.b });
    expect(undone).toEqual({ id: p.b, mergedInto: null, unmergedFrom: p.a });
    expect(await dump(s.workspace.id)).toEqual(before);
    expect(await db.auditLog.count({ where: { workspaceId: s.workspace.id, action: 'claim.unmerged', entityId: p.b } })).toBe(1);
    expect(await db.changeEvent.count({ where: { workspaceId: s.workspace.id, entity: 'claim', action: 'unmerge' } })).toBe(2);

    // and a second merge of the same pair round-trips again
    await mergeClaim({ ctx: owner, id: p.b, into: p.a });
    await unmergeClaim({ ctx: owner, id: p.b });
    expect(await dump(s.workspace.id)).toEqual(before);
  });

  it('lets owners merge, and a claim’s creator only while nobody else has used it; reviewers and observers no', async () => {
    const s = await setup();
    const a = await s.claim(s.owner.id, paragraphs[0] as string);
    const mine = await s.claim(s.reviewer.id, paragraphs[1] as string);
    const used = await s.claim(s.reviewer.id, paragraphs[2] as string);
    await s.rate(s.second.id, used, 0.5);
    const others = await s.claim(s.second.id, paragraphs[3] as string);
    const reviewer = await s.ctx(s.reviewer.id);

    const notYours = await rejection(mergeClaim({ ctx: reviewer, id: others, into: a }));
    expect(notYours.status).toBe(403);
    expect(notYours.message).toBe('Only workspace owners can merge a claim other reviewers made or used.');
    expect((await rejection(mergeClaim({ ctx: reviewer, id: used, into: a }))).status).toBe(403);
    const observer = await rejection(mergeClaim({ ctx: await s.ctx(s.observer.id), id: mine, into: a }));
    expect(observer.status).toBe(403);
    expect(observer.message).toMatch(/^Observers cannot merge claims/);
    expect((await rejection(mergeClaim({ ctx: reviewer, id: 'no-such-claim', into: a }))).status).toBe(404);
    await expect(contextFor(s.outsider.id, s.ws)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(await db.claim.count({ where: { workspaceId: s.workspace.id, mergedIntoId: { not: null } } })).toBe(0);

    await mergeClaim({ ctx: reviewer, id: mine, into: a });
    await mergeClaim({ ctx: await s.ctx(s.owner.id), id: used, into: a });
    expect(await db.claim.count({ where: { workspaceId: s.workspace.id, mergedIntoId: a } })).toBe(2);
    // the second reviewer did not merge it: no unmerge for them; the reviewer who merged theirs may undo it
    expect((await rejection(unmergeClaim({ ctx: await s.ctx(s.second.id), id: mine }))).status).toBe(403);
    await unmergeClaim({ ctx: reviewer, id: mine });
  });

  it('refuses merges that cannot be made with 422 and field messages, changing nothing', async () => {
    const s = await setup();
    const owner = await s.ctx(s.owner.id);
    const a = await s.claim(s.owner.id, paragraphs[0] as string);
    const b = await s.claim(s.owner.id, paragraphs[1] as string);
    const c = await s.claim(s.owner.id, paragraphs[2] as string);
    const self = await rejection(mergeClaim({ ctx: owner, id: a, into: a }));
    expect([self.status, self.fields?.into]).toEqual([422, ['A claim cannot be merged into itself.']]);
    const missing = await rejection(mergeClaim({ ctx: owner, id: a, into: 'nope' }));
    expect([missing.status, missing.fields?.into]).toEqual([422, ['No such claim in this workspace.']]);
    await db.claim.update({ where: { workspaceId_id: { workspaceId: s.workspace.id, id: c } }, data: { deletedAt: new Date() } });
    expect((await rejection(mergeClaim({ ctx: owner, id: a, into: c }))).fields?.into).toEqual(['That claim was deleted.']);
    const before = await dump(s.workspace.id);
    await mergeClaim({ ctx: owner, id: b, into: a });
    const again = await rejection(mergeClaim({ ctx: owner, id: b, into: a }));
    expect([again.status, again.fields?._?.[0]]).toEqual([422, 'This claim is already merged into another claim; undo that merge first.']);
    const intoMerged = await rejection(mergeClaim({ ctx: owner, id: a, into: b }));
    expect(intoMerged.fields?.into?.[0]).toMatch(/itself merged/);
    const notMerged = await rejection(unmergeClaim({ ctx: owner, id: a }));
    expect([notMerged.status, notMerged.fields?._]).toEqual([422, ['This claim is not merged into another claim.']]);
    await unmergeClaim({ ctx: owner, id: b });
    expect(await dump(s.workspace.id)).toEqual(before);
  });

  it('undoes a merge for 30 days only', async () => {
    const s = await setup();
    const owner = await s.ctx(s.owner.id);
    const a = await s.claim(s.owner.id, paragraphs[0] as string);
    const b = await s.claim(s.owner.id, paragraphs[1] as string);
    await mergeClaim({ ctx: owner, id: b, into: a });
    await db.claim.update({ where: { workspaceId_id: { workspaceId: s.workspace.id, id: b } }, data: { mergedAt: new Date(Date.now() - 31 * 24 * 60 * 60 * 1000) } });
    const late = await rejection(unmergeClaim({ ctx: owner, id: b }));
    expect([late.status, late.fields?._]).toEqual([422, ['A merge can be undone for 30 days; this one is older.']]);
    expect((await getClaimPage({ ctx: owner, id: b })).can.unmerge).toBe(false);
    expect((await db.claim.findUniqueOrThrow({ where: { workspaceId_id: { workspaceId: s.workspace.id, id: b } } })).mergedIntoId).toBe(a);
  });

  it('shows a blind viewer of the claim page no value they may not see', async () => {
    const s = await setup();
    const a = await s.claim(s.owner.id, paragraphs[0] as string);
    await s.rate(s.reviewer.id, a, 0.4242);
    await db.document.update({ where: { workspaceId_id: { workspaceId: s.workspace.id, id: s.document.documentId } }, data: { blind: true } });
    const page = await getClaimPage({ ctx: await s.ctx(s.second.id), id: a });
    expect([page.credencesHidden, page.credences, page.revisions, page.distribution.n, page.myCredence]).toEqual([true, [], [], 0, null]);
    expect(JSON.stringify(page)).not.toContain('0.4242');
    const rater = await getClaimPage({ ctx: await s.ctx(s.reviewer.id), id: a });
    expect(rater.credences.map((c) => c.value)).toEqual([0.4242]);
  });

  it('rewords a claim with its history kept: creator or owner, never cut, stale versions refused', async () => {
    const s = await setup();
    const b = await s.claim(s.reviewer.id, paragraphs[1] as string);
    const reviewer = await s.ctx(s.reviewer.id);
    await updateClaimStatement({ ctx: reviewer, id: b, input: { statement: 'Larger models will generalise.', version: 1 } });
    await updateClaimStatement({ ctx: await s.ctx(s.owner.id), id: b, input: { statement: 'Larger models will generalise soon.' } });
    const page = await getClaimPage({ ctx: reviewer, id: b });
    expect(page.statement).toBe('Larger models will generalise soon.');
    expect(page.version).toBe(3);
    expect(page.statementHistory.map((h) => [h.statement, h.editedBy?.id])).toEqual([
      [paragraphs[1], s.reviewer.id],
      ['Larger models will generalise.', s.reviewer.id],
      ['Larger models will generalise soon.', s.owner.id],
    ]);
    expect((await rejection(updateClaimStatement({ ctx: reviewer, id: b, input: { statement: 'x', version: 1 } }))).status).toBe(409);
    expect((await rejection(updateClaimStatement({ ctx: await s.ctx(s.second.id), id: b, input: { statement: 'mine now' } }))).status).toBe(403);
    expect((await db.claim.findUniqueOrThrow({ where: { workspaceId_id: { workspaceId: s.workspace.id, id: b } } })).statement).toBe('Larger models will generalise soon.');
  });
});
