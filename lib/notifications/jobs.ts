// The notification work the app's server (bin/server.ts) does on a timer: the assignments' "due within a day" sweep, then the
// mail outbox (only when SMTP is configured). `npx cruxmap notifications send` runs the same once.
import { sweepDueAssignments } from './due-mutations';
import { defaultMailer, type Mailer } from '../mail/mailer';
import { runOutbox, type OutboxRun } from './outbox-worker';

export async function runNotificationJobs({ mailer = defaultMailer(), now = new Date() }: { mailer?: Mailer | null; now?: Date } = {}): Promise<OutboxRun & { dueSoon: number }> {
  const dueSoon = await sweepDueAssignments({ now });
  return { dueSoon, ...(await runOutbox({ mailer, now })) };
}

/** Runs the jobs every `intervalMs` in this process; the function returned stops them. */
export function startNotificationJobs({ intervalMs = 30_000 }: { intervalMs?: number } = {}): () => void {
  let running = false;
  const tick = async () => {
    if (running) return;
    running = true;
    try {
      await runNotificationJobs();
    } catch (error) {
      console.error('[notifications] a background run failed', (error as Error).message);
    } finally {
      running = false;
    }
  };
  const timer = setInterval(() => void tick(), intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
