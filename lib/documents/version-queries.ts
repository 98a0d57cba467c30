// Document versions as anchoring needs them: the canonical text and the passage ranges. Versions never change
// once written, so they are cached in memory by id (a small LRU), which keeps annotation writes from reading
// a whole text from the database each time.
import { db } from '../db';
import type { Prisma } from '../generated/prisma/client';

/** A passage's range in its version's text. */
export type PassageRange = { id: string; start: number; end: number };

export type VersionText = { id: string; documentId: string; workspaceId: string; number: number; text: string; passages: PassageRange[] };

const MAX_CACHED = 64;
const cache = new Map<string, VersionText>();

type Reader = Pick<Prisma.TransactionClient, 'documentVersion' | 'passage'>;

export async function loadVersion({ workspaceId, versionId, client = db }: { workspaceId: string; versionId: string; client?: Reader }): Promise<VersionText> {
  const hit = cache.get(versionId);
  if (hit && hit.workspaceId === workspaceId) {
    cache.delete(versionId);
    cache.set(versionId, hit);
    return hit;
  }
  // one after the other: inside a transaction the client has a single connection
  const version = await client.documentVersion.findUniqueOrThrow({
    where: { workspaceId_id: { workspaceId, id: versionId } },
    select: { id: true, documentId: true, workspaceId: true, number: true, text: true },
  });
  const passages = await client.passage.findMany({ where: { workspaceId, versionId }, orderBy: { index: 'asc' }, select: { id: true, start: true, end: true } });
  const loaded: VersionText = { ...version, passages };
  cache.set(versionId, loaded);
  if (cache.size > MAX_CACHED) cache.delete(cache.keys().next().value as string);
  return loaded;
}

/** Passage ranges of several versions at once (for listing annotations across documents). */
export async function passagesByVersion({ workspaceId, versionIds, client = db }: { workspaceId: string; versionIds: readonly string[]; client?: Reader }): Promise<Map<string, PassageRange[]>> {
  const result = new Map<string, PassageRange[]>();
  const missing: string[] = [];
  for (const id of new Set(versionIds)) {
    const hit = cache.get(id);
    if (hit && hit.workspaceId === workspaceId) result.set(id, hit.passages);
    else missing.push(id);
  }
  for (const id of missing) result.set(id, (await loadVersion({ workspaceId, versionId: id, client })).passages);
  return result;
}
