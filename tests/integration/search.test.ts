// Search on a real database (PGlite, or the server in DATABASE_URL): ranking (an exact phrase above scattered
// words, stemming, the last word as a prefix, near-matches of a typo), snippets marked as data, paging without
// duplicates or gaps, every filter and the facets, and what is never returned: another workspace's text, hidden or
// deleted items, archived documents, an earlier version's text, probability values under blind review.
import { beforeAll, describe, expect, it } from 'vitest';
import { createAnnotation, deleteAnnotation, restoreAnnotation, updateAnnotation } from '../../lib/annotations/mutations';
import { createReply, deleteReply } from '../../lib/annotations/reply-mutations';
import { createAnnotationInputSchema, createReplyInputSchema, updateAnnotationInputSchema } from '../../lib/annotations/schemas';
import { db } from '../../lib/db';
import { importDocument, updateDocument } from '../../lib/documents/mutations';
import { AppError } from '../../lib/errors';
import { searchWorkspace } from '../../lib/search/queries';
import { searchQuerySchema, type SearchItem, type SearchPage } from '../../lib/search/schemas';
import { createTestTeam } from '../factories';
import { contextFor } from '../factories/context';

const essay = [
  'Deceptive alignment is the worry that a model behaves well only while it is watched.',
  'Alignment research is broad. Many models are studied in many settings, and some of those models turn deceptive in games.',
  'Reviewers disagree about timelines, and about Janus, the two-faced god of doors.',
  'A lantern glows in the first room.',
].join('\n\n');

const lanterns = Array.from({ length: 11 }, (_, i) => `Lantern number ${i + 1} hangs in hallway ${String.fromCharCode(97 + i)}.`).join('\n\n');

let team: Awaited<ReturnType<typeof createTestTeam>>;
let other: Awaited<ReturnType<typeof createTestTeam>>;
let ws: string;
const ids = {} as Record<'essay' | 'lanterns' | 'claim' | 'evidence' | 'reply' | 'hidden' | 'deletedReply' | 'probability' | 'lanternClaim', string>;

async function annotate(userId: string, workspace: string, input: unknown) {
  return createAnnotation({ ctx: await contextFor(userId, workspace), input: createAnnotationInputSchema.parse(input) });
}

function target(text: string, exact: string) {
  const start = text.indexOf(exact);
  if (start < 0) throw new Error(`not in text: ${exact}`);
  return { exact, start, end: start + exact.length };
}

async function search(userId: string | null, query: Record<string, unknown>, workspace = ws): Promise<SearchPage> {
  return searchWorkspace({ ctx: await contextFor(userId, workspace), query: searchQuerySchema.parse(query) });
}

const snippetText = (item: SearchItem) => item.snippet.map((s) => s.text).join('');
const marked = (item: SearchItem) => item.snippet.filter((s) => s.match).map((s) => s.text.toLowerCase());

beforeAll(async () => {
  team = await createTestTeam({ visibility: 'public' });
  other = await createTestTeam();
  ws = team.workspace.slug;
  const ownerCtx = await contextFor(team.owner.id, ws);
  ids.essay = (await importDocument({ ctx: ownerCtx, input: { slug: 'essay', text: essay, title: 'On deception' } })).documentId;
  ids.lanterns = (await importDocument({ ctx: ownerCtx, input: { slug: 'lanterns', text: lanterns, title: 'Lanterns' } })).documentId;
  await importDocument({ ctx: await contextFor(other.owner.id, other.workspace.slug), input: { slug: 'elsewhere', text: 'Janus and a lantern, deceptive alignment, in another workspace.', title: 'Elsewhere' } });

  const claim = await annotate(team.reviewer.id, ws, {
    document: 'essay',
    kind: 'claim',
    target: target(essay, 'Reviewers disagree about timelines'),
    claim: { statement: 'Timelines are contested among lantern makers' },
    body: 'The quarrel over timelines is old.',
  });
  ids.claim = claim.annotation.claimId as string;
  const evidence = await annotate(team.owner.id, ws, {
    document: 'lanterns',
    kind: 'evidence',
    target: target(lanterns, 'Lantern number 1 hangs'),
    evidence: { claimId: ids.claim, stance: 'for', strength: 2 },
    body: 'A lantern catalogue from 1850 supports this.',
  });
  ids.evidence = evidence.annotation.id;
  ids.reply = (await createReply({ ctx: ownerCtx, annotationId: ids.evidence, input: createReplyInputSchema.parse({ body: 'Which lantern catalogue? The zeppelin one?' }) })).id;
  const hidden = await annotate(team.reviewer.id, ws, {
    document: 'essay',
    kind: 'claim',
    target: target(essay, 'A lantern glows'),
    claim: { claimId: ids.claim },
    body: 'Quixotic marmalade remark, later hidden.',
  });
  ids.hidden = hidden.annotation.id;
  await updateAnnotation({ ctx: ownerCtx, id: ids.hidden, input: updateAnnotationInputSchema.parse({ hidden: true }) });
  const deleted = await createReply({ ctx: ownerCtx, annotationId: ids.evidence, input: createReplyInputSchema.parse({ body: 'Quixotic marmalade reply, later deleted.' }) });
  ids.deletedReply = deleted.id;
  await deleteReply({ ctx: ownerCtx, id: ids.deletedReply });

  // blind review: the essay is blind; the reviewer's 0.73 on the claim is hidden from the observer
  await updateDocument({ ctx: ownerCtx, document: 'essay', input: { blind: true } });
  const probability = await annotate(team.reviewer.id, ws, {
    document: 'essay',
    kind: 'probability',
    target: target(essay, 'the two-faced god of doors'),
    probability: { claimId: ids.claim, value: 0.73 },
  });
  ids.probability = probability.annotation.id;
});

describe('ranking', () => {
  it('ranks an exact phrase above the same words scattered, and marks the matched words in the snippet', async () => {
    const page = await search(team.observer.id, { q: 'deceptive alignment', type: 'passage' });
    expect(page.items.map(snippetText)).toEqual([
      expect.stringContaining('Deceptive alignment is the worry'),
      expect.stringContaining('Alignment research is broad'),
    ]);
    expect(page.items[0]!.score).toBeGreaterThan(page.items[1]!.score);
    expect(marked(page.items[0]!)).toEqual(['deceptive', 'alignment']);
    expect(page.items[0]).toMatchObject({ type: 'passage', documentId: ids.essay, claimId: null, document: { slug: 'essay', title: 'On deception' } });
    expect(page.items[0]!.passageId).toBe(page.items[0]!.id);
    const quoted = await search(team.observer.id, { q: '"deceptive alignment"', type: 'passage' });
    expect(quoted.items.map(snippetText)).toEqual([expect.stringContaining('Deceptive alignment is the worry')]);
  });

  it('finds a stemmed word, a prefix as typed, and excludes -words', async () => {
    const stemmed = await search(team.observer.id, { q: 'disagreeing ', type: 'passage' });
    expect(stemmed.items.map(snippetText)).toEqual([expect.stringContaining('Reviewers disagree about timelines')]);
    expect(marked(stemmed.items[0]!)).toEqual(['disagree']);
    const prefix = await search(team.observer.id, { q: 'deceptiv', type: 'passage' });
    expect(prefix.items).toHaveLength(2);
    expect(prefix.items.flatMap(marked).sort()).toEqual(['deceptive', 'deceptive']);
    const without = await search(team.observer.id, { q: 'alignment -research', type: 'passage' });
    expect(without.items.map(snippetText)).toEqual([expect.stringContaining('Deceptive alignment is the worry')]);
    const either = await search(team.observer.id, { q: 'janus or glows', type: 'passage' });
    expect(either.items).toHaveLength(2);
  });

  it('finds a word only in the text ("janus"), and a typo by its near-match', async () => {
    const janus = await search(null, { q: 'janus' });
    expect(janus.items.map((i) => i.type)).toContain('passage');
    const typo = await search(team.observer.id, { q: 'deceptve', type: 'passage' });
    expect(typo.nearMatches).toContain('deceptive');
    expect(typo.items.map(snippetText)).toEqual(expect.arrayContaining([expect.stringContaining('Deceptive alignment is the worry')]));
  });
});

describe('paging and filters', () => {
  it('pages through every match once, in score order, with a stable cursor', async () => {
    const seen: SearchItem[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page: SearchPage = await search(team.observer.id, { q: 'lantern', limit: 4, ...(cursor ? { cursor } : {}) });
      if (pages === 0) expect(page.facets?.total).toBe(15);
      else expect(page.facets).toBeUndefined();
      seen.push(...page.items);
      cursor = page.nextCursor ?? undefined;
      pages++;
    } while (cursor && pages < 10);
    // 12 passages (11 lanterns + the glowing one), the claim, the evidence, its reply, the other workspace never
    expect(pages).toBe(4);
    expect(new Set(seen.map((i) => `${i.type}:${i.id}`)).size).toBe(seen.length);
    expect(seen).toHaveLength(15);
    const scores = seen.map((i) => i.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
  });

  it('filters by type, document (slug or id), kind and author, and counts the facets', async () => {
    const first = await search(team.observer.id, { q: 'lantern' });
    expect(Object.fromEntries(first.facets!.type.map((f) => [f.value, f.count]))).toEqual({ passage: 12, claim: 1, annotation: 1, reply: 1 });
    expect(first.facets!.document).toEqual(
      expect.arrayContaining([
        { value: ids.lanterns, label: 'Lanterns', count: 13 },
        { value: ids.essay, label: 'On deception', count: 1 },
      ]),
    );
    expect(first.facets!.kind).toEqual([{ value: 'evidence', label: 'evidence', count: 2 }]);

    const claims = await search(team.observer.id, { q: 'lantern', type: 'claim' });
    expect(claims.items).toEqual([expect.objectContaining({ type: 'claim', id: ids.claim, claimId: ids.claim, documentId: null })]);
    // a claim is in the documents where it is anchored or used
    expect((await search(team.observer.id, { q: 'lantern', type: 'claim', document: 'essay' })).items).toHaveLength(1);
    const inEssay = await search(team.observer.id, { q: 'lantern', document: ids.essay });
    expect(inEssay.items.map((i) => i.type).sort()).toEqual(['claim', 'passage']);
    const evidence = await search(team.observer.id, { q: 'lantern', kind: 'evidence' });
    expect(evidence.items.map((i) => `${i.type}:${i.id}`).sort()).toEqual([`annotation:${ids.evidence}`, `reply:${ids.reply}`]);
    expect(evidence.items.every((i) => i.claimId === ids.claim && i.documentId === ids.lanterns && i.kind === 'evidence')).toBe(true);
    const byOwner = await search(team.observer.id, { q: 'lantern', author: team.owner.id });
    expect(byOwner.items.map((i) => i.type).sort()).toEqual(['annotation', 'reply']);
    const byReviewer = await search(team.observer.id, { q: 'lantern', author: team.reviewer.id });
    expect(byReviewer.items.map((i) => i.type)).toEqual(['claim']);
  });

  it('answers 404 for a document of another workspace and refuses a bad cursor', async () => {
    await expect(search(team.observer.id, { q: 'lantern', document: 'elsewhere' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(search(team.observer.id, { q: 'lantern', cursor: 'bm90LWEtY3Vyc29y' })).rejects.toBeInstanceOf(AppError);
  });
});

describe('what is never returned', () => {
  it('never returns another workspace, hidden or deleted items', async () => {
    const janus = await search(team.owner.id, { q: 'janus' });
    expect(janus.items.every((i) => i.documentId !== null && [ids.essay, ids.lanterns].includes(i.documentId) || i.type === 'claim')).toBe(true);
    // hidden annotation and deleted reply: not even for the owner
    expect((await search(team.owner.id, { q: 'marmalade' })).items).toEqual([]);
    expect((await search(team.owner.id, { q: 'quixotic' })).items).toEqual([]);
    expect((await search(other.owner.id, { q: 'lantern' }, other.workspace.slug)).items.map((i) => i.type)).toEqual(['passage']);
  });

  it('keeps the index in step with deletes, restores, archiving and new versions', async () => {
    const ownerCtx = await contextFor(team.owner.id, ws);
    await deleteAnnotation({ ctx: ownerCtx, id: ids.evidence });
    // the annotation and the replies under it go
    expect((await search(team.owner.id, { q: 'catalogue' })).items).toEqual([]);
    await restoreAnnotation({ ctx: ownerCtx, id: ids.evidence });
    expect((await search(team.owner.id, { q: 'catalogue' })).items.map((i) => i.type).sort()).toEqual(['annotation', 'reply']);

    await updateDocument({ ctx: ownerCtx, document: 'lanterns', input: { archived: true } });
    expect((await search(team.owner.id, { q: 'hallway' })).items).toEqual([]);
    await updateDocument({ ctx: ownerCtx, document: 'lanterns', input: { archived: false } });
    expect((await search(team.owner.id, { q: 'hallway' })).items).toHaveLength(11);

    await importDocument({ ctx: ownerCtx, input: { slug: 'lanterns', text: `${lanterns}\n\nA candle replaces the last hallway.`, title: 'Lanterns' } });
    const candle = await search(team.owner.id, { q: 'candle' });
    expect(candle.items).toHaveLength(1);
    const version = await db.document.findUniqueOrThrow({ where: { workspaceId_id: { workspaceId: team.workspace.id, id: ids.lanterns } }, select: { currentVersionId: true } });
    expect((await db.searchEntry.findMany({ where: { workspaceId: team.workspace.id, documentId: ids.lanterns, type: 'passage' }, select: { versionId: true } })).every((e) => e.versionId === version.currentVersionId)).toBe(true);
    expect((await search(team.owner.id, { q: 'hallway' })).items.filter((i) => i.type === 'passage')).toHaveLength(12);
  });

  it('forgets a deleted workspace: its entries and its words', async () => {
    // a workspace with an audit log cannot be deleted (append-only): this one has a claim and nothing audited
    const gone = await createTestTeam();
    await db.claim.create({ data: { workspaceId: gone.workspace.id, statement: 'Ephemeral words vanish with their workspace.', createdById: gone.owner.id } });
    expect(await db.searchEntry.count({ where: { workspaceId: gone.workspace.id } })).toBeGreaterThan(0);
    expect(await db.searchWord.count({ where: { workspaceId: gone.workspace.id, word: 'ephemeral' } })).toBe(1);
    await db.workspace.delete({ where: { id: gone.workspace.id } });
    expect(await db.searchEntry.count({ where: { workspaceId: gone.workspace.id } })).toBe(0);
    expect(await db.searchWord.count({ where: { workspaceId: gone.workspace.id } })).toBe(0);
  });

  it('never indexes nor shows a probability value, and under blind review the rating reveals nothing', async () => {
    for (const q of ['0.73', '73', '73%']) {
      expect((await search(team.observer.id, { q })).items).toEqual([]);
    }
    const doors = await search(team.observer.id, { q: 'doors', type: 'annotation' });
    expect(doors.items).toEqual([expect.objectContaining({ id: ids.probability, kind: 'probability', claimId: ids.claim })]);
    // the answer's text (snippet, document) — not its ids or score, which may hold the digits 7 and 3 by chance
    const shown = doors.items.map(({ id: _id, claimId: _claim, documentId: _document, passageId: _passage, score: _score, ...text }) => text);
    expect(JSON.stringify(shown)).not.toMatch(/0\.73|\b73\b/);
    expect(Object.keys(doors.items[0]!).sort()).toEqual(['claimId', 'document', 'documentId', 'id', 'kind', 'passageId', 'score', 'snippet', 'type']);
  });
});
