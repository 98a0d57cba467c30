// Factories for integration tests: every call makes new rows with unique emails and slugs.
import { db } from '../../lib/db';
import type { Role } from '../../lib/generated/prisma/client';
import bcrypt from 'bcryptjs';
import { uniqueSuffix } from '../support/unique';

/**
 * A user; with `password`, one that can sign in (stored as a bcrypt hash, like sign-up does, but at the lowest
 * cost: signing in checks any cost the hash names, and sign-up's own cost, 12, costs 0.3 s of CPU per hash and
 * per sign-in — most of some test files' time). Tests of sign-up and `user create` see the real cost.
 */
const TEST_PASSWORD_COST = 4;

export async function createTestUser(overrides: { email?: string; name?: string; password?: string } = {}) {
  const id = uniqueSuffix();
  return db.user.create({
    data: {
      email: overrides.email ?? `user-${id}@example.test`,
      name: overrides.name ?? `User ${id}`,
      passwordHash: overrides.password === undefined ? null : await bcrypt.hash(overrides.password, TEST_PASSWORD_COST),
    },
    select: { id: true, email: true, name: true },
  });
}

export async function createTestWorkspace(overrides: { slug?: string; name?: string; visibility?: 'private' | 'public' } = {}) {
  const id = uniqueSuffix();
  return db.workspace.create({
    data: { slug: overrides.slug ?? `ws-${id}`, name: overrides.name ?? `Workspace ${id}`, visibility: overrides.visibility ?? 'private' },
    select: { id: true, slug: true, name: true },
  });
}

export async function addTestMember(workspaceId: string, userId: string, role: Role) {
  return db.membership.create({ data: { workspaceId, userId, role } });
}

/** A workspace with one owner, one reviewer and one observer, and a user who belongs to none of it. */
export async function createTestTeam(overrides: { visibility?: 'private' | 'public' } = {}) {
  const workspace = await createTestWorkspace(overrides);
  const [owner, reviewer, observer, outsider] = await Promise.all([createTestUser(), createTestUser(), createTestUser(), createTestUser()]);
  await addTestMember(workspace.id, owner.id, 'owner');
  await addTestMember(workspace.id, reviewer.id, 'reviewer');
  await addTestMember(workspace.id, observer.id, 'observer');
  return { workspace, owner, reviewer, observer, outsider };
}
