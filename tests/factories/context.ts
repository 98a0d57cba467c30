// Request contexts for integration tests: what the route wrapper or a page would build for this user.
import { anonymousActor, operatorActor, userActor, type WorkspaceContext } from '../../lib/context/context';
import { loadWorkspaceContext } from '../../lib/context/queries';

/** The user's context in the workspace (slug or id); NOT_FOUND when they may not read it, as a request would get. */
export const contextOf = (userId: string | null, workspace: string): Promise<WorkspaceContext> =>
  loadWorkspaceContext({ actor: userId === null ? anonymousActor : userActor(userId), workspace });

/** The operator's context (the CLI's), by workspace slug. */
export const operatorContextOf = (workspace: string): Promise<WorkspaceContext> => loadWorkspaceContext({ actor: operatorActor, workspace });
