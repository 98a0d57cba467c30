// Blind review's reads (the rule is in blind.ts): which claims are blind, and what one viewer may see of their
// credences.
import { hasRole } from '../context/context';
import { db } from '../db';
import type { BlindFilter, BlindViewer, RevealedCredence } from './blind';

/** Above this many claims blindClaims first asks whether the workspace has a blind document at all. */
const MANY_CLAIMS = 200;

/**
 * Which of `claimIds` are blind, with the moment each was last revealed (epoch ms; null: nothing yet): the
 * opening of the latest round on its blind document, the earliest such moment over several. One query; an empty
 * map when the workspace has no blind document.
 */
export async function blindClaims({ workspaceId, claimIds }: { workspaceId: string; claimIds: readonly string[] }): Promise<Map<string, number | null>> {
  if (claimIds.length === 0) return new Map();
  // Planning the query below with thousands of ids costs PostgreSQL ~20 ms (an estimate per array element) even
  // when the workspace has no blind document, which is most of them: ask that first when the list is long.
  if (claimIds.length > MANY_CLAIMS) {
    const [row] = await db.$queryRaw<{ any: boolean }[]>`SELECT EXISTS (SELECT 1 FROM "Document" WHERE "workspaceId" = ${workspaceId} AND blind) AS "any"`;
    if (!row?.any) return new Map();
  }
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
  const blind = await blindClaims({ workspaceId, claimIds: [...new Set(claimIds)] });
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
