// Writing notifications, inside the transaction of the event that causes them (`notify`, called by the reply,
// annotation, round, claim, invitation and assignment mutations), so a rolled-back event tells nobody; each new
// notification queues its mail (instant: one row; daily: the recipient's row for the day) and pings the
// recipient's live channel at commit. Also a user's own writes: read state and settings.
import { LIMITS } from '../limits';
import { db } from '../db';
import type { Prisma } from '../generated/prisma/client';
import { pingUsers } from '../journal/live-channel';
import { chooseRecipients, mutedAfter, nextUtcDay, settingsDto, utcDay } from './rules';
import type { NotificationSettingsDto, NotificationType, ReadInput, SettingsInput } from './schemas';
import { unreadCount } from './queries';

type Tx = Prisma.TransactionClient;

/** The most people one event notifies (a reply in a huge workspace is still bounded work). */
const RECIPIENTS_MAX = LIMITS.notifications.recipientsPerEvent;

export type NotificationEvent = {
  workspaceId: string;
  type: NotificationType;
  /** who caused it (never told); null: the operator or the system */
  actorId: string | null;
  documentId?: string | null;
  annotationId?: string | null;
  subjectId?: string | null;
  /** who might be told; filtered by `chooseRecipients` */
  candidates: Iterable<string>;
  /** an invitation goes to someone not yet a member: any account may receive it */
  toNonMembers?: boolean;
  /** when it happened, if not now (the demo's batch writer, lib/demo/batch-mutations.ts, writes past events) */
  at?: Date;
};

/** Writes the event's notifications in `tx` and answers who was told. */
export async function notify(tx: Tx, event: NotificationEvent): Promise<string[]> {
  const candidates = [...new Set(event.candidates)].filter((id) => id !== event.actorId).slice(0, RECIPIENTS_MAX);
  if (candidates.length === 0) return [];
  const members = event.toNonMembers
    ? await tx.user.findMany({ where: { id: { in: candidates } }, select: { id: true } })
    : await tx.membership.findMany({ where: { workspaceId: event.workspaceId, userId: { in: candidates }, workspace: { archivedAt: null } }, select: { userId: true } });
  const settings = await tx.notificationSettings.findMany({ where: { userId: { in: candidates } }, select: { userId: true, email: true, mutedTypes: true } });
  const recipients = chooseRecipients({
    candidates,
    actorId: event.actorId,
    members: new Set(members.map((m) => ('userId' in m ? m.userId : m.id))),
    mutedTypes: new Map(settings.map((s) => [s.userId, s.mutedTypes])),
    type: event.type,
  });
  if (recipients.length === 0) return [];
  const now = event.at ?? new Date();
  const created = await tx.notification.createManyAndReturn({
    data: recipients.map((userId) => ({
      workspaceId: event.workspaceId,
      userId,
      type: event.type,
      actorId: event.actorId,
      documentId: event.documentId ?? null,
      annotationId: event.annotationId ?? null,
      subjectId: event.subjectId ?? null,
      createdAt: now,
    })),
    select: { id: true, userId: true },
  });
  const emailOf = new Map(settings.map((s) => [s.userId, s.email]));
  // an invitation is mailed by itself (lib/workspaces/invitation-mutations.ts): its notification stays in the app
  if (event.type === 'invitation') emailOf.clear();
  const instant = created.filter((n) => emailOf.get(n.userId) === 'instant');
  if (instant.length > 0) await tx.emailOutbox.createMany({ data: instant.map((n) => ({ userId: n.userId, notificationId: n.id })) });
  const daily = recipients.filter((id) => emailOf.get(id) === 'daily');
  if (daily.length > 0) {
    const day = utcDay(now);
    await tx.emailOutbox.createMany({ data: daily.map((userId) => ({ userId, digestDay: day, nextAttemptAt: nextUtcDay(day) })), skipDuplicates: true });
  }
  await pingUsers(tx, recipients);
  return recipients;
}

/** Marks the user's notifications read (those named, or all); answers how many changed and the unread count. */
export async function markRead({ userId, input }: { userId: string; input: ReadInput }): Promise<{ updated: number; unread: number }> {
  const where: Prisma.NotificationWhereInput = 'all' in input ? { userId, readAt: null } : { userId, readAt: null, id: { in: input.ids } };
  const { count } = await db.notification.updateMany({ where, data: { readAt: new Date() } });
  return { updated: count, unread: await unreadCount({ userId }) };
}

export async function updateNotificationSettings({ userId, input }: { userId: string; input: SettingsInput }): Promise<NotificationSettingsDto> {
  return db.$transaction(async (tx) => {
    const current = await tx.notificationSettings.findUnique({ where: { userId }, select: { email: true, mutedTypes: true } });
    const next = {
      email: input.email ?? current?.email ?? 'off',
      mutedTypes: input.types ? mutedAfter(current?.mutedTypes ?? [], input.types) : (current?.mutedTypes ?? []),
    };
    const row = await tx.notificationSettings.upsert({ where: { userId }, create: { userId, ...next }, update: next, select: { email: true, mutedTypes: true } });
    return settingsDto(row);
  });
}

/** The one-click unsubscribe: email off for this user (idempotent); false when the account is gone. */
export async function turnEmailOff({ userId }: { userId: string }): Promise<boolean> {
  const user = await db.user.findUnique({ where: { id: userId }, select: { id: true } });
  if (!user) return false;
  await db.notificationSettings.upsert({ where: { userId }, create: { userId, email: 'off' }, update: { email: 'off' } });
  return true;
}

/** Tells everyone with a live credence on the claims (a claim merged or reworded). */
export async function notifyClaimRaters(
  tx: Tx,
  event: { workspaceId: string; type: 'claim_merged' | 'claim_edited'; actorId: string | null; claimIds: string[]; subjectId: string },
): Promise<string[]> {
  const raters = await tx.credence.findMany({
    where: { workspaceId: event.workspaceId, claimId: { in: event.claimIds }, deletedAt: null },
    select: { userId: true },
    distinct: ['userId'],
    take: RECIPIENTS_MAX,
  });
  return notify(tx, { workspaceId: event.workspaceId, type: event.type, actorId: event.actorId, subjectId: event.subjectId, candidates: raters.map((r) => r.userId) });
}

/** Tells the reviewers of a document — who annotated it, or rated a claim made on it — that a round opened. */
export async function notifyDocumentReviewers(
  tx: Tx,
  event: { workspaceId: string; documentId: string; actorId: string | null; subjectId: string; at?: Date },
): Promise<string[]> {
  const { workspaceId, documentId } = event;
  // `at` (a past round, written by the demo's batch writer): who had annotated or rated by then
  const before = event.at ? { createdAt: { lt: event.at } } : {};
  const annotators = await tx.annotation.findMany({ where: { workspaceId, documentId, deletedAt: null, ...before }, select: { authorId: true }, distinct: ['authorId'], take: RECIPIENTS_MAX });
  const raters = await tx.credence.findMany({
    where: { workspaceId, deletedAt: null, ...before, claim: { annotations: { some: { workspaceId, documentId, deletedAt: null, ...before } } } },
    select: { userId: true },
    distinct: ['userId'],
    take: RECIPIENTS_MAX,
  });
  return notify(tx, {
    workspaceId,
    type: 'round',
    actorId: event.actorId,
    documentId,
    subjectId: event.subjectId,
    candidates: [...annotators.map((a) => a.authorId), ...raters.map((r) => r.userId)],
    at: event.at,
  });
}
