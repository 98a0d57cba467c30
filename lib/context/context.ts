// The request context: who acts (a user by session, a user by token, the operator at the command line, or a
// signed-out reader), in which workspace, with which role, and what that role may do. Built once where a request
// enters — the route wrapper, a page loader, the CLI — by lib/context/queries.ts, then handed to every lib
// function that acts inside a workspace (`createAnnotation({ ctx, input })`). Pure: safe anywhere.
import { AppError } from '../errors';
import type { Role } from './roles';

/**
 * What an API token may do: `read` never writes; `workspaceId`, when set, is the one workspace it may reach (any
 * other does not exist for it). A session acts with the user's whole access.
 */
export type TokenGrant = { scope: 'read' | 'write'; workspaceId: string | null };

export type Actor =
  | { kind: 'user'; userId: string; via: 'session' | 'token'; grant?: TokenGrant }
  | { kind: 'operator' }
  | { kind: 'anonymous' };

export const operatorActor: Actor = { kind: 'operator' };
export const anonymousActor: Actor = { kind: 'anonymous' };
export const userActor = (userId: string, via: 'session' | 'token' = 'session', grant?: TokenGrant): Actor =>
  grant ? { kind: 'user', userId, via, grant } : { kind: 'user', userId, via };

/** The actor of an API request: the user of its session or token (with the token's grant), or a signed-out reader. */
export const requestActor = (viewer: { userId: string; via: 'session' | 'token'; grant?: TokenGrant } | null): Actor =>
  viewer ? userActor(viewer.userId, viewer.via, viewer.grant) : anonymousActor;

/** The one workspace the actor's token is limited to, or null (a session, an unlimited token, the operator). */
export const actorWorkspaceLimit = (actor: Actor): string | null => (actor.kind === 'user' ? (actor.grant?.workspaceId ?? null) : null);

/** The user an actor stands for, or null (the operator, a signed-out reader). */
export const actorUserId = (actor: Actor): string | null => (actor.kind === 'user' ? actor.userId : null);

export type WorkspaceRef = { id: string; slug: string; name: string; visibility: 'private' | 'public' };

const rank: Record<Role, number> = { observer: 0, reviewer: 1, owner: 2 };

export const hasRole = (role: Role | null, minimum: Role): boolean => role !== null && rank[role] >= rank[minimum];

/**
 * Everything a role may do in a workspace, with the least role and the words a refusal uses ("Observers cannot
 * annotate documents"). `read` is anyone who may read the workspace at all, members or guests of a public one.
 */
export const permissions = {
  read: { minimum: null, phrase: 'read this workspace' },
  follow: { minimum: 'observer', phrase: 'follow its live changes' },
  seePresence: { minimum: 'observer', phrase: 'see who is reading' },
  listMembers: { minimum: 'observer', phrase: 'see the member list' },
  export: { minimum: 'observer', phrase: 'export annotations' },
  leave: { minimum: 'observer', phrase: 'leave it' },
  annotate: { minimum: 'reviewer', phrase: 'annotate documents' },
  editAnnotation: { minimum: 'reviewer', phrase: 'edit annotations' },
  deleteAnnotation: { minimum: 'reviewer', phrase: 'delete annotations' },
  restoreAnnotation: { minimum: 'reviewer', phrase: 'restore annotations' },
  reply: { minimum: 'reviewer', phrase: 'reply to annotations' },
  editReply: { minimum: 'reviewer', phrase: 'edit replies' },
  deleteReply: { minimum: 'reviewer', phrase: 'delete replies' },
  restoreReply: { minimum: 'reviewer', phrase: 'restore replies' },
  editClaim: { minimum: 'reviewer', phrase: 'reword claims' },
  mergeClaim: { minimum: 'reviewer', phrase: 'merge claims' },
  editOthersClaims: { minimum: 'owner', phrase: 'reword claims other reviewers made' },
  mergeOthersClaims: { minimum: 'owner', phrase: 'merge a claim other reviewers made or used' },
  deleteOthersAnnotations: { minimum: 'owner', phrase: "delete other reviewers' annotations" },
  deleteOthersReplies: { minimum: 'owner', phrase: "delete other reviewers' replies" },
  moderateAnnotations: { minimum: 'owner', phrase: 'hide or show annotations' },
  moderateReplies: { minimum: 'owner', phrase: 'hide or show replies' },
  addDocuments: { minimum: 'owner', phrase: 'add documents' },
  importDocuments: { minimum: 'owner', phrase: 'import documents' },
  editDocuments: { minimum: 'owner', phrase: 'edit documents' },
  importAnnotations: { minimum: 'owner', phrase: 'import annotations' },
  openRound: { minimum: 'owner', phrase: 'open a new round' },
  changeSettings: { minimum: 'owner', phrase: 'change workspace settings' },
  changeRoles: { minimum: 'owner', phrase: 'change roles' },
  removeMembers: { minimum: 'owner', phrase: 'remove members' },
  invite: { minimum: 'owner', phrase: 'invite people' },
  listInvites: { minimum: 'owner', phrase: 'see invites' },
  revokeInvites: { minimum: 'owner', phrase: 'revoke invites' },
  readAuditLog: { minimum: 'owner', phrase: 'see the audit log' },
  assign: { minimum: 'owner', phrase: 'assign documents to reviewers' },
  seeProgress: { minimum: 'owner', phrase: "see reviewers' progress" },
} as const satisfies Record<string, { minimum: Role | null; phrase: string }>;

export type Permission = keyof typeof permissions;

export type WorkspaceContext = {
  readonly actor: Actor;
  /** the acting user's id: null for the operator and for a signed-out reader (audit entries record null for the operator) */
  readonly userId: string | null;
  readonly workspace: WorkspaceRef;
  /** the actor's role; null for a reader of a public workspace who is not a member; the operator acts as an owner */
  readonly role: Role | null;
  /** what this role may do here */
  readonly can: Readonly<Record<Permission, boolean>>;
  /** the acting member's display name, when the context was loaded for a member (a 201 names its author from it) */
  readonly userName?: string;
};

/** A context for an actor whose workspace and role were just read (lib/context/queries.ts builds them). */
export function workspaceContext(actor: Actor, workspace: WorkspaceRef, role: Role | null, userName?: string): WorkspaceContext {
  const effectiveRole: Role | null = actor.kind === 'operator' ? 'owner' : role;
  const can = Object.fromEntries(
    Object.entries(permissions).map(([name, { minimum }]) => [name, minimum === null || hasRole(effectiveRole, minimum)]),
  ) as Record<Permission, boolean>;
  return { actor, userId: actorUserId(actor), workspace, role: effectiveRole, can, ...(userName === undefined ? {} : { userName }) };
}

/** Throws 403 with a message saying who may do this, unless the context's role may. */
export function authorize(ctx: WorkspaceContext, permission: Permission): void {
  if (ctx.can[permission]) return;
  const { minimum, phrase } = permissions[permission];
  if (ctx.role === null) throw new AppError('FORBIDDEN', `Only members of this workspace can ${phrase}.`);
  if (minimum === 'owner') throw new AppError('FORBIDDEN', `Only workspace owners can ${phrase}.`);
  throw new AppError('FORBIDDEN', `Observers cannot ${phrase}; an owner can make you a reviewer.`);
}

/** The acting user for a write that needs one (every write but the operator's); the operator never reaches here. */
export function requireUserId(ctx: WorkspaceContext): string {
  if (ctx.userId === null) throw new AppError('UNAUTHORIZED', 'Sign in to continue.');
  return ctx.userId;
}
