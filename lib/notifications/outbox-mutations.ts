// The outbox's state changes. A worker claims due rows in one short transaction (FOR UPDATE SKIP LOCKED: two
// workers never claim the same row), which marks them "sending" with a lease and fixes their Message-ID; it
// sends after that commit and marks the row "sent" after. A row still "sending" when its lease ends belonged to a
// worker that stopped mid-send: the mail may or may not have left, so it is marked failed and never sent again.
// At most once, then — the "never twice" — at the price of losing a mail to a crash at that instant.
import { db } from '../db';

export type ClaimedMail = { id: string; userId: string; notificationId: string | null; digestDay: string | null; messageId: string; attempts: number };

/** How long a claimed row is the claiming worker's. */
export const LEASE_MS = 2 * 60_000;
/** Attempts before a row is given up. */
export const MAX_ATTEMPTS = 5;
/** Rows older than this are not sent at all (e.g. queued while the server had no mail configured). */
export const MAX_AGE_MS = 3 * 86_400_000;

/** Claims up to `limit` due rows for this worker. */
export async function claimDueMail({ now = new Date(), limit = 20, host }: { now?: Date; limit?: number; host: string }): Promise<ClaimedMail[]> {
  const lease = new Date(now.getTime() + LEASE_MS);
  const tooOld = new Date(now.getTime() - MAX_AGE_MS);
  return db.$transaction(async (tx) => {
    await tx.$executeRaw`
      UPDATE "EmailOutbox" SET status = 'failed', "lastError" = 'stopped while sending: not sent again', "leaseUntil" = NULL
      WHERE status = 'sending' AND "leaseUntil" < ${now}`;
    await tx.$executeRaw`
      UPDATE "EmailOutbox" SET status = 'failed', "lastError" = 'too old to send'
      WHERE status = 'pending' AND "createdAt" < ${tooOld}`;
    return tx.$queryRaw<ClaimedMail[]>`
      UPDATE "EmailOutbox" AS o
      SET status = 'sending', attempts = o.attempts + 1, "leaseUntil" = ${lease},
          "messageId" = COALESCE(o."messageId", '<cruxmap-' || o.id || '@' || ${host} || '>')
      WHERE o.id IN (
        SELECT id FROM "EmailOutbox"
        WHERE status = 'pending' AND "nextAttemptAt" <= ${now}
        ORDER BY "nextAttemptAt", id
        LIMIT ${limit}
        FOR UPDATE SKIP LOCKED)
      RETURNING o.id, o."userId", o."notificationId", o."digestDay", o."messageId", o.attempts`;
  });
}

export async function markMailSent(id: string, now = new Date()): Promise<void> {
  await db.emailOutbox.updateMany({ where: { id, status: 'sending' }, data: { status: 'sent', sentAt: now, leaseUntil: null, lastError: null } });
}

/** Not sent and not to be: nothing to say any more, the person turned mail off, or the attempts ran out. */
export async function markMailFailed(id: string, reason: string): Promise<void> {
  await db.emailOutbox.updateMany({ where: { id, status: 'sending' }, data: { status: 'failed', leaseUntil: null, lastError: reason.slice(0, 500) } });
}

/** The mail certainly did not leave: try again at `at`. */
export async function scheduleMailRetry(id: string, at: Date, reason: string): Promise<void> {
  await db.emailOutbox.updateMany({ where: { id, status: 'sending' }, data: { status: 'pending', nextAttemptAt: at, leaseUntil: null, lastError: reason.slice(0, 500) } });
}
