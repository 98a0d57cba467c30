// The reading page's annotation layer (lib/annotations/reader-queries.ts) on a real database: every highlight as a
// span in reading order with what its kind carries, orphans apart, the named claims with their credence values and
// the viewer's own, the authors; and the same layer when an id holds the separator the span text uses (the query
// then reads the rows again as JSON).
import { describe, expect, it } from 'vitest';
import { getReaderLayer } from '../../lib/annotations/reader-queries';
import { db } from '../../lib/db';
import { createAnnotatedDocument } from '../factories/annotated-document';
import { contextFor } from '../factories/context';

const text = [
  '# Essay',
  'Scaling compute alone will produce general intelligence within a decade.',
  'Benchmarks saturate quickly once labs optimise for them.',
  'Deceptive alignment needs a model that models its own training.',
].join('\n\n');

async function setup() {
  const s = await createAnnotatedDocument(text);
  const annotate = async (userId: string, body: Record<string, unknown>) => (await s.annotateAs(userId, body)).annotation;
  const layerFor = async (userId: string) => getReaderLayer({ ctx: await contextFor(userId, s.ws), documentId: s.documentId, cardCount: 2 });
  return { ...s, annotate, layerFor };
}

describe('the reading page layer', () => {
  it('lists spans in reading order with their kinds, orphans apart, the live named claims with credences, and the authors', async () => {
    const s = await setup();
    const scaling = await s.annotate(s.reviewer.id, { kind: 'claim', target: s.target('Scaling compute alone'), claim: { statement: 'Compute is enough.' } });
    const claimId = scaling.claimId as string;
    const bench = await s.annotate(s.owner.id, {
      kind: 'evidence',
      target: s.target('Benchmarks saturate quickly'),
      evidence: { claimId, stance: 'against', strength: 2 },
    });
    const probability = await s.annotate(s.reviewer.id, { kind: 'probability', target: s.target('general intelligence'), probability: { claimId, value: 0.3 } });
    await s.annotate(s.owner.id, { kind: 'probability', target: s.target('within a decade'), probability: { claimId, value: 0.85 } });
    const crux = await s.annotate(s.owner.id, {
      kind: 'crux',
      target: s.target('models its own training'),
      crux: { statement: 'Models model their training.', forClaimId: claimId, direction: 'more' },
    });
    const gone = await s.annotate(s.reviewer.id, { kind: 'claim', target: s.target('Deceptive alignment'), claim: { statement: 'A claim deleted later.' } });
    await db.claim.update({ where: { workspaceId_id: { workspaceId: s.workspace.id, id: gone.claimId as string } }, data: { deletedAt: new Date() } });
    // a newer version lost this one's text
    await db.annotation.update({ where: { workspaceId_id: { workspaceId: s.workspace.id, id: bench.id } }, data: { anchorStatus: 'orphan', anchoredStart: null, anchoredEnd: null } });

    const layer = await s.layerFor(s.reviewer.id);
    expect(layer.spans.map((span) => span.id)).toEqual([scaling.id, probability.id, layer.spans[2]?.id, gone.id, crux.id]);
    const byId = new Map(layer.spans.map((span) => [span.id, span]));
    const anchored = await db.annotation.findUniqueOrThrow({ where: { workspaceId_id: { workspaceId: s.workspace.id, id: scaling.id } } });
    expect(byId.get(scaling.id)).toEqual({
      id: scaling.id,
      kind: 'claim',
      start: anchored.anchoredStart,
      end: anchored.anchoredEnd,
      authorId: s.reviewer.id,
      claimId,
      forClaimId: null,
      stance: null,
      value: null,
    });
    expect(byId.get(probability.id)).toMatchObject({ kind: 'probability', claimId, value: 0.3, authorId: s.reviewer.id });
    expect(layer.spans[2]).toMatchObject({ kind: 'probability', claimId, value: 0.85, authorId: s.owner.id });
    expect(byId.get(crux.id)).toMatchObject({ kind: 'crux', claimId: crux.claimId, forClaimId: claimId, stance: null });
    expect(layer.orphans.map((a) => a.id)).toEqual([bench.id]);
    expect(layer.orphans[0]?.evidence).toMatchObject({ stance: 'against', strength: 2 });
    expect(layer.cards.map((a) => a.id)).toEqual([scaling.id, probability.id]);
    // the deleted claim is not listed; the viewer's own credence is theirs, the values everyone's
    expect(layer.claims.map((c) => c.id).sort()).toEqual([claimId, crux.claimId as string].sort());
    const summary = layer.claims.find((c) => c.id === claimId);
    expect(summary).toMatchObject({ statement: 'Compute is enough.', myCredence: 0.3, credencesHidden: false });
    expect([...(summary?.values ?? [])].sort()).toEqual([0.3, 0.85]);
    expect((await s.layerFor(s.owner.id)).claims.find((c) => c.id === claimId)?.myCredence).toBe(0.85);
    expect(layer.authors.map((a) => a.id).sort()).toEqual([s.owner.id, s.reviewer.id].sort());
  });

  it('gives the same layer when an annotation id holds the span text separator', async () => {
    const s = await setup();
    const first = await s.annotate(s.reviewer.id, { kind: 'claim', target: s.target('Scaling compute alone'), claim: { statement: 'Compute is enough.' } });
    await s.annotate(s.reviewer.id, { kind: 'probability', target: s.target('Benchmarks saturate'), probability: { claimId: first.claimId, value: 0.6 } });
    const before = await s.layerFor(s.reviewer.id);
    // a copy of the first annotation under an id with a record separator in it (ids from a restored dump are text)
    const oddId = `odd${String.fromCharCode(30)}id`;
    const row = await db.annotation.findUniqueOrThrow({
      where: { workspaceId_id: { workspaceId: s.workspace.id, id: first.id } },
      omit: { rationale: true, externalCreator: true },
    });
    await db.annotation.create({ data: { ...row, id: oddId, createdAt: new Date(row.createdAt.getTime() + 1) } });
    const after = await s.layerFor(s.reviewer.id);
    expect(after.spans.map((span) => span.id)).toEqual([first.id, oddId, ...before.spans.slice(1).map((span) => span.id)]);
    expect(after.spans.find((span) => span.id === oddId)).toEqual({ ...before.spans[0], id: oddId });
    expect(after.claims).toEqual(before.claims);
  });

  it("withholds others' values on a blind document's claims when the spans name hundreds of claims", async () => {
    const s = await setup();
    const rated = await s.annotate(s.owner.id, { kind: 'probability', target: s.target('Scaling compute alone'), probability: { statement: 'Compute is enough.', value: 0.9 } });
    // 250 more claims, each made by a claim annotation on the same words (bulk rows: the layer only reads them)
    const workspaceId = s.workspace.id;
    const row = await db.annotation.findUniqueOrThrow({ where: { workspaceId_id: { workspaceId, id: rated.id } }, omit: { rationale: true, externalCreator: true } });
    const claims = Array.from({ length: 250 }, (_, i) => ({ id: `bulk-claim-${i}-${s.ws}`, workspaceId, statement: `Bulk claim ${i}.`, createdById: s.owner.id }));
    await db.claim.createMany({ data: claims });
    await db.annotation.createMany({
      data: claims.map((c, i) => ({ ...row, id: `bulk-annotation-${i}-${s.ws}`, kind: 'claim' as const, claimId: c.id, value: null })),
    });
    const reviewerSees = async () => (await s.layerFor(s.reviewer.id)).claims.find((c) => c.id === rated.claimId);
    expect(await reviewerSees()).toMatchObject({ values: [0.9], credencesHidden: false });

    await db.document.update({ where: { workspaceId_id: { workspaceId, id: s.documentId } }, data: { blind: true } });
    const layer = await s.layerFor(s.reviewer.id);
    expect(layer.claims.length).toBeGreaterThan(200);
    expect(layer.claims.find((c) => c.id === rated.claimId)).toMatchObject({ values: [], credencesHidden: true });
    expect(layer.spans.find((span) => span.id === rated.id)?.value).toBeNull();
    // the owner still sees everything
    expect((await s.layerFor(s.owner.id)).claims.find((c) => c.id === rated.claimId)).toMatchObject({ values: [0.9], credencesHidden: false });
  });
});
