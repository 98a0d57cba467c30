// The disagreement map's feed (lib/disagreement/map-inputs-queries.ts) reads every current credence of the
// document's claims once and names their raters, members or not.
// A rater id containing the unit separator the compact read joins values with is read again as JSON, with the same
// rows. On PGlite, or the server in DATABASE_URL.
import { beforeAll, describe, expect, it } from 'vitest';
import { createAnnotation } from '../../lib/annotations/mutations';
import { createAnnotationInputSchema } from '../../lib/annotations/schemas';
import { onQuery } from '../../lib/database/query-log';
import { db } from '../../lib/db';
import { ratingCount, ratingsOf } from '../../lib/aggregation';
import { loadFeed, type FeedDocument } from '../../lib/disagreement/map-inputs-queries';
import { importDocument } from '../../lib/documents/mutations';
import { newId } from '../../lib/ids';
import { createTestTeam } from '../factories';
import { contextFor } from '../factories/context';

const sentences = ['Kites rise on a steady wind.', 'Gulls follow the boats home.', 'Tides turn twice a day.', 'Fog lifts by noon.'];
const text = sentences.join('\n\n');

let team: Awaited<ReturnType<typeof createTestTeam>>;

async function documentOf(slug: string): Promise<FeedDocument> {
  const d = await db.document.findFirstOrThrow({ where: { workspaceId: team.workspace.id, slug }, select: { id: true, currentVersionId: true, createdAt: true } });
  return { id: d.id, workspaceId: team.workspace.id, currentVersionId: d.currentVersionId as string, createdAt: d.createdAt, hasBlindDocuments: false };
}

/** A document whose sentences are claims, each rated by `raters` (value by rater and claim). */
async function ratedDocument(slug: string, raters: { id: string }[]): Promise<{ document: FeedDocument; claimIds: string[] }> {
  const ctx = await contextFor(team.owner.id, team.workspace.slug);
  await importDocument({ ctx, input: { slug, text, title: slug } });
  const claimIds: string[] = [];
  for (const exact of sentences) {
    const start = text.indexOf(exact);
    const made = await createAnnotation({
      ctx,
      input: createAnnotationInputSchema.parse({ document: slug, kind: 'claim', target: { exact, start, end: start + exact.length }, claim: { statement: exact } }),
    });
    claimIds.push(made.annotation.claimId as string);
  }
  await db.credence.createMany({
    data: raters.flatMap((rater, r) =>
      claimIds.map((claimId, c) => ({ workspaceId: team.workspace.id, claimId, userId: rater.id, value: ((r * 7 + c * 3) % 11 + 1 / 3) / 11 })),
    ),
  });
  return { document: await documentOf(slug), claimIds };
}

/** The current credences of the claims as the database has them, in one order. */
async function storedRatings(claimIds: string[]) {
  const rows = await db.credence.findMany({ where: { workspaceId: team.workspace.id, claimId: { in: claimIds }, deletedAt: null }, select: { claimId: true, userId: true, value: true } });
  return rows.map((r) => ({ claimId: r.claimId, reviewerId: r.userId, value: r.value })).sort(byClaimAndRater);
}

const byClaimAndRater = (a: { claimId: string; reviewerId: string }, b: { claimId: string; reviewerId: string }) =>
  a.claimId.localeCompare(b.claimId) || a.reviewerId.localeCompare(b.reviewerId);

/** The users' ids and names in PostgreSQL's order of ids. */
async function usersInOrder(ids: string[]) {
  return db.$queryRaw<{ id: string; name: string }[]>`SELECT id, name FROM "User" WHERE id = ANY(${ids}) ORDER BY id`;
}

/** The feed, and which reads of the credences it sent: the compact one (texts and base64), then JSON if needed. */
async function loadFeedLogged(document: FeedDocument) {
  const credenceReads: string[] = [];
  const stop = onQuery(({ sql }) => {
    if (!/FROM "Credence" cr/.test(sql)) return;
    credenceReads.push(sql.includes('float8send') ? 'compact' : sql.includes('json_agg(cr.value)') ? 'json' : sql);
  });
  try {
    return { feed: await loadFeed(document), credenceReads };
  } finally {
    stop();
  }
}

beforeAll(async () => {
  team = await createTestTeam();
});

describe('the map feed', () => {
  it('reads every current credence once, a deleted one not, and names the raters in PostgreSQL\'s order of ids', async () => {
    const { document, claimIds } = await ratedDocument('members', [team.owner, team.reviewer, team.observer]);
    await db.credence.updateMany({ where: { workspaceId: team.workspace.id, claimId: claimIds[0], userId: team.observer.id }, data: { deletedAt: new Date() } });
    const { feed, credenceReads } = await loadFeedLogged(document);
    expect([...ratingsOf(feed.ratings)].sort(byClaimAndRater)).toEqual(await storedRatings(claimIds));
    expect(ratingCount(feed.ratings)).toBe(3 * claimIds.length - 1);
    // the compact read only: its values (base64 of their 8 bytes) came through exactly, so no JSON read followed
    expect(credenceReads).toEqual(['compact']);
    expect(feed.reviewers).toEqual(await usersInOrder([team.owner.id, team.reviewer.id, team.observer.id]));
  });

  it('names a rater who is no member (any more) as well', async () => {
    const former = await db.user.create({ data: { email: `former-${newId()}@example.test`, name: 'Former member' } });
    const { document, claimIds } = await ratedDocument('former', [team.reviewer, former]);
    const feed = await loadFeed(document);
    expect([...ratingsOf(feed.ratings)].sort(byClaimAndRater)).toEqual(await storedRatings(claimIds));
    expect(feed.reviewers).toEqual(await usersInOrder([team.reviewer.id, former.id]));
  });

  it('reads the credences again as JSON when an id contains the separator, with the same rows', async () => {
    const odd = await db.user.create({ data: { id: `odd\u001frater-${newId()}`, email: `odd-${newId()}@example.test`, name: 'Odd id' } });
    const { document, claimIds } = await ratedDocument('separator', [team.owner, odd]);
    const { feed, credenceReads } = await loadFeedLogged(document);
    expect(credenceReads).toEqual(['compact', 'json']);
    const stored = await storedRatings(claimIds);
    expect(stored.some((r) => r.reviewerId.includes('\u001f'))).toBe(true);
    expect([...ratingsOf(feed.ratings)].sort(byClaimAndRater)).toEqual(stored);
    expect(feed.reviewers).toEqual(await usersInOrder([team.owner.id, odd.id]));
  });
});
