// Crux links through a claim merge (B into A) and its undo, inside the merge's transaction. The rule:
// - a link naming B is re-pointed to A (its conditionals go with it);
// - a link between A and B would become "A hinges on A": it stays on B, dormant (a link naming a merged claim is
//   never listed nor counted), and comes back with the unmerge — as the merge soft-deletes the crux annotations;
// - a collision, (B, C) when A already has (A, C) (or (K, B) beside (K, A)): A's link is kept; B's stays on B,
//   dormant, and its conditionals of reviewers who had none on A's link move to A's link (with their history, which
//   names the conditional row, not the link). A reviewer who had conditionals on both keeps A's; their B ones wait
//   on the dormant link. The unmerge moves those conditionals back and re-points the moved links to B.
// Afterwards every live crux annotation naming A or B has its link again (a link re-pointed back to B may have
// been the one a crux made on A since the merge used).
import type { Prisma } from '../generated/prisma/client';
import { ensureCruxLinks } from '../cruxes/mutations';
import type { MergeUndo } from './merge-plan';

type Tx = Prisma.TransactionClient;

/** Re-points B's crux links to A as the module says; returns the undo data. */
export async function mergeCruxLinks(
  tx: Tx,
  workspaceId: string,
  source: string,
  target: string,
): Promise<Pick<MergeUndo, 'cruxLinksMoved' | 'conditionalsMoved'>> {
  const links = await tx.cruxLink.findMany({
    where: { workspaceId, OR: [{ cruxClaimId: source }, { forClaimId: source }] },
    select: { id: true, cruxClaimId: true, forClaimId: true },
    orderBy: { id: 'asc' },
  });
  const cruxLinksMoved: NonNullable<MergeUndo['cruxLinksMoved']> = [];
  const conditionalsMoved: NonNullable<MergeUndo['conditionalsMoved']> = [];
  for (const link of links) {
    const end = link.cruxClaimId === source ? 'cruxClaimId' : 'forClaimId';
    const k = end === 'cruxClaimId' ? target : link.cruxClaimId;
    const c = end === 'forClaimId' ? target : link.forClaimId;
    if (k === c) continue; // between A and B: stays on B, dormant
    const existing = await tx.cruxLink.findUnique({ where: { workspaceId_cruxClaimId_forClaimId: { workspaceId, cruxClaimId: k, forClaimId: c } }, select: { id: true } });
    if (!existing) {
      await tx.cruxLink.update({ where: { workspaceId_id: { workspaceId, id: link.id } }, data: { [end]: target } });
      cruxLinksMoved.push({ id: link.id, end });
      continue;
    }
    const moved = await tx.$queryRaw<{ id: string }[]>`
      UPDATE "CruxConditional" SET "linkId" = ${existing.id}
       WHERE "workspaceId" = ${workspaceId} AND "linkId" = ${link.id}
         AND "userId" NOT IN (SELECT "userId" FROM "CruxConditional" WHERE "workspaceId" = ${workspaceId} AND "linkId" = ${existing.id})
      RETURNING id`;
    for (const m of moved) conditionalsMoved.push({ id: m.id, fromLinkId: link.id });
  }
  return { cruxLinksMoved, conditionalsMoved };
}

/** Undoes mergeCruxLinks from its undo data (older merges have none), then re-links A's and B's live cruxes. */
export async function unmergeCruxLinks(tx: Tx, workspaceId: string, undo: MergeUndo, source: string, target: string): Promise<void> {
  for (const m of undo.conditionalsMoved ?? []) {
    await tx.cruxConditional.updateMany({ where: { workspaceId, id: m.id }, data: { linkId: m.fromLinkId } });
  }
  for (const m of undo.cruxLinksMoved ?? []) {
    await tx.cruxLink.updateMany({ where: { workspaceId, id: m.id, [m.end]: target }, data: { [m.end]: source } });
  }
  const cruxes = await tx.annotation.findMany({
    where: { workspaceId, kind: 'crux', deletedAt: null, OR: [{ claimId: { in: [source, target] } }, { forClaimId: { in: [source, target] } }] },
    select: { claimId: true, forClaimId: true },
  });
  await ensureCruxLinks(
    tx,
    workspaceId,
    cruxes.flatMap((a) => (a.claimId && a.forClaimId ? [{ cruxClaimId: a.claimId, forClaimId: a.forClaimId }] : [])),
  );
}
