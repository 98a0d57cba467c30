// The notification mail outbox against a real SMTP server started here: one mail per notification for "instant"
// readers and one digest a day for "daily" ones, addressed to the recipient alone, naming what happened with a
// link and a one-click unsubscribe; sent once even with two workers at once or a worker that stopped mid-send;
// retried with back-off when the server cannot be reached.
import { createServer } from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import { createReply } from '../../lib/annotations/reply-mutations';
import { createAnnotation } from '../../lib/annotations/mutations';
import { createAnnotationInputSchema, createReplyInputSchema } from '../../lib/annotations/schemas';
import { db } from '../../lib/db';
import { importDocument } from '../../lib/documents/mutations';
import { createMailer } from '../../lib/mail/mailer';
import { updateNotificationSettings } from '../../lib/notifications/mutations';
import { claimDueMail, LEASE_MS } from '../../lib/notifications/outbox-mutations';
import { runOutbox } from '../../lib/notifications/outbox-worker';
import { nextUtcDay, utcDay } from '../../lib/notifications/rules';
import { addTestMember, createTestTeam, createTestUser } from '../factories';
import { contextFor } from '../factories/context';
import { cruxmap } from '../support/cli';
import { startSmtpServer, type ReceivedMail } from '../support/smtp-server';

const smtp = await startSmtpServer();
afterAll(() => smtp.close());
const mailer = () => createMailer({ url: smtp.url, from: 'Cruxmap <noreply@example.test>' });

async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

const mailTo = (address: string): ReceivedMail[] => smtp.received.filter((m) => m.envelope.to.includes(address));

/** A header as sent, unfolded (mailparser turns List-* headers into an object). */
const header = (m: ReceivedMail, name: string): string | undefined =>
  m.mail.headerLines.find((h) => h.key === name.toLowerCase())?.line.replace(/\r?\n[ \t]+/g, ' ').replace(/^[^:]+:\s*/, '');

/** A team with a document and an annotation by `author`; `replyAs(userId)` makes a reply on it (a `reply` for the author). */
async function teamWithAnnotation() {
  const team = await createTestTeam();
  const imported = await contextFor(team.owner.id, team.workspace.slug).then((ctx) =>
    importDocument({ ctx, input: { slug: 'essay', title: 'An essay on compute', text: ['An essay on compute', 'Compute is the main driver of capability.'].join('\n\n') } }),
  );
  const ctx = await contextFor(team.reviewer.id, team.workspace.slug);
  const quote = 'Compute is the main driver';
  const { text } = await db.documentVersion.findFirstOrThrow({ where: { workspaceId: team.workspace.id, documentId: imported.documentId }, select: { text: true } });
  const start = text.indexOf(quote);
  const { annotation } = await createAnnotation({
    ctx,
    input: createAnnotationInputSchema.parse({ document: imported.slug, kind: 'claim', target: { exact: quote, start, end: start + quote.length } }),
  });
  const replyAs = async (userId: string, body = 'Why?') =>
    createReply({ ctx: await contextFor(userId, team.workspace.slug), annotationId: annotation.id, input: createReplyInputSchema.parse({ body }) });
  return { ...team, annotation, replyAs };
}

describe('instant mail', () => {
  it('one mail per notification, to the recipient alone, naming what happened and linking to it, with one-click unsubscribe', async () => {
    const t = await teamWithAnnotation();
    await updateNotificationSettings({ userId: t.reviewer.id, input: { email: 'instant' } });
    await addTestMember(t.workspace.id, t.outsider.id, 'reviewer');
    await t.replyAs(t.owner.id);
    await t.replyAs(t.outsider.id);
    const run = await runOutbox({ mailer: mailer() });
    expect(run.sent).toBeGreaterThanOrEqual(2);
    const mails = mailTo(t.reviewer.email);
    expect(mails).toHaveLength(2);
    const [first] = mails;
    expect(first!.envelope.to).toEqual([t.reviewer.email]);
    expect(first!.mail.cc).toBeUndefined();
    expect(first!.mail.subject).toContain(t.workspace.name);
    expect(first!.mail.text).toMatch(/replied in a discussion of yours on “An essay on compute”/);
    expect(first!.mail.text).toContain(`/w/${t.workspace.slug}/documents/essay#card-${t.annotation.id}`);
    expect(header(first!, 'List-Unsubscribe')).toMatch(/^<https?:\/\/[^>]+\/api\/v1\/notifications\/unsubscribe\?token=[\w-]+>$/);
    expect(header(first!, 'List-Unsubscribe-Post')).toBe('List-Unsubscribe=One-Click');
    // no other member's address anywhere in the message
    for (const m of mails) for (const other of [t.owner.email, t.outsider.email, t.observer.email]) expect(m.raw).not.toContain(other);
    // nothing for the actors, who have email off anyway, and nothing a second time
    expect((await runOutbox({ mailer: mailer() })).sent).toBe(0);
    expect(mailTo(t.reviewer.email)).toHaveLength(2);
  });

  it('sends nothing without a mailer, and nothing once the person turned email off', async () => {
    const t = await teamWithAnnotation();
    await updateNotificationSettings({ userId: t.reviewer.id, input: { email: 'instant' } });
    await t.replyAs(t.owner.id);
    expect(await runOutbox({ mailer: null })).toEqual({ sent: 0, retried: 0, failed: 0 });
    await updateNotificationSettings({ userId: t.reviewer.id, input: { email: 'off' } });
    await runOutbox({ mailer: mailer() });
    expect(mailTo(t.reviewer.email)).toHaveLength(0);
  });
});

describe('never twice', () => {
  it('two workers at once send each mail exactly once', async () => {
    const t = await teamWithAnnotation();
    await updateNotificationSettings({ userId: t.reviewer.id, input: { email: 'instant' } });
    for (let i = 0; i < 6; i += 1) await t.replyAs(t.owner.id, `Reply ${i}`);
    const runs = await Promise.all([runOutbox({ mailer: mailer(), batch: 2 }), runOutbox({ mailer: mailer(), batch: 2 })]);
    expect(runs.reduce((n, r) => n + r.sent, 0)).toBeGreaterThanOrEqual(6);
    const mails = mailTo(t.reviewer.email);
    expect(mails).toHaveLength(6);
    expect(new Set(mails.map((m) => m.mail.messageId)).size).toBe(6);
  });

  it('a worker stopped after claiming a mail: it is never sent, even after its lease ends', async () => {
    const t = await teamWithAnnotation();
    await updateNotificationSettings({ userId: t.reviewer.id, input: { email: 'instant' } });
    await t.replyAs(t.owner.id);
    const now = new Date();
    // the first worker claims every due row and "dies" before sending
    const claimed = await claimDueMail({ now, limit: 1000, host: 'test' });
    expect(claimed.some((c) => c.userId === t.reviewer.id)).toBe(true);
    expect((await runOutbox({ mailer: mailer(), now })).sent).toBe(0);
    const later = new Date(now.getTime() + LEASE_MS + 1000);
    await runOutbox({ mailer: mailer(), now: later });
    expect(mailTo(t.reviewer.email)).toHaveLength(0);
    const row = await db.emailOutbox.findFirstOrThrow({ where: { userId: t.reviewer.id } });
    expect(row.status).toBe('failed');
    expect(row.lastError).toMatch(/not sent again/);
  });

  it('retries with back-off when the server cannot be reached, then sends once', async () => {
    const t = await teamWithAnnotation();
    await updateNotificationSettings({ userId: t.reviewer.id, input: { email: 'instant' } });
    await t.replyAs(t.owner.id);
    const now = new Date();
    const down = createMailer({ url: `smtp://127.0.0.1:${await closedPort()}`, from: 'noreply@example.test' });
    const first = await runOutbox({ mailer: down, now });
    expect(first.retried).toBeGreaterThanOrEqual(1);
    const row = await db.emailOutbox.findFirstOrThrow({ where: { userId: t.reviewer.id } });
    expect(row).toMatchObject({ status: 'pending', attempts: 1 });
    expect(row.nextAttemptAt.getTime()).toBeGreaterThanOrEqual(now.getTime() + 60_000);
    await runOutbox({ mailer: mailer(), now });
    expect(mailTo(t.reviewer.email)).toHaveLength(0);
    await runOutbox({ mailer: mailer(), now: new Date(now.getTime() + 61_000) });
    await runOutbox({ mailer: mailer(), now: new Date(now.getTime() + 200_000) });
    expect(mailTo(t.reviewer.email)).toHaveLength(1);
    expect((await db.emailOutbox.findFirstOrThrow({ where: { userId: t.reviewer.id } })).status).toBe('sent');
  });
});

describe('daily digest', () => {
  it('one mail after the day ends, grouping the day’s notifications by workspace', async () => {
    const t = await teamWithAnnotation();
    const u = await teamWithAnnotation();
    // the reviewer of t also reviews in u (and wrote u's annotation's twin there)
    const reader = await createTestUser();
    await addTestMember(t.workspace.id, reader.id, 'reviewer');
    await addTestMember(u.workspace.id, reader.id, 'reviewer');
    await updateNotificationSettings({ userId: reader.id, input: { email: 'daily' } });
    const mention = (id: string) => ({ type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'mention', attrs: { id } }] }] });
    await createReply({ ctx: await contextFor(t.owner.id, t.workspace.slug), annotationId: t.annotation.id, input: createReplyInputSchema.parse({ body: mention(reader.id) }) });
    await createReply({ ctx: await contextFor(u.owner.id, u.workspace.slug), annotationId: u.annotation.id, input: createReplyInputSchema.parse({ body: mention(reader.id) }) });
    await createReply({ ctx: await contextFor(u.reviewer.id, u.workspace.slug), annotationId: u.annotation.id, input: createReplyInputSchema.parse({ body: mention(reader.id) }) });
    const now = new Date();
    await runOutbox({ mailer: mailer(), now });
    expect(mailTo(reader.email)).toHaveLength(0);
    const tomorrow = nextUtcDay(utcDay(now));
    await runOutbox({ mailer: mailer(), now: tomorrow });
    await runOutbox({ mailer: mailer(), now: new Date(tomorrow.getTime() + 3600_000) });
    const mails = mailTo(reader.email);
    expect(mails).toHaveLength(1);
    const digest = mails[0]!;
    expect(digest.mail.subject).toBe(`Your Cruxmap digest for ${utcDay(now)}: 3 notifications`);
    const body = digest.mail.text ?? '';
    const [first, second] = [t.workspace, u.workspace].sort((a, b) => a.name.localeCompare(b.name));
    expect(body.indexOf(`== ${first!.name} ==`)).toBeGreaterThan(-1);
    expect(body.indexOf(`== ${second!.name} ==`)).toBeGreaterThan(body.indexOf(`== ${first!.name} ==`));
    expect(body.match(/mentioned you on “An essay on compute”/g)).toHaveLength(3);
    expect(header(digest, 'List-Unsubscribe-Post')).toBe('List-Unsubscribe=One-Click');
    for (const other of [t.owner.email, u.owner.email, u.reviewer.email, t.reviewer.email]) expect(digest.raw).not.toContain(other);
  });
});

describe('npx cruxmap notifications send', () => {
  it('writes the due-date notices, and without SMTP says it sent nothing (exit 1)', async () => {
    const t = await teamWithAnnotation();
    await db.assignment.create({
      data: { workspaceId: t.workspace.id, documentId: t.annotation.documentId, userId: t.reviewer.id, dueAt: new Date(Date.now() + 3600_000) },
    });
    const run = await cruxmap(['notifications', 'send']);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/due-date notices written: [1-9]/);
    expect(run.stderr).toMatch(/mail is not configured/);
    expect(await db.notification.count({ where: { workspaceId: t.workspace.id, userId: t.reviewer.id, type: 'assignment_due' } })).toBe(1);
    expect((await cruxmap(['notifications', 'send'])).stdout).toMatch(/due-date notices written: 0/);
  });
});
