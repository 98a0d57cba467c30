// Workspaces on a real database: a workspace always keeps an owner, invite links admit exactly who they
// should, every change of who belongs is audited, and documents are readable only through their workspace.
import { describe, expect, it } from 'vitest';
import pg from 'pg';
import { createApiToken, revokeApiToken } from '../../lib/auth/api-token-mutations';
import { db } from '../../lib/db';
import { importDocument, updateDocument } from '../../lib/documents/mutations';
import { getDocumentForReader, getLibrary } from '../../lib/documents/queries';
import { acceptInvite, changeMemberRole, createInvite, removeMember, revokeInvite, setMembership } from '../../lib/workspaces/mutations';
import { getInvitePreview, listAuditLog, listMembers } from '../../lib/workspaces/queries';
import { answerInvitation } from '../../lib/workspaces/invitation-mutations';
import { addTestMember, createTestTeam, createTestUser, createTestWorkspace } from '../factories';
import { contextFor, operatorContext } from '../factories/context';
import { rejection } from '../support/rejection';
import { uniqueSuffix } from '../support/unique';

const roleOf = async (workspaceId: string, userId: string) =>
  (await db.membership.findUnique({ where: { workspaceId_userId: { workspaceId, userId } }, select: { role: true } }))?.role ?? null;

const ownerCount = (workspaceId: string) => db.membership.count({ where: { workspaceId, role: 'owner' } });

async function inviteLink(ownerId: string, workspace: string, options: { role?: 'owner' | 'reviewer' | 'observer'; maxUses?: number | null } = {}) {
  const created = await contextFor(ownerId, workspace).then((ctx) => createInvite({ ctx, input: { kind: 'link', role: options.role ?? 'observer', maxUses: options.maxUses ?? 1 } }));
  if (created.kind !== 'link') throw new Error('expected an invite link');
  return { token: created.token, id: created.invite.id };
}

const text = (marker: string) => ['A short essay', `Its only paragraph mentions ${marker}.`, 'A closing paragraph.'].join('\n\n');

describe('the last owner', () => {
  it('cannot demote themself: 409 with a message saying to make someone else an owner first', async () => {
    const { workspace, owner } = await createTestTeam();
    const error = await rejection(contextFor(owner.id, workspace.slug).then((ctx) => changeMemberRole({ ctx, memberId: owner.id, role: 'reviewer' })));
    expect(error.code).toBe('CONFLICT');
    expect(error.status).toBe(409);
    expect(error.message).toMatch(/at least one owner.*make someone else an owner/i);
    expect(await roleOf(workspace.id, owner.id)).toBe('owner');
  });

  it('cannot leave: 409 with a message saying the last owner cannot leave', async () => {
    const { workspace, owner } = await createTestTeam();
    const error = await rejection(contextFor(owner.id, workspace.slug).then((ctx) => removeMember({ ctx, memberId: owner.id })));
    expect(error.code).toBe('CONFLICT');
    expect(error.message).toMatch(/last owner cannot leave or be removed/i);
    expect(await roleOf(workspace.id, owner.id)).toBe('owner');
  });

  it('cannot be demoted by an operator (setMembership) either', async () => {
    const { workspace, owner } = await createTestTeam();
    const error = await rejection(operatorContext(workspace.slug).then((ctx) => setMembership({ ctx, userId: owner.id, role: 'observer' })));
    expect(error.code).toBe('CONFLICT');
    expect(await roleOf(workspace.id, owner.id)).toBe('owner');
    expect(await ownerCount(workspace.id)).toBe(1);
  });

  it('can demote themself, and then be removed, once another member is an owner', async () => {
    const { workspace, owner, reviewer } = await createTestTeam();
    await contextFor(owner.id, workspace.slug).then((ctx) => changeMemberRole({ ctx, memberId: reviewer.id, role: 'owner' }));
    await contextFor(owner.id, workspace.slug).then((ctx) => changeMemberRole({ ctx, memberId: owner.id, role: 'reviewer' }));
    expect(await roleOf(workspace.id, owner.id)).toBe('reviewer');
    await contextFor(reviewer.id, workspace.slug).then((ctx) => removeMember({ ctx, memberId: owner.id }));
    expect(await roleOf(workspace.id, owner.id)).toBeNull();
    expect(await ownerCount(workspace.id)).toBe(1);
  });

  it('can leave once another member is an owner', async () => {
    const { workspace, owner, observer } = await createTestTeam();
    await contextFor(owner.id, workspace.slug).then((ctx) => changeMemberRole({ ctx, memberId: observer.id, role: 'owner' }));
    await contextFor(owner.id, workspace.slug).then((ctx) => removeMember({ ctx, memberId: owner.id }));
    expect(await roleOf(workspace.id, owner.id)).toBeNull();
    expect(await roleOf(workspace.id, observer.id)).toBe('owner');
  });

  it('survives two owners demoting themselves at the same time: one succeeds, one gets 409', async () => {
    const { workspace, owner, reviewer: second } = await createTestTeam();
    await contextFor(owner.id, workspace.slug).then((ctx) => changeMemberRole({ ctx, memberId: second.id, role: 'owner' }));
    const results = await Promise.allSettled([
      contextFor(owner.id, workspace.slug).then((ctx) => changeMemberRole({ ctx, memberId: owner.id, role: 'reviewer' })),
      contextFor(second.id, workspace.slug).then((ctx) => changeMemberRole({ ctx, memberId: second.id, role: 'reviewer' })),
    ]);
    expect(await ownerCount(workspace.id)).toBeGreaterThanOrEqual(1);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const refused = results.find((r) => r.status === 'rejected');
    expect(refused?.status === 'rejected' ? refused.reason : null).toMatchObject({ code: 'CONFLICT' });
  });

  it('survives two owners demoting each other at the same time', async () => {
    const { workspace, owner, observer: second } = await createTestTeam();
    await contextFor(owner.id, workspace.slug).then((ctx) => changeMemberRole({ ctx, memberId: second.id, role: 'owner' }));
    await Promise.allSettled([
      contextFor(owner.id, workspace.slug).then((ctx) => changeMemberRole({ ctx, memberId: second.id, role: 'observer' })),
      contextFor(second.id, workspace.slug).then((ctx) => changeMemberRole({ ctx, memberId: owner.id, role: 'observer' })),
    ]);
    expect(await ownerCount(workspace.id)).toBeGreaterThanOrEqual(1);
  });

  it('survives two owners removing each other at the same time', async () => {
    const { workspace, owner, reviewer: second } = await createTestTeam();
    await contextFor(owner.id, workspace.slug).then((ctx) => changeMemberRole({ ctx, memberId: second.id, role: 'owner' }));
    await Promise.allSettled([
      contextFor(owner.id, workspace.slug).then((ctx) => removeMember({ ctx, memberId: second.id })),
      contextFor(second.id, workspace.slug).then((ctx) => removeMember({ ctx, memberId: owner.id })),
    ]);
    expect(await ownerCount(workspace.id)).toBeGreaterThanOrEqual(1);
  });
});

describe('a role change racing a removal', () => {
  /**
   * Deletes the membership in a transaction of its own that stays open while `during` runs, then commits. On
   * PostgreSQL that is a second connection, so the role change meets the row locked by a deletion it cannot see
   * yet — the race, made deterministic. PGlite has one connection: the change waits for the deletion's commit.
   */
  async function removeWhile(workspaceId: string, userId: string, during: () => Promise<unknown>) {
    const url = process.env.DATABASE_URL;
    if (!url) {
      let change: Promise<PromiseSettledResult<unknown>> | undefined;
      await db.$transaction(async (tx) => {
        await tx.membership.delete({ where: { workspaceId_userId: { workspaceId, userId } } });
        change = Promise.allSettled([during()]).then(([settled]) => settled);
      });
      return change as Promise<PromiseSettledResult<unknown>>;
    }
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      await client.query('BEGIN');
      await client.query('DELETE FROM "Membership" WHERE "workspaceId" = $1 AND "userId" = $2', [workspaceId, userId]);
      const change = Promise.allSettled([during()]).then(([settled]) => settled);
      // wait until the change is blocked on the deleted row's lock (the old code's write, the new code's read)
      for (let tries = 0; tries < 2000; tries += 1) {
        const waiting = await client.query(
          `SELECT 1 FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock' AND pid <> pg_backend_pid()`,
        );
        if (waiting.rowCount) break;
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
      await client.query('COMMIT');
      return await change;
    } finally {
      await client.end();
    }
  }

  it('never brings back a member removed while their role was being changed: NOT_FOUND, nothing written', async () => {
    const { workspace, owner, observer } = await createTestTeam();
    const ctx = await contextFor(owner.id, workspace.slug);
    const change = await removeWhile(workspace.id, observer.id, () => changeMemberRole({ ctx, memberId: observer.id, role: 'reviewer' }));
    expect(change.status).toBe('rejected');
    expect(change.status === 'rejected' && (change.reason as { code?: string }).code).toBe('NOT_FOUND');
    expect(await roleOf(workspace.id, observer.id)).toBeNull();
    const entries = await db.auditLog.findMany({ where: { workspaceId: workspace.id, entityId: observer.id }, select: { action: true } });
    expect(entries).toEqual([]);
  });
});

describe('invite links', () => {
  it('refuses an expired link with its own message and adds no membership', async () => {
    const { workspace, owner } = await createTestTeam();
    const joiner = await createTestUser();
    const link = await inviteLink(owner.id, workspace.slug);
    await db.invite.update({ where: { id: link.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    const error = await rejection(acceptInvite({ userId: joiner.id, token: link.token }));
    expect(error.status).toBe(400);
    expect(error.message).toMatch(/has expired/);
    expect(await roleOf(workspace.id, joiner.id)).toBeNull();
    expect((await getInvitePreview({ token: link.token })).status).toBe('expired');
  });

  it('refuses a revoked link with its own message and adds no membership', async () => {
    const { workspace, owner } = await createTestTeam();
    const joiner = await createTestUser();
    const link = await inviteLink(owner.id, workspace.slug);
    await contextFor(owner.id, workspace.slug).then((ctx) => revokeInvite({ ctx, inviteId: link.id }));
    const error = await rejection(acceptInvite({ userId: joiner.id, token: link.token }));
    expect(error.status).toBe(400);
    expect(error.message).toMatch(/has been revoked/);
    expect(await roleOf(workspace.id, joiner.id)).toBeNull();
  });

  it('admits one user through a single-use link and refuses the next with its own message', async () => {
    const { workspace, owner } = await createTestTeam();
    const [first, second] = await Promise.all([createTestUser(), createTestUser()]);
    const link = await inviteLink(owner.id, workspace.slug, { role: 'reviewer', maxUses: 1 });
    expect(await acceptInvite({ userId: first.id, token: link.token })).toMatchObject({ role: 'reviewer', workspace: { slug: workspace.slug } });
    const error = await rejection(acceptInvite({ userId: second.id, token: link.token }));
    expect(error.status).toBe(400);
    expect(error.message).toMatch(/already been used/);
    expect(await roleOf(workspace.id, first.id)).toBe('reviewer');
    expect(await roleOf(workspace.id, second.id)).toBeNull();
  });

  it('gives expired, revoked and used-up links three different messages', async () => {
    const { workspace, owner } = await createTestTeam();
    const [user, used] = await Promise.all([createTestUser(), createTestUser()]);
    const expired = await inviteLink(owner.id, workspace.slug);
    await db.invite.update({ where: { id: expired.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    const revoked = await inviteLink(owner.id, workspace.slug);
    await contextFor(owner.id, workspace.slug).then((ctx) => revokeInvite({ ctx, inviteId: revoked.id }));
    const usedUp = await inviteLink(owner.id, workspace.slug);
    await acceptInvite({ userId: used.id, token: usedUp.token });
    const messages = await Promise.all(
      [expired, revoked, usedUp].map(async (link) => (await rejection(acceptInvite({ userId: user.id, token: link.token }))).message),
    );
    expect(new Set(messages).size).toBe(3);
  });

  it('admits exactly two of four users joining at once through a link with maxUses 2', async () => {
    const { workspace, owner } = await createTestTeam();
    const joiners = await Promise.all([createTestUser(), createTestUser(), createTestUser(), createTestUser()]);
    const link = await inviteLink(owner.id, workspace.slug, { maxUses: 2 });
    const results = await Promise.allSettled(joiners.map((j) => acceptInvite({ userId: j.id, token: link.token })));
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(2);
    for (const r of results) if (r.status === 'rejected') expect(r.reason).toMatchObject({ code: 'BAD_REQUEST', message: expect.stringMatching(/already been used/) as string });
    const joined = await db.membership.count({ where: { workspaceId: workspace.id, userId: { in: joiners.map((j) => j.id) } } });
    expect(joined).toBe(2);
    expect(await db.invite.findUniqueOrThrow({ where: { id: link.id }, select: { uses: true } })).toEqual({ uses: 2 });
  });

  it('keeps the role of an existing member who follows a link, and uses none of it', async () => {
    const { workspace, owner, reviewer } = await createTestTeam();
    const observerLink = await inviteLink(owner.id, workspace.slug, { role: 'observer' });
    expect(await acceptInvite({ userId: reviewer.id, token: observerLink.token })).toMatchObject({ role: 'reviewer' });
    expect(await acceptInvite({ userId: owner.id, token: observerLink.token })).toMatchObject({ role: 'owner' });
    expect(await roleOf(workspace.id, reviewer.id)).toBe('reviewer');
    expect(await roleOf(workspace.id, owner.id)).toBe('owner');
    expect(await db.invite.findUniqueOrThrow({ where: { id: observerLink.id }, select: { uses: true } })).toEqual({ uses: 0 });
  });

  it('answers NOT_FOUND for a token that was never issued', async () => {
    const user = await createTestUser();
    const token = `never-issued-${uniqueSuffix()}`;
    expect((await rejection(acceptInvite({ userId: user.id, token }))).code).toBe('NOT_FOUND');
    expect((await rejection(getInvitePreview({ token }))).code).toBe('NOT_FOUND');
    expect(await db.membership.count({ where: { userId: user.id } })).toBe(0);
  });

  it('lets only owners create and revoke links', async () => {
    const { workspace, owner, reviewer, observer, outsider } = await createTestTeam();
    for (const member of [reviewer, observer]) {
      const error = await rejection(contextFor(member.id, workspace.slug).then((ctx) => createInvite({ ctx, input: { kind: 'link', role: 'owner' } })));
      expect(error.code).toBe('FORBIDDEN');
      expect(error.message).toMatch(/Only workspace owners can invite people/);
    }
    expect((await rejection(contextFor(outsider.id, workspace.slug).then((ctx) => createInvite({ ctx, input: { kind: 'link', role: 'owner' } })))).code).toBe('NOT_FOUND');
    const link = await inviteLink(owner.id, workspace.slug);
    expect((await rejection(contextFor(reviewer.id, workspace.slug).then((ctx) => revokeInvite({ ctx, inviteId: link.id })))).code).toBe('FORBIDDEN');
    expect((await getInvitePreview({ token: link.token })).status).toBe('active');
  });
});

describe('audit log', () => {
  it('records members added, role changes, removals, invites created, revoked and accepted, and imports', async () => {
    const { workspace, owner } = await createTestTeam();
    const [added, joiner] = await Promise.all([createTestUser(), createTestUser()]);
    const invitation = await contextFor(owner.id, workspace.slug).then((ctx) => createInvite({ ctx, input: { kind: 'email', role: 'observer', email: added.email } }));
    if (invitation.kind !== 'email') throw new Error('an invitation by email');
    await answerInvitation({ userId: added.id, invitationId: invitation.invitation.id, answer: 'accept' });
    await contextFor(owner.id, workspace.slug).then((ctx) => changeMemberRole({ ctx, memberId: added.id, role: 'reviewer' }));
    await contextFor(owner.id, workspace.slug).then((ctx) => removeMember({ ctx, memberId: added.id }));
    const revoked = await inviteLink(owner.id, workspace.slug);
    await contextFor(owner.id, workspace.slug).then((ctx) => revokeInvite({ ctx, inviteId: revoked.id }));
    const accepted = await inviteLink(owner.id, workspace.slug, { role: 'reviewer' });
    await acceptInvite({ userId: joiner.id, token: accepted.token });
    const imported = await contextFor(owner.id, workspace.slug).then((ctx) => importDocument({ ctx, input: { slug: 'audited', text: text('audit') } }));

    const { items } = await contextFor(owner.id, workspace.slug).then((ctx) => listAuditLog({ ctx }));
    const entries = items.map((e) => ({ action: e.action, entityId: e.entityId, actorId: e.actor?.id ?? null }));
    expect(entries).toEqual(
      expect.arrayContaining([
        { action: 'invite.created', entityId: invitation.invitation.id, actorId: owner.id },
        { action: 'invite.accepted', entityId: invitation.invitation.id, actorId: added.id },
        { action: 'membership.added', entityId: added.id, actorId: added.id },
        { action: 'membership.role_changed', entityId: added.id, actorId: owner.id },
        { action: 'membership.removed', entityId: added.id, actorId: owner.id },
        { action: 'invite.created', entityId: revoked.id, actorId: owner.id },
        { action: 'invite.revoked', entityId: revoked.id, actorId: owner.id },
        { action: 'invite.created', entityId: accepted.id, actorId: owner.id },
        { action: 'invite.accepted', entityId: accepted.id, actorId: joiner.id },
        { action: 'membership.added', entityId: joiner.id, actorId: joiner.id },
        { action: 'document.imported', entityId: imported.documentId, actorId: owner.id },
      ]),
    );
    const roleChange = items.find((e) => e.action === 'membership.role_changed');
    expect(roleChange?.data).toEqual({ from: 'observer', to: 'reviewer' });
  });

  it('records API tokens created and revoked against the user who did it', async () => {
    const user = await createTestUser();
    const { apiToken } = await createApiToken({ userId: user.id, input: { name: 'audited' } });
    await revokeApiToken({ userId: user.id, tokenId: apiToken.id });
    const entries = await db.auditLog.findMany({ where: { entityId: apiToken.id }, orderBy: { id: 'asc' }, select: { action: true, actorId: true } });
    expect(entries).toEqual([
      { action: 'token.created', actorId: user.id },
      { action: 'token.revoked', actorId: user.id },
    ]);
  });

  it('refuses the audit log to a reviewer (403) and hides it from a non-member (404)', async () => {
    const { workspace, reviewer, observer, outsider } = await createTestTeam();
    for (const member of [reviewer, observer]) {
      const error = await rejection(contextFor(member.id, workspace.slug).then((ctx) => listAuditLog({ ctx })));
      expect(error.status).toBe(403);
      expect(error.message).toMatch(/Only workspace owners can see the audit log/);
    }
    expect((await rejection(contextFor(outsider.id, workspace.slug).then((ctx) => listAuditLog({ ctx })))).status).toBe(404);
  });

  it('cannot be rewritten: the database refuses updates and deletes of audit entries', async () => {
    const { workspace, owner, observer } = await createTestTeam();
    await contextFor(owner.id, workspace.slug).then((ctx) => changeMemberRole({ ctx, memberId: observer.id, role: 'reviewer' }));
    const entry = await db.auditLog.findFirstOrThrow({ where: { workspaceId: workspace.id } });
    await expect(db.auditLog.update({ where: { id: entry.id }, data: { action: 'nothing.happened' } })).rejects.toThrow();
    await expect(db.auditLog.delete({ where: { id: entry.id } })).rejects.toThrow();
    expect(await db.auditLog.findUniqueOrThrow({ where: { id: entry.id } })).toMatchObject({ action: entry.action });
  });

  it('cannot be emptied: the database refuses TRUNCATE of the audit log', async () => {
    const { workspace, owner, observer } = await createTestTeam();
    await contextFor(owner.id, workspace.slug).then((ctx) => changeMemberRole({ ctx, memberId: observer.id, role: 'reviewer' }));
    const before = await db.auditLog.count();
    await expect(db.$executeRawUnsafe('TRUNCATE "AuditLog"')).rejects.toThrow(/append-only/);
    expect(await db.auditLog.count()).toBe(before);
  });

  it('keeps its entries when the actor’s account is deleted, and the account can be deleted', async () => {
    const { workspace, owner, reviewer } = await createTestTeam();
    const actor = await createTestUser();
    await addTestMember(workspace.id, actor.id, 'owner');
    await contextFor(actor.id, workspace.slug).then((ctx) => changeMemberRole({ ctx, memberId: reviewer.id, role: 'observer' }));
    await db.user.delete({ where: { id: actor.id } });
    const entries = await db.auditLog.findMany({ where: { workspaceId: workspace.id, actorId: actor.id }, select: { action: true, entityId: true } });
    expect(entries).toEqual([{ action: 'membership.role_changed', entityId: reviewer.id }]);
    const listed = await contextFor(owner.id, workspace.slug).then((ctx) => listAuditLog({ ctx }));
    expect(listed.items.find((item) => item.action === 'membership.role_changed')?.actor).toEqual({ id: actor.id, name: null });
  });

  it('keeps its entries when the workspace is deleted, and the workspace can be deleted', async () => {
    const { workspace, owner, observer } = await createTestTeam();
    await contextFor(owner.id, workspace.slug).then((ctx) => changeMemberRole({ ctx, memberId: observer.id, role: 'reviewer' }));
    const before = await db.auditLog.findMany({ where: { workspaceId: workspace.id }, select: { id: true, action: true, actorId: true } });
    expect(before.length).toBeGreaterThan(0);
    await db.workspace.delete({ where: { id: workspace.id } });
    expect(await db.workspace.findUnique({ where: { id: workspace.id } })).toBeNull();
    expect(await db.auditLog.findMany({ where: { workspaceId: workspace.id }, select: { id: true, action: true, actorId: true } })).toEqual(before);
  });
});

describe('members list', () => {
  it('shows emails to owners, and to reviewers and observers only their own', async () => {
    const { workspace, owner, reviewer, observer } = await createTestTeam();
    const { items: asOwner } = await contextFor(owner.id, workspace.slug).then((ctx) => listMembers({ ctx }));
    expect(asOwner.map((m) => m.email).sort()).toEqual([owner.email, reviewer.email, observer.email].sort());
    for (const member of [reviewer, observer]) {
      const { items: seen } = await contextFor(member.id, workspace.slug).then((ctx) => listMembers({ ctx }));
      expect(seen).toHaveLength(3);
      for (const m of seen) expect(m.email).toBe(m.userId === member.id ? member.email : null);
    }
  });
});

describe('documents belong to their workspace', () => {
  it('hides a private workspace’s document from a non-member and from a signed-out reader as NOT_FOUND', async () => {
    const { workspace, owner, reviewer, outsider } = await createTestTeam();
    await contextFor(owner.id, workspace.slug).then((ctx) => importDocument({ ctx, input: { slug: 'private-essay', text: text('private') } }));
    expect((await contextFor(reviewer.id, workspace.slug, { notFound: 'Document not found.' }).then((ctx) => getDocumentForReader({ ctx, document: 'private-essay' }))).document.slug).toBe('private-essay');
    for (const userId of [outsider.id, null]) {
      const error = await rejection(contextFor(userId, workspace.slug, { notFound: 'Document not found.' }).then((ctx) => getDocumentForReader({ ctx, document: 'private-essay' })));
      expect(error.code).toBe('NOT_FOUND');
      expect(error.message).toBe('Document not found.');
    }
  });

  it('lets anyone read a public workspace’s document, signed out included', async () => {
    const { workspace, owner } = await createTestTeam({ visibility: 'public' });
    const marker = `public-${uniqueSuffix()}`;
    await contextFor(owner.id, workspace.slug).then((ctx) => importDocument({ ctx, input: { slug: 'open-essay', text: text(marker) } }));
    const read = await contextFor(null, workspace.slug, { notFound: 'Document not found.' }).then((ctx) => getDocumentForReader({ ctx, document: 'open-essay' }));
    expect(read.text).toContain(marker);
    expect(read.role).toBeNull();
  });

  it('hides an archived document from every reader, the owner included, and lists it for owners who ask', async () => {
    const { workspace, owner, reviewer } = await createTestTeam({ visibility: 'public' });
    await contextFor(owner.id, workspace.slug).then((ctx) => importDocument({ ctx, input: { slug: 'old-essay', text: text('old') } }));
    await contextFor(owner.id, workspace.slug).then((ctx) => updateDocument({ ctx, document: 'old-essay', input: { archived: true } }));
    for (const userId of [owner.id, reviewer.id, null]) {
      expect((await rejection(contextFor(userId, workspace.slug, { notFound: 'Document not found.' }).then((ctx) => getDocumentForReader({ ctx, document: 'old-essay' })))).code).toBe('NOT_FOUND');
    }
    expect((await contextFor(reviewer.id, workspace.slug).then((ctx) => getLibrary({ ctx, includeArchived: true }))).documents).toEqual([]);
    const ownersView = await contextFor(owner.id, workspace.slug).then((ctx) => getLibrary({ ctx, includeArchived: true }));
    expect(ownersView.documents.map((d) => ({ slug: d.slug, archived: d.archived }))).toEqual([{ slug: 'old-essay', archived: true }]);
  });

  it('does not serve or edit another workspace’s document through a workspace the user belongs to', async () => {
    const { workspace, owner } = await createTestTeam();
    const other = await createTestWorkspace();
    const otherOwner = await createTestUser();
    await addTestMember(other.id, otherOwner.id, 'owner');
    const foreign = await contextFor(otherOwner.id, other.slug).then((ctx) => importDocument({ ctx, input: { slug: 'foreign', text: text('foreign') } }));
    for (const document of [foreign.documentId, 'foreign']) {
      expect((await rejection(contextFor(owner.id, workspace.slug, { notFound: 'Document not found.' }).then((ctx) => getDocumentForReader({ ctx, document })))).code).toBe('NOT_FOUND');
    }
    const edit = await rejection(contextFor(owner.id, workspace.slug).then((ctx) => updateDocument({ ctx, document: foreign.documentId, input: { archived: true } })));
    expect(edit.code).toBe('NOT_FOUND');
    expect(await db.document.findUniqueOrThrow({ where: { workspaceId_id: { workspaceId: other.id, id: foreign.documentId } }, select: { archivedAt: true } })).toEqual({ archivedAt: null });
  });

  it('lets only owners import, and hides the import from a non-member as NOT_FOUND', async () => {
    const { workspace, reviewer, observer, outsider } = await createTestTeam();
    for (const member of [reviewer, observer]) {
      const error = await rejection(contextFor(member.id, workspace.slug).then((ctx) => importDocument({ ctx, input: { slug: 'nope', text: text('nope') } })));
      expect(error.code).toBe('FORBIDDEN');
      expect(error.message).toMatch(/Only workspace owners can import documents/);
    }
    const error = await rejection(contextFor(outsider.id, workspace.slug).then((ctx) => importDocument({ ctx, input: { slug: 'nope', text: text('nope') } })));
    expect(error.code).toBe('NOT_FOUND');
    expect(await db.document.count({ where: { workspaceId: workspace.id } })).toBe(0);
  });
});
