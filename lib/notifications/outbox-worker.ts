// The outbox worker: claims due mail (outbox-mutations.ts), writes each message from what the recipient may
// see now, sends it with the configured mailer, and records the outcome. A failure that certainly happened
// before the message was handed over (no connection, refused login, refused recipient) is retried with
// exponential back-off; any other failure is given up, as a crash mid-send is, so no mail ever goes twice.
// Run on an interval inside the app's server (lib/server/notification-jobs.ts) and by `npx cruxmap notifications send`.
import { sealLink } from '../auth/sealed-links';
import { publicBaseUrl } from '../env';
import { defaultMailer, type Mailer } from '../mail/mailer';
import { claimDueMail, markMailFailed, markMailSent, MAX_ATTEMPTS, scheduleMailRetry, type ClaimedMail } from './outbox-mutations';
import { digestMail, instantMail } from './outbox-messages';
import { mailItems, recipientOf } from './outbox-queries';
import { retryDelayMs } from './rules';

/** How long an unsubscribe link in a mail works. */
const UNSUBSCRIBE_TTL_S = 365 * 86_400;
/** Errors nodemailer raises before any message data reached the server. */
const BEFORE_HANDOVER = new Set(['ECONNECTION', 'EDNS', 'EAUTH', 'ETLS', 'EENVELOPE', 'ECONNREFUSED', 'ENOAUTH']);

export type OutboxRun = { sent: number; retried: number; failed: number };

export const unsubscribeUrl = (userId: string, baseUrl = publicBaseUrl()): string =>
  `${baseUrl}/api/v1/notifications/unsubscribe?token=${sealLink('unsubscribe', { u: userId }, UNSUBSCRIBE_TTL_S)}`;

function isBeforeHandover(error: unknown): boolean {
  const e = error as { code?: unknown; command?: unknown };
  if (typeof e.code === 'string' && BEFORE_HANDOVER.has(e.code)) return true;
  // a socket error or timeout while connecting, before any command carried the message
  return e.command === 'CONN';
}

async function deliver(mailer: Mailer, row: ClaimedMail, now: Date, baseUrl: string): Promise<keyof OutboxRun> {
  const recipient = await recipientOf(row.userId);
  if (!recipient || recipient.choice === 'off') {
    await markMailFailed(row.id, 'email notifications are off');
    return 'failed';
  }
  const items = await mailItems({ userId: row.userId, notificationId: row.notificationId ?? undefined, day: row.digestDay ?? undefined });
  if (items.length === 0) {
    await markMailFailed(row.id, 'nothing the recipient may see any more');
    return 'failed';
  }
  const envelope = { to: recipient.email, messageId: row.messageId, baseUrl, unsubscribeUrl: unsubscribeUrl(row.userId, baseUrl) };
  const message = row.digestDay ? digestMail(envelope, row.digestDay, items) : instantMail(envelope, items[0]!);
  try {
    await mailer.send(message);
  } catch (error) {
    const raw = (error as { code?: unknown }).code;
    const code = typeof raw === 'string' ? raw : 'error';
    if (isBeforeHandover(error) && row.attempts < MAX_ATTEMPTS) {
      await scheduleMailRetry(row.id, new Date(now.getTime() + retryDelayMs(row.attempts)), code);
      return 'retried';
    }
    console.error(`[outbox] gave up on a ${message.kind} mail: ${code}`);
    await markMailFailed(row.id, `${code}: not retried`);
    return 'failed';
  }
  await markMailSent(row.id);
  return 'sent';
}

/** Sends what is due, in batches, until nothing is (or `maxBatches`); without a mailer, nothing. */
export async function runOutbox({ mailer = defaultMailer(), now = new Date(), batch = 20, maxBatches = 10 }: { mailer?: Mailer | null; now?: Date; batch?: number; maxBatches?: number } = {}): Promise<OutboxRun> {
  const run: OutboxRun = { sent: 0, retried: 0, failed: 0 };
  if (!mailer) return run;
  const baseUrl = publicBaseUrl();
  const host = new URL(baseUrl).hostname || 'cruxmap.invalid';
  for (let i = 0; i < maxBatches; i += 1) {
    const rows = await claimDueMail({ now, limit: batch, host });
    for (const row of rows) run[await deliver(mailer, row, now, baseUrl)] += 1;
    if (rows.length < batch) break;
  }
  return run;
}
