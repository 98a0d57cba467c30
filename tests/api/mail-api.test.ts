// Mail, with SMTP_URL and MAIL_FROM pointing at a real SMTP server this file starts (smtp-server): an invitation
// by email and an email verification arrive with the right headers and a link that works; sign-up answers every
// address the same "check your email" and only the emailed link creates the account; an unverified address sees no
// invitations until it is verified.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorkspace, myInvitations, type TestAccount } from '../support/api-actors';
import { errorOf, expectOk, HttpClient } from '../support/http-client';
import { inProcessApp } from '../support/in-process-app';
import { startSmtpServer, type ReceivedMail } from '../support/smtp-server';
import { uniqueClientIp, uniqueSuffix } from '../support/unique';

// Before anything imports lib/env.ts (the route modules load on the first request).
const smtp = await startSmtpServer();
const MAIL_FROM = 'Cruxmap Test <cruxmap@example.test>';
process.env.SMTP_URL = smtp.url;
process.env.MAIL_FROM = MAIL_FROM;

const app = inProcessApp();
const clientIp = uniqueClientIp();
const anonymous = new HttpClient(app, { clientIp });

afterAll(async () => {
  await smtp.close();
});

const to = (address: string) => (m: ReceivedMail) => m.envelope.to.includes(address);
const linkIn = (mail: ReceivedMail, path: string): URL => {
  const match = new RegExp(`https?://\\S+${path}\\S*`).exec(mail.mail.text ?? '');
  if (!match) throw new Error(`no ${path} link in: ${mail.mail.text}`);
  return new URL(match[0]);
};

/** Signs up through the emailed link, as a person would: POST /api/v1/users, then the link from the mail. */
async function signUpByMail(label: string): Promise<TestAccount & { client: HttpClient }> {
  const suffix = uniqueSuffix();
  const account = { email: `${label}-${suffix}@example.test`, name: `${label} ${suffix}`, password: `pw-${label}-${suffix}-long` };
  const answer = await anonymous.post('/api/v1/users', account);
  expect(answer.status).toBe(202);
  const link = linkIn(await smtp.waitFor(to(account.email)), '/sign-up/confirm');
  const { confirmSignUp } = await import('../../lib/auth/sign-up-mutations');
  expect(await confirmSignUp({ token: link.searchParams.get('token') as string })).toEqual({ email: account.email, created: true });
  const client = new HttpClient(app, { clientIp });
  await client.signInOrThrow(account.email, account.password);
  const { user } = expectOk<{ user: { id: string } }>(await client.get('/api/v1/me'), 'me');
  return { ...account, id: user.id, client };
}

let owner: TestAccount & { client: HttpClient };

beforeAll(async () => {
  owner = await signUpByMail('mail-owner');
});

describe('sign-up with mail configured', () => {
  it('answers a new address and a registered one the same, and creates the account only from the emailed link', async () => {
    const fresh = { email: `fresh-${uniqueSuffix()}@example.test`, name: 'Fresh', password: `pw-fresh-${uniqueSuffix()}` };
    const newAnswer = await anonymous.post('/api/v1/users', fresh);
    const takenAnswer = await anonymous.post('/api/v1/users', { email: owner.email, name: 'Impostor', password: `pw-impostor-${uniqueSuffix()}` });
    expect(newAnswer.status).toBe(202);
    expect(takenAnswer.status).toBe(202);
    expect(takenAnswer.json).toEqual(newAnswer.json);
    expect(newAnswer.json).toMatchObject({ status: 'check_email' });

    // Nothing exists before the link is opened.
    const early = new HttpClient(app, { clientIp: uniqueClientIp() });
    await early.signIn(fresh.email, fresh.password);
    expect(early.isSignedIn).toBe(false);

    const signUpMail = await smtp.waitFor(to(fresh.email));
    expect(signUpMail.mail.subject).toBe('Finish creating your Cruxmap account');
    expect(signUpMail.raw).not.toContain(fresh.password);
    const existsMail = await smtp.waitFor((m) => to(owner.email)(m) && m.mail.subject === 'You already have a Cruxmap account');
    expect(existsMail.mail.text).toContain('/sign-in');
    expect(existsMail.mail.text).not.toContain('Impostor');
  });
});

describe('invitation mail', () => {
  it('sends the invitation with its headers and a link that lets only that address join', async () => {
    const workspace = await createWorkspace(owner.client, 'mailed');
    const person = await signUpByMail('invited');
    const created = expectOk<{ emailSent: boolean }>(
      await owner.client.post(`/api/v1/workspaces/${workspace.slug}/invites`, { kind: 'email', role: 'reviewer', email: person.email }),
      'invite',
    );
    expect(created.emailSent).toBe(true);
    const mail = await smtp.waitFor((m) => to(person.email)(m) && m.mail.headers.get('x-cruxmap-mail') === 'invitation');
    expect(mail.mail.from?.value[0]).toMatchObject({ address: 'cruxmap@example.test', name: 'Cruxmap Test' });
    expect(mail.envelope.from).toBe('cruxmap@example.test');
    expect(mail.mail.to && !Array.isArray(mail.mail.to) ? mail.mail.to.value[0]?.address : null).toBe(person.email);
    expect(mail.mail.subject).toBe(`Invitation to join "${workspace.name}" on Cruxmap`);
    expect(mail.mail.headers.get('auto-submitted')).toBe('auto-generated');
    expect(mail.mail.messageId).toBeTruthy();
    expect(mail.mail.text).toContain(`${owner.name} invites you to join the workspace "${workspace.name}" on Cruxmap as a reviewer.`);
    const link = linkIn(mail, '/invites/');
    expect(link.origin).toBe('http://cruxmap.test');
    const token = link.pathname.split('/').pop() as string;

    // Someone else holding the link cannot use it.
    const other = await signUpByMail('link-thief');
    const stolen = await other.client.post(`/api/v1/invites/${token}`);
    expect(stolen.status).toBe(403);
    expect(errorOf(stolen).message).toMatch(/another email address/);

    const joined = await person.client.post(`/api/v1/invites/${token}`);
    expect(joined.json).toMatchObject({ membership: { workspace: { slug: workspace.slug }, role: 'reviewer' } });
    const members = expectOk<{ items: { userId: string }[] }>(await owner.client.get(`/api/v1/workspaces/${workspace.slug}/members`), 'members');
    expect(members.items.map((m) => m.userId).sort()).toEqual([owner.id, person.id].sort());
  });

  it('puts a hostile workspace name on one line of the subject and the text', async () => {
    const workspace = expectOk<{ workspace: { slug: string } }>(
      await owner.client.post('/api/v1/workspaces', { slug: `hostile-${uniqueSuffix()}`, name: 'Evil\r\nBcc: victim@example.test' }),
      'workspace',
    ).workspace;
    const email = `target-${uniqueSuffix()}@example.test`;
    expectOk(await owner.client.post(`/api/v1/workspaces/${workspace.slug}/invites`, { kind: 'email', role: 'observer', email }), 'invite');
    const mail = await smtp.waitFor(to(email));
    expect(mail.envelope.to).toEqual([email]);
    expect(mail.mail.headers.has('bcc')).toBe(false);
    expect(mail.mail.subject).toBe('Invitation to join "Evil Bcc: victim@example.test" on Cruxmap');
  });
});

describe('email verification', () => {
  it('mails a link that verifies the address, after which invitations to it show', async () => {
    // An account made before mail was configured (or by the operator) has an unverified address.
    const { createUser } = await import('../../lib/users/mutations');
    const password = `pw-unverified-${uniqueSuffix()}`;
    const user = await createUser({ input: { email: `unverified-${uniqueSuffix()}@example.test`, name: 'Unverified', password } });
    const client = new HttpClient(app, { clientIp });
    await client.signInOrThrow(user.email, password);
    const workspace = await createWorkspace(owner.client, 'verify');
    expectOk(await owner.client.post(`/api/v1/workspaces/${workspace.slug}/invites`, { kind: 'email', role: 'observer', email: user.email }), 'invite');

    // Unverified on a server that mails: the invitation is not shown, nor can it be answered.
    const hidden = expectOk<{ items: unknown[]; needsVerifiedEmail: boolean }>(await client.get('/api/v1/invitations'), 'invitations');
    expect(hidden).toMatchObject({ items: [], needsVerifiedEmail: true });
    expect(expectOk<{ user: { emailVerified: boolean } }>(await client.get('/api/v1/me'), 'me').user.emailVerified).toBe(false);

    const sent = await client.post('/api/v1/me/verification');
    expect(sent.status).toBe(202);
    expect(sent.json).toEqual({ emailSent: true });
    const mail = await smtp.waitFor((m) => to(user.email)(m) && m.mail.headers.get('x-cruxmap-mail') === 'verify-email');
    expect(mail.mail.subject).toBe('Confirm your email address for Cruxmap');
    expect(mail.mail.headers.get('auto-submitted')).toBe('auto-generated');
    const link = linkIn(mail, '/verify-email');
    const { confirmEmailVerification } = await import('../../lib/auth/account-mutations');
    expect(await confirmEmailVerification({ token: `${link.searchParams.get('token')}x` })).toBeNull();
    expect(await confirmEmailVerification({ token: link.searchParams.get('token') as string })).toEqual({ email: user.email });

    expect(expectOk<{ user: { emailVerified: boolean } }>(await client.get('/api/v1/me'), 'me').user.emailVerified).toBe(true);
    expect((await myInvitations(client)).map((i) => i.workspace.slug)).toEqual([workspace.slug]);
    const again = await client.post('/api/v1/me/verification');
    expect(again.status).toBe(409);
  });
});
