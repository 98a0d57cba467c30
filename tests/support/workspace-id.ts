// A workspace's id from its slug, for a test's own reads: workspace tables are read by "workspaceId" (the
// statement audit, tests/setup/statement-audit.ts), not through a join on the workspace's slug.
import { db } from '../../lib/db';

export async function workspaceIdOf(slug: string): Promise<string> {
  return (await db.workspace.findUniqueOrThrow({ where: { slug }, select: { id: true } })).id;
}
