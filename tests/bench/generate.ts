// The bench's data generator, in two presets. "scale" (the default): workspaces with reviewers, claims and
// credences (with revisions), written in batches. Credences come from a few latent "camps" so later aggregation benchmarks see real disagreement. With
// `document`, each workspace also gets a document whose paragraphs carry one claim annotation per claim (and a
// crux mark for every tenth claim), so the document's disagreement map sees every claim. "demo": the realistic,
// visibly generated annotations of lib/demo on the five corpus texts — what `npm start` shows in the demo workspace.
import { randomBytes } from 'node:crypto';
import { operatorActor, workspaceContext } from '../../lib/context/context';
import type { Db } from '../../lib/db';
import { loadDemoPreset, type DemoReport } from '../../lib/demo/generate';
import { importDocument } from '../../lib/documents/mutations';
import { seededRandom } from '../../lib/seeded-random';

export type Scale = { workspaces: number; reviewers: number; claims: number; density: number };


/** The "demo" preset on a workspace that holds documents (the bundled corpus): its owner opens the second round. */
export async function generateDemo(db: Db, workspaceId: string, onProgress: (done: number, total: number, document: string) => void): Promise<DemoReport> {
  const owner = await db.user.create({ data: { email: `bench-owner-${randomBytes(3).toString('hex')}@bench.test`, name: 'Bench owner' } });
  await db.membership.create({ data: { workspaceId, userId: owner.id, role: 'owner' } });
  return loadDemoPreset({ workspaceId, ownerId: owner.id, onProgress });
}


const BATCH = 2000;

/** Paragraphs of a generated document; claims are spread over them. */
const PARAGRAPHS = 200;

/** A document whose paragraphs carry the claims as claim annotations (by their first reviewers), and some cruxes. */
/** The crux links of crux annotations written in bulk (the app's mutations keep them one by one). */
export async function linkCruxes(db: Db, workspaceId: string): Promise<void> {
  await db.$executeRaw`
    INSERT INTO "CruxLink" (id, "workspaceId", "cruxClaimId", "forClaimId")
    SELECT 'bl' || md5(a."claimId" || ':' || a."forClaimId"), a."workspaceId", a."claimId", a."forClaimId"
      FROM "Annotation" a
     WHERE a."workspaceId" = ${workspaceId} AND a.kind = 'crux' AND a."deletedAt" IS NULL AND a."forClaimId" IS NOT NULL AND a."claimId" <> a."forClaimId"
     GROUP BY a."workspaceId", a."claimId", a."forClaimId"
    ON CONFLICT ("workspaceId", "cruxClaimId", "forClaimId") DO NOTHING`;
}

async function annotatedDocument(db: Db, workspaceId: string, claims: { id: string; createdById: string }[]): Promise<string> {
  const text = ['# Bench document', ...Array.from({ length: PARAGRAPHS }, (_, i) => `Paragraph ${i} states several bench claims, one after another, for the map.`)].join(
    '\n\n',
  );
  const workspace = await db.workspace.findUniqueOrThrow({ where: { id: workspaceId }, select: { id: true, slug: true, name: true, visibility: true } });
  const imported = await importDocument({ ctx: workspaceContext(operatorActor, workspace, null), input: { slug: 'bench-document', text, title: 'Bench document' } });
  const document = await db.document.findUniqueOrThrow({ where: { workspaceId_id: { workspaceId, id: imported.documentId } }, select: { currentVersionId: true } });
  const versionId = document.currentVersionId as string;
  const passages = await db.passage.findMany({ where: { versionId, kind: 'paragraph' }, orderBy: { index: 'asc' }, select: { text: true, start: true } });
  const rows = claims.flatMap((claim, c) => {
    const passage = passages[c % passages.length] as { text: string; start: number };
    const exact = passage.text.slice(0, 20);
    const base = {
      workspaceId,
      documentId: imported.documentId,
      versionId,
      authorId: claim.createdById,
      exact,
      start: passage.start,
      end: passage.start + exact.length,
      anchorStatus: 'anchored' as const,
      anchoredVersionId: versionId,
      anchoredStart: passage.start,
      anchoredEnd: passage.start + exact.length,
    };
    const made = { ...base, kind: 'claim' as const, claimId: claim.id };
    // every tenth claim is marked as the crux of the next one
    const next = claims[c + 1];
    return c % 10 === 0 && next ? [made, { ...base, kind: 'crux' as const, claimId: claim.id, forClaimId: next.id, direction: 'more' as const }] : [made];
  });
  for (let i = 0; i < rows.length; i += BATCH) await db.annotation.createMany({ data: rows.slice(i, i + BATCH) });
  await linkCruxes(db, workspaceId);
  return imported.documentId;
}

export async function generateDataset(
  db: Db,
  scale: Scale,
  onProgress: (done: number, total: number) => void,
  options: { document?: boolean } = {},
): Promise<{ rows: number; ms: number; workspaceIds: string[]; documentIds: string[] }> {
  const started = performance.now();
  const rand = seededRandom(42);
  const run = randomBytes(3).toString('hex');
  let rows = 0;
  const workspaceIds: string[] = [];
  const documentIds: string[] = [];
  const expected = Math.round(scale.workspaces * scale.reviewers * scale.claims * scale.density);
  let done = 0;

  for (let w = 0; w < scale.workspaces; w++) {
    const workspace = await db.workspace.create({ data: { slug: `bench-${run}-${w}`, name: `Bench ${w}` } });
    workspaceIds.push(workspace.id);
    const users = Array.from({ length: scale.reviewers }, (_, r) => ({
      id: `bu_${run}_${w}_${r}`,
      email: `reviewer-${run}-${w}-${r}@bench.test`,
      name: `Reviewer ${r}`,
    }));
    await db.user.createMany({ data: users });
    await db.membership.createMany({
      data: users.map((u) => ({ workspaceId: workspace.id, userId: u.id, role: 'reviewer' as const })),
    });
    const claims = Array.from({ length: scale.claims }, (_, c) => ({
      id: `bc_${run}_${w}_${c}`,
      workspaceId: workspace.id,
      statement: `Bench claim ${c}`,
      createdById: users[c % users.length]?.id as string,
    }));
    await db.claim.createMany({ data: claims });
    rows += 1 + users.length * 2 + claims.length;
    if (options.document) documentIds.push(await annotatedDocument(db, workspace.id, claims));

    const camps = users.map(() => Math.floor(rand() * 3));
    const campBias = claims.map(() => [rand(), rand(), rand()]);
    let credences: { id: string; workspaceId: string; claimId: string; userId: string; value: number }[] = [];
    const flush = async () => {
      if (credences.length === 0) return;
      await db.credence.createMany({ data: credences });
      await db.credenceRevision.createMany({
        data: credences.map((c) => ({ id: `r${c.id}`, workspaceId: c.workspaceId, credenceId: c.id, claimId: c.claimId, userId: c.userId, value: c.value })),
      });
      rows += credences.length * 2;
      done += credences.length;
      onProgress(Math.min(done, expected), expected);
      credences = [];
    };
    for (const [r, user] of users.entries()) {
      for (const [c, claim] of claims.entries()) {
        if (rand() > scale.density) continue;
        const bias = campBias[c]?.[camps[r] ?? 0] ?? 0.5;
        const value = Math.min(1, Math.max(0, Math.round((bias + (rand() - 0.5) * 0.3) * 100) / 100));
        credences.push({ id: `bk_${run}_${w}_${r}_${c}`, workspaceId: workspace.id, claimId: claim.id, userId: user.id, value });
        if (credences.length >= BATCH) await flush();
      }
    }
    await flush();
  }
  onProgress(expected, expected);
  return { rows, ms: performance.now() - started, workspaceIds, documentIds };
}
