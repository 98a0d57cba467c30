// Blind review: on a blind document, a reviewer sees others' credences on a claim only once they have entered
// their own; opening a round reveals to every reader the credences as they stood at that moment. This module
// decides, for one viewer and some claims, which credences are hidden and what has been revealed, and masks
// the claim, annotation and reader-layer answers accordingly. The rule, in full:
// - A claim is blind when a live annotation on a blind document (archived or not) names it (claimId or forClaimId):
//   claims are shared across documents, so a claim on a blind document is blind wherever it is read.
// - Owners see every credence. Anyone else with a current credence on a claim sees every current credence on it.
// - Everyone else (reviewers who have not rated it, observers, readers of a public workspace) sees, of a blind
//   claim, the credences as they stood when the latest round was opened on its blind document(s): each
//   reviewer's latest revision made before that moment, for credences still current. In round 1 that is
//   nothing. A claim on several blind documents reveals as of the earliest of their latest rounds.
import { db } from '../db';
import type { Role } from '../generated/prisma/client';
import { hasRole } from '../context/context';

export type BlindViewer = { userId: string | null; role: Role | null };

/** A credence as revealed at a round's opening: its value then, and when that value was given. */
export type RevealedCredence = { userId: string; name: string; value: number; at: Date };

export type BlindFilter = {
  /** blind claims whose current credences this viewer may not see (other than their own, which they lack) */
  hidden: ReadonlySet<string>;
  /** per hidden claim: the moment its credences were revealed (null: round 1, nothing revealed yet) */
  revealedAt: ReadonlyMap<string, Date | null>;
  /** per hidden claim: the credences revealed then, by reviewer */
  revealed: ReadonlyMap<string, RevealedCredence[]>;
};

/**
 * Which of `claimIds` are blind, with the moment each was last revealed (epoch ms; null: nothing yet): the
 * opening of the latest round on its blind document, the earliest such moment over several. One query; an empty
 * map when the workspace has no blind document.
 */
export async function blindClaims(workspaceId: string, claimIds: readonly string[]): Promise<Map<string, number | null>> {
  if (claimIds.length === 0) return new Map();
  const rows = await db.$queryRaw<{ claimId: string; revealedAt: number | null }[]>`
    WITH blind_docs AS (
      SELECT d.id,
             (SELECT (extract(epoch FROM max(r."openedAt")) * 1000)::float8 FROM "Round" r
               WHERE r."workspaceId" = ${workspaceId} AND r."documentId" = d.id) AS revealed
        FROM "Document" d
       WHERE d."workspaceId" = ${workspaceId} AND d.blind
    ),
    refs AS (
      SELECT a."claimId" AS "claimId", a."documentId"
        FROM "Annotation" a JOIN blind_docs b ON b.id = a."documentId"
       WHERE a."workspaceId" = ${workspaceId} AND a."deletedAt" IS NULL AND a."claimId" = ANY(${claimIds as string[]}::text[])
      UNION
      SELECT a."forClaimId", a."documentId"
        FROM "Annotation" a JOIN blind_docs b ON b.id = a."documentId"
       WHERE a."workspaceId" = ${workspaceId} AND a."deletedAt" IS NULL AND a."forClaimId" = ANY(${claimIds as string[]}::text[])
    )
    SELECT refs."claimId",
           CASE WHEN bool_or(b.revealed IS NULL) THEN NULL ELSE min(b.revealed) END AS "revealedAt"
      FROM refs JOIN blind_docs b ON b.id = refs."documentId"
     GROUP BY refs."claimId"`;
  return new Map(rows.map((row) => [row.claimId, row.revealedAt === null ? null : Number(row.revealedAt)]));
}

/**
 * What this viewer may see of the credences on `claimIds`; null when nothing is hidden from them (owners, a
 * workspace without blind documents, or a viewer who rated every blind claim among them).
 */
export async function blindFilterFor({
  workspaceId,
  viewer,
  claimIds,
}: {
  workspaceId: string;
  viewer: BlindViewer;
  claimIds: readonly string[];
}): Promise<BlindFilter | null> {
  if (hasRole(viewer.role, 'owner') || claimIds.length === 0) return null;
  const blind = await blindClaims(workspaceId, [...new Set(claimIds)]);
  if (blind.size === 0) return null;
  const rated = viewer.userId
    ? await db.credence.findMany({
        where: { workspaceId, userId: viewer.userId, deletedAt: null, claimId: { in: [...blind.keys()] } },
        select: { claimId: true },
      })
    : [];
  for (const { claimId } of rated) blind.delete(claimId);
  if (blind.size === 0) return null;
  const revealedAt = new Map([...blind].map(([claimId, at]) => [claimId, at === null ? null : new Date(at)]));
  return { hidden: new Set(blind.keys()), revealedAt, revealed: await revealedCredences(workspaceId, blind) };
}

/** Each reviewer's latest revision before the claim's reveal moment, for credences that are still current. */
async function revealedCredences(workspaceId: string, blind: ReadonlyMap<string, number | null>): Promise<Map<string, RevealedCredence[]>> {
  const ids: string[] = [];
  const cutoffs: number[] = [];
  for (const [claimId, at] of blind) {
    if (at === null) continue;
    ids.push(claimId);
    cutoffs.push(at);
  }
  const revealed = new Map<string, RevealedCredence[]>();
  if (ids.length === 0) return revealed;
  // Two plain reads rather than a join, so the plan stays an index scan without table statistics.
  const [rows, current] = await Promise.all([
    db.$queryRaw<{ claimId: string; userId: string; value: number; at: Date }[]>`
      WITH cut AS (
        SELECT c.id, to_timestamp(c.ms / 1000.0) AT TIME ZONE 'UTC' AS at
          FROM unnest(${ids}::text[], ${cutoffs}::float8[]) AS c(id, ms)
      )
      SELECT DISTINCT ON (r."claimId", r."userId") r."claimId", r."userId", r.value, r."createdAt" AS at
        FROM "CredenceRevision" r JOIN cut ON cut.id = r."claimId" AND r."createdAt" < cut.at
       WHERE r."workspaceId" = ${workspaceId} AND r."claimId" = ANY(${ids}::text[])
       ORDER BY r."claimId", r."userId", r."createdAt" DESC, r.id DESC`,
    db.credence.findMany({
      where: { workspaceId, claimId: { in: ids }, deletedAt: null },
      select: { claimId: true, userId: true, user: { select: { name: true } } },
    }),
  ]);
  const names = new Map(current.map((c) => [`${c.claimId}\n${c.userId}`, c.user.name]));
  for (const row of rows) {
    const name = names.get(`${row.claimId}\n${row.userId}`);
    if (name === undefined) continue; // withdrawn since
    const list = revealed.get(row.claimId) ?? [];
    list.push({ userId: row.userId, name, value: Number(row.value), at: row.at });
    revealed.set(row.claimId, list);
  }
  return revealed;
}

/** A credence list entry as the claim answers show it. */
type CredenceEntry = { user: { id: string; name: string }; value: number; updatedAt: string };

/** A claim answer with credences hidden as the filter says: the revealed ones instead, and a `credencesHidden` flag. */
export function maskClaim<T extends { id: string; credences: CredenceEntry[]; myCredence: number | null }>(
  claim: T,
  filter: BlindFilter | null,
): T & { credencesHidden: boolean } {
  if (!filter?.hidden.has(claim.id)) return { ...claim, credencesHidden: false };
  const revealed = (filter.revealed.get(claim.id) ?? [])
    .map((c) => ({ user: { id: c.userId, name: c.name }, value: c.value, updatedAt: c.at.toISOString() }))
    .sort((a, b) => a.updatedAt.localeCompare(b.updatedAt) || a.user.id.localeCompare(b.user.id));
  return { ...claim, credences: revealed, myCredence: null, credencesHidden: true };
}

/** Revisions of a hidden claim: those made before its reveal moment only. */
export function maskRevisions<T extends { createdAt: string }>(claimId: string, revisions: T[], filter: BlindFilter | null): T[] {
  if (!filter?.hidden.has(claimId)) return revisions;
  const at = filter.revealedAt.get(claimId) ?? null;
  if (at === null) return [];
  const cutoff = at.getTime();
  return revisions.filter((r) => Date.parse(r.createdAt) < cutoff);
}

/**
 * A probability annotation's value is its author's current credence: hidden (probability: null) from a viewer
 * who may not see the credences on its claim, unless the viewer wrote it.
 */
export function maskProbability<T extends { kind: string; author: { id: string }; probability: { claimId: string; value: number } | null }>(
  annotation: T,
  viewer: BlindViewer,
  filter: BlindFilter | null,
): T {
  if (!filter || annotation.kind !== 'probability' || !annotation.probability) return annotation;
  if (annotation.author.id === viewer.userId || !filter.hidden.has(annotation.probability.claimId)) return annotation;
  return { ...annotation, probability: null };
}

/** The claims referenced by some annotations (their claim, and a crux's claim C). */
export function referencedClaimIds(annotations: readonly { claimId: string | null; crux?: { forClaimId: string } | null }[]): string[] {
  const ids = new Set<string>();
  for (const a of annotations) {
    if (a.claimId) ids.add(a.claimId);
    if (a.crux?.forClaimId) ids.add(a.crux.forClaimId);
  }
  return [...ids];
}
