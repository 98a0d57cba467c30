// Reading a user's notifications: the inbox page (newest first, keyset cursor), the unread count and the
// settings. Only notifications from workspaces the user may read now are shown or counted — an invitation also
// while it is still pending for them — and each is joined to current names (workspace, document, actor).
import { readableWorkspaces } from '../context/permissions';
import { db } from '../db';
import { isMailConfigured } from '../env';
import { AppError } from '../errors';
import type { Prisma } from '../generated/prisma/client';
import { notificationPath } from './messages';
import { settingsDto } from './rules';
import { PAGE_SIZE, type NotificationDto, type NotificationPage, type NotificationSettingsDto } from './schemas';

/**
 * The documents notifications name, read by (workspace, id): a user's notifications span their workspaces, and
 * each document is looked up in its own (one key each, so a sharded database reads each from its shard).
 */
export async function documentsOf(rows: readonly { workspaceId: string; documentId: string | null }[]): Promise<{ id: string; slug: string; title: string }[]> {
  const keys = new Map(rows.flatMap((r) => (r.documentId === null ? [] : [[`${r.workspaceId}\u0000${r.documentId}`, { workspaceId: r.workspaceId, id: r.documentId }] as const])));
  if (keys.size === 0) return [];
  return db.document.findMany({ where: { OR: [...keys.values()] }, select: { id: true, slug: true, title: true } });
}

/**
 * The notifications a user may see: a readable workspace's, or an invitation still pending for their address (the
 * rule of lib/workspaces/invitations.ts, which cannot be imported here: that folder writes notifications).
 */
export async function visibleTo(userId: string): Promise<Prisma.NotificationWhereInput> {
  const user = await db.user.findUnique({ where: { id: userId }, select: { email: true, emailVerified: true } });
  const address = user && (user.emailVerified || !isMailConfigured()) ? user.email : null;
  const pendingInvites = address
    ? await db.invite.findMany({
        where: { email: address, uses: 0, revokedAt: null, declinedAt: null, expiresAt: { gt: new Date() }, workspace: { archivedAt: null } },
        select: { id: true },
        take: 200,
      })
    : [];
  return {
    userId,
    OR: [{ workspace: readableWorkspaces(userId) }, ...(pendingInvites.length > 0 ? [{ type: 'invitation' as const, subjectId: { in: pendingInvites.map((i) => i.id) } }] : [])],
  };
}

const encodeCursor = (n: { createdAt: Date; id: string }): string => Buffer.from(`${n.createdAt.toISOString()}|${n.id}`).toString('base64url');

function decodeCursor(cursor: string): { createdAt: Date; id: string } {
  const [at, id] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  const createdAt = new Date(at ?? '');
  if (!id || Number.isNaN(createdAt.getTime())) throw new AppError('BAD_REQUEST', 'The request is invalid.', { fields: { cursor: ['is not a cursor this API gave'] } });
  return { createdAt, id };
}

export type InboxItem = NotificationDto & { href: string };
export type InboxPage = Omit<NotificationPage, 'items'> & { items: InboxItem[] };

/** The inbox page; each item also carries `href`, the path it leads to (the pages use it; the API leaves it out). */
export async function listNotifications({ userId, unread, cursor, limit = PAGE_SIZE }: { userId: string; unread?: boolean; cursor?: string; limit?: number }): Promise<InboxPage> {
  const visible = await visibleTo(userId);
  const after = cursor ? decodeCursor(cursor) : null;
  const where: Prisma.NotificationWhereInput = {
    AND: [
      visible,
      unread ? { readAt: null } : {},
      after ? { OR: [{ createdAt: { lt: after.createdAt } }, { createdAt: after.createdAt, id: { lt: after.id } }] } : {},
    ],
  };
  const rows = await db.notification.findMany({
    where,
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    take: limit + 1,
    select: {
      id: true,
      workspaceId: true,
      type: true,
      documentId: true,
      annotationId: true,
      subjectId: true,
      createdAt: true,
      readAt: true,
      workspace: { select: { slug: true, name: true } },
      actor: { select: { id: true, name: true } },
    },
  });
  const page = rows.slice(0, limit);
  const documents = new Map((await documentsOf(page)).map((d) => [d.id, { slug: d.slug, title: d.title }]));
  const items = page.map((r) => {
    const item: NotificationDto = {
      id: r.id,
      type: r.type,
      workspace: r.workspace,
      document: r.documentId ? (documents.get(r.documentId) ?? null) : null,
      annotationId: r.annotationId,
      actor: r.actor,
      createdAt: r.createdAt.toISOString(),
      readAt: r.readAt?.toISOString() ?? null,
    };
    return { ...item, href: notificationPath({ ...item, subjectId: r.subjectId }) };
  });
  const last = page.at(-1);
  return { items, nextCursor: rows.length > limit && last ? encodeCursor(last) : null, unread: await unreadCount({ userId, visible }) };
}

export async function unreadCount({ userId, visible }: { userId: string; visible?: Prisma.NotificationWhereInput }): Promise<number> {
  return db.notification.count({ where: { AND: [visible ?? (await visibleTo(userId)), { readAt: null }] } });
}

export async function getNotificationSettings({ userId }: { userId: string }): Promise<NotificationSettingsDto> {
  return settingsDto(await db.notificationSettings.findUnique({ where: { userId }, select: { email: true, mutedTypes: true } }));
}
