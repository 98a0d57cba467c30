// The bench's claim-page figure. run.ts runs this file in a process of its own per database (an in-memory PGlite,
// then a throwaway PostgreSQL database in DATABASE_URL). It makes one claim with 200 reviewers' ratings (two
// revisions each, over two rounds), 50 pieces of evidence with rationales and sources, 20 crux links and 100
// replies, and times what the claim page's server side does — the request context, then getClaimPage, the one
// query the page and GET …/claims/:id call — as a reviewer: p50 and p95 over 100 views after 5 warm-ups.
//   [DATABASE_URL=…] tsx tests/bench/claim-page.ts --out figures.json
import { writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { ms, percentile, type Figure } from './stats';

const { values: args } = parseArgs({ options: { out: { type: 'string' } }, strict: true });
if (!args.out) {
  console.error('usage: [DATABASE_URL=postgresql://…] tsx tests/bench/claim-page.ts --out FILE');
  process.exit(2);
}
if (!process.env.DATABASE_URL) process.env.CRUXMAP_DATA_DIR = 'memory://';

const { closeDb, db, databaseKind } = await import('../../lib/db');
const { getClaimPage } = await import('../../lib/claims/claim-page-queries');
const { loadWorkspaceContext } = await import('../../lib/context/queries');
const { userActor } = await import('../../lib/context/context');
const { importDocument } = await import('../../lib/documents/mutations');

const RATINGS = 200;
const EVIDENCE = 50;
const CRUXES = 20;
const REPLIES = 100;
const WARMUP = 5;
const RUNS = 100;

const where = databaseKind === 'embedded' ? 'embedded PGlite' : 'PostgreSQL';
const figures: Figure[] = [];
const record = (figure: string, value: string, target = '', met?: boolean) => {
  figures.push({ figure, value, target, ...(met === undefined ? {} : { met: met ? 'yes' : 'no' }) });
  console.log(`  ${figure}: ${value}${target ? ` (target ${target}${met === undefined ? '' : met ? ', met' : ', missed'})` : ''}`);
};

try {
  const t0 = performance.now();
  const suffix = Date.now().toString(36);
  const workspace = await db.workspace.create({ data: { slug: `bench-claim-${suffix}`, name: 'Claim page bench' }, select: { id: true, slug: true } });
  await db.user.createMany({ data: Array.from({ length: RATINGS }, (_, i) => ({ id: `bench-u${i}-${suffix}`, email: `bench-claim-${i}-${suffix}@example.test`, name: `Reviewer ${i}` })) });
  const userIds = Array.from({ length: RATINGS }, (_, i) => `bench-u${i}-${suffix}`);
  await db.membership.createMany({ data: userIds.map((userId, i) => ({ workspaceId: workspace.id, userId, role: i === 0 ? 'owner' : 'reviewer' })) });
  const paragraphs = Array.from({ length: 120 }, (_, i) => `Paragraph ${i}: a sentence about scaling, evidence and what follows from it, number ${i}.`);
  const ownerCtx = await loadWorkspaceContext({ actor: userActor(userIds[0] as string), workspace: workspace.id });
  const imported = await importDocument({ ctx: ownerCtx, input: { slug: 'bench-essay', text: ['# Bench essay', ...paragraphs].join('\n\n') } });
  const document = await db.document.findUniqueOrThrow({ where: { workspaceId_id: { workspaceId: workspace.id, id: imported.documentId } }, select: { id: true, createdAt: true, currentVersion: { select: { id: true, text: true } } } });
  const version = document.currentVersion as { id: string; text: string };
  const at = (i: number) => {
    const exact = paragraphs[i % paragraphs.length] as string;
    const start = version.text.indexOf(exact);
    return { exact, start, end: start + exact.length, versionId: version.id, anchoredVersionId: version.id, anchoredStart: start, anchoredEnd: start + exact.length };
  };
  const base = { workspaceId: workspace.id, documentId: document.id };
  const claim = await db.claim.create({ data: { workspaceId: workspace.id, statement: 'Scaling alone leads to general intelligence.', createdById: userIds[0] as string }, select: { id: true } });
  const others = await Promise.all(
    Array.from({ length: CRUXES }, (_, i) => db.claim.create({ data: { workspaceId: workspace.id, statement: `Crux claim ${i}`, createdById: userIds[i] as string }, select: { id: true } })),
  );
  const round2 = new Date(Date.now() - 60_000);
  await db.round.create({ data: { workspaceId: workspace.id, documentId: document.id, number: 2, openedAt: round2 } });
  // every reviewer: a claim annotation's probability (two revisions, one per round)
  await db.annotation.createMany({
    data: userIds.map((authorId, i) => ({ ...base, ...at(i), id: `bench-p${i}-${suffix}`, authorId, kind: 'probability' as const, claimId: claim.id, value: (i % 100) / 100 })),
  });
  await db.credence.createMany({
    data: userIds.map((userId, i) => ({ id: `bench-c${i}-${suffix}`, workspaceId: workspace.id, claimId: claim.id, userId, annotationId: `bench-p${i}-${suffix}`, value: (i % 100) / 100 })),
  });
  await db.credenceRevision.createMany({
    data: userIds.flatMap((userId, i) => [
      { workspaceId: workspace.id, credenceId: `bench-c${i}-${suffix}`, claimId: claim.id, userId, value: ((i + 30) % 100) / 100, createdAt: new Date(round2.getTime() - 60_000) },
      { workspaceId: workspace.id, credenceId: `bench-c${i}-${suffix}`, claimId: claim.id, userId, value: (i % 100) / 100, createdAt: new Date(round2.getTime() + 1000 + i) },
    ]),
  });
  const rationale = (text: string) => ({ rationale: { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text }] }] }, rationaleText: text });
  await db.annotation.createMany({
    data: Array.from({ length: EVIDENCE }, (_, i) => ({
      ...base,
      ...at(i + 3),
      id: `bench-e${i}-${suffix}`,
      authorId: userIds[i % RATINGS] as string,
      kind: 'evidence' as const,
      claimId: claim.id,
      stance: i % 2 === 0 ? ('for' as const) : ('against' as const),
      strength: (i % 3) + 1,
      sourceUrl: `https://example.org/source/${i}`,
      ...rationale(`Rationale ${i}: why this passage bears on the claim, in a sentence or two of plain text.`),
    })),
  });
  await db.annotation.createMany({
    data: others.map((other, i) => ({ ...base, ...at(i + 60), authorId: userIds[i] as string, kind: 'crux' as const, claimId: i % 2 === 0 ? other.id : claim.id, forClaimId: i % 2 === 0 ? claim.id : other.id, direction: i % 3 === 0 ? ('less' as const) : ('more' as const) })),
  });
  await db.reply.createMany({
    data: Array.from({ length: REPLIES }, (_, i) => ({
      workspaceId: workspace.id,
      annotationId: `bench-e${i % EVIDENCE}-${suffix}`,
      authorId: userIds[(i * 7) % RATINGS] as string,
      body: { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: `Reply ${i}` }] }] },
      bodyText: `Reply ${i}`,
    })),
  });
  console.log(`  made the claim's ${RATINGS} ratings, ${EVIDENCE} pieces of evidence, ${CRUXES} cruxes and ${REPLIES} replies in ${ms(performance.now() - t0)}`);

  const viewer = userIds[7] as string;
  const view = async () => getClaimPage({ ctx: await loadWorkspaceContext({ actor: userActor(viewer), workspace: workspace.slug }), id: claim.id });
  const page = await view();
  if (page.counts.credences !== RATINGS || page.counts.evidenceFor + page.counts.evidenceAgainst !== EVIDENCE || page.counts.replies !== REPLIES) {
    throw new Error(`the claim page shows ${JSON.stringify(page.counts)}`);
  }
  for (let i = 0; i < WARMUP; i++) await view();
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const started = performance.now();
    await view();
    times.push(performance.now() - started);
  }
  const label = `claim page (${RATINGS} ratings, ${EVIDENCE} evidence, ${REPLIES} replies) on ${where}`;
  const p95 = percentile(times, 95);
  record(`${label}: p50 of ${RUNS}`, ms(percentile(times, 50)));
  record(`${label}: p95 of ${RUNS}`, ms(p95));
  record(`${label}: answer size`, `${(JSON.stringify(page).length / 1024).toFixed(0)} KiB`);
} finally {
  await closeDb();
}

await writeFile(args.out, JSON.stringify(figures));
process.exit(0);
