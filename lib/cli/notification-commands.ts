// `cruxmap notifications send`: the server's notification jobs run once (due-date notices, then the mail outbox),
// for operators and tests. Without SMTP_URL and MAIL_FROM the notices are written and no mail is sent (exit 1).
import { isMailConfigured } from '../env';
import { assertDatabaseAvailable } from './database-guard';

export async function notificationsSend(out: { log: (line: string) => void; error: (line: unknown) => void }): Promise<number> {
  assertDatabaseAvailable();
  const { runNotificationJobs } = await import('../notifications/jobs');
  const run = await runNotificationJobs();
  out.log(`due-date notices written: ${run.dueSoon}`);
  if (!isMailConfigured()) {
    out.error('cruxmap: mail is not configured (set SMTP_URL and MAIL_FROM): no notification mail was sent');
    return 1;
  }
  out.log(`mail sent: ${run.sent}, to retry: ${run.retried}, given up: ${run.failed}`);
  return 0;
}
