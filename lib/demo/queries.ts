// Whether a workspace holds the demo preset's generated data, so pages can say so.
import { db } from '../db';
import { DEMO_EMAIL_DOMAIN } from './generate';

/** Callers have already checked that the viewer may read the workspace. */
export async function workspaceHasDemoData(workspaceId: string): Promise<boolean> {
  const member = await db.membership.findFirst({
    where: { workspaceId, user: { email: { endsWith: `@${DEMO_EMAIL_DOMAIN}` } } },
    select: { userId: true },
  });
  return member !== null;
}
