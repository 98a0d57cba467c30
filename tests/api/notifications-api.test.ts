// Notifications over HTTP (route handlers in process): each of the eight types written once, for the right people
// only (never the actor, never a non-member or someone who lost access, blind review respected), the inbox's
// field names, read state, unread counts, settings that switch types off, and the unsubscribe link.
import { beforeAll, describe, expect, it } from 'vitest';
import type { AnnotationDto } from '@/lib/annotations/types';
import { sealLink } from '@/lib/auth/sealed-links';
import type { NotificationDto, NotificationPage, NotificationSettingsDto } from '@/lib/notifications/schemas';
import { sweepDueAssignments } from '@/lib/notifications/due-mutations';
import { addMemberByEmail, createWorkspace, importDocument, signedInClient, signUp, type TestAccount, type TestWorkspace } from '../support/api-actors';
import { errorOf, expectOk, HttpClient } from '../support/http-client';
import { inProcessApp } from '../support/in-process-app';
import { uniqueClientIp } from '../support/unique';

const app = inProcessApp();
const clientIp = uniqueClientIp();
const paragraphs = ['Compute is the main driver of capability.', 'Data quality matters more than quantity.', 'Algorithms matter as much as hardware.', 'Scaling laws hold across modalities.'];

let anonymous: HttpClient;
let owner: HttpClient;
let ada: HttpClient;
let bob: HttpClient;
let cy: HttpClient;
let outsider: HttpClient;
let accounts: Record<'owner' | 'ada' | 'bob' | 'cy' | 'outsider', TestAccount>;
let workspace: TestWorkspace;
let doc: string;
let text: string;

const api = (path: string): string => `/api/v1/workspaces/${workspace.slug}${path}`;
const mentionDoc = (...ids: string[]) => ({
  type: 'doc',
  content: [{ type: 'paragraph', content: [{ type: 'text', text: 'See ' }, ...ids.map((id) => ({ type: 'mention', attrs: { id, label: 'whoever' } }))] }],
});

async function inbox(client: HttpClient, query = ''): Promise<NotificationPage> {
  return expectOk<NotificationPage>(await client.get(`/api/v1/notifications${query}`), 'inbox');
}

/** The person's notifications of a type about something (newest first). */
async function received(client: HttpClient, type: NotificationDto['type'], match: (n: NotificationDto) => boolean = () => true): Promise<NotificationDto[]> {
  return (await inbox(client)).items.filter((n) => n.type === type && match(n));
}

async function annotate(client: HttpClient, quote: string, extra: Record<string, unknown> = { kind: 'claim' }): Promise<AnnotationDto> {
  const start = text.indexOf(quote);
  return expectOk<AnnotationDto>(await client.post(api('/annotations'), { document: doc, target: { exact: quote, start, end: start + quote.length }, ...extra }), 'annotate');
}

beforeAll(async () => {
  anonymous = new HttpClient(app, { clientIp });
  const made = await Promise.all(['own', 'ada', 'bob', 'cy', 'out'].map((label) => signUp(anonymous, label)));
  accounts = { owner: made[0]!, ada: made[1]!, bob: made[2]!, cy: made[3]!, outsider: made[4]! };
  [owner, ada, bob, cy, outsider] = (await Promise.all(made.map((a) => signedInClient(app, a, clientIp)))) as [HttpClient, HttpClient, HttpClient, HttpClient, HttpClient];
  workspace = await createWorkspace(owner, 'notify');
  await addMemberByEmail(owner, workspace.slug, accounts.ada, 'reviewer', ada);
  await addMemberByEmail(owner, workspace.slug, accounts.bob, 'reviewer', bob);
  await addMemberByEmail(owner, workspace.slug, accounts.cy, 'observer', cy);
  doc = (await importDocument(owner, workspace.slug, { slug: 'compute', text: ['# Compute', ...paragraphs].join('\n\n') })).slug;
  text = expectOk<{ text: string }>(await owner.get(api(`/documents/${doc}`)), 'document').text;
});

describe('GET /api/v1/notifications', () => {
  it('answers the contract’s fields, newest first, and 401 signed out', async () => {
    const page = await inbox(ada);
    expect(Object.keys(page).sort()).toEqual(['items', 'nextCursor', 'unread']);
    // ada was invited by email and has an account: her invitation is there (she accepted it, so she can read it)
    const invitation = page.items.find((n) => n.type === 'invitation');
    expect(invitation && Object.keys(invitation).sort()).toEqual(['actor', 'annotationId', 'createdAt', 'document', 'id', 'readAt', 'type', 'workspace']);
    expect(invitation).toMatchObject({ workspace: { slug: workspace.slug, name: workspace.name }, document: null, actor: { id: accounts.owner.id, name: accounts.owner.name }, readAt: null });
    expect((await anonymous.get('/api/v1/notifications')).status).toBe(401);
    expect(errorOf(await ada.get('/api/v1/notifications?unread=maybe')).fields).toEqual({ unread: ['must be true or false'] });
    expect((await ada.get('/api/v1/notifications?cursor=nonsense')).status).toBe(400);
  });
});

describe('notification types', () => {
  it('a reply tells the annotation’s author, and a reply to a reply its author; never the one replying', async () => {
    const made = await annotate(bob, paragraphs[0]!);
    const replies = api(`/annotations/${made.id}/replies`);
    const first = expectOk<{ id: string }>(await ada.post(replies, { body: 'Why so sure?' }), 'reply');
    expect(await received(bob, 'reply', (n) => n.annotationId === made.id)).toHaveLength(1);
    expect(await received(ada, 'reply', (n) => n.annotationId === made.id)).toHaveLength(0);
    expect(await received(owner, 'reply', (n) => n.annotationId === made.id)).toHaveLength(0);
    expectOk(await bob.post(replies, { body: 'Because.', parentId: first.id }), 'answer');
    const toAda = await received(ada, 'reply', (n) => n.annotationId === made.id);
    expect(toAda).toHaveLength(1);
    expect(toAda[0]).toMatchObject({ actor: { id: accounts.bob.id }, document: { slug: doc, title: 'Compute' } });
    // bob answering himself on his own annotation tells nobody new
    expect(await received(bob, 'reply', (n) => n.annotationId === made.id)).toHaveLength(1);
  });

  it('a mention tells the members mentioned, once; a non-member is dropped; an edit tells only the newly mentioned', async () => {
    const made = await annotate(ada, paragraphs[1]!, { kind: 'claim', body: mentionDoc(accounts.bob.id, accounts.outsider.id, accounts.ada.id) });
    expect(await received(bob, 'mention', (n) => n.annotationId === made.id)).toHaveLength(1);
    expect(await received(outsider, 'mention')).toHaveLength(0);
    expect(await received(ada, 'mention', (n) => n.annotationId === made.id)).toHaveLength(0);
    const edited = await ada.patch(api(`/annotations/${made.id}`), { body: mentionDoc(accounts.bob.id, accounts.cy.id), version: made.version });
    expect(edited.status).toBe(200);
    expect(await received(bob, 'mention', (n) => n.annotationId === made.id)).toHaveLength(1);
    expect(await received(cy, 'mention', (n) => n.annotationId === made.id)).toHaveLength(1);
    // in a reply too; the mention is stored as the id alone (the label the editor sent is dropped)
    const reply = expectOk<{ body: unknown }>(await bob.post(api(`/annotations/${made.id}/replies`), { body: mentionDoc(accounts.owner.id) }), 'reply');
    expect(JSON.stringify(reply.body)).not.toContain('whoever');
    expect(await received(owner, 'mention', (n) => n.annotationId === made.id)).toHaveLength(1);
    // a mention of a malformed id is a 400 with a field message, and writes nothing
    const bad = await ada.post(api(`/annotations/${made.id}/replies`), { body: mentionDoc('<script>') });
    expect(bad.status).toBe(400);
  });

  it('opening a round tells who annotated or rated on the document, not the owner who opened it nor observers', async () => {
    const before = { ada: (await received(ada, 'round')).length, bob: (await received(bob, 'round')).length, cy: (await received(cy, 'round')).length };
    expectOk(await owner.post(api(`/documents/${doc}/rounds`)), 'open round');
    expect((await received(ada, 'round')).length).toBe(before.ada + 1);
    expect((await received(bob, 'round')).length).toBe(before.bob + 1);
    expect((await received(cy, 'round')).length).toBe(before.cy);
    expect(await received(owner, 'round')).toHaveLength(0);
    expect((await received(ada, 'round'))[0]).toMatchObject({ document: { slug: doc }, actor: { id: accounts.owner.id } });
  });

  it('rewording or merging a claim tells everyone who rated it but the one who did it', async () => {
    const a = (await annotate(ada, paragraphs[2]!)).claimId as string;
    const b = (await annotate(bob, paragraphs[3]!)).claimId as string;
    expectOk(await bob.post(api('/annotations'), { kind: 'probability', probability: { claimId: a, value: 0.7 } }), 'bob rates a');
    expectOk(await ada.post(api('/annotations'), { kind: 'probability', probability: { claimId: a, value: 0.6 } }), 'ada rates a');
    expectOk(await ada.post(api('/annotations'), { kind: 'probability', probability: { claimId: b, value: 0.2 } }), 'ada rates b');
    expectOk(await ada.patch(api(`/claims/${a}`), { statement: 'Compute drives capability, mostly.' }), 'reword');
    expect(await received(bob, 'claim_edited')).toHaveLength(1);
    expect(await received(ada, 'claim_edited')).toHaveLength(0);
    expect(await received(cy, 'claim_edited')).toHaveLength(0);
    expectOk(await owner.post(api(`/claims/${b}/merge`), { into: a }), 'merge');
    expect(await received(ada, 'claim_merged')).toHaveLength(1);
    expect(await received(bob, 'claim_merged')).toHaveLength(1);
    expect(await received(owner, 'claim_merged')).toHaveLength(0);
  });

  it('an assignment tells the assignee; its due date, once, when it comes within a day', async () => {
    const dueAt = new Date(Date.now() + 3 * 86_400_000).toISOString();
    const created = await owner.post(api('/assignments'), { document: doc, userId: accounts.bob.id, dueAt });
    expect(created.status).toBe(201);
    expect(await received(bob, 'assignment')).toHaveLength(1);
    expect(await received(owner, 'assignment')).toHaveLength(0);
    expect(await sweepDueAssignments({ now: new Date() })).toBe(0);
    const twoDaysOn = new Date(Date.now() + 2.5 * 86_400_000);
    expect(await sweepDueAssignments({ now: twoDaysOn })).toBeGreaterThanOrEqual(1);
    expect(await sweepDueAssignments({ now: twoDaysOn })).toBe(0);
    const due = await received(bob, 'assignment_due');
    expect(due).toHaveLength(1);
    expect(due[0]).toMatchObject({ actor: null, document: { slug: doc } });
  });

  it('an invitation tells the invitee who has an account, listed while it is pending; nobody for an unknown address', async () => {
    const other = await createWorkspace(owner, 'elsewhere');
    expectOk(await owner.post(`/api/v1/workspaces/${other.slug}/invites`, { kind: 'email', role: 'reviewer', email: accounts.outsider.email }), 'invite');
    expectOk(await owner.post(`/api/v1/workspaces/${other.slug}/invites`, { kind: 'email', role: 'reviewer', email: `nobody-${Date.now()}@example.test` }), 'invite unknown');
    const invitations = await received(outsider, 'invitation');
    expect(invitations).toHaveLength(1);
    expect(invitations[0]).toMatchObject({ workspace: { slug: other.slug }, document: null });
    // revoked: it no longer shows (the workspace is not theirs to read)
    const invites = expectOk<{ items: { id: string; email: string | null }[] }>(await owner.get(`/api/v1/workspaces/${other.slug}/invites`), 'invites');
    const mine = invites.items.find((i) => i.email === accounts.outsider.email)!;
    expect((await owner.delete(`/api/v1/workspaces/${other.slug}/invites/${mine.id}`)).status).toBeLessThan(300);
    expect(await received(outsider, 'invitation')).toHaveLength(0);
  });

  it('blind review: a mention in a rating’s rationale names no value, in the inbox or anywhere in the item', async () => {
    expectOk(await owner.patch(api(`/documents/${doc}`), { blind: true }), 'make blind');
    const quote = paragraphs[0]!;
    const start = text.indexOf(quote);
    const rated = await ada.post(api('/annotations'), {
      document: doc,
      kind: 'probability',
      target: { exact: quote, start, end: start + quote.length },
      probability: { value: 0.83, statement: 'A blind claim.' },
      body: mentionDoc(accounts.cy.id),
    });
    expect(rated.status).toBeLessThan(300);
    const items = await received(cy, 'mention', (n) => n.annotationId === (rated.json as AnnotationDto).id);
    expect(items).toHaveLength(1);
    // the value as a number or a percentage; not the digits of a timestamp's milliseconds ("…:00.837Z")
    expect(JSON.stringify(items)).not.toMatch(/(?<![\d.])0\.83(?!\d)|\b83 ?%/);
    expect(Object.keys(items[0]!).sort()).toEqual(['actor', 'annotationId', 'createdAt', 'document', 'id', 'readAt', 'type', 'workspace']);
    expectOk(await owner.patch(api(`/documents/${doc}`), { blind: false }), 'not blind');
  });
});

describe('read state', () => {
  it('marks one, then all, read; counts unread; ?unread=true lists only unread; bad bodies are 400 and change nothing', async () => {
    const page = await inbox(bob);
    expect(page.unread).toBe(page.items.filter((n) => n.readAt === null).length);
    const first = page.items[0]!;
    const one = expectOk<{ updated: number; unread: number }>(await bob.post('/api/v1/notifications/read', { ids: [first.id] }), 'read one');
    expect(one).toEqual({ updated: 1, unread: page.unread - 1 });
    expect((await inbox(bob, '?unread=true')).items.map((n) => n.id)).not.toContain(first.id);
    // someone else's id changes nothing
    expect(expectOk<{ updated: number }>(await ada.post('/api/v1/notifications/read', { ids: [page.items[1]!.id] }), 'not hers').updated).toBe(0);
    for (const body of [{}, { all: false }, { ids: [] }, { ids: [first.id], all: true }, { ids: 'x' }]) {
      expect((await bob.post('/api/v1/notifications/read', body)).status).toBe(400);
    }
    expect((await inbox(bob)).unread).toBe(page.unread - 1);
    expect(expectOk<{ unread: number }>(await bob.post('/api/v1/notifications/read', { all: true }), 'read all').unread).toBe(0);
    expect((await inbox(bob, '?unread=true')).items).toEqual([]);
  });

  it('pages with nextCursor without repeats', async () => {
    const all = (await inbox(bob)).items;
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: NotificationPage = await inbox(bob, cursor ? `?cursor=${cursor}` : '');
      seen.push(...page.items.map((n) => n.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(all.map((n) => n.id));
  });
});

describe('GET/PATCH /api/v1/me/notification-settings', () => {
  it('answers all eight types on and email off by default, switches a type off (no notification written), validates', async () => {
    const defaults = expectOk<NotificationSettingsDto>(await cy.get('/api/v1/me/notification-settings'), 'settings');
    expect(defaults).toEqual({
      email: 'off',
      types: { reply: true, mention: true, round: true, claim_merged: true, claim_edited: true, invitation: true, assignment: true, assignment_due: true },
    });
    const changed = expectOk<NotificationSettingsDto>(await ada.patch('/api/v1/me/notification-settings', { email: 'daily', types: { reply: false } }), 'patch');
    expect(changed.email).toBe('daily');
    expect(changed.types.reply).toBe(false);
    expect(changed.types.mention).toBe(true);
    const made = await annotate(ada, paragraphs[3]!);
    expectOk(await bob.post(api(`/annotations/${made.id}/replies`), { body: 'Hm.' }), 'reply');
    expect(await received(ada, 'reply', (n) => n.annotationId === made.id)).toHaveLength(0);
    expect(errorOf(await ada.patch('/api/v1/me/notification-settings', { email: 'weekly' })).fields).toEqual({ email: ['must be "off", "instant" or "daily"'] });
    expect((await ada.patch('/api/v1/me/notification-settings', { types: { nonsense: true } })).status).toBe(400);
    expect((await ada.patch('/api/v1/me/notification-settings', {})).status).toBe(400);
    expect(expectOk<NotificationSettingsDto>(await ada.get('/api/v1/me/notification-settings'), 'again')).toEqual(changed);
    expect(expectOk<NotificationSettingsDto>(await ada.patch('/api/v1/me/notification-settings', { types: { reply: true } }), 'on').types.reply).toBe(true);
  });

  it('the unsubscribe link: GET only shows a button, POST turns email off; a forged token is 400', async () => {
    expectOk(await cy.patch('/api/v1/me/notification-settings', { email: 'instant' }), 'instant');
    const token = sealLink('unsubscribe', { u: accounts.cy.id }, 3600);
    const page = await anonymous.get(`/api/v1/notifications/unsubscribe?token=${token}`);
    expect(page.status).toBe(200);
    expect(page.text).toContain('<button');
    expect(expectOk<NotificationSettingsDto>(await cy.get('/api/v1/me/notification-settings'), 'still').email).toBe('instant');
    const done = await anonymous.post(`/api/v1/notifications/unsubscribe?token=${token}`);
    expect(done.status).toBe(200);
    expect(expectOk<NotificationSettingsDto>(await cy.get('/api/v1/me/notification-settings'), 'off').email).toBe('off');
    expect((await anonymous.post(`/api/v1/notifications/unsubscribe?token=${token.slice(0, -2)}xx`)).status).toBe(400);
    expect((await anonymous.post(`/api/v1/notifications/unsubscribe?token=${sealLink('verify-email', { u: accounts.cy.id }, 3600)}`)).status).toBe(400);
  });
});

describe('lost access', () => {
  it('someone removed from the workspace sees none of its notifications and gets no new ones', async () => {
    const made = await annotate(bob, paragraphs[2]!);
    expect((await inbox(cy)).items.some((n) => n.workspace.slug === workspace.slug)).toBe(true);
    expect((await owner.delete(api(`/members/${accounts.cy.id}`))).status).toBeLessThan(300);
    expect((await inbox(cy)).items.filter((n) => n.workspace.slug === workspace.slug)).toEqual([]);
    expect((await inbox(cy)).unread).toBe(0);
    const edited = await bob.patch(api(`/annotations/${made.id}`), { body: mentionDoc(accounts.cy.id), version: made.version });
    expect(edited.status).toBe(200);
    await addMemberByEmail(owner, workspace.slug, accounts.cy, 'observer', cy);
    // back as a member: the mention made while away was never written
    expect(await received(cy, 'mention', (n) => n.annotationId === made.id)).toHaveLength(0);
  });
});
