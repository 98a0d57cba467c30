// What an outbox row's mail says, read when it is sent: the recipient's address and email choice, and the
// notification (or the day's notifications) as the recipient may see them now.
import { db } from '../db';
import type { MailItem } from './outbox-messages';
import { documentsOf, visibleTo } from './queries';

/** The most notifications one digest lists. */
export const DIGEST_MAX = 200;

export async function recipientOf(userId: string): Promise<{ email: string; choice: 'off' | 'instant' | 'daily' } | null> {
  const user = await db.user.findUnique({ where: { id: userId }, select: { email: true, notificationSettings: { select: { email: true } } } });
  return user ? { email: user.email, choice: user.notificationSettings?.email ?? 'off' } : null;
}

export async function mailItems({ userId, notificationId, day }: { userId: string; notificationId?: string; day?: string }): Promise<MailItem[]> {
  const visible = await visibleTo(userId);
  const range = day ? { createdAt: { gte: new Date(`${day}T00:00:00.000Z`), lt: new Date(Date.parse(`${day}T00:00:00.000Z`) + 86_400_000) } } : {};
  const rows = await db.notification.findMany({
    where: { AND: [visible, notificationId ? { id: notificationId } : range] },
    orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
    take: DIGEST_MAX,
    select: {
      workspaceId: true,
      type: true,
      documentId: true,
      annotationId: true,
      subjectId: true,
      createdAt: true,
      workspace: { select: { slug: true, name: true } },
      actor: { select: { name: true } },
    },
  });
  const documents = new Map((await documentsOf(rows)).map((d) => [d.id, d]));
  return rows.map((r) => {
    const d = r.documentId ? documents.get(r.documentId) : undefined;
    return {
      type: r.type,
      workspace: r.workspace,
      document: d ? { slug: d.slug, title: d.title } : null,
      annotationId: r.annotationId,
      actor: r.actor,
      subjectId: r.subjectId,
      createdAt: r.createdAt.toISOString(),
    };
  });
}
