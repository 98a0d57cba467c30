// A claim or evidence annotation is written by one statement (lib/annotations/mutations.ts, writeInOneStatement):
// the claim it makes, the annotation, the audit rows and the change events, with no transaction around them. On a
// real database (PGlite, or PostgreSQL with DATABASE_URL): what it writes, that it is one statement, and that it
// writes nothing when the document or the named claim changed after it was read — the create then takes the
// transaction's path, which says what is wrong or places the annotation on the new version.
import { describe, expect, it } from 'vitest';
import { createAnnotation, planOneStatement, writeInOneStatement, writeManyInOneStatement } from '../../lib/annotations/mutations';
import { onQuery, type LoggedQuery } from '../../lib/database/query-log';
import { db } from '../../lib/db';
import { importDocument } from '../../lib/documents/mutations';
import { AppError } from '../../lib/errors';
import { createAnnotatedDocument } from '../factories/annotated-document';
import { contextFor } from '../factories/context';

const text = ['# Essay', 'Scaling compute alone will produce general intelligence within a decade.', 'Benchmarks saturate quickly once labs optimise for them.'].join('\n\n');

async function setup() {
  const s = await createAnnotatedDocument(text);
  const annotate = (body: Record<string, unknown>) => s.annotateAs(s.reviewer.id, body);
  /** the rows of every table a create writes, in this workspace */
  const counts = async () => {
    const where = { workspaceId: s.workspace.id };
    return {
      claims: await db.claim.count({ where }),
      annotations: await db.annotation.count({ where }),
      audits: await db.auditLog.count({ where: { ...where, action: { in: ['claim.created', 'annotation.created'] } } }),
      changes: await db.changeEvent.count({ where: { ...where, entity: { in: ['claim', 'annotation'] } } }),
    };
  };
  return { ...s, annotate, counts };
}

async function rejection(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

describe('a claim or evidence annotation in one statement', () => {
  it('writes the claim, the annotation, their audit rows and change events, in one statement outside a transaction', async () => {
    const s = await setup();
    const sent: LoggedQuery[] = [];
    const stop = onQuery((q) => sent.push(q));
    let made;
    try {
      made = await s.annotate({ kind: 'claim', target: s.target('Benchmarks saturate quickly'), claim: { statement: 'Benchmarks saturate fast.' } });
    } finally {
      stop();
    }
    const writes = sent.filter((q) => /\bINSERT\b/i.test(q.sql));
    expect(writes).toHaveLength(1);
    expect(sent.every((q) => !q.inTransaction)).toBe(true);

    const { annotation, createdClaimIds } = made;
    expect(createdClaimIds).toEqual([annotation.claimId]);
    const workspaceId = s.workspace.id;
    const claim = await db.claim.findUniqueOrThrow({ where: { workspaceId_id: { workspaceId, id: annotation.claimId as string } } });
    expect(claim).toMatchObject({ statement: 'Benchmarks saturate fast.', createdById: s.reviewer.id, version: 1, deletedAt: null });
    const row = await db.annotation.findUniqueOrThrow({ where: { workspaceId_id: { workspaceId, id: annotation.id } } });
    expect(row).toMatchObject({ kind: 'claim', authorId: s.reviewer.id, exact: 'Benchmarks saturate quickly', anchorStatus: 'anchored', version: 1 });
    const audits = await db.auditLog.findMany({ where: { workspaceId }, orderBy: { id: 'asc' }, select: { action: true, entityId: true, actorId: true, data: true } });
    expect(audits.slice(-2)).toEqual([
      { action: 'claim.created', entityId: claim.id, actorId: s.reviewer.id, data: {} },
      { action: 'annotation.created', entityId: annotation.id, actorId: s.reviewer.id, data: { kind: 'claim', documentId: s.documentId } },
    ]);
    const changes = await db.changeEvent.findMany({ where: { workspaceId }, orderBy: { id: 'asc' }, select: { entity: true, entityId: true, action: true, version: true, documentId: true } });
    expect(changes.slice(-2)).toEqual([
      { entity: 'claim', entityId: claim.id, action: 'create', version: 1, documentId: null },
      { entity: 'annotation', entityId: annotation.id, action: 'create', version: 1, documentId: s.documentId },
    ]);
    // the claim is searchable at once (the Claim table's trigger ran at the end of the statement)
    const entry = await db.searchEntry.findFirst({ where: { workspaceId, claimId: claim.id, type: 'claim' }, select: { text: true } });
    expect(entry?.text).toBe('Benchmarks saturate fast.');
  });

  it('writes evidence on a named claim with its stance, strength and source, and makes no claim', async () => {
    const s = await setup();
    const claimId = (await s.annotate({ kind: 'claim', target: s.target('Scaling compute alone') })).annotation.claimId as string;
    const before = await s.counts();
    const { annotation, createdClaimIds } = await s.annotate({
      kind: 'evidence',
      target: s.target('within a decade'),
      evidence: { claimId, stance: 'against', strength: 2, source: 'https://example.org/paper' },
    });
    expect(createdClaimIds).toEqual([]);
    expect(annotation).toMatchObject({ kind: 'evidence', claimId, evidence: { claimId, stance: 'against', strength: 2, source: 'https://example.org/paper' } });
    expect(await s.counts()).toEqual({ ...before, annotations: before.annotations + 1, audits: before.audits + 1, changes: before.changes + 1 });
  });

  it('writes nothing when the document was archived after it was read; the create then answers 422', async () => {
    const s = await setup();
    const ctx = await contextFor(s.reviewer.id, s.ws);
    const data = s.input({ kind: 'claim', target: s.target('Benchmarks saturate quickly') });
    const plan = await planOneStatement(ctx, s.reviewer.id, data);
    await db.document.update({ where: { workspaceId_id: { workspaceId: s.workspace.id, id: s.documentId } }, data: { archivedAt: new Date() } });
    const before = await s.counts();
    expect(await writeInOneStatement(plan)).toBeNull();
    expect(await s.counts()).toEqual(before);
    const error = await rejection(createAnnotation({ ctx, input: data }));
    expect(error.status).toBe(422);
    expect(error.fields).toHaveProperty('document');
  });

  it('writes nothing when the named claim was merged after it was read; the create then answers 422', async () => {
    const s = await setup();
    const claimId = (await s.annotate({ kind: 'claim', target: s.target('Scaling compute alone') })).annotation.claimId as string;
    const into = (await s.annotate({ kind: 'claim', target: s.target('Benchmarks saturate') })).annotation.claimId as string;
    const ctx = await contextFor(s.reviewer.id, s.ws);
    const data = s.input({ kind: 'evidence', target: s.target('within a decade'), evidence: { claimId, stance: 'for', strength: 1 } });
    const plan = await planOneStatement(ctx, s.reviewer.id, data);
    await db.claim.update({ where: { workspaceId_id: { workspaceId: s.workspace.id, id: claimId } }, data: { mergedIntoId: into } });
    const before = await s.counts();
    expect(await writeInOneStatement(plan)).toBeNull();
    expect(await s.counts()).toEqual(before);
    const error = await rejection(createAnnotation({ ctx, input: data }));
    expect(error.status).toBe(422);
    expect(error.fields?.['evidence.claimId']?.[0]).toContain(`merged into claim ${into}`);
  });

  it('writes nothing when a new version was imported after it was read; the create then places it on the new version', async () => {
    const s = await setup();
    const ctx = await contextFor(s.reviewer.id, s.ws);
    const data = s.input({ kind: 'claim', target: s.target('Benchmarks saturate quickly') });
    const plan = await planOneStatement(ctx, s.reviewer.id, data);
    await importDocument({ ctx: await contextFor(s.owner.id, s.ws), input: { slug: s.slug, text: `${text}\n\nA paragraph added later.` } });
    const before = await s.counts();
    expect(await writeInOneStatement(plan)).toBeNull();
    expect(await s.counts()).toEqual(before);
    const { annotation } = await createAnnotation({ ctx, input: data });
    expect(annotation).toMatchObject({ target: { exact: 'Benchmarks saturate quickly', versionNumber: 2 }, anchor: { status: 'anchored' } });
  });
  it("reads the document once for a reviewer's creates on it: the next create sends only its write", async () => {
    const s = await setup();
    await s.annotate({ kind: 'claim', target: s.target('Scaling compute alone') });
    const ctx = await contextFor(s.reviewer.id, s.ws);
    const sent: LoggedQuery[] = [];
    const stop = onQuery((q) => sent.push(q));
    try {
      await createAnnotation({ ctx, input: s.input({ kind: 'claim', target: s.target('Benchmarks saturate quickly'), claim: { statement: 'Benchmarks saturate fast.' } }) });
    } finally {
      stop();
    }
    expect(sent).toHaveLength(1);
    expect((sent[0] as LoggedQuery).sql).toMatch(/INSERT INTO "Annotation"/);
  });

  it('places a create on a new version imported since the document was kept, and refuses one on a document archived since', async () => {
    const s = await setup();
    const first = await s.annotate({ kind: 'claim', target: s.target('Scaling compute alone') });
    expect(first.annotation.target).toMatchObject({ versionNumber: 1 });
    await importDocument({ ctx: await contextFor(s.owner.id, s.ws), input: { slug: s.slug, text: `${text}\n\nA paragraph added later.` } });
    const second = await s.annotate({ kind: 'claim', target: s.target('Benchmarks saturate quickly') });
    expect(second.annotation).toMatchObject({ target: { exact: 'Benchmarks saturate quickly', versionNumber: 2 }, anchor: { status: 'anchored' } });
    const row = await db.annotation.findUniqueOrThrow({ where: { workspaceId_id: { workspaceId: s.workspace.id, id: second.annotation.id } }, select: { versionId: true } });
    const current = await db.document.findUniqueOrThrow({ where: { workspaceId_id: { workspaceId: s.workspace.id, id: s.documentId } }, select: { currentVersionId: true } });
    expect(row.versionId).toBe(current.currentVersionId);
    // archived after the document was read again: nothing is written, and the create says which field is wrong
    await db.document.update({ where: { workspaceId_id: { workspaceId: s.workspace.id, id: s.documentId } }, data: { archivedAt: new Date() } });
    const before = await s.counts();
    const error = await rejection(s.annotate({ kind: 'claim', target: s.target('within a decade') }));
    expect(error.status).toBe(422);
    expect(error.fields).toHaveProperty('document');
    expect(await s.counts()).toEqual(before);
  });

  it('writes several members\' creates in one statement: each its own rows, in order; one whose claim was merged meanwhile writes nothing', async () => {
    const s = await setup();
    const claimId = (await s.annotate({ kind: 'claim', target: s.target('Scaling compute alone') })).annotation.claimId as string;
    const doomed = (await s.annotate({ kind: 'claim', target: s.target('within a decade') })).annotation.claimId as string;
    const reviewerCtx = await contextFor(s.reviewer.id, s.ws);
    const ownerCtx = await contextFor(s.owner.id, s.ws);
    const plans = [
      await planOneStatement(reviewerCtx, s.reviewer.id, s.input({ kind: 'claim', target: s.target('Benchmarks saturate quickly'), claim: { statement: 'Benchmarks saturate.' } })),
      await planOneStatement(ownerCtx, s.owner.id, s.input({ kind: 'evidence', target: s.target('once labs optimise'), evidence: { claimId, stance: 'for', strength: 3 } })),
      await planOneStatement(reviewerCtx, s.reviewer.id, s.input({ kind: 'evidence', target: s.target('general intelligence'), evidence: { claimId: doomed, stance: 'against', strength: 1 } })),
    ];
    await db.claim.update({ where: { workspaceId_id: { workspaceId: s.workspace.id, id: doomed } }, data: { mergedIntoId: claimId } });
    const before = await s.counts();
    const sent: LoggedQuery[] = [];
    const stop = onQuery((q) => sent.push(q));
    let results;
    try {
      results = await writeManyInOneStatement(plans);
    } finally {
      stop();
    }
    expect(sent.filter((q) => /\bINSERT\b/i.test(q.sql))).toHaveLength(1);
    const [made, evidence, refused] = results;
    expect(refused).toBeNull();
    expect(made?.annotation).toMatchObject({ kind: 'claim', author: { id: s.reviewer.id }, claim: { statement: 'Benchmarks saturate.' } });
    expect(made?.createdClaimIds).toEqual([made?.annotation.claimId]);
    expect(evidence?.annotation).toMatchObject({ kind: 'evidence', claimId, author: { id: s.owner.id }, evidence: { stance: 'for', strength: 3 } });
    expect(evidence?.createdClaimIds).toEqual([]);
    expect(await s.counts()).toEqual({ claims: before.claims + 1, annotations: before.annotations + 2, audits: before.audits + 3, changes: before.changes + 3 });

    const workspaceId = s.workspace.id;
    const claim = await db.claim.findUniqueOrThrow({ where: { workspaceId_id: { workspaceId, id: made?.annotation.claimId as string } } });
    expect(claim).toMatchObject({ statement: 'Benchmarks saturate.', createdById: s.reviewer.id });
    const rows = await db.annotation.findMany({ where: { workspaceId, id: { in: [made?.annotation.id as string, evidence?.annotation.id as string] } }, select: { id: true, authorId: true, stance: true, strength: true } });
    expect(new Map(rows.map((r) => [r.id, r]))).toEqual(
      new Map([
        [made?.annotation.id, { id: made?.annotation.id, authorId: s.reviewer.id, stance: null, strength: null }],
        [evidence?.annotation.id, { id: evidence?.annotation.id, authorId: s.owner.id, stance: 'for', strength: 3 }],
      ]),
    );
    const audits = await db.auditLog.findMany({ where: { workspaceId }, orderBy: { id: 'asc' }, select: { action: true, entityId: true, actorId: true } });
    expect(audits.slice(-3)).toEqual([
      { action: 'claim.created', entityId: claim.id, actorId: s.reviewer.id },
      { action: 'annotation.created', entityId: made?.annotation.id, actorId: s.reviewer.id },
      { action: 'annotation.created', entityId: evidence?.annotation.id, actorId: s.owner.id },
    ]);
    const changes = await db.changeEvent.findMany({ where: { workspaceId }, orderBy: { id: 'asc' }, select: { entity: true, entityId: true } });
    expect(changes.slice(-3)).toEqual([
      { entity: 'claim', entityId: claim.id },
      { entity: 'annotation', entityId: made?.annotation.id },
      { entity: 'annotation', entityId: evidence?.annotation.id },
    ]);
  });

  it('answers each of many concurrent creates in a workspace with its own annotation, and journals each once', async () => {
    const s = await setup();
    const quotes = ['Scaling compute alone', 'general intelligence', 'within a decade', 'Benchmarks saturate', 'once labs optimise for them'];
    const before = await s.counts();
    const made = await Promise.all(quotes.map((quote, i) => s.annotateAs(i % 2 === 0 ? s.reviewer.id : s.owner.id, { kind: 'claim', target: s.target(quote) })));
    expect(made.map((m) => m.annotation.target?.exact)).toEqual(quotes);
    expect(new Set(made.map((m) => m.annotation.id)).size).toBe(quotes.length);
    expect(made.map((m) => m.annotation.author.id)).toEqual(quotes.map((_, i) => (i % 2 === 0 ? s.reviewer.id : s.owner.id)));
    expect(await s.counts()).toEqual({
      claims: before.claims + 5,
      annotations: before.annotations + 5,
      audits: before.audits + 10,
      changes: before.changes + 10,
    });
    const journaled = await db.changeEvent.findMany({ where: { workspaceId: s.workspace.id, entity: 'annotation' }, select: { entityId: true } });
    expect(journaled.map((e) => e.entityId).sort()).toEqual(made.map((m) => m.annotation.id).sort());
  });
});
