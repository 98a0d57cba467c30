// The assignments' "due within a day" notices (lib/assignments makes the assignments), written by the
// notification jobs: each assignment's once, however many sweeps run at the same time.
import { db } from '../db';
import { notify } from './mutations';
import { DUE_SOON_MS } from './rules';

/**
 * Writes "due within a day" for every assignment that has come within DUE_SOON_MS of its due date and has not had
 * it, once each (rows claimed with SKIP LOCKED, so concurrent sweeps split the work). Answers how many.
 */
export async function sweepDueAssignments({ now = new Date(), limit = 500 }: { now?: Date; limit?: number } = {}): Promise<number> {
  const horizon = new Date(now.getTime() + DUE_SOON_MS);
  const since = new Date(now.getTime() - DUE_SOON_MS);
  return db.$transaction(async (tx) => {
    const due = await tx.$queryRaw<{ id: string; workspaceId: string; documentId: string; userId: string }[]>`
      SELECT a.id, a."workspaceId", a."documentId", a."userId" FROM "Assignment" a
      JOIN "Document" d ON d."workspaceId" = a."workspaceId" AND d.id = a."documentId" AND d."archivedAt" IS NULL
      WHERE a."dueNotifiedAt" IS NULL AND a."dueAt" IS NOT NULL AND a."dueAt" <= ${horizon} AND a."dueAt" > ${since}
      ORDER BY a."dueAt", a.id LIMIT ${limit}
      FOR UPDATE OF a SKIP LOCKED`;
    for (const a of due) {
      await tx.assignment.update({ where: { workspaceId_id: { workspaceId: a.workspaceId, id: a.id } }, data: { dueNotifiedAt: now } });
      await notify(tx, { workspaceId: a.workspaceId, type: 'assignment_due', actorId: null, documentId: a.documentId, subjectId: a.id, candidates: [a.userId] });
    }
    return due.length;
  });
}
