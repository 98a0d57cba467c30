// Reading API tokens: a user's list, and the user a presented token stands for (which records its use).
import { db } from '../db';
import type { WorkspaceRef } from '../context/context';
import type { Role } from '../context/roles';
import { membershipIn, type MembershipIn } from '../context/permissions';
import { AppError } from '../errors';
import { rememberedSignIn } from './sign-in-cache';
import { hashToken, tokenSelect, type ApiTokenDto, type TokenScope } from './api-tokens';

export async function listApiTokens({ userId }: { userId: string }): Promise<ApiTokenDto[]> {
  return db.apiToken.findMany({ where: { userId }, orderBy: { createdAt: 'desc' }, select: tokenSelect });
}

export type AuthenticatedToken = { userId: string; tokenId: string; scope: TokenScope; workspaceId: string | null };

/**
 * The user a bearer token stands for, with its scope and workspace; a clear 401 for an unknown, revoked or expired
 * token. With `workspace` (a route's workspace, slug or id), the user's membership of it is read in the same query.
 */
export async function authenticateToken(token: string): Promise<AuthenticatedToken>;
export async function authenticateToken(token: string, options: { workspace: string }): Promise<AuthenticatedToken & { membership: MembershipIn }>;
export async function authenticateToken(token: string, options?: { workspace: string }): Promise<AuthenticatedToken & { membership?: MembershipIn }> {
  const where = { tokenHash: hashToken(token) };
  const select = { id: true, userId: true, revokedAt: true, expiresAt: true, lastUsedAt: true, scope: true, workspaceId: true } as const;
  const workspace = options?.workspace;
  if (workspace === undefined) return checked(await db.apiToken.findUnique({ where, select }));
  // The request's sign-in: one flat row (the token, its user's name, the membership of the route's workspace), as
  // userWithMembershipSelect reads it; a plain join costs the app and the database less than the relation query.
  // A member's row is kept a moment for the token's next requests to this workspace (./sign-in-cache.ts).
  const found = await rememberedSignIn(`${where.tokenHash}\u0000${workspace}`, async () => (await signInRow(where.tokenHash, workspace))[0], (row) => row.role !== null && !row.revokedAt);
  const authenticated = await checked(found ?? null);
  const row = found as SignInRow;
  const memberships = row.role ? [{ role: row.role, workspace: { id: row.wsId as string, slug: row.wsSlug as string, name: row.wsName as string, visibility: row.wsVisibility as WorkspaceRef['visibility'] } }] : [];
  return { ...authenticated, membership: membershipIn(workspace, { name: row.userName, memberships }) };
}

function signInRow(tokenHash: string, workspace: string) {
  return db.$queryRaw<SignInRow[]>`
    SELECT t."id", t."userId", t."revokedAt", t."expiresAt", t."lastUsedAt", t."scope"::text AS "scope", t."workspaceId",
           u."name" AS "userName", m."role"::text AS "role", m."wsId", m."wsSlug", m."wsName", m."wsVisibility"
      FROM "ApiToken" t
      JOIN "User" u ON u."id" = t."userId"
      LEFT JOIN LATERAL (
        SELECT mm."role", w."id" AS "wsId", w."slug" AS "wsSlug", w."name" AS "wsName", w."visibility"::text AS "wsVisibility"
          FROM "Membership" mm
          JOIN "Workspace" w ON w."id" = mm."workspaceId"
         WHERE mm."userId" = u."id" AND (w."slug" = ${workspace} OR w."id" = ${workspace}) AND w."archivedAt" IS NULL
         LIMIT 1
      ) m ON true
     WHERE t."tokenHash" = ${tokenHash}`;
}

type SignInRow = TokenRow & { userName: string; role: Role | null; wsId: string | null; wsSlug: string | null; wsName: string | null; wsVisibility: string | null };

type TokenRow = { id: string; userId: string; revokedAt: Date | null; expiresAt: Date | null; lastUsedAt: Date | null; scope: TokenScope; workspaceId: string | null };

/** A found token as it authenticates: 401 unless it exists, is not revoked and has not expired; its use recorded. */
async function checked(found: TokenRow | null): Promise<AuthenticatedToken> {
  if (!found) throw new AppError('UNAUTHORIZED', 'The API token is not valid.');
  if (found.revokedAt) throw new AppError('UNAUTHORIZED', 'The API token has been revoked.');
  if (found.expiresAt && found.expiresAt <= new Date()) throw new AppError('UNAUTHORIZED', 'The API token has expired.');
  // Record use at most once a minute, so a busy client does not write on every request.
  if (!found.lastUsedAt || Date.now() - found.lastUsedAt.getTime() > 60_000) {
    const now = new Date();
    await db.apiToken.update({ where: { id: found.id }, data: { lastUsedAt: now } });
    found.lastUsedAt = now; // a kept row (./sign-in-cache.ts) records the use once, too
  }
  return { userId: found.userId, tokenId: found.id, scope: found.scope, workspaceId: found.workspaceId };
}
