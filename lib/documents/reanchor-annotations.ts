// When a document gets a new version, every annotation on it is re-anchored onto the new text: from where it
// sat on the version before (or, for orphans, from the selectors it was made with). What cannot be found
// becomes an orphan, listed as such, never dropped. Runs inside the import's transaction, yielding to the event
// loop between annotations so other requests are served while thousands are re-anchored.
import { describeRange, reanchorer, type Selectors } from '../anchoring';
import { Prisma } from '../generated/prisma/client';
import { timeSlicer } from '../time-slice';
import { loadVersion } from './version-queries';

type Tx = Prisma.TransactionClient;

const CHUNK = 500;

export async function reanchorDocument(
  tx: Tx,
  { workspaceId, documentId, version }: { workspaceId: string; documentId: string; version: { id: string; text: string } },
): Promise<{ reanchored: number; orphans: number }> {
  const rows = await tx.annotation.findMany({
    where: { workspaceId, documentId },
    select: { id: true, versionId: true, exact: true, prefix: true, suffix: true, start: true, end: true, anchorStatus: true, anchoredVersionId: true, anchoredStart: true, anchoredEnd: true },
  });
  if (rows.length === 0) return { reanchored: 0, orphans: 0 };

  // Group by the text each annotation is best described on: its last anchored version, else the one it was made on.
  const groups = new Map<string, { id: string; selectors: Selectors }[]>();
  for (const row of rows) {
    const from = row.anchorStatus !== 'orphan' && row.anchoredVersionId && row.anchoredStart !== null && row.anchoredEnd !== null
      ? { versionId: row.anchoredVersionId, start: row.anchoredStart, end: row.anchoredEnd }
      : null;
    const key = from?.versionId ?? row.versionId;
    const list = groups.get(key) ?? [];
    list.push({ id: row.id, selectors: from ? { exact: '', prefix: '', suffix: '', start: from.start, end: from.end } : { exact: row.exact, prefix: row.prefix, suffix: row.suffix, start: row.start, end: row.end } });
    groups.set(key, list);
  }

  const updates: { id: string; status: 'reanchored' | 'orphan'; start: number | null; end: number | null }[] = [];
  const yieldNow = timeSlicer();
  for (const [versionId, items] of groups) {
    const old = await loadVersion({ workspaceId, versionId, client: tx });
    const reanchor = reanchorer(old.text, version.text);
    for (const item of items) {
      await yieldNow();
      const result = reanchor(item.selectors.exact === '' ? describeRange(old.text, item.selectors.start, item.selectors.end) : item.selectors);
      updates.push(
        result.status === 'orphan'
          ? { id: item.id, status: 'orphan', start: null, end: null }
          : { id: item.id, status: 'reanchored', start: result.start, end: result.end },
      );
    }
  }

  for (let i = 0; i < updates.length; i += CHUNK) {
    const values = updates.slice(i, i + CHUNK).map((u) => Prisma.sql`(${u.id}, ${u.status}, ${u.start}::int, ${u.end}::int)`);
    await tx.$executeRaw`
      UPDATE "Annotation" AS a
         SET "anchorStatus" = v.status::"AnchorStatus",
             "anchoredVersionId" = CASE WHEN v.status = 'orphan' THEN NULL ELSE ${version.id} END,
             "anchoredStart" = v.s, "anchoredEnd" = v.e
        FROM (VALUES ${Prisma.join(values)}) AS v(id, status, s, e)
       WHERE a.id = v.id AND a."workspaceId" = ${workspaceId}`;
  }
  return {
    reanchored: updates.filter((u) => u.status !== 'orphan').length,
    orphans: updates.filter((u) => u.status === 'orphan').length,
  };
}
