// Reads of workspaces.
import { db } from '../db';
import { AppError } from '../errors';

export async function getWorkspaceBySlug({ slug }: { slug: string }): Promise<{ id: string; slug: string; name: string }> {
  const workspace = await db.workspace.findFirst({
    where: { slug, archivedAt: null },
    select: { id: true, slug: true, name: true },
  });
  if (!workspace) throw new AppError('NOT_FOUND', `Workspace "${slug}" not found.`);
  return workspace;
}
