import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { auditStatement, distributedTables, loadStatementParser, type Finding } from './statement-audit';

beforeAll(async () => {
  await loadStatementParser();
});

const problems = (sql: string): Array<Pick<Finding, 'table' | 'alias' | 'problem'>> =>
  auditStatement(sql).map(({ table, alias, problem }) => (alias === undefined ? { table, problem } : { table, alias, problem }));

describe('auditStatement', () => {
  it('passes statements that touch no workspace table', () => {
    for (const sql of [
      'BEGIN',
      'COMMIT',
      'ROLLBACK',
      'SAVEPOINT s1',
      'RELEASE SAVEPOINT s1',
      "SET LOCAL statement_timeout = '5s'",
      'SET TRANSACTION ISOLATION LEVEL SERIALIZABLE',
      'LISTEN cruxmap_events',
      "NOTIFY cruxmap_events, 'x'",
      'SELECT 1',
      'SELECT pg_advisory_xact_lock(hashtext($1))',
      'SELECT "t0"."id" FROM "public"."User" AS "t0" WHERE ("t0"."email" = $1 AND 1=1) LIMIT $2',
      'INSERT INTO "public"."AuditLog" ("actorId","action") VALUES ($1,$2)',
    ]) {
      expect(problems(sql), sql).toEqual([]);
    }
  });

  it('fails a read of a workspace table by id alone', () => {
    expect(problems('SELECT "t0"."id", "t0"."body" FROM "public"."Annotation" AS "t0" WHERE "t0"."id" = $1')).toEqual([
      { table: 'Annotation', alias: 't0', problem: 'unconstrained' },
    ]);
    expect(problems('SELECT * FROM "public"."Annotation" WHERE "id" = $1')).toEqual([{ table: 'Annotation', problem: 'unconstrained' }]);
  });

  it('passes a read constrained on workspaceId by a parameter, a constant, a list or ANY', () => {
    for (const sql of [
      'SELECT "t0"."id" FROM "public"."Annotation" AS "t0" WHERE ("t0"."workspaceId" = $1 AND "t0"."id" = $2) LIMIT $3',
      `SELECT "id" FROM "public"."Claim" WHERE "workspaceId" = 'w1'`,
      'SELECT "id" FROM "public"."Claim" WHERE "workspaceId" = $1::text',
      'SELECT "t0"."id" FROM "public"."Claim" AS "t0" WHERE "t0"."workspaceId" IN ($1,$2)',
      'SELECT "t0"."id" FROM "public"."Claim" AS "t0" WHERE "t0"."workspaceId" = ANY($1)',
      'SELECT "public"."Claim"."id" FROM "public"."Claim" WHERE "public"."Claim"."workspaceId" = $1',
    ]) {
      expect(problems(sql), sql).toEqual([]);
    }
  });

  it('counts an OR only when each of its arms constrains the workspaceId', () => {
    expect(problems('SELECT "t0"."id" FROM "public"."Claim" AS "t0" WHERE (("t0"."workspaceId" = $1 AND "t0"."id" = $2) OR ("t0"."workspaceId" = $3 AND "t0"."id" = $4))')).toEqual([]);
    expect(problems('SELECT "id" FROM "public"."Claim" WHERE ("workspaceId" = $1 AND "id" = $2) OR "id" = $3')).toEqual([{ table: 'Claim', problem: 'unconstrained' }]);
  });

  it('does not count a workspaceId condition that is not AND-ed at the top', () => {
    expect(problems('SELECT "id" FROM "public"."Claim" WHERE "workspaceId" = $1 OR "id" = $2')).toEqual([{ table: 'Claim', problem: 'unconstrained' }]);
    expect(problems('SELECT "id" FROM "public"."Claim" WHERE NOT ("workspaceId" = $1)')).toEqual([{ table: 'Claim', problem: 'unconstrained' }]);
    expect(problems('SELECT "id" FROM "public"."Claim" WHERE "workspaceId" <> $1')).toEqual([{ table: 'Claim', problem: 'unconstrained' }]);
  });

  it('passes the compound-key forms Prisma sends for composite keys', () => {
    // as Prisma 7.10 sends them for a toy schema with @@id([workspaceId, id]) and compound foreign keys
    for (const sql of [
      `SELECT "t0"."id", "Annotation_claim"."__prisma_data__" AS "claim" FROM "public"."Annotation" AS "t0" LEFT JOIN LATERAL (SELECT JSONB_BUILD_OBJECT('id', "t1"."id") AS "__prisma_data__" FROM "public"."Claim" AS "t1" WHERE ("t0"."workspaceId" = "t1"."workspaceId" AND "t0"."claimId" = "t1"."id") LIMIT $1) AS "Annotation_claim" ON true WHERE "t0"."workspaceId" = $2 OFFSET $3`,
      'SELECT "public"."Reply"."id" FROM "public"."Reply" WHERE ("public"."Reply"."workspaceId" IN ($1) AND "public"."Reply"."annotationId" IN ($2)) OFFSET $3',
      'SELECT "t0"."id" FROM "public"."Claim" AS "t0" WHERE ("t0"."workspaceId" = $1 AND EXISTS(SELECT "t1"."workspaceId", "t1"."claimId" FROM "public"."Annotation" AS "t1" WHERE (EXISTS(SELECT "t2"."workspaceId", "t2"."annotationId" FROM "public"."Reply" AS "t2" WHERE (1=1 AND ("t1"."workspaceId","t1"."id") = ("t2"."workspaceId","t2"."annotationId") AND "t2"."workspaceId" IS NOT NULL)) AND ("t0"."workspaceId","t0"."id") = ("t1"."workspaceId","t1"."claimId") AND "t1"."workspaceId" IS NOT NULL)))',
      'DELETE FROM "public"."Reply" WHERE ("public"."Reply"."workspaceId" = $1 AND EXISTS(SELECT "t0"."workspaceId", "t0"."id" FROM "public"."Annotation" AS "t0" WHERE ("t0"."claimId" = $2 AND ("public"."Reply"."workspaceId","public"."Reply"."annotationId") = ("t0"."workspaceId","t0"."id") AND "t0"."id" IS NOT NULL)))',
      'SELECT "t0"."id" FROM "public"."Claim" AS "t0" WHERE ("t0"."workspaceId","t0"."id") IN (($1,$2),($3,$4))',
      'SELECT "id" FROM "public"."Claim" WHERE ("workspaceId","id") = ($1,$2)',
      `SELECT "t0"."id", "Annotation_claim"."__prisma_data__" AS "claim" FROM "public"."Annotation" AS "t0"
         LEFT JOIN LATERAL (SELECT JSONB_BUILD_OBJECT('id', "t1"."id") AS "__prisma_data__" FROM "public"."Claim" AS "t1"
           WHERE ("t1"."workspaceId", "t1"."id") = ("t0"."workspaceId", "t0"."claimId") LIMIT $1) AS "Annotation_claim" ON true
         WHERE "t0"."workspaceId" = $2`,
    ]) {
      expect(problems(sql), sql).toEqual([]);
    }
  });

  it('fails a relation load joined on the foreign key alone', () => {
    const sql = `SELECT "t0"."id", "Annotation_claim"."__prisma_data__" AS "claim" FROM "public"."Annotation" AS "t0"
       LEFT JOIN LATERAL (SELECT JSONB_BUILD_OBJECT('id', "t1"."id") AS "__prisma_data__" FROM "public"."Claim" AS "t1"
         WHERE "t0"."claimId" = "t1"."id" LIMIT $1) AS "Annotation_claim" ON true
       WHERE "t0"."workspaceId" = $2`;
    expect(problems(sql)).toEqual([{ table: 'Claim', alias: 't1', problem: 'unconstrained' }]);
  });

  it('follows workspaceId equalities to a constrained table, at the same or an outer level', () => {
    for (const sql of [
      'SELECT a.id FROM "public"."Annotation" a JOIN "public"."Claim" c ON c."workspaceId" = a."workspaceId" AND c.id = a."claimId" WHERE a."workspaceId" = $1',
      'SELECT a.id FROM "public"."Annotation" a JOIN "public"."Claim" c ON c."workspaceId" = a."workspaceId" JOIN "public"."Credence" r ON r."workspaceId" = c."workspaceId" WHERE a."workspaceId" = $1',
      'SELECT a.id FROM "public"."Annotation" a WHERE a."workspaceId" = $1 AND EXISTS (SELECT 1 FROM "public"."Reply" r WHERE r."workspaceId" = a."workspaceId" AND r."annotationId" = a.id)',
      'SELECT a.id FROM "public"."Annotation" a WHERE a."workspaceId" = $1 AND a."claimId" IN (SELECT c.id FROM "public"."Claim" c WHERE c."workspaceId" = a."workspaceId")',
      'SELECT a.id FROM "public"."Annotation" a, "public"."Claim" c WHERE a."workspaceId" = $1 AND c."workspaceId" = $1 AND c.id = a."claimId"',
    ]) {
      expect(problems(sql), sql).toEqual([]);
    }
  });

  it('fails two workspace tables joined on ids only, or equal to different parameters', () => {
    expect(problems('SELECT a.id FROM "public"."Annotation" a JOIN "public"."Claim" c ON c.id = a."claimId" WHERE a."workspaceId" = $1')).toEqual([
      { table: 'Claim', alias: 'c', problem: 'join-not-equated' },
      { table: 'Claim', alias: 'c', problem: 'unconstrained' },
    ]);
    expect(problems('SELECT a.id FROM "public"."Annotation" a JOIN "public"."Claim" c ON c.id = a."claimId" AND c."workspaceId" = $2 WHERE a."workspaceId" = $1')).toEqual([
      { table: 'Claim', alias: 'c', problem: 'join-not-equated' },
    ]);
  });

  it('lets an ON condition of a LEFT JOIN constrain only its right side', () => {
    expect(problems('SELECT a.id FROM "public"."Annotation" a LEFT JOIN "public"."Claim" c ON c."workspaceId" = a."workspaceId" AND a."workspaceId" = $1')).toEqual([
      { table: 'Annotation', alias: 'a', problem: 'unconstrained' },
      { table: 'Claim', alias: 'c', problem: 'unconstrained' },
    ]);
  });

  it('audits subqueries, CTEs, UNION arms and EXISTS wherever they stand', () => {
    expect(problems('SELECT 1 WHERE EXISTS (SELECT 1 FROM "public"."Reply" WHERE "id" = $1)')).toEqual([{ table: 'Reply', problem: 'unconstrained' }]);
    expect(problems('WITH x AS (SELECT id FROM "public"."Claim" WHERE id = $1) SELECT * FROM x')).toEqual([{ table: 'Claim', problem: 'unconstrained' }]);
    expect(
      problems('SELECT id FROM "public"."Claim" WHERE "workspaceId" = $1 UNION ALL SELECT id FROM "public"."Annotation" WHERE id = $2'),
    ).toEqual([{ table: 'Annotation', problem: 'unconstrained' }]);
    expect(problems('SELECT (SELECT count(*) FROM "public"."Credence" c WHERE c."claimId" = $1) AS n')).toEqual([{ table: 'Credence', alias: 'c', problem: 'unconstrained' }]);
    // a CTE named like a table is the CTE, not the table
    expect(problems('WITH "Claim" AS (SELECT 1 AS id) SELECT id FROM "Claim"')).toEqual([]);
  });

  it('audits UPDATE … FROM and DELETE … USING, and names what was written', () => {
    expect(problems('UPDATE "public"."Annotation" SET "body" = $1 WHERE "public"."Annotation"."id" = $2')).toEqual([{ table: 'Annotation', problem: 'unconstrained' }]);
    expect(auditStatement('DELETE FROM "public"."Presence" WHERE "expiresAt" < now()')[0]?.detail).toMatch(/deleted without a condition/);
    expect(
      problems('UPDATE "public"."Credence" c SET "claimId" = $1 FROM "public"."Claim" k WHERE c."workspaceId" = $2 AND k."workspaceId" = c."workspaceId" AND k.id = c."claimId"'),
    ).toEqual([]);
    expect(problems('DELETE FROM "public"."Reply" r USING "public"."Annotation" a WHERE r."workspaceId" = $1 AND a.id = r."annotationId"')).toEqual([
      { table: 'Annotation', alias: 'a', problem: 'join-not-equated' },
      { table: 'Annotation', alias: 'a', problem: 'unconstrained' },
    ]);
  });

  it('wants an INSERT into a workspace table to set workspaceId, and audits its SELECT', () => {
    expect(problems('INSERT INTO "public"."Reply" ("id","workspaceId","body") VALUES ($1,$2,$3) ON CONFLICT ("id") DO NOTHING RETURNING "id"')).toEqual([]);
    expect(problems('INSERT INTO "public"."Reply" ("id","body") VALUES ($1,$2)')).toEqual([{ table: 'Reply', problem: 'insert-without-workspace' }]);
    expect(problems('INSERT INTO "public"."QueueSkip" ("workspaceId","claimId") SELECT $1, c.id FROM "public"."Claim" c WHERE c.id = $2')).toEqual([
      { table: 'Claim', alias: 'c', problem: 'unconstrained' },
    ]);
  });

  it('reads an unqualified workspaceId as the only table in scope', () => {
    expect(problems('SELECT "id" FROM "public"."SearchWord" WHERE "workspaceId" = $1 AND "word" % $2')).toEqual([]);
    expect(problems('SELECT e."id" FROM "public"."SearchEntry" e JOIN "public"."User" u ON u.id = e."authorId" WHERE "workspaceId" = $1')).toEqual([]);
  });

  it('never throws: what it cannot parse or is too large to audit is one finding', () => {
    expect(problems('SELEKT * FROM nowhere')).toEqual([{ table: '', problem: 'unaudited' }]);
    expect(problems('')).toEqual([]);
    const deep = `SELECT ${'('.repeat(5000)}1${')'.repeat(5000)}`;
    expect(problems(deep).every((f) => f.problem === 'unaudited')).toBe(true);
    const nested = 'SELECT 1 FROM "public"."Claim" c WHERE c."workspaceId" = $1 AND EXISTS (' .repeat(300) + 'SELECT 1' + ')'.repeat(300);
    expect(problems(nested).map((f) => f.problem)).toEqual(['unaudited']);
  });

  it('audits a bulk insert of thousands of rows', () => {
    const rows = Array.from({ length: 5000 }, (_, i) => `($${3 * i + 1},$${3 * i + 2},$${3 * i + 3})`).join(',');
    expect(problems(`INSERT INTO "public"."SearchWord" ("workspaceId","word","count") VALUES ${rows}`)).toEqual([]);
  });
});

describe('distributedTables', () => {
  it('names models of prisma/schema.prisma that carry a workspaceId, and not the reference tables', () => {
    expect(distributedTables.has('Workspace')).toBe(false);
    expect(distributedTables.has('AuditLog')).toBe(false);
    const schema = readFileSync('prisma/schema.prisma', 'utf8');
    const withWorkspace = new Set(
      [...schema.matchAll(/^model (\w+) \{([^}]*)\}/gm)].filter(([, , body]) => (body ?? '').split('\n').some((line) => line.trim().startsWith('workspaceId '))).map(([, name]) => name),
    );
    expect([...distributedTables].filter((table) => !withWorkspace.has(table))).toEqual([]);
  });
});
