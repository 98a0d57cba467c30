// Request contexts for integration tests, built the way the route wrapper builds them (lib/context): a user (or a
// signed-out reader, null) in a workspace they may read, or the operator at the command line.
import { anonymousActor, operatorActor, userActor, type WorkspaceContext } from '../../lib/context/context';
import { loadWorkspaceContext } from '../../lib/context/queries';

/**
 * The context of `userId` (null: signed out) in `workspace` (slug or id); rejects with NOT_FOUND when they may not
 * read it, as a route would. `notFound`: the message a document's route uses ("Document not found.").
 */
export function contextFor(userId: string | null, workspace: string, options: { notFound?: string } = {}): Promise<WorkspaceContext> {
  return loadWorkspaceContext({ actor: userId === null ? anonymousActor : userActor(userId), workspace, ...options });
}

/** The operator's context in a workspace (by slug), as the command line builds it. */
export function operatorContext(workspace: string): Promise<WorkspaceContext> {
  return loadWorkspaceContext({ actor: operatorActor, workspace });
}
