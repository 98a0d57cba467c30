// The operator's request context for a command that acts in one workspace: the CLI acts as an owner of any live
// workspace, audited with no actor. A missing workspace is the AppError "Workspace "x" not found." (exit 2), or,
// for the commands that always said so, a usage error "workspace "x" does not exist".
import type { WorkspaceContext } from '../context/context';
import { AppError } from '../errors';
import { UsageError } from './usage-error';

export async function operatorContext(workspace: string, options: { missingIsUsageError?: boolean } = {}): Promise<WorkspaceContext> {
  const { operatorActor } = await import('../context/context');
  const { loadWorkspaceContext } = await import('../context/queries');
  return loadWorkspaceContext({ actor: operatorActor, workspace }).catch((error: unknown) => {
    if (options.missingIsUsageError && error instanceof AppError && error.code === 'NOT_FOUND') throw new UsageError(`workspace "${workspace}" does not exist`);
    throw error;
  });
}
