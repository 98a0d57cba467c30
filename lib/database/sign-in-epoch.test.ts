import { describe, expect, it } from 'vitest';
import { writesSignInTables } from './sign-in-epoch';

describe('writesSignInTables', () => {
  it('counts a write that names a table a sign-in reads, as Prisma or hand-written SQL names it', () => {
    for (const sql of [
      'UPDATE "public"."Membership" SET "role" = CAST($1::text AS "public"."Role") WHERE "workspaceId" = $2',
      'DELETE FROM "public"."ApiToken" WHERE "id" = $1',
      'INSERT INTO "public"."Workspace" ("id","slug") VALUES ($1,$2)',
      'update "User" set "name" = $1 where "id" = $2',
      'WITH gone AS (DELETE FROM "Membership" WHERE "userId" = $1 RETURNING 1) SELECT count(*) FROM gone',
      'SELECT "id" FROM "public"."Workspace" WHERE "id" = $1 FOR UPDATE',
    ]) {
      expect(writesSignInTables(sql), sql).toBe(true);
    }
  });

  it('leaves out reads of those tables and writes of others, whatever their columns are called', () => {
    for (const sql of [
      'SELECT t."id", t."revokedAt", t."lastUsedAt" FROM "ApiToken" t JOIN "User" u ON u."id" = t."userId"',
      'SELECT "updatedAt", "deletedAt" FROM "public"."Workspace" WHERE "slug" = $1',
      'INSERT INTO "AuditLog" ("workspaceId", "actorId", "action") SELECT $1, $2, $3',
      'UPDATE "Annotation" SET "deletedAt" = now() WHERE "workspaceId" = $1 AND "authorId" = $2',
      'INSERT INTO "UserSetting" ("userId") VALUES ($1)',
    ]) {
      expect(writesSignInTables(sql), sql).toBe(false);
    }
  });
});
