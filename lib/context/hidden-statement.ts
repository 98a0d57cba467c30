// Moderation of claims: when every live annotation that makes a claim is hidden (Claim.statementHidden, kept by a
// database trigger), its statement is shown only to those who may see hidden content — the workspace's owners and
// the claim's creator, as for a hidden annotation's text. Everyone else gets HIDDEN_STATEMENT in its place. Pure.
import type { Role } from '../generated/prisma/client';
import { hasRole } from './context';

export const HIDDEN_STATEMENT = '[Hidden by a moderator]';

export type StatementViewer = { userId: string | null; role: Role | null };

export const seesHiddenStatement = (viewer: StatementViewer, createdById: string): boolean =>
  hasRole(viewer.role, 'owner') || (viewer.userId !== null && viewer.userId === createdById);

/** The statement this viewer may read. */
export function visibleStatement(viewer: StatementViewer, claim: { statement: string; statementHidden: boolean; createdById: string }): string {
  return !claim.statementHidden || seesHiddenStatement(viewer, claim.createdById) ? claim.statement : HIDDEN_STATEMENT;
}

/** Prisma select of what visibleStatement needs. */
export const statementSelect = { statement: true, statementHidden: true, createdById: true } as const;
