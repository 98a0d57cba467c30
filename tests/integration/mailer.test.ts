// lib/mail against a real SMTP server started here (smtp-server): what a mailer sends arrives as written, and a mail
// server that cannot be reached is answered "not sent" quickly, logged without the SMTP credentials.
import { createServer, type AddressInfo } from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import { createMailer, sendMail } from '../../lib/mail/mailer';
import { invitationMessage } from '../../lib/mail/messages';
import { captureOutput } from '../support/capture-output';
import { startSmtpServer } from '../support/smtp-server';

const smtp = await startSmtpServer();
afterAll(() => smtp.close());

const message = invitationMessage({
  to: 'ada@example.test',
  workspaceName: 'Reading group',
  inviterName: 'Grace',
  role: 'observer',
  url: 'http://cruxmap.test/invites/abc',
  expiresAt: new Date('2026-12-24T00:00:00Z'),
});

/** A port nothing listens on: bound, then closed. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('mailer', () => {
  it('sends a plain-text message with the sender, recipient, subject and automatic-mail headers', async () => {
    const mailer = createMailer({ url: smtp.url, from: 'Cruxmap <noreply@example.test>' });
    expect(await sendMail(message, mailer)).toBe(true);
    const received = await smtp.waitFor((m) => m.envelope.to.includes('ada@example.test'));
    expect(received.envelope.from).toBe('noreply@example.test');
    expect(received.mail.subject).toBe('Invitation to join "Reading group" on Cruxmap');
    expect(received.mail.headers.get('auto-submitted')).toBe('auto-generated');
    expect(received.mail.headers.get('x-cruxmap-mail')).toBe('invitation');
    expect(received.mail.html).toBe(false);
    expect(received.mail.text).toContain('Grace invites you to join the workspace "Reading group" on Cruxmap as an observer.');
    expect(received.mail.text).toContain('http://cruxmap.test/invites/abc');
    expect(received.mail.text).toContain('valid until 2026-12-24');
  });

  it('answers "not sent" when the server cannot be reached, and never logs the SMTP password', async () => {
    const mailer = createMailer({ url: `smtp://cruxmap:hunter2-secret@127.0.0.1:${await closedPort()}`, from: 'noreply@example.test' });
    const { result, output } = await captureOutput(() => sendMail(message, mailer));
    expect(result).toBe(false);
    expect(output).toMatch(/\[mail\] could not send the invitation message/);
    expect(output).not.toContain('hunter2-secret');
  });

  it('sends nothing without a mailer (mail not configured)', async () => {
    const before = smtp.received.length;
    expect(await sendMail(message, null)).toBe(false);
    expect(smtp.received.length).toBe(before);
  });
});
