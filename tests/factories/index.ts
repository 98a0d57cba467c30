// Factories for integration tests: every call makes new rows with unique emails and slugs.
import { randomBytes } from 'node:crypto';
import { db } from '../../lib/db';
import type { Role } from '../../lib/generated/prisma/client';

const unique = (): string => randomBytes(4).toString('hex');

export async function createTestUser(overrides: { email?: string; name?: string } = {}) {
  const id = unique();
  return db.user.create({
    data: { email: overrides.email ?? `user-${id}@example.test`, name: overrides.name ?? `User ${id}` },
    select: { id: true, email: true, name: true },
  });
}

export async function createTestWorkspace(overrides: { slug?: string; name?: string; visibility?: 'private' | 'public' } = {}) {
  const id = unique();
  return db.workspace.create({
    data: { slug: overrides.slug ?? `ws-${id}`, name: overrides.name ?? `Workspace ${id}`, visibility: overrides.visibility ?? 'private' },
    select: { id: true, slug: true, name: true },
  });
}

export async function addTestMember(workspaceId: string, userId: string, role: Role) {
  return db.membership.create({ data: { workspaceId, userId, role } });
}
