// The demo preset's reads: whether a workspace holds its generated data (pages say so), and what the generator
// annotates.
import { db } from '../db';
import { DEMO_EMAIL_DOMAIN } from './marks';

/** Callers have already checked that the viewer may read the workspace. */
export async function workspaceHasDemoData(workspaceId: string): Promise<boolean> {
  const member = await db.membership.findFirst({
    where: { workspaceId, user: { email: { endsWith: `@${DEMO_EMAIL_DOMAIN}` } } },
    select: { userId: true },
  });
  return member !== null;
}

/**
 * Whether the generated reviewers annotated this document (the demo command's data is there): a document imported
 * into a demo workspace afterwards has none. Callers have already checked that the viewer may read it.
 */
export async function documentHasDemoData({ workspaceId, documentId }: { workspaceId: string; documentId: string }): Promise<boolean> {
  const members = await db.membership.findMany({
    where: { workspaceId, user: { email: { endsWith: `@${DEMO_EMAIL_DOMAIN}` } } },
    select: { userId: true },
  });
  if (members.length === 0) return false;
  const annotation = await db.annotation.findFirst({
    where: { workspaceId, documentId, authorId: { in: members.map((m) => m.userId) } },
    select: { id: true },
  });
  return annotation !== null;
}

/** The generated reviewers who are members of the workspace. */
export async function countDemoMembers(workspaceId: string): Promise<number> {
  return db.membership.count({ where: { workspaceId, user: { email: { endsWith: `@${DEMO_EMAIL_DOMAIN}` } } } });
}

export async function workspaceSlugOf(workspaceId: string): Promise<string> {
  const workspace = await db.workspace.findUniqueOrThrow({ where: { id: workspaceId }, select: { slug: true } });
  return workspace.slug;
}

/** The workspace's live documents that have a text, oldest first. */
export async function documentsToAnnotate(workspaceId: string): Promise<{ id: string; slug: string; currentVersionId: string | null }[]> {
  return db.document.findMany({
    where: { workspaceId, archivedAt: null, currentVersionId: { not: null } },
    orderBy: { createdAt: 'asc' },
    select: { id: true, slug: true, currentVersionId: true },
  });
}

export async function passagesOfVersion({ workspaceId, versionId }: { workspaceId: string; versionId: string }) {
  return db.passage.findMany({
    where: { versionId, workspaceId },
    orderBy: { index: 'asc' },
    select: { id: true, kind: true, start: true, text: true },
  });
}

/** The user id of the workspace owner with this email, or null (`cruxmap demo --owner`). */
export async function ownerIdByEmail({ workspaceId, email }: { workspaceId: string; email: string }): Promise<string | null> {
  const owner = await db.membership.findFirst({
    where: { workspaceId, role: 'owner', user: { email: email.trim().toLowerCase() } },
    select: { userId: true },
  });
  return owner?.userId ?? null;
}
