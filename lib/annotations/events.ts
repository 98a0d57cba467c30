// The change feed: one row per committed write (ids and versions only, never content), in the writing
// transaction, so a rolled-back write leaves no event.
import type { Prisma } from '../generated/prisma/client';

export type ChangeEntity = 'annotation' | 'claim' | 'credence' | 'reply' | 'membership';

export async function recordChange(
  tx: Prisma.TransactionClient,
  event: { workspaceId: string; documentId: string | null; entity: ChangeEntity; entityId: string; action: string; version: number },
): Promise<void> {
  await tx.changeEvent.create({ data: event });
}
