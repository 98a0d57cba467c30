// Sending mail over SMTP (nodemailer), configured by SMTP_URL and MAIL_FROM; without them nothing is sent. One
// message at a time, with bounded connection and socket timeouts, so a slow or dead mail server never holds a request
// for long. A failure is logged (never the SMTP credentials) and answered as not sent: callers store what matters
// (an invitation) before mailing about it. A later outbox can call `send` from a worker with retries.
import nodemailer from 'nodemailer';
import { env, isMailConfigured } from '../env';
import type { MailMessage } from './messages';

export type Mailer = { send: (message: MailMessage) => Promise<{ messageId: string }> };

/** A mailer for this SMTP server and sender. */
export function createMailer({ url, from }: { url: string; from: string }): Mailer {
  const transport = nodemailer.createTransport(url, {
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 20_000,
  });
  return {
    async send(message) {
      const info = await transport.sendMail({
        from,
        to: message.to,
        subject: message.subject,
        text: message.text,
        ...(message.messageId ? { messageId: message.messageId } : {}),
        headers: {
          ...message.headers,
          // no auto-replies, vacation notices or bounces to a human
          'Auto-Submitted': 'auto-generated',
          'X-Cruxmap-Mail': message.kind,
        },
      });
      return { messageId: String(info.messageId) };
    },
  };
}

let configured: Mailer | null | undefined;

/** The mailer SMTP_URL and MAIL_FROM configure, or null when mail is not configured. */
export function defaultMailer(): Mailer | null {
  if (configured === undefined) {
    configured = isMailConfigured() ? createMailer({ url: env.SMTP_URL as string, from: env.MAIL_FROM as string }) : null;
  }
  return configured;
}

/** Sends with the configured mailer; `false` when mail is not configured or the server refused (logged). */
export async function sendMail(message: MailMessage, mailer: Mailer | null = defaultMailer()): Promise<boolean> {
  if (!mailer) return false;
  try {
    await mailer.send(message);
    return true;
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    console.error(`[mail] could not send the ${message.kind} message: ${typeof code === 'string' ? code : 'error'}`);
    return false;
  }
}
